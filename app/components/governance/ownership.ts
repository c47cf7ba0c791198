/**
 * Handing governance over as the console builds it: `transferOwnership(newOwner)` on the registry (Ownable2Step), an
 * owner's act like the others (scheduled through the timelock, or sent by an owner account). It only names the
 * pending owner: nothing changes until that account calls acceptOwnership. Kept apart from the form so the rule —
 * what text becomes which call, and what is refused before anything is scheduled — is tested without a page.
 */
import { type Address, getAddress, isAddress, isAddressEqual, zeroAddress } from 'viem';
import { type GovernanceCall, transferOwnershipCall } from '~/models/governance-calls';

export type OwnershipRefusal =
  | 'governance.invalid.address'
  | 'governance.ownership.alreadyOwner'
  | 'governance.ownership.alreadyPending';

/**
 * The call that names `text` the pending owner, or why not: not an address, address(0) (which would only withdraw a
 * pending handover: not what this form is for), the owner itself, or the pending owner already named (scheduling it
 * would wait out the delay to change nothing).
 */
export function ownershipCall(
  registry: Address,
  owner: Address,
  pending: Address | null,
  text: string,
): GovernanceCall | OwnershipRefusal {
  const trimmed = text.trim();
  if (!isAddress(trimmed) || isAddressEqual(trimmed, zeroAddress)) return 'governance.invalid.address';
  const next = getAddress(trimmed);
  if (isAddressEqual(next, owner)) return 'governance.ownership.alreadyOwner';
  if (pending && isAddressEqual(next, pending)) return 'governance.ownership.alreadyPending';
  return transferOwnershipCall(registry, next);
}
