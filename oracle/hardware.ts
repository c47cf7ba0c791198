/**
 * The telemetry root (the `telemetryRoot` of an epoch report) and the reference hardware tree. The hardware commitment
 * itself lives in protocol/hardware.ts (the browser computes it too).
 *
 * TELEMETRY ROOT: the OpenZeppelin StandardMerkleTree over one leaf per GPU reading in the epoch, types
 * ['bytes32', 'uint64', 'int32']: keccak256 of the UUID, the snapshot time in Unix milliseconds, and the utilization in
 * thousandths of a percent (-1 when the GPU reported none). An epoch without readings has root 0x00…0.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { bytesToHex, type Hex, hexToBytes, zeroHash } from 'viem';
import { gpuUuidHash, HARDWARE_LEAF_TYPES } from '#protocol/hardware';
import { keccakShort } from '#protocol/keccak';
import { compareBytes, rootOfSortedLeaves } from '#protocol/merkle';

export const TELEMETRY_LEAF_TYPES = ['bytes32', 'uint64', 'int32'] as const;

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

export type TelemetryLeaf = [uuidHash: Hex, timestampMs: bigint, utilizationMilliPct: number];

/**
 * The StandardMerkleTree root over `leaves` (same leaf hash, sorted leaves, sorted-pair node hash), computed on raw
 * bytes (see protocol/merkle.ts). The leaf's ABI encoding is three 32-byte words (bytes32, uint64 and int32
 * left-padded, the int32 sign-extended). hardware.test.ts checks it against StandardMerkleTree.of.
 */
export function telemetryRoot(leaves: TelemetryLeaf[]): Hex {
  if (leaves.length === 0) return zeroHash;
  const buffer = new Uint8Array(leaves.length * 32);
  const hashes = leaves.map((leaf, index) => {
    writeTelemetryLeafHash(leaf, buffer, index * 32);
    return buffer.subarray(index * 32, index * 32 + 32);
  });
  hashes.sort(compareBytes);
  return bytesToHex(rootOfSortedLeaves(hashes));
}

const leafEncoding = new Uint8Array(96);
const leafView = new DataView(leafEncoding.buffer);

/**
 * Writes the StandardMerkleTree leaf hash of `leaf` — keccak256(keccak256(abi.encode(bytes32, uint64, int32))), three
 * 32-byte words with the int32 sign-extended — into `out` at `offset`. The one encoding of a telemetry leaf: the
 * node's reports (telemetryRoot) and the epoch exports' proofs (export/telemetry-tree.ts) both hash through it.
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
