/**
 * The telemetry root of an epoch report, written once: the leaf encoding, the tree with a proof per leaf, and proof
 * verification. The oracle node signs `telemetryRoot`, the export builder (oracle/export) attaches `telemetryTree`
 * proofs, and the CLI and the epoch page's in-browser verifier check them with `verifyTelemetryProof` — one code path,
 * so a verifier cannot disagree with the signer about what a sample hashes to.
 *
 * TELEMETRY ROOT: an OpenZeppelin StandardMerkleTree over one leaf per GPU reading in the epoch, types
 * ['bytes32', 'uint64', 'int32']: keccak256 of the GPU UUID, the snapshot time in Unix milliseconds, and the utilization
 * in thousandths of a percent (-1 when the GPU reported none). The leaves are exactly the snapshots with
 * epochStart*1000 <= t < epochEnd*1000 that reached the node while the epoch was open (a later arrival never changes a
 * signed report: oracle/node/core.ts). An epoch without readings has root 0x00…0.
 *
 * Hashed on raw bytes with protocol/keccak.ts: the library's ABI encoder and hasher cost about 0.3 ms per leaf, which
 * made a node signing the demo's history, and a 36,000-sample export, take tens of seconds (review M-2).
 * telemetry.test.ts checks root, proofs and verification against the library. Browser-safe (no `node:`).
 */
import { bytesToHex, type Hex, hexToBytes, zeroHash } from 'viem';
import { keccakShort } from './keccak';

export const TELEMETRY_LEAF_TYPES = ['bytes32', 'uint64', 'int32'] as const;

export type TelemetryLeaf = [uuidHash: Hex, timestampMs: bigint, utilizationMilliPct: number];

/** A reading's utilization as the leaf holds it: thousandths of a percent, rounded; -1 for no reading. */
export const utilizationMilliPct = (utilizationPct: number | null): number =>
  utilizationPct === null ? -1 : Math.round(utilizationPct * 1000);

/** The leaf of one GPU's reading in a snapshot taken at `timeMs`. */
export const telemetryLeaf = (uuidHash: Hex, timeMs: number | bigint, utilizationPct: number | null): TelemetryLeaf => [
  uuidHash,
  BigInt(timeMs),
  utilizationMilliPct(utilizationPct),
];

/** The epoch (its end, Unix seconds, exclusive; epochs aligned to multiples of epochSeconds) a snapshot time falls in. */
export function epochEndOf(timestampMs: number, epochSeconds: number) {
  return (Math.floor(timestampMs / 1000 / epochSeconds) + 1) * epochSeconds;
}

const leafEncoding = new Uint8Array(96);
const leafView = new DataView(leafEncoding.buffer);

/**
 * Writes the StandardMerkleTree leaf hash of `leaf` — keccak256(keccak256(abi.encode(bytes32, uint64, int32))), three
 * 32-byte words, the uint64 and int32 left-padded, the int32 sign-extended — into `out` at `offset`.
 */
export function writeTelemetryLeafHash(
  [uuidHash, timestampMs, utilization]: TelemetryLeaf,
  out: Uint8Array,
  offset: number,
) {
  leafEncoding.set(hexToBytes(uuidHash), 0);
  leafEncoding.fill(0, 32, 88);
  leafView.setBigUint64(56, BigInt.asUintN(64, timestampMs));
  leafEncoding.fill(utilization < 0 ? 0xff : 0, 64, 92);
  leafView.setInt32(92, utilization);
  keccakShort(leafEncoding, 0, 96, leafEncoding, 0);
  keccakShort(leafEncoding, 0, 32, out, offset);
}

function compareAt(a: Uint8Array, aOffset: number, b: Uint8Array, bOffset: number) {
  for (let index = 0; index < 32; index++) {
    const difference = a[aOffset + index]! - b[bOffset + index]!;
    if (difference !== 0) return difference;
  }
  return 0;
}

/** The library's array layout (root 0, children 2i+1 and 2i+2) of `leaves`' tree as 32-byte nodes, and each leaf's node. */
function buildNodes(leaves: readonly TelemetryLeaf[]) {
  const leafHashes = new Uint8Array(leaves.length * 32);
  for (const [index, leaf] of leaves.entries()) writeTelemetryLeafHash(leaf, leafHashes, index * 32);
  return buildNodesOfHashes(leafHashes, leaves.length);
}

