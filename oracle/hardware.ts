/**
 * The hardware commitment and the telemetry root, both OpenZeppelin StandardMerkleTree roots.
 *
 * HARDWARE COMMITMENT (what `registerCluster`/`updateHardware` take as `hardwareRoot`, and what the dashboard
 * recomputes in the browser): `StandardMerkleTree.of(uuids.map((uuid) => [keccak256(toBytes(uuid))]), ['bytes32'])`
 * where `uuid` is the canonical GPU UUID string as nvidia-smi prints it (`GPU-` + lowercase 8-4-4-4-12 hex, see
 * canonicalGpuUuid), hashed as UTF-8 bytes. Each leaf is one GPU; the order of the UUIDs does not matter (the library
 * sorts leaves). A UUID belongs to the cluster iff its leaf is in the tree.
 *
 * TELEMETRY ROOT (the `telemetryRoot` of an epoch report): the same library over one leaf per GPU reading in the
 * epoch, types ['bytes32', 'uint64', 'int32']: keccak256 of the UUID, the snapshot time in Unix milliseconds, and the
 * utilization in thousandths of a percent (-1 when the GPU reported none). An epoch without readings has root 0x00…0.
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { bytesToHex, type Hex, hexToBytes, keccak256, toBytes, zeroHash } from 'viem';
import { canonicalGpuUuid } from './telemetry/types';

export const HARDWARE_LEAF_TYPES = ['bytes32'] as const;
export const TELEMETRY_LEAF_TYPES = ['bytes32', 'uint64', 'int32'] as const;

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

export const hardwareRoot = (uuids: readonly string[]) => hardwareTree(uuids).root as Hex;

export type TelemetryLeaf = [uuidHash: Hex, timestampMs: bigint, utilizationMilliPct: number];

/**
 * The StandardMerkleTree root over `leaves` (same leaf hash, sorted leaves, sorted-pair node hash), computed on raw
 * bytes: the library's ABI encoder costs ~0.3 ms per leaf and viem's encoder with hex strings ~0.1 ms, which dominated
 * a node's CPU when it signs thousands of reports (the demo's history). The leaf's ABI encoding is three 32-byte words
 * (bytes32, uint64 and int32 left-padded, the int32 sign-extended). hardware.test.ts checks it against
 * StandardMerkleTree.of.
 */
export function telemetryRoot(leaves: TelemetryLeaf[]): Hex {
  if (leaves.length === 0) return zeroHash;
  const encoded = new Uint8Array(96);
  const view = new DataView(encoded.buffer);
  const hashes = leaves.map(([uuidHash, timestampMs, utilization]) => {
    encoded.set(hexToBytes(uuidHash), 0);
    encoded.fill(0, 32, 88);
    view.setBigUint64(56, BigInt.asUintN(64, timestampMs));
    encoded.fill(utilization < 0 ? 0xff : 0, 64, 92);
    view.setInt32(92, utilization);
    return keccak256(keccak256(encoded, 'bytes'), 'bytes');
  });
  hashes.sort(compareBytes);
  const tree = new Array<Uint8Array>(2 * hashes.length - 1);
  hashes.forEach((hash, index) => {
    tree[tree.length - 1 - index] = hash;
  });
  const pair = new Uint8Array(64);
  for (let index = tree.length - 1 - hashes.length; index >= 0; index--) {
    const left = tree[2 * index + 1]!;
    const right = tree[2 * index + 2]!;
    const [first, second] = compareBytes(left, right) < 0 ? [left, right] : [right, left];
    pair.set(first, 0);
    pair.set(second, 32);
    tree[index] = keccak256(pair, 'bytes');
  }
  return bytesToHex(tree[0]!);
}

function compareBytes(a: Uint8Array, b: Uint8Array) {
  for (let index = 0; index < a.length; index++) {
    if (a[index] !== b[index]) return a[index]! - b[index]!;
  }
  return 0;
}
