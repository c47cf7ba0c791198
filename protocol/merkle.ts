/**
 * The OpenZeppelin StandardMerkleTree root computed on raw bytes, shared by the hardware commitment (hardware.ts) and
 * the telemetry root: the library's ABI encoder costs ~0.3 ms per leaf and viem's encoder with hex strings ~0.1 ms,
 * which dominated a node's CPU for large clusters. Both callers are checked against StandardMerkleTree.of in tests.
 */
import { keccakShort } from './keccak';

export function compareBytes(a: Uint8Array, b: Uint8Array) {
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) return a[index]! - b[index]!;
  }
  return 0;
}

/**
 * The StandardMerkleTree root over leaf hashes already sorted ascending: the library lays the leaves out in reverse
 * at the end of an array of 2n - 1 nodes and hashes each parent as keccak256 of its two children, smaller first.
 */
export function rootOfSortedLeaves(leaves: readonly Uint8Array[]): Uint8Array {
  const count = leaves.length;
  if (count === 0) throw new Error('a Merkle tree needs at least one leaf');
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
