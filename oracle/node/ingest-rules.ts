/**
 * The rules a telemetry batch's content must meet before a node stores it, and which refusals consume the batch's
 * sequence. Pure functions over the cluster's state, so every honest node that received the same batches in the same
 * order decides alike; the only inputs that differ between nodes are their clocks, which only the future horizon and
 * the backfill window read.
 *
 * A refusal "consumes" the sequence when resending the same signed batch could never succeed: the node records it as
 * refused and expects the next one, so one bad reading cannot wedge the cluster (H-6). A refusal that may clear by
 * itself (a sample ahead of this node's clock, a hardware change awaiting re-attestation, an inventory not yet
 * attested on chain) or that says nothing about the operator's batch (a wrong key) never consumes: an outsider must not
 * be able to burn the operator's sequence numbers.
 */

import { ConfigError, Rejection } from '#protocol/base-error';
import { type BatchPayload, MAX_LEASES_PER_GPU, type WireLease } from '#protocol/wire';
import { PEER_AUTH_WINDOW_MS } from './peer-auth';

/** Codes whose refusal consumes the batch's sequence (the agent drops the batch and sends the next). */
export const SEQUENCE_CONSUMING_CODES: ReadonlySet<string> = new Set([
  'invalid_payload',
  'unknown_gpu',
  'gpu_in_other_cluster',
  'duplicate_gpu',
  'too_many_gpus',
  'utilization_out_of_range',
  'negative_measurement',
  'invalid_lease',
  'too_many_leases',
  'timestamp_out_of_order',
  'timestamp_too_old',
  'sample_rate_exceeded',
]);

export const consumesSequence = (rejection: Rejection) => SEQUENCE_CONSUMING_CODES.has(rejection.code);

export type ClockRules = {
  epochSeconds: number;
  /** Samples may be at most this far ahead of the node's clock; also the largest difference between two clocks. */
  maxClockSkewMs: number;
  /** Samples older than this (by the node's clock) are refused. */
  backfillSeconds: number;
  /** An epoch the agent left without a later sample is closed this long after its end. */
  graceSeconds: number;
};

/**
 * Clock-driven closure must never race data: an epoch closes on a node's clock only once every node, whatever its
 * clock within the allowed skew, already refuses every sample of it as older than the backfill window. Then a batch
 * that arrives around the grace boundary is refused by all nodes or by none, and three honest nodes sign the same
 * report whichever of them closed the epoch first (I-5). The backfill window itself must hold a batch that was
 * delayed by skew in both directions, and at least one epoch, or live telemetry would be refused.
 *
 * What stays clock-dependent: a sample that arrives within the skew of exactly `backfillSeconds` late (an agent silent
 * for about that long) can be taken by one node and refused as too old by another. A committee with k < n still
 * reaches k; agreeing on it would need a time every node reads the same, e.g. one the agent signs (not done).
 *
 * Signed peer requests and telemetry views allow PEER_AUTH_WINDOW_MS of clock difference: a larger skew would have
 * honest nodes refuse each other.
 */
export function checkClockRules(rules: ClockRules) {
  if (rules.maxClockSkewMs > PEER_AUTH_WINDOW_MS) {
    throw new ConfigError(
      `maxClockSkewMs (${rules.maxClockSkewMs}) must not exceed the ${PEER_AUTH_WINDOW_MS} ms that signed peer requests allow`,
    );
  }
  const skewSeconds = Math.ceil((2 * rules.maxClockSkewMs) / 1000);
  if (rules.backfillSeconds < rules.epochSeconds + skewSeconds) {
    throw new ConfigError(
      `backfillSeconds (${rules.backfillSeconds}) must be at least one epoch plus twice the clock skew (${rules.epochSeconds + skewSeconds})`,
    );
  }
  if (rules.graceSeconds < rules.backfillSeconds + skewSeconds) {
    throw new ConfigError(
      `graceSeconds (${rules.graceSeconds}) must be at least backfillSeconds plus twice the clock skew (${rules.backfillSeconds + skewSeconds}): an epoch closed on one node's clock could still take samples on another's`,
    );
  }
}

