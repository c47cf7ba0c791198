/**
 * The demo's trade plan and standing offers as pure functions: the same seed gives the same plan, every trade is
 * between two different investors, within the history, near the sale price; the standing asks sit above the bids and
 * no investor is on both sides of one cluster's book.
 */
import { describe, expect, it } from 'vitest';
import { devAccount, devRoles } from '../devnet/accounts';
import { standingOffers } from './standing-offers';
import type { DemoCluster } from './state';
import { plannedOffer, priceAt, tradePlan } from './trading';

const cluster = (key: string, clusterId: number): DemoCluster => ({
  key,
  clusterId: String(clusterId),
  token: `0x${String(clusterId).padStart(40, '1')}`,
  offering: `0x${String(clusterId).padStart(40, '2')}`,
});
// sel-0 and sel-1 are settled, sjc-0 is the open sale (no trades), fra-2 the stale one, sjc-1 the suspended one.
const clusters = [
  cluster('sel-0', 1),
  cluster('sel-1', 2),
  cluster('sjc-0', 3),
  cluster('fra-2', 4),
  cluster('sjc-1', 5),
];
const state = { seed: 'plan-test', clusters, origin: 1_700_000_400_000, historyEnd: 1_700_000_400 + 90 * 86_400 };
const SALE = 3_000_000n;

describe('tradePlan', () => {
  it('is a pure function of the seed, the clusters and the days', () => {
    expect(tradePlan(state, 90)).toEqual(tradePlan(state, 90));
    expect(tradePlan({ ...state, seed: 'other' }, 90)).not.toEqual(tradePlan(state, 90));
  });

  it('trades the settled, stale and suspended clusters, between two investors, within the days, near the sale price', () => {
    for (const days of [2, 3, 9, 90]) {
      const plan = tradePlan(state, days);
      const traded = new Set(plan.map((trade) => trade.cluster.key));
      expect([...traded].sort()).toEqual(['fra-2', 'sel-0', 'sel-1', 'sjc-1']);
      for (const key of traded) {
        const trades = plan.filter((trade) => trade.cluster.key === key);
        expect(trades.length).toBeGreaterThanOrEqual(2);
        expect(trades.length).toBeLessThanOrEqual(12);
        // The last one on the history's last day: the trailing day has volume.
        expect(Math.max(...trades.map((trade) => trade.day))).toBe(days - 1);
      }
      plan.forEach((trade, index) => {
        expect(trade.index).toBe(index);
        expect(trade.day).toBeGreaterThanOrEqual(0);
        expect(trade.day).toBeLessThan(days);
        expect(trade.seller).not.toBe(trade.buyer);
        expect(devRoles.investors).toContain(trade.seller);
        expect(devRoles.investors).toContain(trade.buyer);
        expect(trade.priceBps).toBeGreaterThanOrEqual(9_700n);
        expect(trade.priceBps).toBeLessThanOrEqual(10_300n + BigInt(Math.floor((days * 40) / 7)));
        if (index > 0) expect(trade.day).toBeGreaterThanOrEqual(plan[index - 1]!.day);
      });
      // Spread over the history when it is long enough.
      if (days >= 9) expect(new Set(plan.map((trade) => trade.day)).size).toBeGreaterThan(2);
    }
  });

  it('signs each offer with the side it plans: the seller makes a Sell offer, the buyer a Buy offer', () => {
    const plan = tradePlan(state, 30);
    expect(new Set(plan.map((trade) => trade.side)).size).toBe(2);
    for (const trade of plan) {
      const offer = plannedOffer(trade, priceAt(SALE, trade.priceBps), state);
      const [maker, taker] = trade.side === 0 ? [trade.seller, trade.buyer] : [trade.buyer, trade.seller];
      expect(offer.maker).toBe(devAccount(maker).address);
      expect(offer.taker).toBe(devAccount(taker).address);
      expect(offer.nonce).toBe(BigInt(trade.index));
      expect(offer.price % 10_000n).toBe(0n);
      expect(offer.expiry).toBe(BigInt(state.origin / 1000 + (trade.day + 8) * 86_400));
    }
  });
});

describe('standingOffers', () => {
  it('asks above the bids on every cluster with holders but the suspended one, one investor per side', () => {
    const offers = standingOffers(state, 90, () => SALE);
    const keys = new Set(offers.map(({ offer }) => offer.clusterId));
    // sel-0, sel-1 and the stale fra-2.
    expect([...keys].sort()).toEqual([1n, 2n, 4n]);
    for (const clusterId of keys) {
      const book = offers.filter(({ offer }) => offer.clusterId === clusterId);
      const asks = book.filter(({ offer }) => offer.side === 0);
      const bids = book.filter(({ offer }) => offer.side === 1);
      expect(asks).toHaveLength(2);
      expect(bids).toHaveLength(2);
      for (const bid of bids) {
        for (const ask of asks) expect(bid.offer.price).toBeLessThan(ask.offer.price);
      }
      const sellers = new Set(asks.map(({ maker }) => maker));
      for (const { maker } of bids) expect(sellers.has(maker)).toBe(false);
    }
    expect(new Set(offers.map(({ offer }) => offer.nonce)).size).toBe(offers.length);
    expect(standingOffers(state, 90, () => SALE)).toEqual(offers);
  });
});
