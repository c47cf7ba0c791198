/**
 * Earned: all the revenue a holder has been paid or can claim from one share token, in stablecoin base units:
 *
 *   earned = claimed + claimable + escrowRevenue
 *
 * `claimed` is what left the token to the holder (Claimed logs, the revenue carried by SharesWithdrawn and
 * EscrowRevenueClaimed logs), `claimable` the token's claimable(holder) (extrapolated per second between reads,
 * protocol/stream.ts), `escrowRevenue` what the offering holds for the buyer's still escrowed shares. All three must be
 * read at the same block (app/components/positions.ts pins them, review M1), or a claim in between counts twice.
 */
export function earned(parts: { claimed: bigint; claimable: bigint; escrowRevenue: bigint }): bigint {
  return parts.claimed + parts.claimable + parts.escrowRevenue;
}
