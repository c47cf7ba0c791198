/**
 * The relay's bounds, shared by the relay (what it accepts), the book (what it serves) and the market figures (what
 * they count), so the three cannot disagree.
 */

/**
 * The largest offer body read, through the API or the dashboard's action: one offer (eight short fields), a signature
 * (at most 2 KiB for a contract wallet) and a permit — 16 KiB is far above any valid one.
 */
export const MAX_OFFER_BODY_BYTES = 16 * 1_024;

/** Live offers one maker may have on a chain, and open offers one cluster may have (both sides together). */
export const MAX_OFFERS_PER_MAKER = 50;
export const MAX_OFFERS_PER_CLUSTER = 2_000;

/**
 * The smallest notional the market's figures count (a fill's cost, in stablecoin base units): one whole stablecoin unit,
 * the relay's floor for an offer's notional. A fill below it (a wash trade of a few base units at any "price") sets no
 * last price, no history point and no volume.
 */
export function minNotional(stablecoinDecimals: number): bigint {
  return 10n ** BigInt(stablecoinDecimals);
}
