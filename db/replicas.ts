/**
 * The replica monitor of a web process: every few seconds it probes each read replica (does it answer, how far is its
 * mirror behind the primary's) and keeps the database handle's rotation (db/database.ts routeReads) to the replicas
 * that answer and are at most `maxLagBlocks` behind. A replica out of rotation serves no reads until a later probe
 * finds it well again; with none in rotation the primary serves the reads. Its state is on the web role's /health
 * and as Prometheus gauges labelled by the replica's index (never its URL: it may carry credentials).
 *
 * Lag is measured on the indexer's cursor (mirror.indexed_blocks), on both copies: the primary's newest indexed block
 * minus the replica's, in blocks and in chain seconds (the two blocks' timestamps). That is exactly how much older
 * the figures a page reads from the replica are than the primary's, and it is zero on a caught-up replica of an idle
 * primary. The alternatives measure something else: `now() - pg_last_xact_replay_timestamp()` grows while the
 * primary has nothing to send (a quiet chain reads as minutes of lag), and a WAL distance in bytes
 * (`pg_current_wal_lsn()` against `pg_last_wal_replay_lsn()`) says nothing a visitor sees and needs a bound per
 * write load.
 */
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import { redactUrls } from '#contracts/redact';
import type { Database, DatabaseHandle } from './database';

/** One probe of one replica: down, or up with its lag behind the primary. */
export type ReplicaReading = { up: true; lagBlocks: bigint; lagSeconds: number | null } | { up: false; error: string };

/** Reads every replica once, in the handle's order (one reading per replica). */
export type ReplicaProbe = () => Promise<ReplicaReading[]>;

/** Why a replica is out of rotation. */
export type OutReason = 'down' | 'lagging';

export type ReplicaState = {
  index: number;
  up: boolean;
  /** Blocks its mirror is behind the primary's (null while down). */
  lagBlocks: bigint | null;
  /** Chain seconds between the primary's newest indexed block and the replica's (null while down or unknown). */
  lagSeconds: number | null;
  inRotation: boolean;
  reason?: OutReason;
};

export type ReplicaMonitor = {
  /** Probes once now and updates the rotation; resolves the new states. */
  check: () => Promise<ReplicaState[]>;
  /** The states of the latest probe (before the first: as the handle opened them). */
  states: () => ReplicaState[];
  /** The replicas out of rotation now. */
  out: () => ReplicaState[];
  /** Probes every `intervalMs` until stop (the first probe at once). */
  start: () => void;
  stop: () => void;
};

export type ReplicaMonitorOptions = {
  /** The handle's rotation, written in place (db/database.ts routeReads reads it at each select). */
  rotation: boolean[];
  probe: ReplicaProbe;
  maxLagBlocks: number;
  intervalMs: number;
  log: Logger;
  /** Where the gauges go (the web role's registry); none: no gauges. */
  registry?: Registry;
  /** Prefix of the gauges' names (the registry's own, e.g. `rackshare_web_`). */
  prefix?: string;
};

