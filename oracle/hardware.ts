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
import { type Hex, keccak256, toBytes, zeroHash } from 'viem';

export const HARDWARE_LEAF_TYPES = ['bytes32'] as const;
export const TELEMETRY_LEAF_TYPES = ['bytes32', 'uint64', 'int32'] as const;

export const gpuUuidHash = (uuid: string): Hex => keccak256(toBytes(uuid));

export function hardwareTree(uuids: readonly string[]) {
  return StandardMerkleTree.of(
    uuids.map((uuid) => [gpuUuidHash(uuid)]),
    [...HARDWARE_LEAF_TYPES],
  );
}

export const hardwareRoot = (uuids: readonly string[]) => hardwareTree(uuids).root as Hex;

export type TelemetryLeaf = [uuidHash: Hex, timestampMs: bigint, utilizationMilliPct: number];

export function telemetryRoot(leaves: TelemetryLeaf[]): Hex {
  if (leaves.length === 0) return zeroHash;
  return StandardMerkleTree.of(leaves, [...TELEMETRY_LEAF_TYPES]).root as Hex;
}
