/**
 * Turns one epoch of accepted snapshots and the cluster's leases into the EpochReport every honest node computes
 * identically (integer arithmetic only, no wall clock):
 * - gpusOnline: GPUs in the epoch's last snapshot.
 * - utilizationBps: mean utilization over the epoch's snapshots and the ATTESTED GPU count (a GPU that is missing or
 *   reports no utilization counts as idle), floored.
 * - gpuHoursMilli and revenue: each lease's overlap with the epoch, weighted by the share of the epoch's snapshots in
 *   which that GPU was online (a leased GPU that is down earns nothing), floored once per cluster.
 * - telemetryRoot: see protocol/telemetry.ts.
 */

import type { EpochReport } from '#protocol/eip712';
import { type TelemetryLeaf, telemetryLeaf, telemetryRoot } from '#protocol/telemetry';
import type { Snapshot, WireLease } from '#protocol/wire';

export type EpochInput = {
  clusterId: bigint;
  /** Epoch id = Unix second at which the epoch ends (exclusive); epochs are aligned to multiples of epochSeconds. */
  epochEnd: number;
  epochSeconds: number;
  attestedGpuCount: number;
  /** Snapshots with epochStart*1000 <= t < epochEnd*1000, ascending by t. */
  snapshots: readonly Snapshot[];
  leases: Iterable<WireLease>;
  uuidHash: (uuid: string) => `0x${string}`;
  /** The registry's committee version the report is signed for (not a figure: every node reads it from the chain). */
  committeeVersion: number;
};

const MS_PER_HOUR = 3_600_000n;

export function aggregateEpoch(input: EpochInput): EpochReport {
  const { snapshots } = input;
  const startMs = (input.epochEnd - input.epochSeconds) * 1000;
  const endMs = input.epochEnd * 1000;
  const presence = new Map<string, number>();
  const leaves: TelemetryLeaf[] = [];
  let utilizationMilliPctSum = 0n;
  for (const snapshot of snapshots) {
    for (const gpu of snapshot.gpus) {
      presence.set(gpu.uuid, (presence.get(gpu.uuid) ?? 0) + 1);
      const leaf = telemetryLeaf(input.uuidHash(gpu.uuid), snapshot.t, gpu.utilizationPct);
      // The utilization figure sums the very value the leaf commits to, so the report and its samples agree.
      if (leaf[2] > 0) utilizationMilliPctSum += BigInt(leaf[2]);
      leaves.push(leaf);
    }
  }
  const snapshotCount = BigInt(snapshots.length);
  let leasedMsWeighted = 0n;
  let revenueWeighted = 0n;
  if (snapshotCount > 0n) {
    for (const lease of input.leases) {
      const seen = presence.get(lease.gpuUuid);
      if (!seen) continue;
      const overlap = Math.min(endMs, lease.end ?? endMs) - Math.max(startMs, lease.start);
      if (overlap <= 0) continue;
      const weighted = BigInt(overlap) * BigInt(seen);
      leasedMsWeighted += weighted;
      revenueWeighted += weighted * BigInt(lease.pricePerHour);
    }
  }
  const divisor = snapshotCount === 0n ? 1n : snapshotCount;
  const utilizationDivisor = divisor * BigInt(Math.max(1, input.attestedGpuCount)) * 10n;
  const utilizationBps = Number(utilizationMilliPctSum / utilizationDivisor);
  return {
    clusterId: input.clusterId,
    epoch: BigInt(input.epochEnd),
    gpuHoursMilli: (leasedMsWeighted * 1000n) / (divisor * MS_PER_HOUR),
    utilizationBps: Math.min(10_000, utilizationBps),
    gpusOnline: snapshots.at(-1)?.gpus.length ?? 0,
    revenue: revenueWeighted / (divisor * MS_PER_HOUR),
    telemetryRoot: telemetryRoot(leaves),
    committeeVersion: input.committeeVersion,
  };
}
