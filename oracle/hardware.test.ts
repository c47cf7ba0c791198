import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256, stringToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  gpuUuidHash,
  HARDWARE_LEAF_TYPES,
  hardwareRoot,
  hardwareRootOfCanonical,
  hardwareTree,
  requireGpuUuid,
} from './hardware';
import { simulatedUuids } from './node/harness';

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
    const tree = hardwareTree(uuids);
    for (const uuid of uuids) {
      const leaf = [gpuUuidHash(uuid)];
      expect(StandardMerkleTree.verify(tree.root, ['bytes32'], leaf, tree.getProof(leaf))).toBe(true);
    }
  });

  it('rejects malformed, duplicated and empty inventories', () => {
    expect(() => requireGpuUuid('GPU-nothex')).toThrow(/not a GPU UUID/);
    expect(() => hardwareTree([uuids[0]!, uuids[0]!.toUpperCase()])).toThrow(/unique/);
    expect(() => hardwareTree([])).toThrow(/at least one/);
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
