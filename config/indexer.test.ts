import { describe, expect, it } from 'vitest';
import { ConfigError } from './env';
import { indexerLockLimits, parseIndexerEnv, REMOTE_CONFIRMATIONS } from './indexer';

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

  it('gives the lock and fenced-write limits their defaults, each settable (B4, B12)', () => {
    expect(indexerLockLimits(parseIndexerEnv({}, { localChain: false }))).toEqual({
      lock: { probeTimeoutMs: 10_000, probeMisses: 3, releaseMs: 3_000 },
      writes: { idleMs: 30_000, statementMs: 120_000 },
      graceMs: 5_000,
    });
    const set = parseIndexerEnv(
      {
        INDEXER_LOCK_PROBE_TIMEOUT_MS: '4000',
        INDEXER_LOCK_PROBE_MISSES: '2',
        INDEXER_LOCK_RELEASE_TIMEOUT_MS: '1000',
        INDEXER_LOST_LOCK_GRACE_MS: '2000',
        INDEXER_WRITE_STATEMENT_TIMEOUT_MS: '600000',
        INDEXER_WRITE_IDLE_TIMEOUT_MS: '60000',
      },
      { localChain: false },
    );
    expect(indexerLockLimits(set)).toEqual({
      lock: { probeTimeoutMs: 4_000, probeMisses: 2, releaseMs: 1_000 },
      writes: { idleMs: 60_000, statementMs: 600_000 },
      graceMs: 2_000,
    });
    expect(() => parseIndexerEnv({ INDEXER_LOCK_PROBE_MISSES: '0' }, { localChain: false })).toThrow(
      /INDEXER_LOCK_PROBE_MISSES/,
    );
  });
});
