import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Tests that load both cores on purpose (a committee under attack) and assert liveness: they run alone, last. */
const ISOLATED = '**/*.isolated.test.ts';

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    // Generous: these tests drive real anvil chains and databases on 2-core machines; a timeout here is a hang guard, not a
    // performance assertion.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{app,config,db,demo,devnet,oracle,protocol,scripts,contracts/ts,tests/lint}/**/*.test.ts'],
          exclude: ['**/node_modules/**', ISOLATED],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'isolated',
          include: [`{app,config,db,demo,devnet,oracle,protocol,scripts,contracts/ts}/${ISOLATED}`],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
