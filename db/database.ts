/**
 * Opens the mirror database: PGlite (embedded Postgres in WebAssembly) under a data directory by default, or a real
 * PostgreSQL server when a `postgres://` URL is given. Both run the same drizzle schema and migrations. With
 * PostgreSQL, read replicas may serve the selects (drizzle's `withReplicas`); `db.$primary` is the primary always.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { type PgDatabase, type PgQueryResultHKT, withReplicas } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { redactAddresses, redactUrl } from '#contracts/redact';
import { ConfigError, UnavailableError } from '#protocol/base-error';
import { lockDataDirectory } from './pglite-lock';
import * as schema from './schema';

export { DatabaseInUseError } from './pglite-lock';
export { schema };
export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/**
 * A database whose selects may be served by a read replica (`select`, `selectDistinct`, `$count`, `with`, `query`)
 * while writes, `execute` and transactions go to the primary; `$primary` is the primary itself, for what must read
 * its own writes (sessions, the relay's insert-then-read, the operator's documents). Without replicas both are the
 * one database.
 */
export type ReadDatabase = Database & { $primary: Database };

export type DatabaseTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };

export type DatabaseHandle = {
  db: ReadDatabase;
  target: DatabaseTarget;
  /** How many read replicas serve `db`'s selects (0: the primary serves everything). */
  replicaCount: number;
  /** Each read replica's own database, by index (for the replica monitor's probes: db/replicas.ts). */
  replicas: Database[];
  /**
   * Which replicas serve `db`'s selects now, by index: all of them until the replica monitor takes one out (it
   * writes this array). With none in rotation, the primary serves the reads.
   */
  rotation: boolean[];
  /**
   * Tells `listener` when an idle connection of replica `index` is lost (its server stopped or crashed); the replica
   * is out of rotation already (the replica monitor, db/replicas.ts, records it and puts it back once it answers).
   */
  onReplicaLost: (listener: (index: number, error: Error) => void) => void;
  /**
   * Releases connections; for PGlite also flushes and closes the data directory (a dirty one hangs reopen) and
   * releases its lock file.
   */
  close: () => Promise<void>;
};

/**
 * How long a PostgreSQL pool's connections may take (0: no bound). `statementMs` is the server's statement_timeout,
 * with a client-side bound 5 s later for a server that does not answer at all (the connection is then dropped, never
 * left pinned); `idleInTransactionMs` ends a session left idle inside a transaction (a process cut off mid-write), so
 * its locks never outlive it for long. Every pool also has TCP keep-alives: a cut network is noticed in seconds.
 */
export type PoolTimeouts = {
  statementMs: number;
  idleInTransactionMs: number;
  /** A client-side bound alone (no server statement_timeout); by default statementMs + 5 s when statementMs > 0. */
  queryMs?: number;
};

/** No statement bound (the indexer's 50k-row COPY and MERGE, migrations); a minute idle inside a transaction. */
export const DEFAULT_POOL_TIMEOUTS: PoolTimeouts = { statementMs: 0, idleInTransactionMs: 60_000 };

/**
 * The indexer's pool: no server-side statement bound for the session (its fenced transactions set their own), but a
 * client-side bound `queryMs` (the fenced statement limit + 5 s), so work abandoned after a lost lock never keeps a pool
 * connection waiting on a server that does not answer.
 */
export const indexerPoolTimeouts = (fencedStatementMs: number): PoolTimeouts => ({
  ...DEFAULT_POOL_TIMEOUTS,
  queryMs: fencedStatementMs + 5_000,
});

/** TCP keep-alives of every connection (pools, the indexer and migration locks), set in SQL after connecting. */
export const KEEPALIVE_SETTINGS =
  'set tcp_keepalives_idle = 10; set tcp_keepalives_interval = 5; set tcp_keepalives_count = 3';
/** The client side's first keep-alive probe after this much silence. */
export const KEEPALIVE_INITIAL_DELAY_MS = 10_000;

/** How long the check of a server's version (connect and one select) may take before it counts as unreachable. */
const VERSION_CHECK_MS = 5_000;

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Thrown when the database cannot be reached or opened; the message is one sentence meant for an operator. */
export class DatabaseUnavailableError extends UnavailableError {
  override name = 'DatabaseUnavailableError';
}

