import { getAddress, zeroAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { offeringAbi, offeringPhase, shareTokenAbi } from '#contracts';
import { checkRecipient, elsewhereCall, holdingKinds, isRefundable, refundKinds } from './elsewhere';

const account = getAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8');
const other = getAddress('0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc');
const token = {
  address: getAddress('0x5fbdb2315678afecb367f032d93f642f64180aa3'),
  offering: getAddress('0xe7f1725e7734ce288f8367e1bb143e90bb3f0512'),
};
const position = (fields: Partial<Parameters<typeof holdingKinds>[0]>) => ({
  token,
  phase: offeringPhase.Open,
  claimable: 0n,
  escrowedShares: 0n,
  escrowRevenue: 0n,
  paid: 0n,
  ...fields,
});

describe('which alternates a position offers', () => {
  it('a holding: claim when there is revenue; escrow revenue and withdrawal only after a successful settlement', () => {
    expect(holdingKinds(position({}))).toEqual([]);
    expect(holdingKinds(position({ claimable: 1n }))).toEqual(['claimTo']);
    // Escrowed shares of an open sale can neither be withdrawn nor earn the buyer anything yet.
    expect(holdingKinds(position({ escrowedShares: 5n, escrowRevenue: 3n }))).toEqual([]);
    expect(
      holdingKinds(position({ phase: offeringPhase.Finalized, claimable: 1n, escrowedShares: 5n, escrowRevenue: 3n })),
    ).toEqual(['claimTo', 'claimEscrowRevenue', 'withdrawSharesTo']);
    expect(holdingKinds(position({ phase: offeringPhase.Finalized, escrowedShares: 5n }))).toEqual([
      'withdrawSharesTo',
    ]);
    // A refund is never offered in the holdings table: it has its own section.
    expect(holdingKinds(position({ phase: offeringPhase.Cancelled, escrowedShares: 5n, paid: 7n }))).toEqual([]);
  });

  it('a refund: once the sale failed or was cancelled, while something paid is on the books', () => {
    for (const phase of [offeringPhase.Failed, offeringPhase.Cancelled]) {
      expect(isRefundable(position({ phase, paid: 7n }))).toBe(true);
      expect(refundKinds(position({ phase, paid: 7n }))).toEqual(['refundTo']);
      expect(refundKinds(position({ phase, paid: 0n }))).toEqual([]);
    }
    for (const phase of [offeringPhase.Open, offeringPhase.SoldOut, offeringPhase.Succeeded, offeringPhase.Finalized]) {
      expect(refundKinds(position({ phase, paid: 7n }))).toEqual([]);
    }
  });
});

describe('checkRecipient', () => {
  it('takes an address in one case or checksummed, trimmed, and answers it checksummed', () => {
    expect(checkRecipient(` ${other.toLowerCase()} `, account)).toEqual({ ok: true, recipient: other });
    expect(checkRecipient(other, account)).toEqual({ ok: true, recipient: other });
  });

  it('says why an address is refused: empty, not an address, a bad checksum, address(0), the account itself', () => {
    expect(checkRecipient('  ', account)).toEqual({ ok: false, reason: 'empty' });
    expect(checkRecipient('0x1234', account)).toEqual({ ok: false, reason: 'invalid' });
    const badChecksum = `0x${other.slice(2).replace('C', 'c')}`;
    expect(badChecksum).not.toBe(other);
    expect(checkRecipient(badChecksum, account)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkRecipient(zeroAddress, account)).toEqual({ ok: false, reason: 'zero' });
    expect(checkRecipient(account.toLowerCase(), account)).toEqual({ ok: false, reason: 'self' });
  });
});

describe('elsewhereCall', () => {
  it('claims on the token, and withdraws, claims escrow revenue and refunds on the offering, paying the recipient', () => {
    expect(elsewhereCall('claimTo', token, other)).toEqual({
      address: token.address,
      abi: shareTokenAbi,
      functionName: 'claimTo',
      args: [other],
    });
    for (const kind of ['claimEscrowRevenue', 'withdrawSharesTo', 'refundTo'] as const) {
      expect(elsewhereCall(kind, token, other)).toEqual({
        address: token.offering,
        abi: offeringAbi,
        functionName: kind,
        args: [other],
      });
    }
  });
});
