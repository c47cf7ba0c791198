/**
 * Stored offers (public.market_offers) as the market's rules and the app read them: a row to the protocol's `Offer`
 * (for hashing and costing) and to the spec's `OfferView`.
 */
import { getAddress, type Hex, zeroAddress } from 'viem';
import { asSide, type Offer, sideName } from '#protocol/market';
import type { marketOffers } from '../schema';
import type { Candidate, StoredPermit } from './fillability';
import { liveRemainder } from './fillability';
import type { OfferView } from './types';

export type OfferRow = typeof marketOffers.$inferSelect;

export { LIVE_STATUSES } from './types';

export function offerOfRow(row: OfferRow): Offer {
  return {
    maker: row.maker,
    side: asSide(row.side),
    clusterId: row.clusterId,
    amount: row.amount,
    price: row.price,
    taker: row.taker,
    expiry: row.expiry,
    nonce: row.nonce,
  };
}

export function candidateOfRow(row: OfferRow): Candidate {
  return {
    ...offerOfRow(row),
    offerHash: row.offerHash,
    createdAt: row.createdAt,
    signature: row.signature as Hex,
    permit: permitOfRow(row),
    filled: row.filled,
  };
}

/** The relayed maker permit of a row, as `fillWithPermits` takes it, or null. */
export function permitOfRow(row: OfferRow): StoredPermit | null {
  if (
    row.permitValue === null ||
    row.permitDeadline === null ||
    row.permitV === null ||
    row.permitR === null ||
    row.permitS === null
  )
    return null;
  return { value: row.permitValue, deadline: row.permitDeadline, v: row.permitV, r: row.permitR, s: row.permitS };
}

export function offerView(row: OfferRow): OfferView {
  const offer = offerOfRow(row);
  return {
    offerHash: row.offerHash,
    maker: getAddress(row.maker),
    side: sideName(row.side),
    clusterId: row.clusterId,
    amount: row.amount,
    price: row.price,
    taker: row.taker.toLowerCase() === zeroAddress ? null : getAddress(row.taker),
    expiry: Number(row.expiry),
    nonce: row.nonce,
    signature: row.signature as Hex,
    makerPermit: permitOfRow(row),
    filled: row.filled,
    remaining: row.status === 'open' || row.status === 'unfillable' ? liveRemainder(offer, row.filled) : 0n,
    status: row.status,
    reason: row.reason,
    createdAt: Math.floor(row.createdAt.getTime() / 1000),
  };
}

/** An OfferView as JSON: bigints as decimal strings. */
export function serializeOfferView(view: OfferView) {
  return {
    ...view,
    clusterId: view.clusterId.toString(),
    amount: view.amount.toString(),
    price: view.price.toString(),
    nonce: view.nonce.toString(),
    filled: view.filled.toString(),
    remaining: view.remaining.toString(),
    makerPermit: view.makerPermit
      ? {
          ...view.makerPermit,
          value: view.makerPermit.value.toString(),
          deadline: view.makerPermit.deadline.toString(),
        }
      : null,
  };
}
