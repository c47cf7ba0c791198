/**
 * The "to another address" alternates of the portfolio's acts, for an investor whose own address cannot receive (the
 * stablecoin blocklists it, or its verification on the token expired): `ShareToken.claimTo`, `Offering.
 * claimEscrowRevenue(recipient)`, `Offering.withdrawSharesTo` and `Offering.refundTo`. Each is the same act as the
 * button beside it, paid to an address the investor names; the rule of which a position offers, the check of the
 * address and the call itself live here, apart from the form, so they are tested without a page.
 */
import { type Address, getAddress, isAddress, isAddressEqual, zeroAddress } from 'viem';
import { offeringAbi, offeringPhase, shareTokenAbi } from '#contracts';

export type ElsewhereKind = 'claimTo' | 'claimEscrowRevenue' | 'withdrawSharesTo' | 'refundTo';

/** What a position says about itself, as the portfolio reads it from the chain. */
export type ElsewherePosition = {
  token: { address: Address; offering: Address };
  phase: number;
  claimable: bigint;
  escrowedShares: bigint;
  escrowRevenue: bigint;
  paid: bigint;
};

/**
 * The alternates a holding offers, in the order of its buttons: the same conditions as the buttons (claim when there
 * is revenue to claim; escrow revenue and withdrawal after a successful settlement). A refund's alternate is offered
 * beside the refund (`refundKinds`), which has its own section.
 */
export function holdingKinds(position: ElsewherePosition): ElsewhereKind[] {
  const kinds: ElsewhereKind[] = [];
  if (position.claimable > 0n) kinds.push('claimTo');
  if (position.phase === offeringPhase.Finalized && position.escrowRevenue > 0n) kinds.push('claimEscrowRevenue');
  if (position.phase === offeringPhase.Finalized && position.escrowedShares > 0n) kinds.push('withdrawSharesTo');
  return kinds;
}

/** A refund is due once the sale failed or was cancelled, while the account still has a purchase on the books. */
export const isRefundable = (position: Pick<ElsewherePosition, 'phase' | 'paid'>) =>
  (position.phase === offeringPhase.Failed || position.phase === offeringPhase.Cancelled) && position.paid > 0n;

/** A refund can go elsewhere exactly when it can be taken. */
export function refundKinds(position: ElsewherePosition): ElsewhereKind[] {
  return isRefundable(position) ? ['refundTo'] : [];
}

export type RecipientCheck =
  | { ok: true; recipient: Address }
  | { ok: false; reason: 'empty' | 'invalid' | 'zero' | 'self' };

/**
 * The recipient as typed: an address (checksummed, or all one case), not address(0) (every one of these calls refuses
 * it: `ZeroAddress`), and not the connected account itself (that is the plain button's act, without the detour).
 */
export function checkRecipient(text: string, account: Address): RecipientCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (!isAddress(trimmed)) return { ok: false, reason: 'invalid' };
  const recipient = getAddress(trimmed);
  if (recipient === zeroAddress) return { ok: false, reason: 'zero' };
  if (isAddressEqual(recipient, account)) return { ok: false, reason: 'self' };
  return { ok: true, recipient };
}

/** The contract call of `kind` paying `recipient` (the caller is the connected account, added by the sender). */
export function elsewhereCall(kind: ElsewhereKind, token: ElsewherePosition['token'], recipient: Address) {
  if (kind === 'claimTo') {
    return { address: token.address, abi: shareTokenAbi, functionName: kind, args: [recipient] } as const;
  }
  return { address: token.offering, abi: offeringAbi, functionName: kind, args: [recipient] } as const;
}
