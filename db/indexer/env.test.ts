import { describe, expect, it } from 'vitest';
import { REMOTE_CONFIRMATIONS, readIndexerEnv } from './env';

describe('indexer settings', () => {
  it('defaults to 12 confirmations on a real chain and 0 on the local one (M-5)', () => {
    expect(REMOTE_CONFIRMATIONS).toBe(12);
    expect(readIndexerEnv({ localChain: false }, {}).INDEXER_CONFIRMATIONS).toBe(12);
    expect(readIndexerEnv({ localChain: true }, {}).INDEXER_CONFIRMATIONS).toBe(0);
  });

  it('takes an empty value (a copied .env.example) as unset, not as 0 confirmations (M-5)', () => {
    expect(readIndexerEnv({ localChain: false }, { INDEXER_CONFIRMATIONS: '' }).INDEXER_CONFIRMATIONS).toBe(12);
    expect(readIndexerEnv({ localChain: false }, { INDEXER_CONFIRMATIONS: '0' }).INDEXER_CONFIRMATIONS).toBe(0);
    expect(readIndexerEnv({ localChain: true }, { INDEXER_CONFIRMATIONS: '3' }).INDEXER_CONFIRMATIONS).toBe(3);
  });

  it('refuses a value that is not a whole number of blocks with one message', () => {
    expect(() => readIndexerEnv({ localChain: false }, { INDEXER_CONFIRMATIONS: '-1' })).toThrow(
      /Invalid indexer configuration/,
    );
  });
});