/** For a database routed to several replicas: its one-replica views (oneReplica), the primary's, and the next turn. */
const pinnedViews = new WeakMap<
  ReadDatabase,
  { views: ReadDatabase[]; primaryView: ReadDatabase; rotation: readonly boolean[]; next: number }
>();

/**
 * `primary` with its read replicas: selects go to a replica in rotation (round-robin), everything else to the
 * primary; while `rotation` (by index; the replica monitor's, db/replicas.ts) has none in, selects go to the primary
 * too. With several replicas, oneReplica(db) gives one request a view on a single replica.
 */
export function routeReads(
  primary: Database,
  replicas: readonly Database[],
  rotation: readonly boolean[] = replicas.map(() => true),
): ReadDatabase {
  // Selects through a route go to the next of `indexes` in rotation, else to the primary (read when they run, so a
  // replica taken out stops serving at its next select). drizzle calls the chooser with the replicas it was given.
  const route = (indexes: number[]) => {
    let next = 0;
    const choose = () => {
      const serving = indexes.filter((index) => rotation[index] !== false);
      return serving.length === 0 ? primary : replicas[serving[next++ % serving.length]!]!;
    };
    const reads = indexes.length === 0 ? [primary] : indexes.map((index) => replicas[index]!);
    return withReplicas(primary, reads as [Database, ...Database[]], choose);
  };
  // Without replicas `primary` itself, marked as its own primary: `db.$primary` reads the same everywhere.
  if (replicas.length === 0) return Object.assign(primary, { $primary: primary });
  const all = replicas.map((_, index) => index);
  const db = route(all);
  if (replicas.length > 1) {
    pinnedViews.set(db, { views: all.map((index) => route([index])), primaryView: route([]), rotation, next: 0 });
  }
  return db;
}

/**
 * The database one request reads through: with several replicas, a view whose selects all go to one of them (the
 * next in rotation, round-robin), so a page's figures and the indexed block it says they are at come from the same
 * copy — a lagging replica shows its own lag; with none in rotation, a view on the primary. The views are fixed
 * objects, so the per-database caches (marketCache) keep one snapshot per copy. With one replica or none, `db` itself
 * (whose one replica's selects fall back to the primary while it is out of rotation).
 */
export function oneReplica(db: ReadDatabase): ReadDatabase {
  const pinned = pinnedViews.get(db);
  if (!pinned) return db;
  const serving = pinned.views.filter((_, index) => pinned.rotation[index] !== false);
  if (serving.length === 0) return pinned.primaryView;
  return serving[pinned.next++ % serving.length]!;
}

/** `server_version_num` of the oldest PostgreSQL the schema and the indexer's statements run on (MERGE: 15). */
export const MIN_POSTGRES_VERSION_NUM = 150_000;

/**
 * A query that fails after `timeoutMs` without an answer (pg's `query_timeout`, which its types leave out); through
 * `pool.query` its connection is then dropped, not returned to the pool.
 */
export function timedQuery(text: string, values: unknown[], timeoutMs: number): pg.QueryConfig {
  return { text, values, query_timeout: timeoutMs } as pg.QueryConfig;
}

/** Why a server cannot serve as Rackshare's database (too old), or undefined. */
export function versionProblem(version: number): string | undefined {
  // The indexer's balances are one MERGE per batch (db/indexer/derived/balances.ts): PostgreSQL 15 or later.
  if (version >= MIN_POSTGRES_VERSION_NUM) return undefined;
  return `runs PostgreSQL ${Math.floor(version / 10_000)}; Rackshare needs PostgreSQL 15 or later`;
}

/** The options of a pg pool on `url`: its client-side bounds and TCP keep-alives (the server's side: sessionSettings). */
export function poolConfig(url: string, timeouts: PoolTimeouts): pg.PoolConfig {
  return {
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: KEEPALIVE_INITIAL_DELAY_MS,
    ...(timeouts.queryMs !== undefined
      ? { query_timeout: timeouts.queryMs }
      : timeouts.statementMs > 0
        ? { query_timeout: timeouts.statementMs + 5_000 }
        : {}),
  };
}

