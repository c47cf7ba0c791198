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
 * Leaves hashed on raw bytes with protocol/keccak.ts, the tree is merkle.ts's (the one shared with the hardware
 * commitment): the library's ABI encoder and hasher cost about 0.3 ms per leaf, which made a node signing the demo's
 * history, and a 36,000-sample export, take tens of seconds (review M-2).
 * telemetry.test.ts checks root, proofs and verification against the library. Browser-safe (no `node:`).
 */
import { type Hex, hexToBytes, zeroHash } from 'viem';
import { keccakShort } from './keccak';
import { merkleNodes, merkleProofs, merkleRoot, verifyMerkleProof } from './merkle';

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

/** The tree (merkle.ts) of `leaves`' leaf hashes. */
function buildNodes(leaves: readonly TelemetryLeaf[]) {
  const leafHashes = new Uint8Array(leaves.length * 32);
  for (const [index, leaf] of leaves.entries()) writeTelemetryLeafHash(leaf, leafHashes, index * 32);
  return merkleNodes(leafHashes, leaves.length);
}

/** The root of `leaves` (any order): what a node signs as the epoch report's telemetryRoot. */
export function telemetryRoot(leaves: readonly TelemetryLeaf[]): Hex {
  if (leaves.length === 0) return zeroHash;
  return merkleRoot(buildNodes(leaves));
}

/** telemetryRoot over `count` leaf hashes already written by writeTelemetryLeafHash (leaf i at offset 32i). */
export function telemetryRootOfLeafHashes(leafHashes: Uint8Array, count: number): Hex {
  if (count === 0) return zeroHash;
  return merkleRoot(merkleNodes(leafHashes, count));
}

export type TelemetryTree = { root: Hex /** Proofs in the order of the leaves given. */; proofs: Hex[][] };

/** The tree of `leaves` (any order) with every leaf's proof, equal to the library's `getProof`. */
export function telemetryTree(leaves: readonly TelemetryLeaf[]): TelemetryTree {
  if (leaves.length === 0) return { root: zeroHash, proofs: [] };
  const tree = buildNodes(leaves);
  return { root: merkleRoot(tree), proofs: merkleProofs(tree) };
}

const proofLeaf = new Uint8Array(32);

/**
 * Whether `proof` proves `leaf` is in the tree whose root is `root` (the library's `StandardMerkleTree.verify`:
 * the leaf hash folded with each sibling, the smaller of the two first). False, never a throw, for a malformed root or
 * proof element, so a verifier can report a tampered file sample by sample.
 */
export function verifyTelemetryProof(root: string, leaf: TelemetryLeaf, proof: readonly string[]): boolean {
  try {
    writeTelemetryLeafHash(leaf, proofLeaf, 0);
  } catch {
    return false;
  }
  return verifyMerkleProof(root, proofLeaf, 0, proof);
}

/** verifyTelemetryProof for a leaf hash already written (by writeTelemetryLeafHash) at `leafHash[offset ..]`. */
export const verifyTelemetryProofOfHash = verifyMerkleProof;
