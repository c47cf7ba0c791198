import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '~': fileURLToPath(new URL('./app', import.meta.url)) } },
  test: {
    include: ['{app,db,oracle,scripts,contracts/ts}/**/*.test.ts'],
    // Generous: these tests drive real anvil chains and databases on 2-core machines; a timeout here is a hang guard, not a
    // performance assertion.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
