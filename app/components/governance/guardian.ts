/**
 * The guardian change as the console builds it: `setGuardian(newGuardian)` on the registry, where "none" is
 * address(0) (the registry's own meaning of no guardian, IClusterRegistry.setGuardian). Kept apart from the form so the
 * rule — what text becomes which call, and what is refused before anything is scheduled — is tested without a page.
 */
import { type Address, getAddress, isAddress, isAddressEqual, zeroAddress } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import type { GovernanceCall } from './use-governance';

export type GuardianRefusal = 'governance.invalid.address' | 'governance.guardian.unchanged';

/**
 * The call that names `text` (or nobody, with `none`) as guardian, or why not: not an address (checksummed or all one
 * case, as viem's isAddress), or the guardian the registry already has (scheduling it would wait out the delay to
 * change nothing).
 */
export function guardianCall(
  registry: Address,
  current: Address | null,
  input: { text: string; none: boolean },
): GovernanceCall | GuardianRefusal {
  const text = input.text.trim();
  if (!input.none && !isAddress(text)) return 'governance.invalid.address';
  const next = input.none ? zeroAddress : getAddress(text);
  if (isAddressEqual(next, current ?? zeroAddress)) return 'governance.guardian.unchanged';
  return { address: registry, abi: clusterRegistryAbi, functionName: 'setGuardian', args: [next] };
}