/**
 * What each new connection sets first: the server's timeouts and keep-alives (as db/indexer/lock.ts). Set in SQL, not
 * as startup parameters, which PgBouncer refuses; `set` rather than `set local`: for the whole session.
 */
export function sessionSettings(timeouts: PoolTimeouts): string {
  return [
    `set statement_timeout = ${Math.trunc(timeouts.statementMs)}`,
    `set idle_in_transaction_session_timeout = ${Math.trunc(timeouts.idleInTransactionMs)}`,
    KEEPALIVE_SETTINGS,
  ].join('; ');
}

/**
 * A pool on `url`, its server checked (it answers within VERSION_CHECK_MS, PostgreSQL 15 or later). With
 * `unreachable: 'lazy'`, a server that does not answer yet gives its pool anyway (`reachable` false; its version is
 * then the replica monitor's to check, db/replicas.ts), to connect when next asked.
 */
async function connectPool(url: string, role: string, timeouts: PoolTimeouts, unreachable: 'throw' | 'lazy' = 'throw') {
  const pool = new pg.Pool(poolConfig(url, timeouts));
  // The pool emits errors of idle clients (server restart); queries surface their own errors.
  pool.on('error', () => {});
  // Queued before any query of the connection's first user: every statement on it runs with these settings. A
  // failure here surfaces as that query's own (the connection is broken).
  const settings = sessionSettings(timeouts);
  pool.on('connect', (client) => {
    client.query(settings).catch(() => {});
    // A checked-out connection the server ends between two statements (idle_in_transaction_session_timeout, a
    // restart) emits 'error' with no query to take it: unheard, that event would crash the process. Its user's next
    // query fails instead ("not queryable"), and the pool discards the connection when it is released with that error.
    client.on('error', () => {});
  });
  let version: number;
  try {
    const { rows } = await pool.query<{ version: string }>(
      timedQuery(`select current_setting('server_version_num') as version`, [], VERSION_CHECK_MS),
    );
    version = Number(rows[0]?.version);
  } catch (error) {
    if (unreachable === 'lazy') return { pool, reachable: false };
    await pool.end();
    throw new DatabaseUnavailableError(
      `Cannot connect to ${role} at ${redactUrl(url)}: ${redactAddresses((error as Error).message)}.`,
      { cause: error },
    );
  }
  const problem = versionProblem(version);
  if (problem) {
    await pool.end();
    throw new DatabaseUnavailableError(`${role} at ${redactUrl(url)} ${problem}.`);
  }
  return { pool, reachable: true };
}

/**
 * Opens `target`; with `readUrls` (PostgreSQL only), `db` sends its selects to those replicas and the rest to the
 * primary (routeReads). A replica that does not answer is refused in one sentence, unless `unreachableReplicas` is
 * `out`: then it starts out of rotation, for a replica monitor (db/replicas.ts) to put back once it answers — what a
 * web process does, so that a replica down never keeps it from starting. `close` ends every pool.
 */
