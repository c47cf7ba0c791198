/**
 * The `clusters` table: each cluster's current state, recomputed from its registry events, its newest attestation and
 * its newest report whenever a range written or rolled back touches it (no deltas: replaying the events is the rule).
 */
import { and, asc, desc, eq, max } from 'drizzle-orm';
import { type Address, zeroAddress } from 'viem';
import type { Transaction } from '../../bulk-insert';
import { attestations, clusterEvents, clusters, epochReports } from '../../schema';

type WithCluster = { clusterId: bigint }[];

/** The clusters whose row a range's (or a rollback's) registry events, attestations or reports change. */
export function affectedClusters(rows: {
  clusterEvents: WithCluster;
  attestations: WithCluster;
  epochReports: WithCluster;
}) {
  return [
    ...rows.clusterEvents.map((row) => row.clusterId),
    ...rows.attestations.map((row) => row.clusterId),
    ...rows.epochReports.map((row) => row.clusterId),
  ];
}

/** Rebuilds the `clusters` rows of `ids` from their events (deleting those whose registration is gone). */
export async function recomputeClusters(tx: Transaction, chainId: number, ids: bigint[]) {
  for (const clusterId of new Set(ids)) {
    const events = await tx
      .select()
      .from(clusterEvents)
      .where(and(eq(clusterEvents.chainId, chainId), eq(clusterEvents.clusterId, clusterId)))
      .orderBy(asc(clusterEvents.blockNumber), asc(clusterEvents.logIndex));
    const registration = events.find((event) => event.kind === 'registered');
    if (!registration) {
      await tx.delete(clusters).where(and(eq(clusters.chainId, chainId), eq(clusters.clusterId, clusterId)));
      continue;
    }
    const state = {
      operator: registration.operator!,
      pendingOperator: null as Address | null,
      gpuCount: registration.gpuCount!,
      hardwareRoot: registration.hardwareRoot!,
      metadataUri: registration.metadataUri!,
      metadataHash: registration.metadataHash!,
      suspended: false,
      retired: false,
      hardwareChangedAt: [registration.blockNumber, registration.logIndex] as [bigint, number],
    };
    for (const event of events) {
      switch (event.kind) {
        case 'metadata_updated':
          state.metadataUri = event.metadataUri!;
          state.metadataHash = event.metadataHash!;
          break;
        case 'hardware_updated':
          state.hardwareRoot = event.hardwareRoot!;
          state.gpuCount = event.gpuCount!;
          state.hardwareChangedAt = [event.blockNumber, event.logIndex];
          break;
        case 'operator_transfer_started':
          state.pendingOperator = event.operator === zeroAddress ? null : event.operator;
          break;
        case 'operator_transferred':
          state.operator = event.operator!;
          state.pendingOperator = null;
          break;
        case 'suspended':
          state.suspended = true;
          break;
        case 'unsuspended':
          state.suspended = false;
          break;
        case 'retired':
          state.retired = true;
          break;
      }
    }
    const [attestation] = await tx
      .select()
      .from(attestations)
      .where(and(eq(attestations.chainId, chainId), eq(attestations.clusterId, clusterId)))
      .orderBy(desc(attestations.blockNumber), desc(attestations.logIndex))
      .limit(1);
    const [changedBlock, changedLog] = state.hardwareChangedAt;
    const attested =
      attestation &&
      (attestation.blockNumber > changedBlock ||
        (attestation.blockNumber === changedBlock && attestation.logIndex > changedLog));
    // The registry's last report time is the newest epoch itself (its signed end time), not when it was submitted.
    const [reports] = await tx
      .select({ lastEpoch: max(epochReports.epoch) })
      .from(epochReports)
      .where(and(eq(epochReports.chainId, chainId), eq(epochReports.clusterId, clusterId)));
    const row = {
      chainId,
      clusterId,
      operator: state.operator,
      pendingOperator: state.pendingOperator,
      gpuModel: registration.gpuModel!,
      location: registration.location!,
      gpuCount: state.gpuCount,
      hardwareRoot: state.hardwareRoot,
      metadataUri: state.metadataUri,
      metadataHash: state.metadataHash,
      status: state.retired
        ? ('retired' as const)
        : state.suspended
          ? ('suspended' as const)
          : attested
            ? ('attested' as const)
            : ('registered' as const),
      registeredAt: registration.blockTime,
      registeredBlock: registration.blockNumber,
      attestedAt: attested ? attestation.attestedAt : null,
      attestedUntil: attested ? attestation.validUntil : null,
      lastEpoch: reports?.lastEpoch ? BigInt(reports.lastEpoch) : 0n,
      lastReportAt: reports?.lastEpoch ? new Date(Number(reports.lastEpoch) * 1000) : null,
    };
    const { chainId: _chain, clusterId: _id, ...update } = row;
    await tx
      .insert(clusters)
      .values(row)
      .onConflictDoUpdate({ target: [clusters.chainId, clusters.clusterId], set: update });
  }
}
