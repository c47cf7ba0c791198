/**
 * The hardware commitment (what `registerCluster`/`updateHardware` take as `hardwareRoot`, what the operator form
 * computes in the browser and what oracle nodes check an inventory against), written once.
 *
 * `StandardMerkleTree.of(uuids.map((uuid) => [keccak256(toBytes(uuid))]), ['bytes32'])` where `uuid` is the canonical
 * GPU UUID string as nvidia-smi prints it (`GPU-` + lowercase 8-4-4-4-12 hex, see canonicalGpuUuid), hashed as UTF-8
 * bytes. Each leaf is one GPU; the order of the UUIDs does not matter (the library sorts leaves). A UUID belongs to the
 * cluster iff its leaf is in the tree. Computed on raw bytes with merkle.ts's tree (the one the telemetry root uses too);
 * hardware.test.ts checks it against the library.
 */
import { type Hex, keccak256, toBytes } from 'viem';
import { keccakAscii, keccakShort } from './keccak';
import { hasRepeatedLeaf, merkleNodes, merkleRoot } from './merkle';

export const HARDWARE_LEAF_TYPES = ['bytes32'] as const;

const GPU_UUID = /^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The canonical form of a GPU UUID as nvidia-smi and DCGM print it: `GPU-` followed by a lowercase 8-4-4-4-12 hex
 * UUID. Returns null for anything else (MIG instance UUIDs, truncated values).
 */
export function canonicalGpuUuid(raw: string): string | null {
  const trimmed = raw.trim();
  const candidate = trimmed.length > 4 ? `GPU-${trimmed.slice(4).toLowerCase()}` : trimmed;
  return trimmed.slice(0, 4).toUpperCase() === 'GPU-' && GPU_UUID.test(candidate) ? candidate : null;
}

/** The canonical form of a GPU UUID (see canonicalGpuUuid); throws a readable error for anything else. */
export function requireGpuUuid(uuid: string): string {
  const canonical = canonicalGpuUuid(uuid);
  if (!canonical) throw new Error(`"${uuid}" is not a GPU UUID (expected GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
  return canonical;
}

/** The hardware tree's leaf value for one GPU: keccak256 of its canonical UUID (any accepted spelling hashes alike). */
export const gpuUuidHash = (uuid: string): Hex => keccak256(toBytes(requireGpuUuid(uuid)));

/** The hardware commitment of any accepted spellings; throws on an empty list, a malformed or a repeated UUID. */
export function hardwareRoot(uuids: readonly string[]): Hex {
  if (uuids.length === 0) throw new Error('a cluster needs at least one GPU UUID');
  const root = hardwareRootOfCanonical(uuids.map(requireGpuUuid));
  if (root === null) throw new Error('GPU UUIDs must be unique');
  return root;
}

/**
 * The hardware root over UUIDs already in canonical form: per GPU keccak256(uuid), then the library's leaf hash
 * keccak256(keccak256(abi.encode(bytes32))) where abi.encode of a bytes32 is the 32 bytes themselves. Null when a UUID
 * is listed twice (equal leaves end up adjacent once sorted, so this costs no set of strings).
 */
export function hardwareRootOfCanonical(uuids: readonly string[]): Hex | null {
  if (uuids.length === 0) throw new Error('a cluster needs at least one GPU UUID');
  const buffer = new Uint8Array(uuids.length * 32);
  const scratch = new Uint8Array(32);
  uuids.forEach((uuid, index) => {
    keccakAscii(uuid, scratch, 0);
    keccakShort(scratch, 0, 32, scratch, 0);
    keccakShort(scratch, 0, 32, buffer, index * 32);
  });
  const tree = merkleNodes(buffer, uuids.length);
  return hasRepeatedLeaf(tree) ? null : merkleRoot(tree);
}
