/**
 * The telemetry tree of an epoch with a proof per leaf, on raw bytes (review M-2): the same tree as
 * `StandardMerkleTree.of(leaves, TELEMETRY_LEAF_TYPES)` and the same proofs as its `getProof`, but hashed with
 * oracle/keccak.ts into preallocated buffers. The library's ABI encoder and hasher cost about 0.3 ms per leaf, which
 * made a 36,000-sample export take 44 s of CPU; telemetry-tree.test.ts checks both against the library.
 */
import { bytesToHex, type Hex, zeroHash } from 'viem';
import { keccakShort } from '#protocol/keccak';
import { type TelemetryLeaf, writeTelemetryLeafHash } from '../hardware';

export type TelemetryTree = { root: Hex /** Proofs in the order of the leaves given. */; proofs: Hex[][] };

function compareAt(buffer: Uint8Array, a: number, b: number) {
  for (let index = 0; index < 32; index++) {
    const difference = buffer[a + index]! - buffer[b + index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Builds the tree of `leaves` (any order) and every leaf's proof. */
export function telemetryTree(leaves: readonly TelemetryLeaf[]): TelemetryTree {
  const count = leaves.length;
  if (count === 0) return { root: zeroHash, proofs: [] };
  // Node i of the library's array layout (root 0, children 2i+1 and 2i+2) is nodes[32i .. 32i+32].
  const size = 2 * count - 1;
  const nodes = new Uint8Array(size * 32);
  const leafHashes = new Uint8Array(count * 32);
  for (const [index, leaf] of leaves.entries()) writeTelemetryLeafHash(leaf, leafHashes, index * 32);
  // Sorted by hash, ties in input order (the library's stable sort); the k-th sorted leaf is node size - 1 - k.
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => compareAt(leafHashes, a * 32, b * 32) || a - b,
  );
  const nodeOf = new Int32Array(count);
  order.forEach((leaf, rank) => {
    const node = size - 1 - rank;
    nodes.set(leafHashes.subarray(leaf * 32, leaf * 32 + 32), node * 32);
    nodeOf[leaf] = node;
  });
  const pair = new Uint8Array(64);
  for (let node = count - 2; node >= 0; node--) {
    const left = (2 * node + 1) * 32;
    const right = (2 * node + 2) * 32;
    const [first, second] = compareAt(nodes, left, right) < 0 ? [left, right] : [right, left];
    pair.set(nodes.subarray(first, first + 32), 0);
    pair.set(nodes.subarray(second, second + 32), 32);
    keccakShort(pair, 0, 64, nodes, node * 32);
  }
  // Each node's hex once: a proof of a leaf is the siblings on its path, shared by many leaves.
  const hex = new Array<Hex | undefined>(size);
  const hexOf = (node: number) => {
    let text = hex[node];
    if (text === undefined) {
      text = bytesToHex(nodes.subarray(node * 32, node * 32 + 32));
      hex[node] = text;
    }
    return text;
  };
  const proofs = Array.from({ length: count }, (_, leaf) => {
    const proof: Hex[] = [];
    for (let node = nodeOf[leaf]!; node > 0; node = Math.floor((node - 1) / 2)) {
      proof.push(hexOf(node % 2 === 1 ? node + 1 : node - 1));
    }
    return proof;
  });
  return { root: hexOf(0), proofs };
}