export async function openDatabase(
  target: DatabaseTarget,
  options: {
    readUrls?: readonly string[];
    unreachableReplicas?: 'refuse' | 'out';
    /** Every pool's bounds (PostgreSQL only); DEFAULT_POOL_TIMEOUTS when absent. */
    timeouts?: PoolTimeouts;
  } = {},
): Promise<DatabaseHandle> {
  const readUrls = options.readUrls ?? [];
  const lostListeners: ((index: number, error: Error) => void)[] = [];
  const onReplicaLost = (listener: (index: number, error: Error) => void) => void lostListeners.push(listener);
  if (target.kind === 'pglite') {
    if (readUrls.length > 0) throw new ConfigError('Read replicas need PostgreSQL: PGlite has none.');
    // One process per data directory (db/pglite-lock.ts).
    const release = target.dataDir ? await lockDataDirectory(target.dataDir) : () => {};
    try {
      const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
      await client.waitReady;
      const db = drizzlePglite(client, { schema }) as unknown as Database;
      return {
        db: routeReads(db, []),
        target,
        replicaCount: 0,
        replicas: [],
        rotation: [],
        onReplicaLost,
        close: async () => {
          try {
            await client.close();
          } finally {
            release();
          }
        },
      };
    } catch (error) {
      release();
      throw error;
    }
  }
  const timeouts = options.timeouts ?? DEFAULT_POOL_TIMEOUTS;
  const pools: pg.Pool[] = [(await connectPool(target.url, 'PostgreSQL', timeouts)).pool];
  const rotation: boolean[] = [];
  const unreachable = options.unreachableReplicas === 'out' ? 'lazy' : 'throw';
  try {
    for (const url of readUrls) {
      const { pool, reachable } = await connectPool(url, 'the PostgreSQL read replica', timeouts, unreachable);
      // An idle connection lost (the server stopped or crashed): out at once, not only at the monitor's next probe,
      // which puts it back if it answers; the monitor hears of it, so its states, /health and the logs agree.
      const index = rotation.length;
      pool.on('error', (error: Error) => {
        rotation[index] = false;
        for (const listener of lostListeners) listener(index, error);
      });
      pools.push(pool);
      rotation.push(reachable);
    }
  } catch (error) {
    await Promise.all(pools.map((pool) => pool.end()));
    throw error;
  }
  const [primary, ...replicas] = pools.map((pool) => drizzlePg(pool, { schema }) as unknown as Database);
  return {
    db: routeReads(primary!, replicas, rotation),
    target,
    replicaCount: replicas.length,
    replicas,
    rotation,
    onReplicaLost,
    close: async () => {
      await Promise.all(pools.map((pool) => pool.end()));
    },
  };
}

/** Applies the drizzle-kit migrations (idempotent); `folder` only for tests that start from an older schema. */
export async function migrateDatabase(handle: DatabaseHandle, folder = migrationsFolder) {
  // Migrations run on the primary (a replica follows it).
  if (handle.target.kind === 'pglite') {
    await migratePglite(handle.db.$primary as unknown as Parameters<typeof migratePglite>[0], {
      migrationsFolder: folder,
    });
  } else {
    await migratePg(handle.db.$primary as unknown as Parameters<typeof migratePg>[0], { migrationsFolder: folder });
  }
}

/**
 * How many of the code's migrations the database behind `handle` has not applied yet (0: its schema is current or
 * newer). The rule is drizzle's migrator's: a migration is pending when it is newer than the newest one recorded in
 * `drizzle.__drizzle_migrations` (its `created_at` is the migration's journal timestamp).
 */
export async function pendingMigrations(handle: DatabaseHandle, folder = migrationsFolder): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const rowsOf = async <Row>(query: SQL) =>
    ((await handle.db.$primary.execute(query)) as unknown as { rows: Row[] }).rows;
  // Two statements: the second would not even parse before the migrator's first run created the table.
  const [found] = await rowsOf<{ name: string | null }>(
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`,
  );
  if (!found?.name) return migrations.length;
  const [newest] = await rowsOf<{ createdAt: string | null }>(
    sql`select max(created_at)::text as "createdAt" from drizzle.__drizzle_migrations`,
  );
  if (!newest?.createdAt) return migrations.length;
  return migrations.filter((migration) => migration.folderMillis > Number(newest.createdAt)).length;
}

/** The URL as every other one is printed (contracts/ts/redact.ts): scheme, host and port; user, password, database and
 * parameters hidden (M-6). */
export const redactDatabaseUrl = redactUrl;

/**
 * Where a target lives, in words: PostgreSQL as host:port/database (what tells production from staging; never the
 * credentials or the parameters, which may hold an sslpassword) or the PGlite directory.
 */
export function describeDatabase(target: DatabaseTarget) {
  if (target.kind === 'postgres') {
    if (!URL.canParse(target.url)) return `PostgreSQL at ${redactDatabaseUrl(target.url)}`;
    const url = new URL(target.url);
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return `PostgreSQL at ${url.hostname}:${url.port || '5432'}/${database || '(the default database)'}`;
  }
  return target.dataDir ? `PGlite in ${target.dataDir}` : 'an in-memory PGlite';
}
