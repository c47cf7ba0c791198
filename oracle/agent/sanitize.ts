/**
 * What the agent removes from a batch before signing it, so that a node never has a reason to refuse its content: a
 * node refuses a whole batch for one bad reading, and a refused batch loses every good reading in it.
 *
 * - A reading of a GPU outside the attested inventory is dropped (a swapped-in GPU before re-attestation, a billing
 *   export listing another cluster's GPU): the node could not count it.
 * - A second reading of one GPU in one snapshot is dropped.
 * - An out-of-range or non-finite field is nulled, the reading kept: the GPU answered, so it was online, and the
 *   node counts a reading with an unknown utilization as online. Clamping would invent a figure (101 % is not 100 %,
 *   -5 % is not 0 %). Used memory above the total nulls the used memory (the total is the board's fixed size).
 * - A snapshot not later than the one before it is dropped (the node requires strictly increasing times).
 * - A lease of a GPU outside the inventory, or one that ends before (or when) it starts, is dropped.
 * - The billing export keeps history, and a node holds at most MAX_LEASES_PER_GPU leases per GPU (a batch that would
 *   give a GPU more is refused for good, every reading in it lost). So a lease that ended more than `leaseHistoryMs`
 *   before the batch's first snapshot is dropped: it ended before any epoch a node still has open (the nodes refuse
 *   samples older than their backfill window, 3 hours by default, so such a lease can change no report they sign), and
 *   a node that took an earlier batch holds it already. Then each GPU keeps its MAX_LEASES_PER_GPU most recent leases
 *   (running ones first, then by latest end): the others are dropped.
 */
import { type BatchPayload, MAX_LEASES_PER_GPU, type Snapshot, type WireLease } from '#protocol/wire';

export const DROP_REASONS = [
  'gpu_not_attested',
  'duplicate_gpu',
  'utilization_out_of_range',
  'negative_measurement',
  'memory_used_above_total',
  'not_finite',
  'timestamp_out_of_order',
  'lease_gpu_not_attested',
  'lease_ends_before_start',
  'lease_ended_before_window',
  'lease_over_gpu_cap',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];
export type DropCounts = Partial<Record<DropReason, number>>;

type Reading = Snapshot['gpus'][number];

/** The nodes' default backfill window (three 1-hour epochs): leases that ended before it no longer matter to them. */
export const DEFAULT_LEASE_HISTORY_MS = 3 * 3_600_000;

/** How many dropped leases one warning names (the counts by reason cover the rest): a log line stays bounded. */
export const DROPPED_LEASES_LOGGED = 20;

export type DroppedLease = { leaseId: string; gpuUuid: string; end: number | null; reason: DropReason };

const finiteOrNull = (value: number | null, counts: DropCounts) => {
  if (value === null || Number.isFinite(value)) return value;
  counts.not_finite = (counts.not_finite ?? 0) + 1;
  return null;
};

function cleanReading(gpu: Reading, counts: DropCounts): Reading {
  const bump = (reason: DropReason) => {
    counts[reason] = (counts[reason] ?? 0) + 1;
  };
  let utilizationPct = finiteOrNull(gpu.utilizationPct, counts);
  if (utilizationPct !== null && (utilizationPct < 0 || utilizationPct > 100)) {
    bump('utilization_out_of_range');
    utilizationPct = null;
  }
  const nonNegative = (value: number | null) => {
    const finite = finiteOrNull(value, counts);
    if (finite !== null && finite < 0) {
      bump('negative_measurement');
      return null;
    }
    return finite;
  };
  let memoryUsedMiB = nonNegative(gpu.memoryUsedMiB);
  const memoryTotalMiB = nonNegative(gpu.memoryTotalMiB);
  const powerW = nonNegative(gpu.powerW);
  if (memoryUsedMiB !== null && memoryTotalMiB !== null && memoryUsedMiB > memoryTotalMiB) {
    bump('memory_used_above_total');
    memoryUsedMiB = null;
  }
  return {
    uuid: gpu.uuid,
    utilizationPct,
    memoryUsedMiB,
    memoryTotalMiB,
    temperatureC: finiteOrNull(gpu.temperatureC, counts),
    powerW,
  };
}

