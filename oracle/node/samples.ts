/**
 * An epoch's raw telemetry leaves for export, read from the one small per-epoch file the node wrote when it closed
 * the epoch (epoch-samples.ts), never from the journal: the leaves are exactly the snapshots that arrived while the
 * epoch was open, so they hash to the telemetryRoot this node signed.
 */
import type { TelemetryLeaf } from '#protocol/telemetry';
import type { EpochSampleStore } from './epoch-samples';

/** The leaves of one epoch, or undefined when the node holds none (no samples, or pruned past the retention). */
export function readEpochLeaves(input: {
  store: EpochSampleStore;
  clusterId: bigint;
  epochEnd: number;
}): TelemetryLeaf[] | undefined {
  return input.store.read(input.clusterId, input.epochEnd);
}
