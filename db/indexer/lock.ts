/**
 * Exactly one indexer per chain on PostgreSQL: before indexing, the indexer takes a session-level advisory lock on a
 * dedicated connection (not the pool's: a pooled connection goes back to the pool and the lock with it). A second
 * indexer polls `pg_try_advisory_lock` and waits in standby; when the first dies — even by SIGKILL — its connection
 * drops, PostgreSQL releases the lock, and the next poll of the standby takes it over and resumes from the cursor.
 * PGlite needs none of this: openDatabase takes a lock file beside its data directory, so one process at most opens it.
 *
 * The lock alone does not stop a holder whose lock connection dropped while its pool still writes (it learns of the
 * loss only by its probes): every write transaction is fenced (fence.ts `indexerWriteFence`). It takes the chain's write key
 * shared and checks, in the database, that the indexer lock is still granted to its own lock session (pid and
 * backend start: the session's identity, no generation column needed). A new holder, once it has the lock, takes the
 * write key exclusively for an instant before it writes, so every write transaction of the old holder that passed
 * its check has ended first; any later one finds the lock in another session and throws IndexerLockLostError.
 * That wait is bounded on both sides: a fenced transaction runs with `idle_in_transaction_session_timeout` and
 * `statement_timeout` (the INDEXER_WRITE_* settings), so an old holder cut off mid-transaction (no FIN: its pool
 * connection looks alive to the server) is ended by the server within the idle limit; and the new holder waits in slices of
 * `lock_timeout`, checking its signal between two and reporting `waiting for writes` (onWaitingForWrites).
 * The market upkeep's writes (db/market/upkeep.ts) are fenced too, one transaction per batch.
 *
 * Behind PgBouncer the lock needs session pooling (transaction pooling would hand the session to other clients).
 */
import { setTimeout as delay } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from 'pino';
import { redactUrl, redactUrls } from '#contracts/redact';
import { UnavailableError } from '#protocol/base-error';
import {
  type DatabaseHandle,
  DatabaseUnavailableError,
  KEEPALIVE_INITIAL_DELAY_MS,
  KEEPALIVE_SETTINGS,
  migrateDatabase,
  timedQuery,
} from '../database';
import {
  advisoryLockRows,
  indexerLockKey,
  indexerWriteFence,
  indexerWriteKey,
  MIGRATION_LOCK_KEY,
  microsSinceEpoch,
  type WriteTimeouts,
} from './fence';
import type { WriteFence } from './store';

// The keys and the fence live in fence.ts; callers of the lock find them here too.
export { advisoryLockRows, indexerLockKey, indexerWriteFence, indexerWriteKey, MIGRATION_LOCK_KEY, type WriteTimeouts };

export type HeldLock = {
  /** Resolves when the connection that holds the lock is lost (then the lock is gone: stop indexing). */
  lost: Promise<Error>;
  /**
   * Unlocks and closes the dedicated connection, within LockLimits.releaseMs (then its socket is destroyed). With `lost`
   * (the lock is known gone) the socket is destroyed at once: a half-open connection would keep an unlock waiting for
   * minutes, and the server ends the session (and any lock left in it) on its own.
   */
  release: (options?: { lost?: boolean }) => Promise<void>;
};

/** The lock connection's limits: the INDEXER_LOCK_* settings (config/indexer.ts). */
export type LockLimits = {
  /** How long one probe of the held lock may go unanswered before it counts as missed. */
  probeTimeoutMs: number;
  /** Missed probes in a row that count as a lost lock (a closed or failed connection is lost at once). */
  probeMisses: number;
  /** How long `release` waits for the unlock and the connection's end before it destroys the socket. */
  releaseMs: number;
};
export const DEFAULT_LOCK_LIMITS: LockLimits = { probeTimeoutMs: 10_000, probeMisses: 3, releaseMs: 3_000 };

/**
 * The client-side bound of the lock connection's other statements (the keep-alive settings, `pg_try_advisory_lock`,
 * the session lookup), beyond which the server counts as gone: the connection is then dropped.
 */
const QUERY_MARGIN_MS = 5_000;

export type AcquireOptions = {
  url: string;
  key: bigint;
  /**
   * Aborting stops the wait at once (then `acquireAdvisoryLock` resolves undefined), even while the server does not
   * answer: the connection is dropped.
   */
  signal: AbortSignal;
  /** Milliseconds between two `pg_try_advisory_lock` while another process holds the lock (default 2 s). */
  pollMs?: number;
  log: Logger;
  /** Called once when the first try finds the lock held elsewhere (the process is now in standby). */
  onStandby?: () => void;
  /** DEFAULT_LOCK_LIMITS unless given. */
  limits?: LockLimits;
};

