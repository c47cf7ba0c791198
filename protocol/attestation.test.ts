import type { Address, Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { compareSigners, firstSigners, submitAttestationArgs } from './attestation';
import type { AttestationSignature } from './wire';

const A = '0x0000000000000000000000000000000000000a01' as Address;
const B = '0x00000000000000000000000000000000000B0002' as Address;
const C = '0xc000000000000000000000000000000000000003' as Address;

const terms = {
  clusterId: '7',
  hardwareRoot: `0x${'11'.repeat(32)}` as Hex,
  gpuCount: 8,
  issuedAt: 1_800_000_000,
  validUntil: 1_800_086_400,
  nonce: 2,
  committeeVersion: 1,
};
const signed = (signer: Address, byte: string, attestation = terms): AttestationSignature => ({
  attestation,
  signer,
  signature: `0x${byte.repeat(65)}` as Hex,
});

describe('submitAttestationArgs', () => {
  it('takes threshold signatures in ascending signer order, whatever order the nodes answered in', () => {
    const [attestation, signatures] = submitAttestationArgs([signed(C, 'cc'), signed(A, 'aa'), signed(B, 'bb')], 2);
    expect(signatures).toEqual([`0x${'aa'.repeat(65)}`, `0x${'bb'.repeat(65)}`]);
    expect(attestation).toEqual({
      clusterId: 7n,
      hardwareRoot: terms.hardwareRoot,
      gpuCount: 8,
      issuedAt: 1_800_000_000n,
      validUntil: 1_800_086_400n,
      nonce: 2,
      committeeVersion: 1,
    });
  });

  it('refuses too few signatures, a repeated signer and signatures over different terms', () => {
    expect(() => submitAttestationArgs([signed(A, 'aa')], 2)).toThrow(/2 signatures needed, 1 available/);
    expect(() => submitAttestationArgs([signed(A, 'aa'), signed(A.toUpperCase() as Address, 'ab')], 2)).toThrow(
      /listed twice/,
    );
    expect(() => submitAttestationArgs([signed(A, 'aa'), signed(B, 'bb', { ...terms, nonce: 3 })], 2)).toThrow(
      /other attestation terms/,
    );
    expect(() => submitAttestationArgs([signed(A, 'aa')], 0)).toThrow(/threshold of 0/);
  });
});

describe('signer order', () => {
  it('compares addresses by value, not by their checksum spelling', () => {
    // As strings, "0x...B0002" sorts before "0x...a01" (uppercase first); as numbers 0xa01 < 0xb0002.
    expect(compareSigners(A, B)).toBe(-1);
    expect(compareSigners(C, A)).toBe(1);
    expect(compareSigners(A, A.toUpperCase().replace('0X', '0x') as Address)).toBe(0);
    expect(firstSigners([C, B, A], 3, (signer) => signer)).toEqual([A, B, C]);
  });
});
