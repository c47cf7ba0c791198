/**
 * Sold: the share-wei the offering has sold (Offering `sold()`, mirrored from the latest Purchased event's
 * `totalSold`), and its part of the supply in basis points: sold × 10 000 ÷ supply, rounded down (0 without supply).
 */
export function soldBps(sold: bigint, supply: bigint): number {
  if (supply <= 0n || sold <= 0n) return 0;
  return Number((sold * 10_000n) / supply);
}