/**
 * A connection of its own on `url`. TCP keep-alives on both ends, short: the server releases the lock only once it
 * sees the session gone, and after a power or network cut the operating systems' defaults would take two hours to
 * notice. The server's side is set in SQL (PgBouncer refuses startup `options`). With `signal`, aborting drops the
 * connection at once (connecting included): the caller's pending query then fails and it sees the signal aborted.
 */
async function connect(url: string, signal?: AbortSignal) {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS,
  });
  // Errors of an idle connection (the server restarted) surface through `lost` below, never as an uncaught event.
  client.on('error', () => {});
  const drop = () => destroy(client);
  signal?.addEventListener('abort', drop, { once: true });
  try {
    await client.connect();
    await client.query(timedQuery(KEEPALIVE_SETTINGS, [], QUERY_MARGIN_MS));
  } catch (error) {
    signal?.removeEventListener('abort', drop);
    destroy(client);
    if (signal?.aborted) return undefined;
    throw new DatabaseUnavailableError(
      `Cannot connect to PostgreSQL at ${redactUrl(url)}: ${redactUrls((error as Error).message)}.`,
      { cause: error },
    );
  }
  return { client, settled: () => signal?.removeEventListener('abort', drop) };
}

/** Drops the connection without a word to the server (which then ends the session and releases its locks). */
function destroy(client: pg.Client) {
  client.connection.stream.destroy();
}

/**
 * Takes the session-level advisory lock `key` on a connection of its own, waiting in standby (one try every
 * `pollMs`) while another session holds it. Resolves undefined when `signal` aborts first.
 */
export async function acquireAdvisoryLock(options: AcquireOptions): Promise<HeldLock | undefined> {
  const taken = await takeLock(options);
  if (!taken) return undefined;
  taken.settled();
  return held(taken.client, options.key, options.pollMs ?? DEFAULT_POLL_MS, limitsOf(options), options.log);
}

const limitsOf = (options: { limits?: LockLimits }) => options.limits ?? DEFAULT_LOCK_LIMITS;

const DEFAULT_POLL_MS = 2_000;

/**
 * The connection holding the lock `key`, or undefined when `signal` aborted first. Until `settled` is called, aborting
 * drops the connection at once (a wait that must end even while the server does not answer).
 */
async function takeLock(options: AcquireOptions): Promise<{ client: pg.Client; settled: () => void } | undefined> {
  const { url, key, signal, pollMs = DEFAULT_POLL_MS, log } = options;
  const connection = await connect(url, signal);
  if (!connection) return undefined;
  const { client } = connection;
  let waiting = false;
  try {
    while (!signal.aborted) {
      const { rows } = await client.query<{ locked: boolean }>(
        timedQuery('select pg_try_advisory_lock($1::bigint) as locked', [key.toString()], QUERY_MARGIN_MS),
      );
      if (rows[0]?.locked) {
        if (waiting) log.info('took the indexer lock over: indexing from the cursor');
        return connection;
      }
      if (!waiting) {
        waiting = true;
        log.info({ key: key.toString() }, 'waiting for the indexer lock (another indexer runs): standby');
        options.onStandby?.();
      }
      await delay(pollMs, undefined, { signal }).catch(() => {});
    }
  } catch (error) {
    connection.settled();
    destroy(client);
    if (signal.aborted) return undefined;
    throw error;
  }
  // Aborted: the connection is dropped already.
  connection.settled();
  destroy(client);
  return undefined;
}

/** The indexer lock as held, with the fence of every write transaction this holder makes. */
export type IndexerLock = HeldLock & { fence: WriteFence };

/**
 * Takes the indexer lock of `chainId` (as acquireAdvisoryLock), then waits until every write transaction of a
 * previous holder has ended (the write key, exclusively, for an instant) before it returns: from then on the previous
 * holder's writes are refused by their fence. The wait is on the lock's connection, before its probes start, in
 * slices of `lock_timeout` (the signal is checked between two; `onWaitingForWrites` is called once a slice ran out).
 * Resolves undefined, the lock released, when `signal` aborts first.
 */
export async function acquireIndexerLock(
  options: Omit<AcquireOptions, 'key'> & {
    chainId: number;
    /** Called once when the previous holder's write transactions keep the write key past one wait slice. */
    onWaitingForWrites?: () => void;
    /** The limits of this holder's fenced transactions (WRITE_TIMEOUTS by default; tests shorten them). */
    writeTimeouts?: WriteTimeouts;
  },
): Promise<IndexerLock | undefined> {
  const key = indexerLockKey(options.chainId);
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const limits = limitsOf(options);
  const taken = await takeLock({ ...options, key });
  if (!taken) return undefined;
  const { client } = taken;
  try {
    if (!(await waitForWrites(client, options, pollMs))) {
      // Aborted: the connection is dropped already (the server ends the session and releases the lock).
      taken.settled();
      destroy(client);
      return undefined;
    }
    const { rows } = await client.query<{ pid: number; started: string }>(
      timedQuery(
        `select pid, ${microsSinceEpoch('backend_start')}::text as started from pg_stat_activity where pid = pg_backend_pid()`,
        [],
        QUERY_MARGIN_MS,
      ),
    );
    const session = rows[0];
    if (!session) throw new UnavailableError('The indexer lock session is missing from pg_stat_activity.');
    taken.settled();
    const lock = held(client, key, pollMs, limits, options.log);
    return { ...lock, fence: indexerWriteFence(options.chainId, session, options.writeTimeouts) };
  } catch (error) {
    taken.settled();
    destroy(client);
    // Aborted while waiting: the connection was dropped under its query.
    if (options.signal.aborted) return undefined;
    throw error;
  }
}

