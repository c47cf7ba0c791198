/**
 * The replica monitor of a web process: every few seconds it probes each read replica (does it answer, how far is its
 * mirror behind the primary's) and keeps the database handle's rotation (db/database.ts routeReads) to the replicas
 * that answer and are at most `maxLagBlocks` behind. A replica out of rotation serves no reads until a later probe
 * finds it well again; with none in rotation the primary serves the reads. Its state is on the web role's /health
 * and as Prometheus gauges labelled by the replica's index (never its URL: it may carry credentials).
 *
 * How a probe reads a replica (lag on the mirror cursor, a copy of this primary or not): db/replica-probe.ts.
 */
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { DatabaseHandle } from './database';
import { postgresReplicaProbe, type ReplicaProbe, type ReplicaReading, redactAddresses } from './replica-probe';

export type { ReplicaProbe, ReplicaReading } from './replica-probe';

/** Why a replica is out of rotation: it does not answer, it is too far behind, it is not a copy of the primary. */
export type OutReason = 'down' | 'lagging' | 'mismatch';

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
  /**
   * Records that replica `index` lost a connection (db/database.ts onReplicaLost): down and out at once, and a probe
   * already under way when it happened does not put it back.
   */
  lost: (index: number, error: Error) => void;
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

  // How often each replica lost a connection: a probe's reading of one that lost one since the probe began is stale.
  const losses = rotation.map(() => 0);

  const verdict = (index: number, reading: ReplicaReading): ReplicaState => {
    if (!reading.up) return { index, up: false, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'down' };
    if (reading.mismatch !== undefined) {
      return { index, up: true, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'mismatch' };
    }
    if (reading.lagBlocks === null) {
      // The primary did not answer: nothing is known about lag, so the replica keeps its verdict.
      const before = current[index];
      const keep = before?.inRotation ?? false;
      return {
        index,
        up: true,
        lagBlocks: null,
        lagSeconds: null,
        inRotation: keep,
        ...(keep ? {} : { reason: before?.reason ?? 'down' }),
      };
    }
    const lagging = reading.lagBlocks > BigInt(maxLagBlocks);
    return {
      index,
      up: true,
      lagBlocks: reading.lagBlocks,
      lagSeconds: reading.lagSeconds,
      inRotation: !lagging,
      ...(lagging ? { reason: 'lagging' as const } : {}),
    };
  };

  const record = (state: ReplicaState, reading?: ReplicaReading) => {
    const before = current[state.index];
    rotation[state.index] = state.inRotation;
    if (before?.inRotation && !state.inRotation) {
      log.warn(
        {
          replica: state.index,
          reason: state.reason,
          lagBlocks: state.lagBlocks?.toString(),
          ...(reading && !reading.up ? { error: redactAddresses(reading.error) } : {}),
          ...(reading?.up && reading.mismatch !== undefined ? { mismatch: reading.mismatch } : {}),
        },
        'read replica out of rotation: its reads go to the other replicas or the primary',
      );
    } else if (before && !before.inRotation && state.inRotation) {
      log.info({ replica: state.index, lagBlocks: state.lagBlocks?.toString() }, 'read replica back in rotation');
    }
    gauges?.record(state);
    current = current.map((one) => (one.index === state.index ? state : one));
  };

  const check = () => {
    // One probe at a time: a replica that hangs never piles probes up on its pool.
    probing ??= (async () => {
      const lossesBefore = [...losses];
      const readings = await probe();
      for (const index of rotation.keys()) {
        // Lost a connection while the probe ran: the loss is newer than the reading.
        if (losses[index] !== lossesBefore[index]) continue;
        const reading = readings[index] ?? { up: false, error: 'no reading' };
        record(verdict(index, reading), reading);
      }
      return current;
    })().finally(() => {
      probing = undefined;
    });
    return probing;
  };

  return {
    check,
    states: () => current,
    out: () => current.filter((state) => !state.inRotation),
    lost: (index, error) => {
      if (index < 0 || index >= rotation.length) return;
      losses[index]!++;
      const state: ReplicaState = {
        index,
        up: false,
        lagBlocks: null,
        lagSeconds: null,
        inRotation: false,
        reason: 'down',
      };
      record(state, { up: false, error: error.message });
    },
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
    /** How long each of a probe's queries may take (the probe interval does not bound it). */
    probeTimeoutMs: number;
    log: Logger;
    registry?: Registry;
    prefix?: string;
  },
): ReplicaMonitor | undefined {
  if (handle.replicaCount === 0) return undefined;
  const { chainId, probeMs, probeTimeoutMs, ...rest } = options;
  const monitor = createReplicaMonitor({
    ...rest,
    rotation: handle.rotation,
    probe: postgresReplicaProbe(handle, { chainId, timeoutMs: probeTimeoutMs }),
    intervalMs: probeMs,
  });
  // An idle connection lost: down at once in the monitor's states too (/health, the gauges and the logs agree).
  handle.onReplicaLost((index, error) => monitor.lost(index, error));
  monitor.start();
  return monitor;
}
