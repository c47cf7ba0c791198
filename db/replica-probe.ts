/**
 * The probe of the replica monitor (db/replicas.ts): what it reads from each copy and how it judges a replica.
 *
 * Lag is measured on the indexer's cursor (mirror.indexed_blocks), on both copies: the primary's newest indexed block
 * minus the replica's, in blocks and in chain seconds (the two blocks' timestamps). That is exactly how much older
 * the figures a page reads from the replica are than the primary's, and it is zero on a caught-up replica of an idle
 * primary. The cursor alone cannot tell a replica whose replay stopped on a quiet chain from a current one, so the
 * replay must also progress: a replica's `pg_last_wal_replay_lsn()` must have reached the primary's flushed WAL
 * position (`pg_current_wal_flush_lsn()`, all a standby can have received) read at the previous probe — one probe
 * interval to replay what the primary wrote — else it is `stalled` (replay paused, or too slow to keep up).
 *
 * A replica must also be a copy of this primary, or its lag means nothing: a probe takes it out (`mismatch`) when it is
 * not in recovery (a promoted old standby, a wrong URL to some other database), follows another server (its
 * `pg_control_system()` system identifier differs from the primary's), or runs PostgreSQL before 15 (a replica first
 * reached after start was never checked). A standby of this primary whose block differs from the primary's at the
 * same height — at its own cursor, or at the primary's cursor when it reads more than one block ahead of it (after a
 * failover, an old-timeline standby serves a history the primary no longer has) — has `diverged`: a reorg it has not
 * replayed yet, or a history the primary left. A probe whose primary does not answer learns nothing about lag: the
 * monitor keeps each verdict for a few probes, then takes the replica out (db/replicas.ts).
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { redactAddresses } from '#contracts/redact';
import { UnavailableError } from '#protocol/base-error';
import { type Database, type DatabaseHandle, timedQuery, versionProblem } from './database';

/**
 * One probe of one replica: down; up but not a copy of the primary (`mismatch`, why) or off its history (`diverged`,
 * why); or up with its lag behind the primary (null when the primary did not answer: then nothing else is known),
 * `stalled` (why) when its replay has not reached the primary's WAL position of the previous probe.
 */
export type ReplicaReading =
  | {
      up: true;
      lagBlocks: bigint | null;
      lagSeconds: number | null;
      stalled?: string;
      mismatch?: undefined;
      diverged?: undefined;
    }
  | { up: true; mismatch: string; diverged?: undefined; stalled?: undefined }
  | { up: true; diverged: string; mismatch?: undefined; stalled?: undefined }
  | { up: false; error: string };

/** Reads every replica once, in the handle's order (one reading per replica). */
export type ReplicaProbe = () => Promise<ReplicaReading[]>;

type Cursor = { block: bigint; time: number } | null;

/** An error's text for the logs (contracts/ts/redact.ts): URLs, host:port and looked-up hosts hidden. */
export { redactAddresses };

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
  /** The WAL position: a standby's replayed one (pg_last_wal_replay_lsn), a primary's flushed one (null: none). */
  lsn: bigint | null;
};

/** A pg_lsn's text (`16/B374D848`) as a number that compares as the position does. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

const COPY_STATE = `select b.number::text as block, b.hash::text as hash, extract(epoch from b.timestamp)::float8 as time,
    pg_is_in_recovery() as recovery, (select system_identifier::text from pg_control_system()) as system,
    current_setting('server_version_num') as version,
    (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_flush_lsn() end)::text as lsn
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
    lsn: string | null;
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
    lsn: row.lsn === null ? null : parseLsn(row.lsn),
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

/** What the probe knows of the primary beside its state: its hashes at the heights compared, its previous WAL. */
export type PrimaryWitness = {
  /** The primary's hash at the block the replica is compared at (undefined: it keeps no such block). */
  hash: string | undefined;
  /** The replica's own hash at the primary's cursor height, read when the replica is more than a block ahead. */
  replicaHashAtPrimary?: string | null;
  /** The primary's WAL position at the previous probe (undefined: no previous probe answered). */
  previousLsn: bigint | undefined;
};

