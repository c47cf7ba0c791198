/**
 * The probe of the replica monitor (db/replicas.ts): what it reads from each copy and how it judges a replica.
 *
 * Lag is measured on the indexer's cursor (mirror.indexed_blocks), on both copies: the primary's newest indexed block
 * minus the replica's, in blocks and in chain seconds (the two blocks' timestamps). That is exactly how much older
 * the figures a page reads from the replica are than the primary's, and it is zero on a caught-up replica of an idle
 * primary. The alternatives measure something else: `now() - pg_last_xact_replay_timestamp()` grows while the
 * primary has nothing to send (a quiet chain reads as minutes of lag), and a WAL distance in bytes
 * (`pg_current_wal_lsn()` against `pg_last_wal_replay_lsn()`) says nothing a visitor sees and needs a bound per
 * write load.
 *
 * A replica must also be a copy of this primary, or its lag means nothing: a probe takes it out (`mismatch`) when it is
 * not in recovery (a promoted old standby, a wrong URL to some other database), follows another server (its
 * `pg_control_system()` system identifier differs from the primary's), holds another block than the primary's at its
 * own cursor (a mirror of another chain or deployment), or runs PostgreSQL before 15 (a replica first reached after
 * start was never checked). A probe whose primary does not answer learns nothing about lag: each replica keeps its
 * previous verdict (an empty mirror on a primary that answers is no lag at all).
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { redactUrls } from '#contracts/redact';
import { UnavailableError } from '#protocol/base-error';
import { type Database, type DatabaseHandle, timedQuery, versionProblem } from './database';

/**
 * One probe of one replica: down; up but not a copy of the primary (`mismatch`, why); or up with its lag behind the
 * primary, null when the primary did not answer (the replica then keeps its previous verdict).
 */
export type ReplicaReading =
  | { up: true; lagBlocks: bigint | null; lagSeconds: number | null; mismatch?: undefined }
  | { up: true; mismatch: string }
  | { up: false; error: string };

/** Reads every replica once, in the handle's order (one reading per replica). */
export type ReplicaProbe = () => Promise<ReplicaReading[]>;

type Cursor = { block: bigint; time: number } | null;

/** An error's text for the logs: URLs redacted, and the host:port pg's socket errors quote (ECONNREFUSED 10.0.0.7:5432). */
export const redactAddresses = (text: string) =>
  redactUrls(text).replace(/(?:\b(?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-f:.]+\]):\d{1,5}\b/gi, '…');

/** What a probe reads from one copy (the primary or a replica) in one statement. */
export type CopyState = {
  /** Its newest indexed block of the chain (null: none), with that block's hash. */
  cursor: (NonNullable<Cursor> & { hash: string }) | null;
  /** pg_is_in_recovery(): true on a standby. */
  inRecovery: boolean;
  /** pg_control_system()'s system identifier: the same on a primary and all its physical standbys. */
  systemId: string;
  /** server_version_num. */
  version: number;
};

const COPY_STATE = `select b.number::text as block, b.hash::text as hash, extract(epoch from b.timestamp)::float8 as time,
    pg_is_in_recovery() as recovery, (select system_identifier::text from pg_control_system()) as system,
    current_setting('server_version_num') as version
  from (select 1) as one left join lateral (select number, hash, timestamp from mirror.indexed_blocks
    where chain_id = $1 order by number desc limit 1) as b on true`;

const HASHES_AT = `select number::text as block, hash::text as hash from mirror.indexed_blocks
  where chain_id = $1 and number::text = any($2::text[])`;

type Query = <Row>(text: string, values: unknown[]) => Promise<Row[]>;

/**
 * Queries on `db`'s own client, each bounded by `timeoutMs`: on a pg pool its query_timeout, which fails the query and
 * drops its connection (a hung server never pins one per probe); PGlite (tests) answers in-process.
 */
function queryOn(db: Database, timeoutMs: number): Query {
  const client = (db as unknown as { $client: pg.Pool | PGlite }).$client;
  return async <Row>(text: string, values: unknown[]) => {
    const result =
      client instanceof pg.Pool
        ? await client.query(timedQuery(text, values, timeoutMs))
        : await within(client.query(text, values), timeoutMs);
    return result.rows as Row[];
  };
}

