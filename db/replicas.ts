/**
 * The replica monitor of a web process: every few seconds it probes each read replica (does it answer, how far is its
 * mirror behind the primary's) and keeps the database handle's rotation (db/database.ts routeReads) to the replicas
 * that answer and are at most `maxLagBlocks` behind. A replica serves no reads before a probe has found it well, and
 * probes do not flap it: two bad probes in a row take it out, two good ones put it back (a lost connection, a replica
 * that is no copy of the primary, and the first probe act at once). While the primary does not answer, each verdict
 * is kept for `unknownProbes` probes, then the replica is out (`unverified`). With none in rotation the primary
 * serves the reads. Its state is on the web role's /health
 * and as Prometheus gauges labelled by the replica's index (never its URL: it may carry credentials).
 *
 * How a probe reads a replica (lag on the mirror cursor, a copy of this primary or not): db/replica-probe.ts.
 */
import type { Logger } from 'pino';
import { Gauge, type Registry } from 'prom-client';
import type { DatabaseHandle } from './database';
import { postgresReplicaProbe, type ReplicaProbe, type ReplicaReading, redactAddresses } from './replica-probe';

export type { ReplicaProbe, ReplicaReading } from './replica-probe';

/**
 * Why a replica is out of rotation: it does not answer (`down`), is too far behind (`lagging`), its replay does not
 * keep up with the primary's WAL (`stalled`), its block differs from the primary's at the same height (`diverged`: a
 * reorg it has not replayed, or an old timeline), it is not a copy of the primary (`mismatch`), or it was not
 * verified (before its first probe, or the primary has not answered for too long: `unverified`).
 */
export type OutReason = 'down' | 'lagging' | 'stalled' | 'diverged' | 'mismatch' | 'unverified';

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
  /** How many probes in a row a verdict is kept while the primary does not answer (default 3); then out. */
  unknownProbes?: number;
};

/** Bad (or good) probes in a row that take a replica out of (or put it back in) rotation. */
export const PROBES_TO_FLIP = 2;

export function createReplicaMonitor(options: ReplicaMonitorOptions): ReplicaMonitor {
  const { rotation, probe, maxLagBlocks, log } = options;
  const unknownProbes = options.unknownProbes ?? 3;
  // Before the first probe every replica is out: unverified, or down when the handle could not reach it.
  let current: ReplicaState[] = rotation.map((reachable, index) => ({
    index,
    up: reachable,
    lagBlocks: null,
    lagSeconds: null,
    inRotation: false,
    reason: reachable ? ('unverified' as const) : ('down' as const),
  }));
  for (const state of current.filter((one) => !one.up)) {
    log.warn({ replica: state.index }, 'read replica unreachable at start: out of rotation until it answers');
  }
  rotation.fill(false);
  const gauges = options.registry ? createGauges(options.registry, options.prefix ?? '') : undefined;
  let timer: NodeJS.Timeout | undefined;
  let probing: Promise<ReplicaState[]> | undefined;

  // How often each replica lost a connection: a probe's reading of one that lost one since the probe began is stale.
  const losses = rotation.map(() => 0);
  // Per replica: whether a probe has judged it yet, its bad (good) probes in a row while in (out), and the probes in
  // a row the primary did not answer.
  const streaks = rotation.map(() => ({ judged: false, toFlip: 0, unknown: 0 }));

  /** What one reading says on its own: in or out, and why. */
  const instant = (index: number, reading: ReplicaReading): ReplicaState => {
    const base = { index, up: reading.up, lagBlocks: null, lagSeconds: null };
    if (!reading.up) return { ...base, inRotation: false, reason: 'down' };
    if (reading.mismatch !== undefined) return { ...base, inRotation: false, reason: 'mismatch' };
    if (reading.diverged !== undefined) return { ...base, inRotation: false, reason: 'diverged' };
    const lag = { lagBlocks: reading.lagBlocks, lagSeconds: reading.lagSeconds };
    if (reading.stalled !== undefined) return { ...base, ...lag, inRotation: false, reason: 'stalled' };
    const lagging = reading.lagBlocks !== null && reading.lagBlocks > BigInt(maxLagBlocks);
    return { ...base, ...lag, inRotation: !lagging, ...(lagging ? { reason: 'lagging' as const } : {}) };
  };

  /** The verdict of a probe's reading, with the verdicts before it: hysteresis, and a limit on an unknown lag. */
  const verdict = (index: number, reading: ReplicaReading): ReplicaState => {
    const before = current[index]!;
    const streak = streaks[index]!;
    if (reading.up && reading.mismatch === undefined && reading.diverged === undefined && reading.lagBlocks === null) {
      // The primary did not answer: nothing is known about lag. The verdict holds a few probes, then the replica is out.
      streak.unknown++;
      if (streak.unknown <= unknownProbes && streak.judged)
        return { ...before, up: true, lagBlocks: null, lagSeconds: null };
      streak.toFlip = 0;
      return { index, up: true, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'unverified' };
    }
    streak.unknown = 0;
    const next = instant(index, reading);
    // The first verdict and a replica that is no copy of the primary act at once; a lost connection does too (lost).
    if (!streak.judged || (reading.up && reading.mismatch !== undefined)) {
      streak.judged = true;
      streak.toFlip = 0;
      return next;
    }
    if (next.inRotation === before.inRotation) {
      streak.toFlip = 0;
      // In and good, or out and bad (then for the latest bad reading's reason): no streak against the verdict.
      return next;
    }
    streak.toFlip++;
    if (streak.toFlip >= PROBES_TO_FLIP) {
      streak.toFlip = 0;
      return next;
    }
    // One probe against the verdict: the figures are the reading's, the rotation and reason stay.
    const { reason: _reason, ...figures } = next;
    return before.inRotation
      ? { ...figures, inRotation: true }
      : { ...figures, inRotation: false, ...(before.reason ? { reason: before.reason } : {}) };
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
          ...(reading?.up && (reading.mismatch ?? reading.diverged ?? reading.stalled) !== undefined
            ? { why: reading.mismatch ?? reading.diverged ?? reading.stalled }
            : {}),
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
      // Back only after PROBES_TO_FLIP good probes.
      streaks[index]!.judged = true;
      streaks[index]!.toFlip = 0;
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
