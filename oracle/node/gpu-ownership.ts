/**
 * GPU ownership on a node follows on-chain attestations (L-6). An inventory answered through a challenge is only a
 * candidate: it claims its GPUs once the chain shows the cluster attested with that hardware root, and releases them
 * when the cluster is suspended, retired or re-hardwared. So whoever learns a cluster's UUIDs cannot lock its operator
 * out by answering a challenge without an attestation on chain. The node cannot prove physical possession (README
 * trust model); between two attested clusters listing one GPU the incumbent keeps it until the chain releases it.
 */
import type { Hex } from 'viem';
import { clusterRegistryClusterStatus as ClusterStatus } from '#contracts';
import type { OnChainCluster } from './chain';

/** UUID -> the cluster whose attested inventory claims it. */
export type GpuOwners = Map<string, bigint>;

/**
 * Whether the chain shows an inventory with `hardwareRoot` attested: the same root, an attestation since the last
 * hardware update (updateHardware zeroes attestedAt), and neither suspended nor retired. A Stale cluster keeps its GPUs:
 * it needs reports to become Attested again.
 */
export function attestedOnChain(hardwareRoot: Hex, onChain: OnChainCluster) {
  return (
    onChain.hardwareRoot === hardwareRoot &&
    onChain.attestedAt > 0 &&
    (onChain.status === ClusterStatus.Attested || onChain.status === ClusterStatus.Stale)
  );
}

/** The first of `uuids` another cluster claims, if any. */
export function claimedElsewhere(owners: GpuOwners, clusterId: bigint, uuids: Iterable<string>) {
  for (const uuid of uuids) {
    const owner = owners.get(uuid);
    if (owner !== undefined && owner !== clusterId) return { uuid, owner };
  }
  return undefined;
}

export function claimGpus(owners: GpuOwners, clusterId: bigint, uuids: Iterable<string>) {
  for (const uuid of uuids) owners.set(uuid, clusterId);
}

/** Frees the GPUs `clusterId` claims among `uuids` (never another cluster's). */
export function releaseGpus(owners: GpuOwners, clusterId: bigint, uuids: Iterable<string>) {
  for (const uuid of uuids) if (owners.get(uuid) === clusterId) owners.delete(uuid);
}
