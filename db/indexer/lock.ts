/**
 * Exactly one indexer per chain on PostgreSQL: before indexing, the indexer takes a session-level advisory lock on a
 * dedicated connection (not the pool's: a pooled connection goes back to the pool and the lock with it). A second
 * indexer polls `pg_try_advisory_lock` and waits in standby; when the first dies — even by SIGKILL — its connection
 * drops, PostgreSQL releases the lock, and the next poll of the standby takes it over and resumes from the cursor.
 * PGlite needs none of this: its data directory can be opened by one process only.
 *
 * The lock alone does not stop a holder whose lock connection dropped while its pool still writes (it learns of the
 * loss one probe later): every write transaction is fenced (`indexerWriteFence`). It takes the chain's write key
 * shared and checks, in the database, that the indexer lock is still granted to its own lock session (pid and
 * backend start: the session's identity, no generation column needed). A new holder, once it has the lock, takes the
 * write key exclusively for an instant before it writes, so every write transaction of the old holder that passed
 * its check has ended first; any later one finds the lock in another session and throws IndexerLockLostError.
 *
 * Behind PgBouncer the lock needs session pooling (transaction pooling would hand the session to other clients).
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Logger } from 'pino';
import { redactUrl, redactUrls } from '#contracts/redact';
import { type DatabaseHandle, type DatabaseTarget, DatabaseUnavailableError, migrateDatabase } from '../database';
import { rowsOf } from '../raw-rows';
import { INDEXER_LOCK_LOST, IndexerLockLostError } from './errors';
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

export type HeldLock = {
  /** Resolves when the connection that holds the lock is lost (then the lock is gone: stop indexing). */
  lost: Promise<Error>;
  /** Unlocks and closes the dedicated connection. */
  release: () => Promise<void>;
};

export type AcquireOptions = {
  url: string;
  key: bigint;
  /** Aborting stops the wait (then `acquireAdvisoryLock` resolves undefined) within one poll interval. */
  signal: AbortSignal;
  /** Milliseconds between two `pg_try_advisory_lock` while another process holds the lock (default 2 s). */
  pollMs?: number;
  log: Logger;
  /** Called once when the first try finds the lock held elsewhere (the process is now in standby). */
  onStandby?: () => void;
};

async function connect(url: string) {
  // TCP keep-alive: a peer gone without a FIN (a cut network) is noticed by both ends, not after the OS's two hours.
  // Keep-alives on both ends, short: the server releases the lock only once it sees the session gone, and after a
  // power or network cut on this machine the operating systems' defaults would take two hours to notice.
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    options: '-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3',
  });
  // Errors of an idle connection (the server restarted) surface through `lost` below, never as an uncaught event.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new DatabaseUnavailableError(
      `Cannot connect to PostgreSQL at ${redactUrl(url)}: ${redactUrls((error as Error).message)}.`,
      { cause: error },
    );
  }
  return client;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * Takes the session-level advisory lock `key` on a connection of its own, waiting in standby (one try every
 * `pollMs`) while another session holds it. Resolves undefined when `signal` aborts first.
 */
export async function acquireAdvisoryLock(options: AcquireOptions): Promise<HeldLock | undefined> {
  const client = await takeLock(options);
  return client && held(client, options.key, options.pollMs ?? DEFAULT_POLL_MS);
}

const DEFAULT_POLL_MS = 2_000;

/** The connection holding the lock `key`, or undefined when `signal` aborted first. */
async function takeLock(options: AcquireOptions): Promise<pg.Client | undefined> {
  const { url, key, signal, pollMs = DEFAULT_POLL_MS, log } = options;
  const client = await connect(url);
  let waiting = false;
  try {
    while (!signal.aborted) {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [
        key.toString(),
      ]);
      if (rows[0]?.locked) {
        if (waiting) log.info('took the indexer lock over: indexing from the cursor');
        return client;
      }
      if (!waiting) {
        waiting = true;
        log.info({ key: key.toString() }, 'waiting for the indexer lock (another indexer runs): standby');
        options.onStandby?.();
      }
      await sleep(pollMs, signal);
    }
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
  await client.end().catch(() => {});
  return undefined;
}

