/**
 * Trailing APR, in basis points:
 *
 *   APR = deposited ÷ (supply × pricePerShare ÷ SHARE_UNIT) × 365 days ÷ windowSeconds
 *
 * where `deposited` is the revenue the operator deposited into the share token (RevenueDeposited events) over the
 * window (figures/window.ts: 30 UTC days ending today, `windowSeconds` long up to the chain time), and the denominator is what the whole supply cost at the offering price
 * (figures/value.ts supplyValue, rounded up like Offering.quote). It is the yield a buyer at the offering price would
 * have earned had the window's deposits continued for a year; rounded down to a whole basis point. Null when there is
 * no price to divide by (not tokenized).
 */
import { supplyValue } from './value';

export type AprInputs = { deposited: bigint; supply: bigint; pricePerShare: bigint; windowSeconds: bigint };

/** deposited × 365 × 86 400 × 10 000 ÷ (windowSeconds × supplyValue), rounded down; null without a priced supply. */
export function trailingAprBps({ deposited, supply, pricePerShare, windowSeconds }: AprInputs): number | null {
  return aprOfValueBps(deposited, supplyValue(supply, pricePerShare), windowSeconds);
}

/**
 * The same rule over several tokens (the overview's network APR): Σ deposited ÷ Σ supplyValue, annualised — each
 * token weighted by what its supply cost.
 */
export function networkAprBps(
  tokens: readonly Omit<AprInputs, 'windowSeconds'>[],
  windowSeconds: bigint,
): number | null {
  let deposited = 0n;
  let value = 0n;
  for (const token of tokens) {
    deposited += token.deposited;
    value += supplyValue(token.supply, token.pricePerShare);
  }
  return aprOfValueBps(deposited, value, windowSeconds);
}

function aprOfValueBps(deposited: bigint, value: bigint, windowSeconds: bigint): number | null {
  if (value <= 0n || windowSeconds <= 0n) return null;
  return Number((deposited * 365n * 86_400n * 10_000n) / (windowSeconds * value));
}
