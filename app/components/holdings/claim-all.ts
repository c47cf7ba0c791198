/**
 * What "Claim all" sends: the tokens with revenue to claim, at most the factory's MAX_CLAIM_TOKENS, and the total the
 * chain said they owe at the positions' read (the sum of `claimable()` at that block, not an extrapolation).
 */
import type { Address } from 'viem';
import { rackshareFactoryConstants } from '#contracts';

export const MAX_CLAIM_TOKENS = Number(rackshareFactoryConstants.MAX_CLAIM_TOKENS);

export function claimAllPlan(positions: readonly { token: { address: Address }; snapshot: { claimable: bigint } }[]) {
  const owing = positions.filter((position) => position.snapshot.claimable > 0n);
  const picked = owing.slice(0, MAX_CLAIM_TOKENS);
  return {
    tokens: picked.map((position) => position.token.address),
    total: picked.reduce((sum, position) => sum + position.snapshot.claimable, 0n),
    capped: owing.length > picked.length,
  };
}