async function copyState(query: Query, chainId: number): Promise<CopyState> {
  const [row] = await query<{
    block: string | null;
    hash: string | null;
    time: number | string | null;
    recovery: boolean;
    system: string;
    version: string;
  }>(COPY_STATE, [chainId]);
  if (!row) throw new UnavailableError('The replica probe read no row.');
  return {
    cursor:
      row.block === null || row.hash === null
        ? null
        : { block: BigInt(row.block), time: Number(row.time), hash: row.hash },
    inRecovery: row.recovery,
    systemId: row.system,
    version: Number(row.version),
  };
}

const within = <T>(promise: Promise<T>, ms: number) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new UnavailableError(`No answer within ${ms} ms.`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });

/** The lag of a replica's cursor behind the primary's (none on an empty primary: nothing to be behind). */
export function lagBehind(primary: Cursor, replica: Cursor): { lagBlocks: bigint; lagSeconds: number | null } {
  if (!primary) return { lagBlocks: 0n, lagSeconds: 0 };
  // A replica without a cursor is missing everything the primary has indexed.
  if (!replica) return { lagBlocks: primary.block + 1n, lagSeconds: null };
  // Both copies are read at once: a replica that replayed a batch between the two reads is not ahead, only current.
  const lagBlocks = primary.block > replica.block ? primary.block - replica.block : 0n;
  return { lagBlocks, lagSeconds: lagBlocks === 0n ? 0 : Math.max(0, primary.time - replica.time) };
}

/**
 * The reading of one replica from what the probe read: `primary` null when the primary did not answer, and
 * `primaryHash` the primary's hash of the replica's cursor block (undefined: the primary keeps no such block, or the
 * replica has no cursor).
 */
export function judgeReplica(
  primary: CopyState | null,
  replica: CopyState,
  primaryHash: string | undefined,
): ReplicaReading {
  const tooOld = versionProblem(replica.version);
  if (tooOld) return { up: true, mismatch: `it ${tooOld}` };
  if (!replica.inRecovery) {
    return { up: true, mismatch: 'it is not a standby (not in recovery): a promoted server or another database' };
  }
  if (!primary) return { up: true, lagBlocks: null, lagSeconds: null };
  if (replica.systemId !== primary.systemId) {
    return { up: true, mismatch: `it follows another server (system identifier ${replica.systemId})` };
  }
  if (replica.cursor && primaryHash !== undefined && primaryHash !== replica.cursor.hash) {
    return { up: true, mismatch: `its block ${replica.cursor.block} is not the primary's: another chain's mirror` };
  }
  return { up: true, ...lagBehind(primary.cursor, replica.cursor) };
}

/**
 * The probe of a PostgreSQL handle's replicas: each replica's state (cursor of `chainId`, recovery, system identifier,
 * version) against the primary's, read at the same time, then the primary's hashes at the replicas' cursors; every
 * query within `timeoutMs`, on its own (the probe interval does not bound it). A replica that does not answer (or
 * whose mirror cannot be read) is down; a primary that does not answer leaves the replicas' lag unknown (the primary's
 * own health is /health's business).
 */
export function postgresReplicaProbe(handle: DatabaseHandle, options: { chainId: number; timeoutMs: number }) {
  const { chainId, timeoutMs } = options;
  const primaryQuery = queryOn(handle.db.$primary, timeoutMs);
  const replicaQueries = handle.replicas.map((db) => queryOn(db, timeoutMs));
  return async (): Promise<ReplicaReading[]> => {
    const [primary, ...replicas] = await Promise.allSettled(
      [primaryQuery, ...replicaQueries].map((query) => copyState(query, chainId)),
    );
    let primaryState = primary?.status === 'fulfilled' ? primary.value : null;
    const cursors = replicas.flatMap((reading) =>
      reading.status === 'fulfilled' && reading.value.cursor ? [reading.value.cursor.block.toString()] : [],
    );
    const primaryHashes = new Map<string, string>();
    if (primaryState && cursors.length > 0) {
      try {
        const rows = await primaryQuery<{ block: string; hash: string }>(HASHES_AT, [chainId, [...new Set(cursors)]]);
        for (const row of rows) primaryHashes.set(row.block, row.hash);
      } catch {
        // The primary stopped answering: as if it had not answered at all.
        primaryState = null;
      }
    }
    return replicas.map((reading): ReplicaReading => {
      if (reading.status === 'rejected')
        return { up: false, error: redactAddresses((reading.reason as Error).message) };
      const cursor = reading.value.cursor;
      return judgeReplica(primaryState, reading.value, cursor ? primaryHashes.get(cursor.block.toString()) : undefined);
    });
  };
}