/**
 * The reading of one replica from what the probe read: `primary` null when the primary did not answer; `witness` what
 * the probe read besides (the primary's hash at the compared height, the replica's at the primary's cursor when it
 * reads ahead, the primary's WAL position at the previous probe).
 */
export function judgeReplica(
  primary: CopyState | null,
  replica: CopyState,
  witness: PrimaryWitness = { hash: undefined, previousLsn: undefined },
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
  const ahead = primary.cursor && replica.cursor && replica.cursor.block > primary.cursor.block + 1n;
  if (ahead && primary.cursor && witness.replicaHashAtPrimary !== primary.cursor.hash) {
    return {
      up: true,
      diverged: `it reads ${replica.cursor!.block - primary.cursor.block} blocks ahead of the primary and its block ${primary.cursor.block} is not the primary's: a history the primary no longer has (an old timeline)`,
    };
  }
  if (!ahead && replica.cursor && witness.hash !== undefined && witness.hash !== replica.cursor.hash) {
    return {
      up: true,
      diverged: `its block ${replica.cursor.block} is not the primary's: a reorg it has not replayed yet, or a history the primary left`,
    };
  }
  const lag = lagBehind(primary.cursor, replica.cursor);
  const replayed = replica.lsn ?? 0n;
  if (witness.previousLsn !== undefined && replayed < witness.previousLsn) {
    return {
      up: true,
      ...lag,
      stalled: `its replay (${formatLsn(replayed)}) has not reached the primary's WAL position of the previous probe (${formatLsn(witness.previousLsn)}): replay paused or too slow`,
    };
  }
  return { up: true, ...lag };
}

const formatLsn = (lsn: bigint) =>
  `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;

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
  // The primary's WAL position at the previous probe it answered: what every replica must have replayed by now.
  let previousLsn: bigint | undefined;
  return async (): Promise<ReplicaReading[]> => {
    const [primary, ...replicas] = await Promise.allSettled(
      [primaryQuery, ...replicaQueries].map((query) => copyState(query, chainId)),
    );
    let primaryState = primary?.status === 'fulfilled' ? primary.value : null;
    const primaryCursor = primaryState?.cursor;
    // Heights whose primary hash the judgement needs: each replica's cursor (when not ahead of the primary's).
    const isAhead = (state: CopyState) =>
      primaryCursor !== undefined &&
      primaryCursor !== null &&
      state.cursor !== null &&
      state.cursor.block > primaryCursor.block + 1n;
    const cursors = replicas.flatMap((reading) =>
      reading.status === 'fulfilled' && reading.value.cursor && !isAhead(reading.value)
        ? [reading.value.cursor.block.toString()]
        : [],
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
    const previous = previousLsn;
    if (primaryState?.lsn != null) previousLsn = primaryState.lsn;
    return Promise.all(
      replicas.map(async (reading, index): Promise<ReplicaReading> => {
        if (reading.status === 'rejected')
          return { up: false, error: redactAddresses((reading.reason as Error).message) };
        const state = reading.value;
        const witness: PrimaryWitness = {
          hash: state.cursor ? primaryHashes.get(state.cursor.block.toString()) : undefined,
          previousLsn: previous,
        };
        if (primaryState?.cursor && isAhead(state)) {
          // Ahead of the primary by more than a batch read in between: its block at the primary's height must match.
          try {
            const rows = await replicaQueries[index]!<{ block: string; hash: string }>(HASHES_AT, [
              chainId,
              [primaryState.cursor.block.toString()],
            ]);
            witness.replicaHashAtPrimary = rows[0]?.hash ?? null;
          } catch (error) {
            return { up: false, error: redactAddresses((error as Error).message) };
          }
        }
        return judgeReplica(primaryState, state, witness);
      }),
    );
  };
}
