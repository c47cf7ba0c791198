/**
 * The OpenZeppelin StandardMerkleTree, written once on raw bytes: the tree (nodes and each leaf's position), its
 * proofs and proof verification, shared by the hardware commitment (hardware.ts) and the telemetry root
 * (telemetry.ts). Callers hash their leaves themselves (each leaf type has its own encoding) and hand the 32-byte leaf
 * hashes here. The library's ABI encoder costs ~0.3 ms per leaf and viem's encoder with hex strings ~0.1 ms, which
 * dominated a node's CPU for large clusters. hardware.test.ts and telemetry.test.ts check roots and proofs against
 * StandardMerkleTree.of, oracle/export tests the exports built on them. Browser-safe (no `node:`).
 */
import { bytesToHex, type Hex } from 'viem';
import { keccakShort } from './keccak';

/** Compares the 32-byte hashes at `a[aOffset ..]` and `b[bOffset ..]` as unsigned big-endian numbers. */
export function compareHashes(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number) {
  for (let index = 0; index < 32; index++) {
    const difference = a[aOffset + index]! - b[bOffset + index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * A tree in the library's array layout: node 0 the root, node i's children 2i+1 and 2i+2, 32 bytes each; the leaves,
 * sorted ascending by hash, fill the end of the array in reverse (the k-th smallest is node size - 1 - k).
 */
export type MerkleNodes = {
  nodes: Uint8Array;
  /** The node of leaf i (in the order the leaf hashes were given). */
  nodeOf: Int32Array;
  count: number;
};

/**
 * The tree over `count` leaf hashes (leaf i at leafHashes[32i .. 32i+32], any order); each parent is keccak256 of its
 * two children, the smaller first. Equal leaves keep their input order (the library's stable sort).
 */
export function merkleNodes(leafHashes: Uint8Array, count: number): MerkleNodes {
  if (count === 0) throw new Error('a Merkle tree needs at least one leaf');
  const size = 2 * count - 1;
  const nodes = new Uint8Array(size * 32);
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => compareHashes(leafHashes, a * 32, leafHashes, b * 32) || a - b,
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
    const [first, second] = compareHashes(nodes, left, nodes, right) < 0 ? [left, right] : [right, left];
    pair.set(nodes.subarray(first, first + 32), 0);
    pair.set(nodes.subarray(second, second + 32), 32);
    keccakShort(pair, 0, 64, nodes, node * 32);
  }
  return { nodes, nodeOf, count };
}

/** The root of a tree built by merkleNodes. */
export const merkleRoot = ({ nodes }: MerkleNodes): Hex => bytesToHex(nodes.subarray(0, 32));

/** Whether two leaves hash alike (equal leaves end up adjacent once sorted, so this needs no set). */
export function hasRepeatedLeaf({ nodes, count }: MerkleNodes): boolean {
  const size = 2 * count - 1;
  for (let node = size - 1; node > size - count; node--) {
    if (compareHashes(nodes, node * 32, nodes, (node - 1) * 32) === 0) return true;
  }
  return false;
}

/** Every leaf's proof (in the order the leaves were given), equal to the library's `getProof`. */
export function merkleProofs({ nodes, nodeOf, count }: MerkleNodes): Hex[][] {
  // Each node's hex once: a proof of a leaf is the siblings on its path, shared by many leaves.
  const hex = new Array<Hex | undefined>(2 * count - 1);
  const hexOf = (node: number) => {
    let text = hex[node];
    if (text === undefined) {
      text = bytesToHex(nodes.subarray(node * 32, node * 32 + 32));
      hex[node] = text;
    }
    return text;
  };
  return Array.from({ length: count }, (_, leaf) => {
    const proof: Hex[] = [];
    for (let node = nodeOf[leaf]!; node > 0; node = Math.floor((node - 1) / 2)) {
      proof.push(hexOf(node % 2 === 1 ? node + 1 : node - 1));
    }
    return proof;
  });
}

const HEX_DIGITS = new Int8Array(128).fill(-1);
for (let digit = 0; digit < 16; digit++) {
  HEX_DIGITS['0123456789abcdef'.charCodeAt(digit)] = digit;
  HEX_DIGITS['0123456789ABCDEF'.charCodeAt(digit)] = digit;
}

/** Decodes a 0x-prefixed 32-byte hex string into `out` at `offset`; false for anything else. */
function writeHash32(text: string, out: Uint8Array, offset: number) {
  if (text.length !== 66 || text[0] !== '0' || (text[1] !== 'x' && text[1] !== 'X')) return false;
  for (let index = 0; index < 32; index++) {
    const high = HEX_DIGITS[text.charCodeAt(2 + 2 * index)] ?? -1;
    const low = HEX_DIGITS[text.charCodeAt(3 + 2 * index)] ?? -1;
    if (high < 0 || low < 0) return false;
    out[offset + index] = high * 16 + low;
  }
  return true;
}

const proofPair = new Uint8Array(64);
const proofNode = new Uint8Array(32);
const proofSibling = new Uint8Array(32);
const proofRoot = new Uint8Array(32);

/**
 * Whether `proof` proves the leaf hash at `leafHash[offset ..]` is in the tree whose root is `root` (the library's
 * `verify`: the leaf hash folded with each sibling, the smaller of the two first). False, never a throw, for a
 * malformed root or proof element, so a verifier can report a tampered file sample by sample.
 */
export function verifyMerkleProof(root: string, leafHash: Uint8Array, offset: number, proof: readonly string[]) {
  if (!writeHash32(root, proofRoot, 0)) return false;
  proofNode.set(leafHash.subarray(offset, offset + 32), 0);
  for (const sibling of proof) {
    if (!writeHash32(sibling, proofSibling, 0)) return false;
    const siblingFirst = compareHashes(proofSibling, 0, proofNode, 0) < 0;
    proofPair.set(siblingFirst ? proofSibling : proofNode, 0);
    proofPair.set(siblingFirst ? proofNode : proofSibling, 32);
    keccakShort(proofPair, 0, 64, proofNode, 0);
  }
  return compareHashes(proofNode, 0, proofRoot, 0) === 0;
}