/** The indexer lock as held, with the fence of every write transaction this holder makes. */
export type IndexerLock = HeldLock & { fence: WriteFence };

/**
 * Takes the indexer lock of `chainId` (as acquireAdvisoryLock), then waits until every write transaction of a
 * previous holder has ended (the write key, exclusively, for an instant) before it returns: from then on the previous
 * holder's writes are refused by their fence. The wait is on the lock's connection, before its probes start.
 */
export async function acquireIndexerLock(
  options: Omit<AcquireOptions, 'key'> & { chainId: number },
): Promise<IndexerLock | undefined> {
  const key = indexerLockKey(options.chainId);
  const client = await takeLock({ ...options, key });
  if (!client) return undefined;
  try {
    // A transaction-level lock in its own statement: taken once the old holder's writers let go, released at once.
    await client.query('select pg_advisory_xact_lock($1::bigint)', [indexerWriteKey(options.chainId).toString()]);
    const { rows } = await client.query<{ pid: number; started: string }>(
      `select pid, ${microsSinceEpoch('backend_start')}::text as started from pg_stat_activity where pid = pg_backend_pid()`,
    );
    const session = rows[0];
    if (!session) throw new Error('the lock session is missing from pg_stat_activity');
    const lock = held(client, key, options.pollMs ?? DEFAULT_POLL_MS);
    return { ...lock, fence: indexerWriteFence(options.chainId, session) };
  } catch (error) {
    await client.end().catch(() => {});
    throw error;
  }
}

/** SQL: a timestamp column as whole microseconds since the epoch (a bigint: exact, unlike a timestamptz's text). */
const microsSinceEpoch = (column: string) => `(extract(epoch from ${column}) * 1000000)::bigint`;

/**
 * The fence of the indexer of `chainId` whose lock is held by `session` (its backend's pid and start, which together
 * name one session for good: a pid alone may be reused). Run first in a write transaction: it takes the write key
 * shared until the transaction ends, then checks that the indexer lock is granted to that very session, and throws
 * IndexerLockLostError otherwise (the transaction then writes nothing).
 */
