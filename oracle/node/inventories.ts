/**
 * The inventories this node holds and the GPUs they claim. Answering a challenge makes an inventory a candidate; only
 * once the chain shows it attested does it claim its GPUs (and take telemetry), and it releases them when the chain
 * suspends, retires or re-hardwares the cluster. Ownership follows the chain on every tick (a bounded round robin)
 * and whenever an answer or a batch needs it fresh. A candidate never attested is forgotten after CANDIDATE_TTL_MS.
 */
import type { Hex } from 'viem';
import { Rejection } from '#protocol/base-error';
import { type Attestation, signDigest } from '#protocol/eip712';
import type { AttestationAnswer, AttestationDesk } from './attestation';
import type { OnChainCluster } from './chain';
import { attestedOnChain, claimedElsewhere, claimGpus, releaseGpus } from './gpu-ownership';
import { type ClusterState, type CoreState, newCluster } from './node-state';

/** Clusters whose on-chain status one tick compares with the held inventory (round robin, cached reads). */
const FOLLOWED_PER_TICK = 64;
/** Candidates overlapping an answered inventory that one answer reads fresh from the chain (claimLandedCandidates). */
const MAX_OVERLAP_READS = 16;
/**
 * How long a candidate inventory (answered, never attested on chain, no telemetry) is kept: an honest operator submits
 * the attestation right after collecting the signatures. Bounds what answering challenges without attesting can hold.
 */
const CANDIDATE_TTL_MS = 3_600_000;

/** Verifies an operator-signed inventory answering this node's challenge; stores it and signs the attestation. */
export async function answerChallenge(
  state: CoreState,
  desk: AttestationDesk,
  clusterId: bigint,
  body: AttestationAnswer,
) {
  const { uuids, root, onChain, committeeVersion } = await desk.verify(clusterId, body);
  await holdInventory(state, clusterId, uuids, root);
  const attestation: Attestation = {
    clusterId,
    hardwareRoot: root,
    gpuCount: uuids.length,
    issuedAt: BigInt(body.issuedAt),
    validUntil: BigInt(body.validUntil),
    nonce: onChain.attestationNonce,
    committeeVersion,
  };
  const signature = await signDigest(state.hasher.attestation(attestation), state.config.privateKey);
  state.metrics.attestationsSigned.inc();
  return {
    attestation: {
      ...attestation,
      clusterId: clusterId.toString(),
      issuedAt: body.issuedAt,
      validUntil: body.validUntil,
    },
    signer: state.address,
    signature,
  };
}

/**
 * The GPU-ownership part of answering a challenge. Only GPUs claimed by an inventory the chain shows attested are
 * refused; a candidate (an inventory answered but never attested on chain) claims nothing, so whoever learns a
 * cluster's UUIDs cannot lock its operator out by answering a challenge of their own (L-6). Called by
 * answerChallenge once the inventory is verified, before it signs; resolves once the inventory is journaled.
 */
export async function holdInventory(state: CoreState, clusterId: bigint, uuids: string[], root: Hex) {
  await claimLandedCandidates(state, clusterId, uuids);
  const taken = claimedElsewhere(state.uuidOwner, clusterId, uuids);
  if (taken) {
    throw new Rejection('gpu_in_other_cluster', `GPU ${taken.uuid} belongs to cluster ${taken.owner}`, 409, {
      uuid: taken.uuid,
      otherClusterId: taken.owner.toString(),
    });
  }
  // The inventory held already (a renewal, or the same answer again): nothing to journal or change (finding 6).
  if (state.clusters.get(clusterId)?.hardwareRoot === root) return;
  await state.journal.append({
    type: 'inventory',
    clusterId: clusterId.toString(),
    uuids,
    hardwareRoot: root,
    heldSince: state.now(),
  });
  applyInventory(state, clusterId, uuids, root);
}

/**
 * Candidates sharing a GPU with an answered inventory whose attestation may have landed since the last tick looked:
 * read fresh, they claim their GPUs now, before a second cluster can be attested with one of them. Bounded: at most
 * MAX_OVERLAP_READS fresh reads per answer (answers are rate-limited per cluster).
 */
