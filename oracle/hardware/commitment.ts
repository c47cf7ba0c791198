/**
 * The hardware commitment of a cluster: a Merkle root over its GPU UUIDs, built with OpenZeppelin's
 * StandardMerkleTree so proofs verify with OpenZeppelin's MerkleProof on-chain. Shared by the oracle (attestation,
 * membership checks) and the dashboard (computed in the browser when an operator registers a cluster), so it must stay
 * free of Node-only imports.
 *
 * Leaf encoding (do not change: on-chain roots depend on it): each GPU UUID is trimmed, upper-cased
 * ("GPU-5F3E…" as nvidia-smi prints it, case-normalized), hashed with keccak256 over its UTF-8 bytes, and the tree is
 * `StandardMerkleTree.of(uuids.map((uuid) => [keccak256(uuid)]), ['bytes32'])`.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { type Hex, keccak256, stringToBytes } from 'viem';

const GPU_UUID = /^GPU-[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** Normalizes a GPU UUID as nvidia-smi / DCGM print it; throws on anything that is not one. */
export function normalizeGpuUuid(uuid: string): string {
  const normalized = uuid.trim().toUpperCase();
  if (!GPU_UUID.test(normalized))
    throw new Error(`"${uuid}" is not a GPU UUID (expected GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  return normalized;
}

/** The hashed GPU UUID that is the tree's leaf value. */
export function gpuUuidHash(uuid: string): Hex {
  return keccak256(stringToBytes(normalizeGpuUuid(uuid)));
}

export type HardwareTree = StandardMerkleTree<[Hex]>;

/** Builds the tree over a set of GPU UUIDs (order does not matter; duplicates are rejected). */
export function hardwareTree(uuids: readonly string[]): HardwareTree {
  if (uuids.length === 0) throw new Error('a cluster needs at least one GPU UUID');
  const hashes = uuids.map(gpuUuidHash);
  if (new Set(hashes).size !== hashes.length) throw new Error('GPU UUIDs must be unique');
  return StandardMerkleTree.of(
    hashes.map((hash) => [hash] as [Hex]),
    ['bytes32'],
  );
}

/** The on-chain hardware commitment (ClusterRegistry hardwareRoot) of a set of GPU UUIDs. */
export function hardwareCommitment(uuids: readonly string[]): Hex {
  return hardwareTree(uuids).root as Hex;
}
