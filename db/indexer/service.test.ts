/**
 * The `indexer` role's pool (service.ts): a client-side bound past the fenced statement limit, and no server-side
 * statement bound of its own (B5: work abandoned after a lost lock never pins a connection).
 */
import { describe, expect, it } from 'vitest';
import { indexerLockLimits, parseIndexerEnv } from '#config/indexer';
import { indexerPoolTimeouts, poolConfig, sessionSettings } from '../database';

describe("the indexer's pool", () => {
  it('bounds every query 5 s past the fenced statement limit on the client, none on the server', () => {
    const statementMs = indexerLockLimits(
      parseIndexerEnv({ INDEXER_WRITE_STATEMENT_TIMEOUT_MS: '90000' }, { localChain: false }),
    ).writes.statementMs;
    const timeouts = indexerPoolTimeouts(statementMs);
    expect(poolConfig('postgres://db/rackshare', timeouts)).toMatchObject({ query_timeout: 95_000 });
    expect(sessionSettings(timeouts)).toContain('set statement_timeout = 0');
    expect(sessionSettings(timeouts)).toContain('set tcp_keepalives_idle = 10');
  });
});