async function claimLandedCandidates(state: CoreState, clusterId: bigint, uuids: string[]) {
  const answered = new Set(uuids);
  let reads = 0;
  for (const other of state.clusters.values()) {
    if (other.clusterId === clusterId || other.attestedFrom !== null) continue;
    let overlaps = false;
    for (const uuid of other.uuids) {
      if (answered.has(uuid)) {
        overlaps = true;
        break;
      }
    }
    if (!overlaps) continue;
    if (++reads > MAX_OVERLAP_READS) break;
    const onChain = await state.registry.cluster(other.clusterId, true).catch(() => undefined);
    if (onChain) await followOnChain(state, other, onChain);
  }
}

/** Holds an inventory as a candidate; the same inventory again (a renewal) keeps its claim. */
export function applyInventory(state: CoreState, clusterId: bigint, uuids: string[], root: Hex) {
  const existing = state.clusters.get(clusterId);
  if (existing) {
    if (existing.hardwareRoot === root) return;
    releaseClaim(state, existing);
    existing.uuids = new Set(uuids);
    existing.hardwareRoot = root;
    existing.heldSince = state.now();
    return;
  }
  state.clusters.set(clusterId, newCluster(clusterId, uuids, root, state.now()));
}

export function applyClaim(state: CoreState, cluster: ClusterState, attestedAt: number) {
  claimGpus(state.uuidOwner, cluster.clusterId, cluster.uuids);
  cluster.attestedFrom = attestedAt;
}

export function releaseClaim(state: CoreState, cluster: ClusterState) {
  if (cluster.attestedFrom === null) return;
  releaseGpus(state.uuidOwner, cluster.clusterId, cluster.uuids);
  cluster.attestedFrom = null;
}

/**
 * Makes GPU ownership follow the chain: a candidate whose attestation landed claims its GPUs (unless another attested
 * cluster holds one: the incumbent keeps it until the chain releases it), a claimed cluster that was suspended,
 * retired or re-hardwared releases them. Runs in the cluster's queue; journals only changes.
 */
export async function followOnChain(state: CoreState, cluster: ClusterState, onChain: OnChainCluster) {
  const claimable = attestedOnChain(cluster.hardwareRoot, onChain);
  if (cluster.attestedFrom !== null && !claimable) {
    await state.journal.append({ type: 'released', clusterId: cluster.clusterId.toString() });
    releaseClaim(state, cluster);
    state.log.info(
      { clusterId: cluster.clusterId, status: onChain.status },
      'GPUs released: the chain no longer attests the inventory',
    );
    return;
  }
  if (cluster.attestedFrom !== null || !claimable) return;
  const taken = claimedElsewhere(state.uuidOwner, cluster.clusterId, cluster.uuids);
  if (taken) {
    state.log.warn(
      { clusterId: cluster.clusterId, ...taken },
      'attested inventory holds a GPU another attested cluster claims',
    );
    return;
  }
  await state.journal.append({
    type: 'claimed',
    clusterId: cluster.clusterId.toString(),
    hardwareRoot: cluster.hardwareRoot,
    attestedAt: onChain.attestedAt,
  });
  applyClaim(state, cluster, onChain.attestedAt);
}

/**
 * On-chain reads of the next few clusters in a round robin over every held one (a bounded cost per tick): cached for
 * claimed clusters, fresh for candidates, whose attestation may have landed since they answered the challenge.
 */
export async function readFollowed(state: CoreState) {
  if (state.followQueue.length === 0) state.followQueue = [...state.clusters.keys()];
  const ids = state.followQueue.splice(0, FOLLOWED_PER_TICK);
  const reads = await Promise.all(
    ids.map((clusterId) =>
      state.registry.cluster(clusterId, state.clusters.get(clusterId)?.attestedFrom === null).catch((error: Error) => {
        state.log.warn({ clusterId, err: error.message }, 'cannot read a held cluster from the registry');
        return undefined;
      }),
    ),
  );
  return new Map(ids.flatMap((clusterId, index) => (reads[index] ? [[clusterId, reads[index]] as const] : [])));
}

/** A candidate nobody attested on chain in time, that never took telemetry (nothing of it is worth keeping). */
export function expiredCandidate(cluster: ClusterState, now: number) {
  return cluster.attestedFrom === null && cluster.lastSequence === 0 && now - cluster.heldSince > CANDIDATE_TTL_MS;
}

export async function forget(state: CoreState, cluster: ClusterState) {
  await state.journal.append({ type: 'forgotten', clusterId: cluster.clusterId.toString() });
  state.clusters.delete(cluster.clusterId);
  state.log.info({ clusterId: cluster.clusterId }, 'forgot a candidate inventory the chain never attested');
}
