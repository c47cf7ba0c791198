/**
 * Exactly one indexer per chain on PostgreSQL: before indexing, the indexer takes a session-level advisory lock on a
 * dedicated connection (not the pool's: a pooled connection goes back to the pool and the lock with it). A second
 * indexer polls `pg_try_advisory_lock` and waits in standby; when the first dies — even by SIGKILL — its connection
 * drops, PostgreSQL releases the lock, and the next poll of the standby takes it over and resumes from the cursor.
 * PGlite needs none of this: its data directory can be opened by one process only.
 *
 * Behind PgBouncer the lock needs session pooling (transaction pooling would hand the session to other clients).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import { redactUrl, redactUrls } from '#contracts/redact';
import { type DatabaseHandle, type DatabaseTarget, DatabaseUnavailableError, migrateDatabase } from '../database';

/**
 * The advisory lock key of the indexer of `chainId`: the first 8 bytes of sha256("rackshare:indexer:<chainId>") as a
 * signed 64-bit integer, so indexers of different chains sharing one server never wait for each other.
 */
export function indexerLockKey(chainId: number): bigint {
  return advisoryKey(`rackshare:indexer:${chainId}`);
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
  const { url, key, signal, pollMs = 2_000, log } = options;
  const client = await connect(url);
  let waiting = false;
  try {
    while (!signal.aborted) {
      const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock($1::bigint) as locked', [
        key.toString(),
      ]);
      if (rows[0]?.locked) {
        if (waiting) log.info('took the indexer lock over: indexing from the cursor');
        return held(client, key, pollMs);
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
 * standby; on PGlite at once (one process per data directory). Returns the error that cost the lock, if it was lost
 * (the work was then aborted), so the caller can exit non-zero and be restarted into standby.
 */
export async function indexWithLock(options: LockedIndexingOptions, work: () => Promise<void>) {
  const { target, controller, log, onState } = options;
  let lock: HeldLock | undefined;
  let lostLock: Error | undefined;
  if (target.kind === 'postgres') {
    lock = await acquireAdvisoryLock({
      url: target.url,
      key: indexerLockKey(options.chainId),
      signal: controller.signal,
      pollMs: options.pollMs,
      log,
      onStandby: () => onState('standby'),
    });
    if (!lock) return undefined;
    void lock.lost.then((error) => {
      if (controller.signal.aborted) return;
      lostLock = error;
      log.error({ err: error }, 'lost the indexer lock: stopping');
      controller.abort();
    });
  }
  try {
    await work();
  } finally {
    onState('stopping');
    await lock?.release();
  }
  return lostLock;
}
