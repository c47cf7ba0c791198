import { sql } from 'drizzle-orm';
import type pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { indexerLockLimits } from '#config/indexer';
import { parseStackEnv } from '#config/stack';
import { createScratchDatabase } from '#db/databases.test-kit';
import { type ChainConnection, startDatabase } from './stack';

const postgresUrl = process.env.TEST_DATABASE_URL;
const log = pino({ level: 'silent' });

describe.skipIf(!postgresUrl)("role all's databases on PostgreSQL", () => {
  it("reads and writes the web's pages through a handle with the web's bounds; the indexer's as the indexer role's", async () => {
    const scratch = await createScratchDatabase(postgresUrl!);
    const stops: (() => Promise<void>)[] = [];
    try {
      const env = parseStackEnv({ DATABASE_URL: scratch.url, WEB_DATABASE_STATEMENT_TIMEOUT_MS: '400' });
      const chain = { chainId: 31_337 } as ChainConnection;
      const database = await startDatabase(env, chain, log, (stop) => void stops.push(stop));
      expect(database.web).not.toBe(database.indexer);
      const setting = async (db: typeof database.web.db) => {
        const result = await db.execute(sql`show statement_timeout`);
        return (result as unknown as { rows: { statement_timeout: string }[] }).rows[0]?.statement_timeout;
      };
      expect(await setting(database.web.db)).toBe('400ms');
      expect(await setting(database.indexer.db)).toBe('0');
      // The server ends a page's statement at the web's bound; the client drops it 5 s later if the server is silent.
      await expect(database.web.db.execute(sql`select pg_sleep(3)`)).rejects.toMatchObject({
        cause: { message: 'canceling statement due to statement timeout' },
      });
      const pool = (database.web.db.$primary as unknown as { $client: pg.Pool }).$client;
      expect((pool.options as { query_timeout?: number }).query_timeout).toBe(5_400);
      const indexerPool = (database.indexer.db.$primary as unknown as { $client: pg.Pool }).$client;
      // No server-side bound (its fenced writes set their own), a client-side one 5 s past the fenced statement limit.
      expect((indexerPool.options as { query_timeout?: number }).query_timeout).toBe(
        indexerLockLimits(env.indexer).writes.statementMs + 5_000,
      );
    } finally {
      for (let stop = stops.pop(); stop; stop = stops.pop()) await stop();
      await scratch.drop();
    }
  }, 30_000);
});
