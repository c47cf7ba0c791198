/**
 * Review (maintainer): holes in the import-direction scanner. Each case is a shipping module reaching test/dev code
 * that `npm run lint` lets through today.
 */
import { describe, expect, it } from 'vitest';
import { violations } from './layers';

describe('the import-direction lint (review holes)', () => {
  it('refuses a shipping module importing a test kit (which itself imports devnet/)', () => {
    // db/fixtures.test-kit.ts imports ../devnet/chain: importing it from db/ ships devnet transitively.
    expect(violations('db/reindex.ts', "import { startTestChain } from './fixtures.test-kit';")).toHaveLength(1);
    expect(
      violations('app/models/x.server.ts', "import { startTestChain } from '#db/fixtures.test-kit';"),
    ).toHaveLength(1);
  });

  it('refuses a shipping module importing tests/ or bench/', () => {
    expect(violations('db/x.ts', "import { publicClient } from '../tests/e2e/support/chain';")).toHaveLength(1);
    expect(violations('oracle/node/x.ts', "import { x } from '../../bench/seed';")).toHaveLength(1);
  });

  it('sees a dynamic import written with a template literal', () => {
    expect(violations('db/x.ts', 'const m = await import(`../devnet/anvil`);')).toHaveLength(1);
  });
});