export function createReplicaMonitor(options: ReplicaMonitorOptions): ReplicaMonitor {
  const { rotation, probe, maxLagBlocks, log } = options;
  // Before the first probe: as the handle opened them (a replica unreachable then starts out, as down).
  let current: ReplicaState[] = rotation.map((inRotation, index) => ({
    index,
    up: inRotation,
    lagBlocks: null,
    lagSeconds: null,
    inRotation,
    ...(inRotation ? {} : { reason: 'down' as const }),
  }));
  for (const state of current.filter((one) => !one.inRotation)) {
    log.warn({ replica: state.index }, 'read replica unreachable at start: out of rotation until it answers');
  }
  const gauges = options.registry ? createGauges(options.registry, options.prefix ?? '') : undefined;
  let timer: NodeJS.Timeout | undefined;
  let probing: Promise<ReplicaState[]> | undefined;

  const apply = (readings: ReplicaReading[]) => {
    const next = rotation.map((_, index): ReplicaState => {
      const reading = readings[index] ?? { up: false, error: 'no reading' };
      if (!reading.up)
        return { index, up: false, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'down' };
      const lagging = reading.lagBlocks > BigInt(maxLagBlocks);
      return {
        index,
        up: true,
        lagBlocks: reading.lagBlocks,
        lagSeconds: reading.lagSeconds,
        inRotation: !lagging,
        ...(lagging ? { reason: 'lagging' as const } : {}),
      };
    });
    for (const state of next) {
      const before = current[state.index];
      rotation[state.index] = state.inRotation;
      const reading = readings[state.index];
      if (before?.inRotation && !state.inRotation) {
        log.warn(
          {
            replica: state.index,
            reason: state.reason,
            lagBlocks: state.lagBlocks?.toString(),
            ...(reading && !reading.up ? { error: reading.error } : {}),
          },
          'read replica out of rotation: its reads go to the other replicas or the primary',
        );
      } else if (before && !before.inRotation && state.inRotation) {
        log.info({ replica: state.index, lagBlocks: state.lagBlocks?.toString() }, 'read replica back in rotation');
      }
      gauges?.record(state);
    }
    current = next;
    return next;
  };

  const check = () => {
    // One probe at a time: a replica that hangs never piles probes up on its pool.
    probing ??= probe()
      .then(apply)
      .finally(() => {
        probing = undefined;
      });
    return probing;
  };

  return {
    check,
    states: () => current,
    out: () => current.filter((state) => !state.inRotation),
    start: () => {
      if (timer || rotation.length === 0) return;
      const run = () => void check().catch((error) => log.error({ err: error }, 'the replica probe failed'));
      run();
      timer = setInterval(run, options.intervalMs);
      timer.unref();
    },
    stop: () => {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

function createGauges(registry: Registry, prefix: string) {
  const labelNames = ['replica'] as const;
  const up = new Gauge({
    name: `${prefix}replica_up`,
    help: 'Whether the read replica answered its latest probe (1) or not (0).',
    labelNames,
    registers: [registry],
  });
  const inRotation = new Gauge({
    name: `${prefix}replica_in_rotation`,
    help: 'Whether the read replica serves reads (1) or is out of rotation, down or lagging (0).',
    labelNames,
    registers: [registry],
  });
  const lagBlocks = new Gauge({
    name: `${prefix}replica_lag_blocks`,
    help: "Blocks the read replica's mirror is behind the primary's (absent while it is down).",
    labelNames,
    registers: [registry],
  });
  const lagSeconds = new Gauge({
    name: `${prefix}replica_lag_seconds`,
    help: "Chain seconds between the primary's newest indexed block and the read replica's (absent while unknown).",
    labelNames,
    registers: [registry],
  });
  return {
    record(state: ReplicaState) {
      const labels = { replica: String(state.index) };
      up.set(labels, state.up ? 1 : 0);
      inRotation.set(labels, state.inRotation ? 1 : 0);
      if (state.lagBlocks === null) lagBlocks.remove(labels);
      else lagBlocks.set(labels, Number(state.lagBlocks));
      if (state.lagSeconds === null) lagSeconds.remove(labels);
      else lagSeconds.set(labels, state.lagSeconds);
    },
  };
}

type Cursor = { block: bigint; time: number } | null;

async function cursorOf(db: Database, chainId: number): Promise<Cursor> {
  const result = (await db.execute(
    sql`select number::text as block, extract(epoch from timestamp)::float8 as time from mirror.indexed_blocks
      where chain_id = ${chainId} order by number desc limit 1`,
  )) as unknown as { rows: { block: string; time: number | string }[] };
  const row = result.rows[0];
  return row ? { block: BigInt(row.block), time: Number(row.time) } : null;
}

const within = <T>(promise: Promise<T>, ms: number) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
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

/** The lag of a replica's cursor behind the primary's (none on the primary: nothing to be behind). */
export function lagBehind(primary: Cursor, replica: Cursor): { lagBlocks: bigint; lagSeconds: number | null } {
  if (!primary) return { lagBlocks: 0n, lagSeconds: 0 };
  // A replica without a cursor is missing everything the primary has indexed.
  if (!replica) return { lagBlocks: primary.block + 1n, lagSeconds: null };
  // Both copies are read at once: a replica that replayed a batch between the two reads is not ahead, only current.
  const lagBlocks = primary.block > replica.block ? primary.block - replica.block : 0n;
  return { lagBlocks, lagSeconds: lagBlocks === 0n ? 0 : Math.max(0, primary.time - replica.time) };
}

/**
 * The probe of a PostgreSQL handle's replicas: each replica's cursor of `chainId` against the primary's, read at the
 * same time, each within `timeoutMs`. A replica that does not answer (or whose mirror cannot be read) is down; a
 * primary that does not answer leaves the replicas' lag at 0 (the primary's own health is /health's business).
 */
export function postgresReplicaProbe(handle: DatabaseHandle, options: { chainId: number; timeoutMs: number }) {
  const { chainId, timeoutMs } = options;
  return async (): Promise<ReplicaReading[]> => {
    const [primary, ...replicas] = await Promise.allSettled(
      [handle.db.$primary, ...handle.replicas].map((db) => within(cursorOf(db, chainId), timeoutMs)),
    );
    const primaryCursor = primary?.status === 'fulfilled' ? primary.value : null;
    return replicas.map((reading): ReplicaReading => {
      if (reading.status === 'rejected') return { up: false, error: redactUrls((reading.reason as Error).message) };
      return { up: true, ...lagBehind(primaryCursor, reading.value) };
    });
  };
}

/**
 * Starts the monitor of `handle`'s replicas (none: undefined), probing with `postgresReplicaProbe` every `probeMs`:
 * what every process that reads through replicas runs (the web role, role `all`), so none keeps a failed one in rotation.
 */
export function monitorReplicas(
  handle: DatabaseHandle,
  options: {
    chainId: number;
    probeMs: number;
    maxLagBlocks: number;
    log: Logger;
    registry?: Registry;
    prefix?: string;
  },
): ReplicaMonitor | undefined {
  if (handle.replicaCount === 0) return undefined;
  const { chainId, probeMs, ...rest } = options;
  const monitor = createReplicaMonitor({
    ...rest,
    rotation: handle.rotation,
    probe: postgresReplicaProbe(handle, { chainId, timeoutMs: Math.min(probeMs, 5_000) }),
    intervalMs: probeMs,
  });
  monitor.start();
  return monitor;
}