/** SQLSTATE lock_not_available: a `lock_timeout` ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Takes and at once releases the write key exclusively on `client` (a transaction-level lock in its own transaction),
 * in slices of `lock_timeout`; false when the signal aborted first.
 */
async function waitForWrites(
  client: pg.Client,
  options: { chainId: number; signal: AbortSignal; log: Logger; onWaitingForWrites?: () => void },
  pollMs: number,
): Promise<boolean> {
  const writeKey = indexerWriteKey(options.chainId).toString();
  const sliceMs = Math.min(Math.max(pollMs, 100), 2_000);
  // Each statement answers within its slice; past that and a margin the server counts as gone.
  const bound = sliceMs + QUERY_MARGIN_MS;
  let reported = false;
  while (!options.signal.aborted) {
    try {
      await client.query(timedQuery('begin', [], bound));
      await client.query(timedQuery("select set_config('lock_timeout', $1, true)", [String(sliceMs)], bound));
      await client.query(timedQuery('select pg_advisory_xact_lock($1::bigint)', [writeKey], bound));
      await client.query(timedQuery('commit', [], bound));
      return true;
    } catch (error) {
      await client.query(timedQuery('rollback', [], bound)).catch(() => {});
      if ((error as { code?: unknown }).code !== LOCK_NOT_AVAILABLE) throw error;
      if (!reported) {
        reported = true;
        options.log.warn("holding the indexer lock: waiting for the previous holder's writes to end");
        options.onWaitingForWrites?.();
      }
    }
  }
  return false;
}

/** pg's error when a query's `query_timeout` ran out (the connection itself may still be fine). */
const isQueryTimeout = (error: unknown) => (error as Error).message === 'Query read timeout';

/**
 * The lock as held on `client`. The connection is probed every `probeMs` (one probe at a time): a connection that
 * closed or failed has lost the session, and the lock with it, at once; one that leaves `limits.probeMisses` probes
 * in a row unanswered for `limits.probeTimeoutMs` each counts as lost too, even when the socket has not reported it
 * yet (the server releases the lock as soon as it sees the session end, and a standby may then take over). A single
 * slow answer (a checkpoint, a loaded server) costs nothing.
 */
export function held(client: pg.Client, key: bigint, probeMs: number, limits: LockLimits, log: Logger): HeldLock {
  let releasing = false;
  let gone = false;
  let probe: NodeJS.Timeout | undefined;
  let probing = false;
  let misses = 0;
  const lost = new Promise<Error>((resolve) => {
    const lose = (error: Error) => {
      clearInterval(probe);
      gone = true;
      if (!releasing) resolve(error);
    };
    client.once('error', lose);
    client.once('end', () => lose(new UnavailableError('The connection holding the indexer lock closed.')));
    probe = setInterval(() => {
      if (probing || gone) return;
      probing = true;
      client
        .query(timedQuery('select 1', [], limits.probeTimeoutMs))
        .then(
          () => {
            misses = 0;
          },
          (error: Error) => {
            if (!isQueryTimeout(error) || ++misses >= limits.probeMisses) return lose(error);
            log.warn(
              { misses, timeoutMs: limits.probeTimeoutMs },
              'the indexer lock connection answered no probe in time',
            );
          },
        )
        .finally(() => {
          probing = false;
        });
    }, probeMs);
    probe.unref();
  });
  return {
    lost,
    release: async ({ lost: known = false } = {}) => {
      releasing = true;
      clearInterval(probe);
      if (known || gone) return destroy(client);
      const unlock = async () => {
        await client.query(timedQuery('select pg_advisory_unlock($1::bigint)', [key.toString()], limits.releaseMs));
        await client.end();
        return true;
      };
      if (
        (await within(
          unlock().catch(() => false),
          limits.releaseMs,
        )) !== true
      )
        destroy(client);
    },
  };
}

/** `work`'s result, or false when `ms` pass first (the work runs on, unobserved). */
export function within<T>(work: Promise<T>, ms: number): Promise<T | false> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Runs `work` holding the (blocking) advisory lock `key` on a connection of its own: short critical sections such as
 * migrations, which every role runs at start.
 */
export async function withAdvisoryLock<T>(url: string, key: bigint, work: () => Promise<T>): Promise<T> {
  const { client } = (await connect(url))!;
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