/** Defaults that satisfy checkClockRules: a backfill of three epochs, and the shortest grace it allows. */
export function defaultClockRules(epochSeconds: number, maxClockSkewMs: number, backfillSeconds?: number) {
  const skewSeconds = Math.ceil((2 * maxClockSkewMs) / 1000);
  const backfill = backfillSeconds ?? Math.max(3 * epochSeconds, epochSeconds + skewSeconds);
  return { backfillSeconds: backfill, graceSeconds: backfill + skewSeconds };
}

export type ClusterView = {
  uuids: ReadonlySet<string>;
  /** The cluster that claims a GPU outside this inventory, if any. */
  ownerOf: (uuid: string) => bigint | undefined;
  /** Time (ms) of the newest accepted snapshot; 0 before the first. */
  lastSampleAt: number;
  /** Samples before this (ms) are refused: the on-chain attestation time of the held inventory. */
  attestedFromMs: number;
  /** End (s) of the newest closed epoch: samples before it can no longer change a report. */
  finalizedThrough: number;
  /** GPU count on chain. */
  attestedCount: number;
  /** Leases held, keyed by leaseKey. */
  leases: ReadonlyMap<string, WireLease>;
  /** Held leases per GPU UUID. */
  leasesPerGpu: ReadonlyMap<string, number>;
  /** Snapshots held for the open epochs, ascending by time. */
  snapshots: readonly { t: number; gpus: readonly unknown[] }[];
};

/**
 * How much a cluster may make the node hold and write (finding 5): snapshot times only had to increase, so 1 ms apart,
 * 10,000 a batch, batches back to back, all held until their epoch closes, journaled and kept in the epoch's sample
 * file. A minimum spacing bounds snapshots per epoch to epoch / spacing; the hard cap bounds the readings (snapshots
 * times GPUs) of one epoch whatever the inventory's size.
 */
export type SampleLimits = {
  epochSeconds: number;
  /** Least time (ms) between two snapshots of a cluster. An agent samples every 10 s; the demo's history, every hour. */
  minSampleSpacingMs: number;
  /** Most readings one cluster puts into one epoch. */
  maxReadingsPerEpoch: number;
};

export const DEFAULT_MIN_SAMPLE_SPACING_MS = 1_000;
/** A 1,000-GPU cluster sampling every 10 s puts 360,000 readings into an hour. */
export const DEFAULT_MAX_READINGS_PER_EPOCH = 1_000_000;

/** Readings one epoch of a cluster may hold: every GPU in every allowed snapshot, but never above the hard cap. */
export const readingsPerEpochLimit = (limits: SampleLimits, gpus: number) =>
  Math.min(limits.maxReadingsPerEpoch, gpus * Math.ceil((limits.epochSeconds * 1000) / limits.minSampleSpacingMs));

/** Samples before this (ms) are refused: the attestation, the backfill window or a closed epoch. */
export const timeFloor = (cluster: ClusterView, nowMs: number, backfillSeconds: number) =>
  Math.max(cluster.attestedFromMs, nowMs - backfillSeconds * 1000, cluster.finalizedThrough * 1000);

/**
 * A lease that ended at or before this (ms) can no longer change a report (finding 4): a lease only counts in an epoch
 * that holds snapshots of it, and every epoch that does, or still can, starts at or after the start of the epoch of the
 * oldest held snapshot or of the time floor, and after the closed epochs. Such leases are neither counted against
 * MAX_LEASES_PER_GPU nor stored, so an honest billing export that keeps its history does not wedge the cluster.
 * pruneLeases drops held ones by the same rule (`end <= finalizedThrough`), which this floor is never below.
 */
export function leaseFloor(cluster: ClusterView, nowMs: number, backfillSeconds: number, epochSeconds: number) {
  const epochMs = epochSeconds * 1000;
  const oldest = Math.min(timeFloor(cluster, nowMs, backfillSeconds), cluster.snapshots[0]?.t ?? Infinity);
  return Math.max(cluster.finalizedThrough * 1000, Math.floor(oldest / epochMs) * epochMs);
}

/** Whether a lease ended by `floorMs` (see leaseFloor): ignored, whatever else it says. */
export const leaseEndedBefore = (lease: Pick<WireLease, 'end'>, floorMs: number) =>
  lease.end !== null && lease.end <= floorMs;

