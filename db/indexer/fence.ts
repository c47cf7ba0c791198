/**
 * The keys of the indexer's advisory locks and the fence of its write transactions (see lock.ts, which takes the
 * lock): a write transaction takes the chain's write key shared and checks, in the database, that the indexer lock is
 * still granted to its holder's lock session; otherwise it throws IndexerLockLostError and writes nothing.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { indexerLockLimits, parseIndexerEnv } from '#config/indexer';
import { rowsOf } from '../raw-rows';
import { IndexerLockLostError } from './errors';
import type { WriteFence } from './store';

/**
 * The advisory lock key of the indexer of `chainId`: the first 8 bytes of sha256("rackshare:indexer:<chainId>") as a
 * signed 64-bit integer, so indexers of different chains sharing one server never wait for each other.
 */
export function indexerLockKey(chainId: number): bigint {
  return advisoryKey(`rackshare:indexer:${chainId}`);
}

/**
 * The key every write transaction of the indexer of `chainId` takes shared (and a new lock holder exclusively, for an
 * instant): see `indexerWriteFence`.
 */
export function indexerWriteKey(chainId: number): bigint {
  return advisoryKey(`rackshare:indexer-writes:${chainId}`);
}

/** The key migrations run under, so roles starting together on one database never apply the same migration twice. */
export const MIGRATION_LOCK_KEY = advisoryKey('rackshare:migrations');

function advisoryKey(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigInt64BE(0);
}

/**
 * SQL text: the condition on pg_locks (as `alias`) that selects the rows of the bigint advisory lock `key` in the
 * current database, granted or waiting. pg_locks shows such a key as its two unsigned 32-bit halves (classid, objid;
 * objsubid 1). The halves are computed numbers, inlined. The one spelling of that query: the fence and the tests use it.
 */
export function advisoryLockRows(key: bigint, alias = 'pg_locks'): string {
  const unsigned = BigInt.asUintN(64, key);
  return (
    `${alias}.locktype = 'advisory' and ${alias}.objsubid = 1 ` +
    `and ${alias}.database = (select oid from pg_database where datname = current_database()) ` +
    `and ${alias}.classid = ${unsigned >> 32n}::oid and ${alias}.objid = ${unsigned & 0xffff_ffffn}::oid`
  );
}

/**
 * The limits of every fenced write transaction (set local by the fence). `idleMs` bounds how long a new holder waits
 * for a write transaction of a previous holder whose client went silent (the server ends that session); `statementMs`
 * how long one statement of it may run. Both far above what a range's write takes. By default the INDEXER_WRITE_*
 * settings' defaults (config/indexer.ts: written once, there).
 */
export type WriteTimeouts = { idleMs: number; statementMs: number };
export const WRITE_TIMEOUTS: WriteTimeouts = indexerLockLimits(parseIndexerEnv({}, { localChain: false })).writes;

/** SQL: a timestamp column as whole microseconds since the epoch (a bigint: exact, unlike a timestamptz's text). */
export const microsSinceEpoch = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint`;

/**
 * The fence of the indexer of `chainId` whose lock is held by `session` (its backend's pid and start, which together
 * name one session for good: a pid alone may be reused). Run first in a write transaction: it takes the write key
 * shared until the transaction ends, then checks that the indexer lock is granted to that very session, and throws
 * IndexerLockLostError otherwise (the transaction then writes nothing).
 */
export function indexerWriteFence(
  chainId: number,
  session: { pid: number; started: string },
  timeouts: WriteTimeouts = WRITE_TIMEOUTS,
): WriteFence {
  const writeKey = indexerWriteKey(chainId).toString();
  return async (tx) => {
    // The rest of the transaction only (is_local): a client gone silent mid-transaction is ended by the server.
    await tx.execute(sql`select set_config('idle_in_transaction_session_timeout', ${String(timeouts.idleMs)}, true),
      set_config('statement_timeout', ${String(timeouts.statementMs)}, true)`);
    await tx.execute(sql`select pg_advisory_xact_lock_shared(${writeKey}::bigint)`);
    const result = await tx.execute(sql`
      select count(*)::int as held from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where ${sql.raw(advisoryLockRows(indexerLockKey(chainId), 'l'))}
        and l.granted and l.pid = ${session.pid}
        and ${sql.raw(microsSinceEpoch('a.backend_start'))} = ${session.started}::bigint`);
    if (rowsOf<{ held: number }>(result)[0]?.held !== 1) {
      throw new IndexerLockLostError(
        'Lost the indexer lock: its session is gone and another indexer may write now; this one writes nothing more.',
      );
    }
  };
}
