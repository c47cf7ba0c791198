/**
 * The market's figures as the dashboard shows them, in integers: the form's inputs parsed to base units, an offer
 * view turned back into the struct the contract signs and fills, the token's verdict on placing an offer, and the
 * depth bars of the book. The cost and fee rules themselves are protocol/market.ts's (never written twice here).
 */
import { type Address, maxUint256, parseUnits } from 'viem';
import { shareMarketAbi } from '#contracts';
import type { OfferView, OrderBookLevel } from '#db/market/types';
import { fillCost, type Offer, offerOfView, type PermitDomain, permitTypedData, Side } from '#protocol/market';
import { SHARE_DECIMALS } from '~/lib/format';

/** How long a new offer stays fillable, by the chain's clock (the relay refuses more than a year). */
export const OFFER_LIFETIMES = { day: 86_400n, week: 7n * 86_400n, month: 30n * 86_400n } as const;
export type OfferLifetime = keyof typeof OFFER_LIFETIMES;

/** A decimal the visitor typed as base units with `decimals`; undefined when it is not a positive number. */
export function parsePositive(value: string, decimals: number): bigint | undefined {
  const text = value.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match || (match[2]?.length ?? 0) > decimals) return undefined;
  const units = parseUnits(text, decimals);
  return units > 0n ? units : undefined;
}

export const parseShareAmount = (value: string) => parsePositive(value, SHARE_DECIMALS);

/** The struct the market signs and fills, from the relay's view of it (protocol/market.ts offerOfView). */
export const offerOf = (view: OfferView): Offer => offerOfView(view);

/** The `cancel([offer])` transaction that ends one relayed offer on chain (only its maker may send it). */
export const cancelOfferCall = (market: Address, maker: Address, view: OfferView) =>
  ({ account: maker, address: market, abi: shareMarketAbi, functionName: 'cancel', args: [[offerOf(view)]] }) as const;

/**
 * The nonce the maker's next offer carries, from GET /api/v1/offers?maker= (db/market/nonces.ts): a nonce is
 * single-use on chain and the relay refuses a second live offer with one, so the form asks instead of guessing.
 */
export async function fetchNextNonce(maker: Address): Promise<bigint> {
  const response = await fetch(`/api/v1/offers?maker=${maker}`, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as { nextNonce?: string | null } | null;
  if (!response.ok || typeof body?.nextNonce !== 'string') throw new Error('The market could not give a nonce.');
  return BigInt(body.nextNonce);
}

/**
 * The `cancelUpTo` argument that ends every listed offer: one above the highest nonce among them and the market's
 * current `minNonce`. The offer form signs consecutive nonces, and an offer posted through the API may carry any
 * nonce, so `minNonce + 1` would leave offers live under a button that says "all".
 */
export function cancelAllNonce(minNonce: bigint, offers: readonly Pick<OfferView, 'nonce'>[]): bigint {
  let highest = minNonce;
  for (const offer of offers) if (offer.nonce > highest) highest = offer.nonce;
  return highest + 1n;
}

/** A maker's EIP-2612 permit as `fillWithPermits` takes it (protocol/market.ts's `permitArgument`). */
export type MakerPermit = { value: bigint; deadline: bigint; v: number; r: `0x${string}`; s: `0x${string}` };

/**
 * The EIP-2612 permit a maker signs with a first offer of an asset instead of sending `approve`: spender = the market,
 * deadline = the offer's expiry (the relay counts it as allowance only while unexpired, so it lives as long as the
 * offer). The value is unlimited: the first fill applies the permit and uses up its nonce, so a permit for just this
 * offer's amount would leave the maker's later offers of the same asset (signed while this one was open, against the
 * same nonce) without any allowance — with maxUint256 every one of them is covered once any is applied (OpenZeppelin
 * never lowers an unlimited allowance).
 */
export function makerPermitTypedData(
  domain: PermitDomain,
  maker: Address,
  market: Address,
  nonce: bigint,
  offer: Pick<Offer, 'expiry'>,
) {
  return permitTypedData(domain, { owner: maker, spender: market, value: maxUint256, nonce, deadline: offer.expiry });
}

/** POST /api/v1/offers' body (db/market/offer-body.ts: the one wire form). */
export { offerBody } from '#db/market/offer-body';

type Assets = { token: Address; stablecoin: Address };

/**
 * What the maker of an offer gives and how much of it the market takes when `amount` is filled (the maker's allowance
 * must cover it): the shares of a Sell offer, the stablecoin cost of a Buy offer.
 */
export function makerGives(offer: Offer, amount: bigint, assets: Assets) {
  return offer.side === Side.Sell
    ? { asset: assets.token, need: amount }
    : { asset: assets.stablecoin, need: fillCost(offer, amount) };
}

/**
 * What the taker of a fill gives and how much of it the market takes (its allowance or permit must cover it): the
 * stablecoin cost into a Sell offer, the shares into a Buy offer.
 */
export function takerGives(offer: Offer, amount: bigint, assets: Assets) {
  return offer.side === Side.Sell
    ? { asset: assets.stablecoin, need: fillCost(offer, amount) }
    : { asset: assets.token, need: amount };
}

/** What the token and the wallet say about placing an offer, read before anything is signed. */
export type PlacementReads = {
  paused: boolean;
  frozen: boolean;
  allowlistEnabled: boolean;
  verified: boolean;
  shareBalance: bigint;
  stablecoinBalance: bigint;
};

/**
 * Why an offer would not be fillable as placed, or null: a token rule by the ShareToken's own error name (worded by the
 * holdings' refusal catalog), or `balance` when the wallet lacks what the offer gives. A buyer must be verified while
 * the allowlist is on (the shares would be refused on arrival); a seller must hold the shares; both need the token
 * unpaused and their account not frozen.
 */
export function placementVerdict(
  side: Side,
  reads: PlacementReads,
  need: { shares: bigint; cost: bigint },
): 'TokenPaused' | 'AccountFrozen' | 'RecipientNotVerified' | 'balance' | null {
  if (reads.paused) return 'TokenPaused';
  if (reads.frozen) return 'AccountFrozen';
  if (side === Side.Buy && reads.allowlistEnabled && !reads.verified) return 'RecipientNotVerified';
  if (side === Side.Sell ? reads.shareBalance < need.shares : reads.stablecoinBalance < need.cost) return 'balance';
  return null;
}

/** At most this many offers of each side are listed to fill (the book's levels show the rest of the depth). */
export const FILLABLE_PER_SIDE = 10;

/**
 * The offers listed to fill: the best `perSide` asks and bids of the book's `offers` (asks then bids, each best first;
 * the page shows FILLABLE_PER_SIDE, the API what its `limit` asks). A plain cut of that list would show only asks
 * whenever there are many.
 */
export function fillableShown(offers: readonly OfferView[], perSide = FILLABLE_PER_SIDE): OfferView[] {
  const best = (side: OfferView['side']) => offers.filter((view) => view.side === side).slice(0, perSide);
  return [...best('sell'), ...best('buy')];
}

/** Each level's depth bar as a whole percent of the deepest level on either side (the widest bar is 100). */
export function depthPercents(bids: readonly OrderBookLevel[], asks: readonly OrderBookLevel[]) {
  const deepest = [...bids, ...asks].reduce((max, level) => (level.amount > max ? level.amount : max), 0n);
  const percent = (level: OrderBookLevel) => (deepest === 0n ? 0 : Number((level.amount * 100n) / deepest));
  return { bids: bids.map(percent), asks: asks.map(percent) };
}
