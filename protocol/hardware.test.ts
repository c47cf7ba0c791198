import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256, stringToBytes, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  canonicalGpuUuid,
  gpuUuidHash,
  HARDWARE_LEAF_TYPES,
  hardwareRoot,
  hardwareRootOfCanonical,
  requireGpuUuid,
} from './hardware';

/** Deterministic GPU UUIDs in nvidia's format (no node:crypto, like the module under test). */
const simulatedUuids = (seed: string, count: number) =>
  Array.from({ length: count }, (_, index) => {
    const hex = keccak256(toHex(`${seed}/${index}`)).slice(2);
    return `GPU-${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  });

const uuids = [
  'GPU-5f3e2a10-8c1b-4e7a-9d2c-0a1b2c3d4e5f',
  'GPU-6a4f3b21-9d2c-4f8b-8e3d-1b2c3d4e5f60',
  'GPU-7b5a4c32-ae3d-4a9c-9f4e-2c3d4e5f6071',
];

describe('hardware commitment', () => {
  it('hashes the canonical (lowercase) UUID, whatever its spelling, independent of order', () => {
    expect(gpuUuidHash(uuids[0]!)).toBe(keccak256(stringToBytes(uuids[0]!)));
    expect(gpuUuidHash(` ${uuids[0]!.toUpperCase()} `)).toBe(gpuUuidHash(uuids[0]!));
    expect(hardwareRoot(uuids)).toBe(hardwareRoot([...uuids].reverse().map((uuid) => uuid.toUpperCase())));
  });

  it('changes when a GPU is swapped', () => {
    const swapped = [...uuids.slice(0, 2), 'GPU-8c6b5d43-bf4e-4bad-a05f-3d4e5f607182'];
    expect(hardwareRoot(swapped)).not.toBe(hardwareRoot(uuids));
  });

  it('proves membership of each GPU against the root', () => {
    const tree = StandardMerkleTree.of(
      uuids.map((uuid) => [gpuUuidHash(uuid)]),
      [...HARDWARE_LEAF_TYPES],
    );
    expect(tree.root).toBe(hardwareRoot(uuids));
    for (const uuid of uuids) {
      const leaf = [gpuUuidHash(uuid)];
      expect(StandardMerkleTree.verify(hardwareRoot(uuids), ['bytes32'], leaf, tree.getProof(leaf))).toBe(true);
    }
  });

  it('rejects malformed, duplicated and empty inventories', () => {
    expect(() => requireGpuUuid('GPU-nothex')).toThrow(/not a GPU UUID/);
    expect(() => hardwareRoot([uuids[0]!, uuids[0]!.toUpperCase()])).toThrow(/unique/);
    expect(() => hardwareRoot([])).toThrow(/at least one/);
    expect(canonicalGpuUuid('MIG-5f3e2a10-8c1b-4e7a-9d2c-0a1b2c3d4e5f')).toBeNull();
    expect(canonicalGpuUuid(' gpu-5F3E2A10-8C1B-4E7A-9D2C-0A1B2C3D4E5F ')).toBe(uuids[0]);
  });
});

describe('raw-bytes hardware root', () => {
  const ozRoot = (list: readonly string[]) =>
    StandardMerkleTree.of(
      list.map((uuid) => [keccak256(stringToBytes(uuid))]),
      [...HARDWARE_LEAF_TYPES],
    ).root;
  /** A deterministic shuffle, so a failure names the seed that produced it. */
  const shuffled = (list: readonly string[], seed: number) => {
    const copy = [...list];
    let state = seed;
    for (let index = copy.length - 1; index > 0; index--) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      const other = state % (index + 1);
      [copy[index], copy[other]] = [copy[other]!, copy[index]!];
    }
    return copy;
  };

  it.each([1, 2, 3, 4, 5, 7, 8, 9, 100, 1_000])(
    'equals the OpenZeppelin StandardMerkleTree root for %i GPUs, in any order',
    (count) => {
      const list = simulatedUuids(`raw-root-${count}`, count);
      const expected = ozRoot(list);
      expect(hardwareRootOfCanonical(list)).toBe(expected);
      for (const seed of [1, 2, 3]) expect(hardwareRootOfCanonical(shuffled(list, seed))).toBe(expected);
      expect(hardwareRoot(shuffled(list, 4).map((uuid) => uuid.toUpperCase()))).toBe(expected);
    },
  );

  it('reports a UUID listed twice instead of hashing it into the root', () => {
    const list = simulatedUuids('raw-root-duplicate', 9);
    expect(hardwareRootOfCanonical([...list, list[4]!])).toBeNull();
    expect(() => hardwareRoot([...list, list[4]!.toUpperCase()])).toThrow(/unique/);
  });
});
