/**
 * The reference hardware tree: the OpenZeppelin StandardMerkleTree of a GPU inventory, for proofs. The hardware
 * commitment itself (its root, computed on raw bytes) lives in protocol/hardware.ts, which the browser uses too; the
 * telemetry root of an epoch report lives in protocol/telemetry.ts.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { gpuUuidHash, HARDWARE_LEAF_TYPES } from '#protocol/hardware';

/** The library's tree of a GPU inventory, for proofs (its root is protocol/hardware.ts's hardwareRoot, tested). */
export function hardwareTree(uuids: readonly string[]) {
  if (uuids.length === 0) throw new Error('a cluster needs at least one GPU UUID');
  const hashes = uuids.map(gpuUuidHash);
  if (new Set(hashes).size !== hashes.length) throw new Error('GPU UUIDs must be unique');
  return StandardMerkleTree.of(
    hashes.map((hash) => [hash]),
    [...HARDWARE_LEAF_TYPES],
  );
}