export const leaseKey = (lease: Pick<WireLease, 'leaseId' | 'gpuUuid'>) => `${lease.leaseId}\u0000${lease.gpuUuid}`;

/** Refuses (transiently) a batch with a sample ahead of this node's clock: it will be accepted once the clock catches up. */
export function checkNotInFuture(payload: BatchPayload, nowMs: number, maxClockSkewMs: number) {
  const horizon = nowMs + maxClockSkewMs;
  for (const snapshot of payload.snapshots) {
    if (snapshot.t > horizon) {
      throw new Rejection('timestamp_in_future', `snapshot time ${snapshot.t} is ahead of the node's clock`, 422, {
        t: snapshot.t,
      });
    }
  }
}

/**
 * Every check of a batch's content that no retry can change; each refusal consumes the sequence. Cheap first: the
 * time floor is checked on the first snapshot before anything walks the batch, so a snapshot dated 1970 costs nothing.
 * Returns the lease floor the batch's leases were judged by: applyBatch stores by the same one (it is journaled, so a
 * replay stores exactly what was judged).
 */
export function checkContent(
  cluster: ClusterView,
  payload: BatchPayload,
  nowMs: number,
  backfillSeconds: number,
  limits: SampleLimits,
) {
  const floor = timeFloor(cluster, nowMs, backfillSeconds);
  const first = payload.snapshots[0];
  if (first && first.t < floor) {
    throw new Rejection(
      'timestamp_too_old',
      `snapshot time ${first.t} is before ${floor} (the attestation, the backfill window or a closed epoch)`,
      422,
      { t: first.t, earliest: floor },
    );
  }
  let previous = cluster.lastSampleAt;
  const limit = Math.min(cluster.attestedCount, cluster.uuids.size);
  const epochMs = limits.epochSeconds * 1000;
  const readingsLimit = readingsPerEpochLimit(limits, limit);
  // Readings already held for the epoch of the batch's first snapshot: held snapshots are all older than the batch's,
  // so only that epoch can hold any; walked from the newest, at most one epoch's worth.
  let epochStart = first ? Math.floor(first.t / epochMs) * epochMs : 0;
  let readings = 0;
  for (let index = cluster.snapshots.length - 1; index >= 0 && cluster.snapshots[index]!.t >= epochStart; index--) {
    readings += cluster.snapshots[index]!.gpus.length;
  }
  for (const snapshot of payload.snapshots) {
    if (snapshot.t <= previous) {
      throw new Rejection('timestamp_out_of_order', `snapshot time ${snapshot.t} is not after ${previous}`, 422, {
        t: snapshot.t,
        previous,
      });
    }
    if (previous > 0 && snapshot.t - previous < limits.minSampleSpacingMs) {
      throw new Rejection(
        'sample_rate_exceeded',
        `snapshot time ${snapshot.t} is less than ${limits.minSampleSpacingMs} ms after ${previous}`,
        422,
        { t: snapshot.t, previous, minSampleSpacingMs: limits.minSampleSpacingMs },
      );
    }
    previous = snapshot.t;
    if (snapshot.gpus.length > limit) {
      throw new Rejection('too_many_gpus', `${snapshot.gpus.length} GPUs in one snapshot, ${limit} attested`, 422);
    }
    if (snapshot.t >= epochStart + epochMs) {
      epochStart = Math.floor(snapshot.t / epochMs) * epochMs;
      readings = 0;
    }
    readings += snapshot.gpus.length;
    if (readings > readingsLimit) {
      throw new Rejection(
        'sample_rate_exceeded',
        `more than ${readingsLimit} readings in the epoch ending ${(epochStart + epochMs) / 1000}`,
        422,
        { epochEnd: (epochStart + epochMs) / 1000, maxReadingsPerEpoch: readingsLimit },
      );
    }
    const seen = new Set<string>();
    for (const gpu of snapshot.gpus) {
      checkGpu(cluster, gpu.uuid);
      if (seen.has(gpu.uuid)) throw new Rejection('duplicate_gpu', `GPU ${gpu.uuid} appears twice in a snapshot`, 422);
      seen.add(gpu.uuid);
      const utilization = gpu.utilizationPct;
      if (utilization !== null && (utilization < 0 || utilization > 100)) {
        throw new Rejection('utilization_out_of_range', `utilization ${utilization}% of ${gpu.uuid}`, 422, {
          uuid: gpu.uuid,
          utilizationPct: utilization,
        });
      }
      const fields = [gpu.memoryUsedMiB, gpu.memoryTotalMiB, gpu.powerW];
      if (fields.some((value) => value !== null && value < 0)) {
        throw new Rejection('negative_measurement', `a negative reading for ${gpu.uuid}`, 422, { uuid: gpu.uuid });
      }
    }
  }
  const leasesFrom = leaseFloor(cluster, nowMs, backfillSeconds, limits.epochSeconds);
  checkLeases(cluster, payload.leases, leasesFrom);
  return { leaseFloorMs: leasesFrom };
}

