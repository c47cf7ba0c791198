import { describe, expect, it } from 'vitest';
import { hardwareRoot } from '#protocol/hardware';
import { hardwareTree } from './hardware';

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
