/**
 * The wire form of a signed offer, as `POST /api/v1/offers` (and the cluster page's action) take it and the relay's
 * `offerBodySchema` parses it: uint256 fields as decimal strings (JSON has no bigint), the maker's EIP-2612 permit if
 * signed. One serializer for the dashboard, the demo and the tests.
 */
import type { Hex } from 'viem';
import type { Offer } from '#protocol/market';
import type { StoredPermit } from './fillability';

export function offerBody(offer: Offer, signature: Hex, makerPermit?: StoredPermit) {
  return {
    offer: {
      maker: offer.maker,
      side: offer.side,
      clusterId: offer.clusterId.toString(),
      amount: offer.amount.toString(),
      price: offer.price.toString(),
      taker: offer.taker,
      expiry: offer.expiry.toString(),
      nonce: offer.nonce.toString(),
    },
    signature,
    ...(makerPermit && {
      makerPermit: {
        value: makerPermit.value.toString(),
        deadline: makerPermit.deadline.toString(),
        v: makerPermit.v,
        r: makerPermit.r,
        s: makerPermit.s,
      },
    }),
  };
}
