/**
 * Value of shares at the offering price, by Offering.sol's own rule (`quote`: shares × pricePerShare ÷ SHARE_UNIT,
 * rounded UP), so "value locked" equals what `Offering.quote(sold)` answers on chain. SHARE_UNIT is generated.
 */
import { offeringConstants } from '#contracts';

const SHARE_UNIT = offeringConstants.SHARE_UNIT;

/** shares (share-wei) × pricePerShare (base units per whole share) ÷ SHARE_UNIT, rounded up like `Offering.quote`. */
export function valueAtPrice(shares: bigint, pricePerShare: bigint): bigint {
  if (shares <= 0n || pricePerShare <= 0n) return 0n;
  return (shares * pricePerShare + SHARE_UNIT - 1n) / SHARE_UNIT;
}

/** Value locked: the shares sold at the offering price (= Offering.quote(sold)). */
export function valueLocked(sold: bigint, pricePerShare: bigint): bigint {
  return valueAtPrice(sold, pricePerShare);
}

/** What the whole supply cost at the offering price (the APR's denominator). */
export function supplyValue(supply: bigint, pricePerShare: bigint): bigint {
  return valueAtPrice(supply, pricePerShare);
}
