/**
 * The hardware commitment, an OpenZeppelin StandardMerkleTree root.
 *
 * HARDWARE COMMITMENT (what `registerCluster`/`updateHardware` take as `hardwareRoot`, and what the dashboard
 * recomputes in the browser): `StandardMerkleTree.of(uuids.map((uuid) => [keccak256(toBytes(uuid))]), ['bytes32'])`
 * where `uuid` is the canonical GPU UUID string as nvidia-smi prints it (`GPU-` + lowercase 8-4-4-4-12 hex, see
 * canonicalGpuUuid), hashed as UTF-8 bytes. Each leaf is one GPU; the order of the UUIDs does not matter (the library
 * sorts leaves). A UUID belongs to the cluster iff its leaf is in the tree.
 *
 * The telemetry root of an epoch report (same library, its own leaf) lives in protocol/telemetry.ts.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { bytesToHex, type Hex, keccak256, toBytes } from 'viem';
import { keccakAscii, keccakShort } from '../protocol/keccak';
import { canonicalGpuUuid } from './telemetry/types';

export const HARDWARE_LEAF_TYPES = ['bytes32'] as const;

/** The canonical form of a GPU UUID (see canonicalGpuUuid); throws a readable error for anything else. */
export function requireGpuUuid(uuid: string): string {
  const canonical = canonicalGpuUuid(uuid);
  if (!canonical) throw new Error(`"${uuid}" is not a GPU UUID (expected GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  return canonical;
}

/** The hardware tree's leaf value for one GPU: keccak256 of its canonical UUID (any accepted spelling hashes alike). */
export const gpuUuidHash = (uuid: string): Hex => keccak256(toBytes(requireGpuUuid(uuid)));

/** This module is imported by the browser too (the operator form computes the commitment), so it stays Node-free. */
export function hardwareTree(uuids: readonly string[]) {
  if (uuids.length === 0) throw new Error('a cluster needs at least one GPU UUID');
  const hashes = uuids.map(gpuUuidHash);
  if (new Set(hashes).size !== hashes.length) throw new Error('GPU UUIDs must be unique');
  return StandardMerkleTree.of(
    hashes.map((hash) => [hash]),
    [...HARDWARE_LEAF_TYPES],
  );
}

/** The hardware commitment of any accepted spellings (hardwareTree's root, computed as hardwareRootOfCanonical). */
export function hardwareRoot(uuids: readonly string[]): Hex {
  if (uuids.length === 0) throw new Error('a cluster needs at least one GPU UUID');
  const root = hardwareRootOfCanonical(uuids.map(requireGpuUuid));
  if (root === null) throw new Error('GPU UUIDs must be unique');
  return root;
}

/**
 * hardwareTree's root over UUIDs already in canonical form, on raw bytes (the library's ABI encoder costs ~0.3 ms per leaf): per GPU
 * keccak256(uuid), then the library's leaf hash keccak256(keccak256(abi.encode(bytes32))) where abi.encode of a
 * bytes32 is the 32 bytes themselves. Null when a UUID is listed twice (equal leaves end up adjacent once sorted, so
 * this costs no set of strings). hardware.test.ts checks it against StandardMerkleTree.of.
 */
export function hardwareRootOfCanonical(uuids: readonly string[]): Hex | null {
  if (uuids.length === 0) throw new Error('a cluster needs at least one GPU UUID');
  const buffer = new Uint8Array(uuids.length * 32);
  const scratch = new Uint8Array(32);
  const leaves = uuids.map((uuid, index) => {
    keccakAscii(uuid, scratch, 0);
    keccakShort(scratch, 0, 32, scratch, 0);
    const offset = index * 32;
    keccakShort(scratch, 0, 32, buffer, offset);
    return buffer.subarray(offset, offset + 32);
  });
  leaves.sort(compareBytes);
  for (let index = 1; index < leaves.length; index++) {
    if (compareBytes(leaves[index - 1]!, leaves[index]!) === 0) return null;
  }
  return bytesToHex(rootOfSortedLeaves(leaves));
}

/**
 * The StandardMerkleTree root over leaf hashes already sorted ascending: the library lays the leaves out in reverse
 * at the end of an array of 2n - 1 nodes and hashes each parent as keccak256 of its two children, smaller first.
 */
function rootOfSortedLeaves(leaves: readonly Uint8Array[]): Uint8Array {
  const count = leaves.length;
  const tree = new Array<Uint8Array>(2 * count - 1);
  leaves.forEach((hash, index) => {
    tree[tree.length - 1 - index] = hash;
  });
  const parents = new Uint8Array((count - 1) * 32);
  const pair = new Uint8Array(64);
  for (let index = count - 2; index >= 0; index--) {
    const left = tree[2 * index + 1]!;
    const right = tree[2 * index + 2]!;
    const smallerFirst = compareBytes(left, right) < 0;
    pair.set(smallerFirst ? left : right, 0);
    pair.set(smallerFirst ? right : left, 32);
    keccakShort(pair, 0, 64, parents, index * 32);
    tree[index] = parents.subarray(index * 32, index * 32 + 32);
  }
  return tree[0]!;
}

function compareBytes(a: Uint8Array, b: Uint8Array) {
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) return a[index]! - b[index]!;
  }
  return 0;
}
