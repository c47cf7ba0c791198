import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256, toHex, zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { TELEMETRY_LEAF_TYPES, type TelemetryLeaf } from '../hardware';
import { telemetryTree } from './telemetry-tree';

function leaves(count: number): TelemetryLeaf[] {
  return Array.from({ length: count }, (_, index) => [
    keccak256(toHex(`gpu-${index % 7}`)),
    1_700_000_000_000n + BigInt(index) * 10_000n,
    index % 5 === 0 ? -1 : (index * 7_919) % 100_000,
  ]);
}

describe('telemetry tree on raw bytes (M-2)', () => {
  it.each([1, 2, 3, 8, 37, 256])('gives the library’s root and proofs for %i leaves', (count) => {
    const input = leaves(count);
    const fast = telemetryTree(input);
    const library = StandardMerkleTree.of(input, [...TELEMETRY_LEAF_TYPES]);
    expect(fast.root).toBe(library.root);
    for (const [index] of library.entries()) expect(fast.proofs[index]).toEqual(library.getProof(index));
  });

  it('keeps duplicate leaves apart like the library does', () => {
    const input = [...leaves(3), ...leaves(3)];
    const library = StandardMerkleTree.of(input, [...TELEMETRY_LEAF_TYPES]);
    const fast = telemetryTree(input);
    expect(fast.root).toBe(library.root);
    for (const [index] of library.entries()) expect(fast.proofs[index]).toEqual(library.getProof(index));
  });

  it('has the zero root for an epoch without readings', () => {
    expect(telemetryTree([])).toEqual({ root: zeroHash, proofs: [] });
  });
});