/**
 * Returns the payload the agent may sign and what it removed, by reason (and the first dropped leases, by name).
 * `inventory` undefined means the agent does not know the attested inventory of the cluster: readings are then
 * range-checked only. `after` is the time of the last snapshot already spooled for the cluster. Leases that ended more
 * than `leaseHistoryMs` before the batch's first snapshot (or `after`, for a batch without snapshots) are dropped.
 */
export function sanitizePayload(
  payload: BatchPayload,
  inventory: ReadonlySet<string> | undefined,
  after = 0,
  leaseHistoryMs = DEFAULT_LEASE_HISTORY_MS,
): { payload: BatchPayload; dropped: DropCounts; droppedLeases: DroppedLease[] } {
  const dropped: DropCounts = {};
  const bump = (reason: DropReason, by = 1) => {
    dropped[reason] = (dropped[reason] ?? 0) + by;
  };
  const snapshots: Snapshot[] = [];
  let previous = after;
  for (const snapshot of payload.snapshots) {
    if (snapshot.t <= previous) {
      bump('timestamp_out_of_order', Math.max(1, snapshot.gpus.length));
      continue;
    }
    previous = snapshot.t;
    const seen = new Set<string>();
    const gpus: Reading[] = [];
    for (const gpu of snapshot.gpus) {
      if (inventory && !inventory.has(gpu.uuid)) {
        bump('gpu_not_attested');
        continue;
      }
      if (seen.has(gpu.uuid)) {
        bump('duplicate_gpu');
        continue;
      }
      seen.add(gpu.uuid);
      gpus.push(cleanReading(gpu, dropped));
    }
    snapshots.push({ t: snapshot.t, gpus });
  }
  const droppedLeases: DroppedLease[] = [];
  const dropLease = (lease: WireLease, reason: DropReason) => {
    bump(reason);
    if (droppedLeases.length < DROPPED_LEASES_LOGGED) {
      droppedLeases.push({ leaseId: lease.leaseId, gpuUuid: lease.gpuUuid, end: lease.end, reason });
    }
  };
  // Without any snapshot time (a first batch of leases only) there is no floor: nothing says the lease is stale.
  const base = snapshots[0]?.t ?? after;
  const floor = base > 0 ? base - leaseHistoryMs : Number.NEGATIVE_INFINITY;
  const perGpu = new Map<string, WireLease[]>();
  const eligible = new Set<WireLease>();
  for (const lease of payload.leases) {
    if (inventory && !inventory.has(lease.gpuUuid)) dropLease(lease, 'lease_gpu_not_attested');
    else if (lease.end !== null && lease.end <= lease.start) dropLease(lease, 'lease_ends_before_start');
    else if (lease.end !== null && lease.end < floor) dropLease(lease, 'lease_ended_before_window');
    else {
      eligible.add(lease);
      const list = perGpu.get(lease.gpuUuid) ?? [];
      list.push(lease);
      perGpu.set(lease.gpuUuid, list);
    }
  }
  // The most recent first: a running lease, then the latest end, then the latest start.
  const recency = (lease: WireLease) => lease.end ?? Number.POSITIVE_INFINITY;
  const over = new Set<WireLease>();
  for (const list of perGpu.values()) {
    if (list.length <= MAX_LEASES_PER_GPU) continue;
    const ranked = [...list].sort((a, b) => recency(b) - recency(a) || b.start - a.start);
    for (const lease of ranked.slice(MAX_LEASES_PER_GPU)) over.add(lease);
  }
  const leases: WireLease[] = [];
  for (const lease of payload.leases) {
    if (over.has(lease)) dropLease(lease, 'lease_over_gpu_cap');
    else if (eligible.has(lease)) leases.push(lease);
  }
  return { payload: { snapshots, leases }, dropped, droppedLeases };
}
