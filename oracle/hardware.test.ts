import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { describe, expect, it } from 'vitest';
import { gpuUuidHash, hardwareRoot } from '#protocol/hardware';
import { hardwareTree, TELEMETRY_LEAF_TYPES, type TelemetryLeaf, telemetryRoot } from './hardware';

const uuids = [
  'GPU-5f3e2a10-8c1b-4e7a-9d2c-0a1b2c3d4e5f',
  'GPU-6a4f3b21-9d2c-4f8b-8e3d-1b2c3d4e5f60',
  'GPU-7b5a4c32-ae3d-4a9c-9f4e-2c3d4e5f6071',
];

describe('reference hardware tree', () => {
  it('has the root protocol/hardware computes and refuses what it refuses', () => {
    expect(hardwareTree(uuids).root).toBe(hardwareRoot(uuids));
    expect(() => hardwareTree([uuids[0]!, uuids[0]!.toUpperCase()])).toThrow(/unique/);
    expect(() => hardwareTree([])).toThrow(/at least one/);
  });
});

describe('telemetry root', () => {
  it('equals the StandardMerkleTree root for 1 to 40 leaves, missing utilization (-1) included', () => {
    for (const count of [1, 2, 3, 7, 16, 40]) {
      const leaves: TelemetryLeaf[] = Array.from({ length: count }, (_, index) => [
        gpuUuidHash(uuids[index % uuids.length]!),
        1_700_000_000_000n + BigInt(index * 60_000),
        index % 5 === 0 ? -1 : (index * 7_919) % 100_001,
      ]);
      expect(telemetryRoot(leaves)).toBe(StandardMerkleTree.of(leaves, [...TELEMETRY_LEAF_TYPES]).root);
    }
  });
});