/** buildNodes over leaf hashes already written (leaf i at leafHashes[32i .. 32i+32]). */
function buildNodesOfHashes(leafHashes: Uint8Array, count: number) {
  const size = 2 * count - 1;
  const nodes = new Uint8Array(size * 32);
  // Sorted by hash, ties in input order (the library's stable sort); the k-th sorted leaf is node size - 1 - k.
  const order = Array.from({ length: count }, (_, index) => index).sort(
    (a, b) => compareAt(leafHashes, a * 32, leafHashes, b * 32) || a - b,
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
    const [first, second] = compareAt(nodes, left, nodes, right) < 0 ? [left, right] : [right, left];
    pair.set(nodes.subarray(first, first + 32), 0);
    pair.set(nodes.subarray(second, second + 32), 32);
    keccakShort(pair, 0, 64, nodes, node * 32);
  }
  return { nodes, nodeOf };
}

/** The root of `leaves` (any order): what a node signs as the epoch report's telemetryRoot. */
export function telemetryRoot(leaves: readonly TelemetryLeaf[]): Hex {
  if (leaves.length === 0) return zeroHash;
  return bytesToHex(buildNodes(leaves).nodes.subarray(0, 32));
}

/** telemetryRoot over `count` leaf hashes already written by writeTelemetryLeafHash (leaf i at offset 32i). */
export function telemetryRootOfLeafHashes(leafHashes: Uint8Array, count: number): Hex {
  if (count === 0) return zeroHash;
  return bytesToHex(buildNodesOfHashes(leafHashes, count).nodes.subarray(0, 32));
}

export type TelemetryTree = { root: Hex /** Proofs in the order of the leaves given. */; proofs: Hex[][] };

/** The tree of `leaves` (any order) with every leaf's proof, equal to the library's `getProof`. */
export function telemetryTree(leaves: readonly TelemetryLeaf[]): TelemetryTree {
  const count = leaves.length;
  if (count === 0) return { root: zeroHash, proofs: [] };
  const { nodes, nodeOf } = buildNodes(leaves);
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
  const proofs = Array.from({ length: count }, (_, leaf) => {
    const proof: Hex[] = [];
    for (let node = nodeOf[leaf]!; node > 0; node = Math.floor((node - 1) / 2)) {
      proof.push(hexOf(node % 2 === 1 ? node + 1 : node - 1));
    }
    return proof;
  });
  return { root: hexOf(0), proofs };
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
 * Whether `proof` proves `leaf` is in the tree whose root is `root` (the library's `StandardMerkleTree.verify`:
 * the leaf hash folded with each sibling, the smaller of the two first). False, never a throw, for a malformed root or
 * proof element, so a verifier can report a tampered file sample by sample.
 */
export function verifyTelemetryProof(root: string, leaf: TelemetryLeaf, proof: readonly string[]): boolean {
  try {
    writeTelemetryLeafHash(leaf, proofNode, 0);
  } catch {
    return false;
  }
  return verifyTelemetryProofOfHash(root, proofNode, 0, proof);
}

/** verifyTelemetryProof for a leaf hash already written (by writeTelemetryLeafHash) at `leafHash[offset ..]`. */
export function verifyTelemetryProofOfHash(
  root: string,
  leafHash: Uint8Array,
  offset: number,
  proof: readonly string[],
): boolean {
  if (!writeHash32(root, proofRoot, 0)) return false;
  proofNode.set(leafHash.subarray(offset, offset + 32), 0);
  for (const sibling of proof) {
    if (!writeHash32(sibling, proofSibling, 0)) return false;
    const siblingFirst = compareAt(proofSibling, 0, proofNode, 0) < 0;
    proofPair.set(siblingFirst ? proofSibling : proofNode, 0);
    proofPair.set(siblingFirst ? proofNode : proofSibling, 32);
    keccakShort(proofPair, 0, 64, proofNode, 0);
  }
  return compareAt(proofNode, 0, proofRoot, 0) === 0;
}
