/**
 * The telemetry root, tree and proof verification on raw bytes, checked against the OpenZeppelin library they
 * reimplement (an independent implementation: StandardMerkleTree's ABI encoder and hasher).
 */
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { keccak256, toHex, zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import {
  TELEMETRY_LEAF_TYPES,
  type TelemetryLeaf,
  telemetryLeaf,
  telemetryRoot,
  telemetryTree,
  verifyTelemetryProof,
} from './telemetry';

function leaves(count: number): TelemetryLeaf[] {
  return Array.from({ length: count }, (_, index) => [
    keccak256(toHex(`gpu-${index % 7}`)),
    1_700_000_000_000n + BigInt(index) * 10_000n,
    index % 5 === 0 ? -1 : (index * 7_919) % 100_001,
  ]);
}

describe('telemetry leaf', () => {
  it('holds the utilization in thousandths of a percent, rounded, and -1 for no reading', () => {
    const hash = keccak256(toHex('gpu'));
    expect(telemetryLeaf(hash, 1_700_000_000_123, 87.2346)).toEqual([hash, 1_700_000_000_123n, 87_235]);
    expect(telemetryLeaf(hash, 5, null)).toEqual([hash, 5n, -1]);
    expect(telemetryLeaf(hash, 5, 0)).toEqual([hash, 5n, 0]);
    // A reading of none and a reading of zero are different leaves.
    expect(telemetryRoot([telemetryLeaf(hash, 5, null)])).not.toBe(telemetryRoot([telemetryLeaf(hash, 5, 0)]));
  });
});

describe('telemetry root and tree on raw bytes (M-2)', () => {
  it.each([1, 2, 3, 8, 37, 256])('give the library’s root and proofs for %i leaves', (count) => {
    const input = leaves(count);
    const fast = telemetryTree(input);
    const library = StandardMerkleTree.of(input, [...TELEMETRY_LEAF_TYPES]);
    expect(fast.root).toBe(library.root);
    expect(telemetryRoot(input)).toBe(library.root);
    expect(telemetryRoot([...input].reverse())).toBe(library.root);
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
    expect(telemetryRoot([])).toBe(zeroHash);
  });
});

describe('telemetry proof verification', () => {
  const input = leaves(37);
  const library = StandardMerkleTree.of(input, [...TELEMETRY_LEAF_TYPES]);
  const tree = telemetryTree(input);

  it('accepts every leaf with its proof, as the library’s verify does', () => {
    for (const [index, leaf] of input.entries()) {
      expect(StandardMerkleTree.verify(library.root, [...TELEMETRY_LEAF_TYPES], leaf, tree.proofs[index]!)).toBe(true);
      expect(verifyTelemetryProof(library.root, leaf, tree.proofs[index]!)).toBe(true);
    }
    const single = leaves(1);
    expect(verifyTelemetryProof(telemetryRoot(single), single[0]!, [])).toBe(true);
  });

  it('refuses a changed field, another leaf’s proof, another root and a malformed proof', () => {
    const [hash, time, utilization] = input[4]!;
    const proof = tree.proofs[4]!;
    expect(verifyTelemetryProof(tree.root, [hash, time, utilization + 1], proof)).toBe(false);
    expect(verifyTelemetryProof(tree.root, [hash, time + 1n, utilization], proof)).toBe(false);
    expect(verifyTelemetryProof(tree.root, [keccak256(toHex('other')), time, utilization], proof)).toBe(false);
    expect(verifyTelemetryProof(tree.root, input[4]!, tree.proofs[5]!)).toBe(false);
    expect(verifyTelemetryProof(telemetryRoot(leaves(36)), input[4]!, proof)).toBe(false);
    expect(verifyTelemetryProof(tree.root, input[4]!, proof.slice(1))).toBe(false);
    expect(verifyTelemetryProof(tree.root, input[4]!, [...proof.slice(0, -1), '0x12'])).toBe(false);
    expect(verifyTelemetryProof('not a root', input[4]!, proof)).toBe(false);
    // The library agrees on each refusal it can express.
    expect(StandardMerkleTree.verify(tree.root, [...TELEMETRY_LEAF_TYPES], [hash, time, utilization + 1], proof)).toBe(
      false,
    );
  });
});
