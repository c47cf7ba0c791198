import { describe, expect, it } from 'vitest';
import { ConfigError } from './env';
import { parseIndexerEnv, REMOTE_CONFIRMATIONS } from './indexer';

describe('indexer settings', () => {
  it('defaults to 12 confirmations on a real chain and 0 on the local one (M-5)', () => {
    expect(REMOTE_CONFIRMATIONS).toBe(12);
    expect(parseIndexerEnv({}, { localChain: false }).INDEXER_CONFIRMATIONS).toBe(12);
    expect(parseIndexerEnv({}, { localChain: true }).INDEXER_CONFIRMATIONS).toBe(0);
  });

  it('takes an empty value (a copied .env.example) as unset, not as 0 confirmations (M-5)', () => {
    expect(parseIndexerEnv({ INDEXER_CONFIRMATIONS: '' }, { localChain: false }).INDEXER_CONFIRMATIONS).toBe(12);
    expect(parseIndexerEnv({ INDEXER_CONFIRMATIONS: '0' }, { localChain: false }).INDEXER_CONFIRMATIONS).toBe(0);
    expect(parseIndexerEnv({ INDEXER_CONFIRMATIONS: '3' }, { localChain: true }).INDEXER_CONFIRMATIONS).toBe(3);
  });

  it('refuses a value that is not a whole number of blocks with one sentence', () => {
    expect(() => parseIndexerEnv({ INDEXER_CONFIRMATIONS: '-1' }, { localChain: false })).toThrow(ConfigError);
    expect(() => parseIndexerEnv({ INDEXER_CONFIRMATIONS: '-1' }, { localChain: false })).toThrow(
      /INDEXER_CONFIRMATIONS/,
    );
  });
});