export function indexerWriteFence(chainId: number, session: { pid: number; started: string }): WriteFence {
  const lockKey = BigInt.asUintN(64, indexerLockKey(chainId));
  const writeKey = indexerWriteKey(chainId).toString();
  return async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock_shared(${writeKey}::bigint)`);
    // pg_locks shows a bigint advisory key as its two unsigned 32-bit halves (objsubid 1).
    const result = await tx.execute(sql`
      select count(*)::int as held from pg_locks l join pg_stat_activity a on a.pid = l.pid
      where l.locktype = 'advisory' and l.granted and l.objsubid = 1
        and l.database = (select oid from pg_database where datname = current_database())
        and l.classid = ${(lockKey >> 32n).toString()}::oid and l.objid = ${(lockKey & 0xffff_ffffn).toString()}::oid
        and l.pid = ${session.pid} and ${sql.raw(microsSinceEpoch('a.backend_start'))} = ${session.started}::bigint`);
    if (rowsOf<{ held: number }>(result)[0]?.held !== 1) {
      throw new IndexerLockLostError(
        'Lost the indexer lock: its session is gone and another indexer may write now; this one writes nothing more.',
      );
    }
  };
}

/**
 * The lock as held on `client`. The connection is probed every `probeMs`: a connection that no longer answers has
 * lost the session, and the lock with it, even when the socket has not reported it yet (the server releases the lock as
 * soon as it sees the session end, and a standby may then take over).
 */
function held(client: pg.Client, key: bigint, probeMs: number): HeldLock {
  let releasing = false;
  let probe: NodeJS.Timeout | undefined;
  const lost = new Promise<Error>((resolve) => {
    const lose = (error: Error) => {
      clearInterval(probe);
      if (!releasing) resolve(error);
    };
    client.once('error', lose);
    client.once('end', () => lose(new Error('the connection holding the indexer lock closed')));
    probe = setInterval(() => {
      // query_timeout per query: pg reads it at run time; its types know it only on the client.
      client.query({ text: 'select 1', query_timeout: Math.max(probeMs, 1_000) } as pg.QueryConfig).catch(lose);
    }, probeMs);
    probe.unref();
  });
  return {
    lost,
    release: async () => {
      releasing = true;
      clearInterval(probe);
      await client.query('select pg_advisory_unlock($1::bigint)', [key.toString()]).catch(() => {});
      await client.end().catch(() => {});
    },
  };
}

/**
 * Runs `work` holding the (blocking) advisory lock `key` on a connection of its own: short critical sections such as
 * migrations, which every role runs at start.
 */
export async function withAdvisoryLock<T>(url: string, key: bigint, work: () => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    await client.query('select pg_advisory_lock($1::bigint)', [key.toString()]);
    return await work();
  } finally {
    await client.query('select pg_advisory_unlock($1::bigint)', [key.toString()]).catch(() => {});
    await client.end().catch(() => {});
  }
}

/** Applies the migrations; on PostgreSQL under an advisory lock, so processes starting together never race. */
export async function migrateShared(database: DatabaseHandle) {
  const { target } = database;
  if (target.kind === 'pglite') await migrateDatabase(database);
  else await withAdvisoryLock(target.url, MIGRATION_LOCK_KEY, () => migrateDatabase(database));
}

/** Where an indexer stands, as its `/health` reports it. */
export type IndexerState = 'starting' | 'standby' | 'indexing' | 'stopping';

export type LockedIndexingOptions = {
  target: DatabaseTarget;
  chainId: number;
  /** The indexer's own signal: aborting it ends the wait or the work; it is aborted when the lock is lost. */
  controller: AbortController;
  pollMs: number;
  log: Logger;
  onState: (state: IndexerState) => void;
};

/**
 * Runs `work` (migrate, check, index) holding the indexer lock of `chainId`: on PostgreSQL after waiting for it in
 * standby, with the fence its writes must pass (`indexerWriteFence`); on PGlite at once and without a fence (one
 * process per data directory). Returns the error that cost the lock, if it was lost (the work was then aborted, or
 * its write was refused by the fence), so the caller can stand by again or exit and be restarted into standby.
 */
export async function indexWithLock(
  options: LockedIndexingOptions,
  work: (fence: WriteFence | undefined) => Promise<void>,
): Promise<Error | undefined> {
  const { target, controller, log, onState } = options;
  let lock: IndexerLock | undefined;
  let lostLock: Error | undefined;
  const lose = (error: Error) => {
    if (lostLock || (controller.signal.aborted && !isLockLost(error))) return;
    lostLock = error;
    log.error({ err: error }, 'lost the indexer lock: stopping');
    controller.abort();
  };
  if (target.kind === 'postgres') {
    lock = await acquireIndexerLock({
      url: target.url,
      chainId: options.chainId,
      signal: controller.signal,
      pollMs: options.pollMs,
      log,
      onStandby: () => onState('standby'),
    });
    if (!lock) return undefined;
    void lock.lost.then(lose);
  }
  try {
    await work(lock?.fence);
  } catch (error) {
    // The fence refused a write: the lock is gone even if its connection has not said so yet.
    if (!isLockLost(error)) throw error;
    lose(error as Error);
  } finally {
    onState('stopping');
    await lock?.release();
  }
  return lostLock;
}

const isLockLost = (error: unknown) => (error as { code?: unknown }).code === INDEXER_LOCK_LOST;