function checkGpu(cluster: ClusterView, uuid: string) {
  if (cluster.uuids.has(uuid)) return;
  const owner = cluster.ownerOf(uuid);
  if (owner !== undefined) {
    throw new Rejection('gpu_in_other_cluster', `GPU ${uuid} belongs to cluster ${owner}`, 422, {
      uuid,
      otherClusterId: owner.toString(),
    });
  }
  throw new Rejection('unknown_gpu', `GPU ${uuid} is not in the cluster's attested hardware`, 422, { uuid });
}

/**
 * Leases are kept until they end before the open epochs, so each (lease id, GPU) is one entry and a GPU holds at most
 * MAX_LEASES_PER_GPU of them (a few tenants sharing a GPU, plus leases that ended inside the open epochs): a cluster's
 * lease memory is bounded by its GPU count, whatever its operator sends. A lease that ended by `floorMs` is skipped
 * before any check: it changes no report, and a billing export's history (a GPU since removed from the inventory
 * included) must not refuse today's readings.
 */
function checkLeases(cluster: ClusterView, leases: readonly WireLease[], floorMs: number) {
  const added = new Map<string, number>();
  const keys = new Set<string>();
  for (const lease of leases) {
    if (leaseEndedBefore(lease, floorMs)) continue;
    checkGpu(cluster, lease.gpuUuid);
    if (lease.end !== null && lease.end <= lease.start) {
      throw new Rejection('invalid_lease', `lease ${lease.leaseId} ends before it starts`, 422, {
        leaseId: lease.leaseId,
      });
    }
    const key = leaseKey(lease);
    if (cluster.leases.has(key) || keys.has(key)) continue;
    keys.add(key);
    const count = (cluster.leasesPerGpu.get(lease.gpuUuid) ?? 0) + (added.get(lease.gpuUuid) ?? 0) + 1;
    if (count > MAX_LEASES_PER_GPU) {
      throw new Rejection(
        'too_many_leases',
        `GPU ${lease.gpuUuid} would hold ${count} leases, at most ${MAX_LEASES_PER_GPU}`,
        422,
        { uuid: lease.gpuUuid, maxLeasesPerGpu: MAX_LEASES_PER_GPU },
      );
    }
    added.set(lease.gpuUuid, (added.get(lease.gpuUuid) ?? 0) + 1);
  }
}

/** The epoch ends (s) a cluster's report loop visits next: data epochs only, then the last due one (no walk). */
export function dueEpochs(input: {
  epochSeconds: number;
  /** First epoch end not yet closed. */
  next: number;
  /** Newest epoch end due (by data or clock). */
  last: number;
  /** Times (ms) of the pending snapshots, ascending. */
  snapshotTimes: Iterable<number>;
  max: number;
}) {
  const { epochSeconds, next, last, max } = input;
  const ends: number[] = [];
  if (last < next) return ends;
  for (const t of input.snapshotTimes) {
    const end = (Math.floor(t / 1000 / epochSeconds) + 1) * epochSeconds;
    if (end > last) break;
    if (end < next || ends.at(-1) === end) continue;
    ends.push(end);
    if (ends.length >= max) return ends;
  }
  if (ends.at(-1) !== last) ends.push(last);
  return ends;
}
