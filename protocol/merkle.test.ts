/**
 * The one StandardMerkleTree of protocol/ (review: hardware.ts and telemetry.ts each had their own tree and comparator):
 * root, proofs and verification of merkle.ts against the OpenZeppelin library on bytes32 leaves (the library's leaf
 * hash of a bytes32 is keccak256(keccak256(value)), computed here with viem, not with the code under test), and both
 * commitments built on it.
 */
import { readFileSync } from 'node:fs';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { type Hex, hexToBytes, keccak256, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { hasRepeatedLeaf, merkleNodes, merkleProofs, merkleRoot, verifyMerkleProof } from './merkle';

const values = Array.from({ length: 11 }, (_, index) => keccak256(toHex(`leaf ${index % 9}`)));

function leafHashesOf(leaves: Hex[]) {
  const bytes = new Uint8Array(leaves.length * 32);
  for (const [index, value] of leaves.entries()) bytes.set(hexToBytes(keccak256(keccak256(value))), index * 32);
  return bytes;
}

describe('the one StandardMerkleTree (review: two implementations in protocol/)', () => {
  it('builds the library’s root and proofs, repeated leaves kept apart, and verifies each proof', () => {
    for (const count of [1, 2, 3, 8, 11]) {
      const leaves = values.slice(0, count);
      const library = StandardMerkleTree.of(
        leaves.map((value) => [value]),
        ['bytes32'],
      );
      const hashes = leafHashesOf(leaves);
      const tree = merkleNodes(hashes, count);
      expect(merkleRoot(tree)).toBe(library.root);
      const proofs = merkleProofs(tree);
      expect(proofs).toEqual(leaves.map((_, index) => library.getProof(index)));
      proofs.forEach((proof, index) => {
        expect(verifyMerkleProof(library.root, hashes, index * 32, proof)).toBe(true);
        expect(verifyMerkleProof(keccak256(toHex('other root')), hashes, index * 32, proof)).toBe(false);
      });
      // values 9 and 10 repeat values 0 and 1.
      expect(hasRepeatedLeaf(tree)).toBe(count > 9);
    }
    expect(verifyMerkleProof('0x12', leafHashesOf(values), 0, [])).toBe(false);
  });

  it('is the only tree: hardware.ts and telemetry.ts build none of their own', () => {
    for (const file of ['hardware.ts', 'telemetry.ts', 'telemetry-export.ts']) {
      const source = readFileSync(new URL(file, import.meta.url), 'utf8');
      expect(source).toMatch(/from '\.\/merkle'|from '\.\/telemetry'/);
      // A parent hash is keccak of 64 bytes; a comparator loops over 32 bytes: neither belongs outside merkle.ts.
      expect(source).not.toMatch(/keccakShort\([^)]*, 64,/);
      expect(source).not.toMatch(/index < 32/);
    }
  });
});
