/**
 * Attack tests for the market upkeep (reviewer m-attack). Each `it` states the attack; a failing test is an open
 * finding, a passing one an attack repelled.
 */
import { eq } from 'drizzle-orm';
import type { Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareMarketAbi, testStablecoinAbi } from '#contracts';
import type { Offer } from '#protocol/market';
import { sendAs } from '../../devnet/actions';
import { testPort } from '../../devnet/ports';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { marketOffers } from '../schema';
import {
  indexMarket,
  investorA,
  investorB,
  investorC,
  type MarketFixture,
  offerBody,
  SHARE,
  startMarketChain,
} from './market.test-kit';
import { relayOffer } from './relay';
import { REORG_DEPTH, ROUND_LIMIT } from './upkeep';

// One database is enough to show the logic flaw (the upkeep is database-agnostic).
const [pglite] = testDatabases;

describe('market upkeep under attack', () => {
  let fx: MarketFixture;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    fx = await startMarketChain(testPort(4931));
    handle = await pglite!.open();
    await index(); // the mirror's Offering terms: the relay's price band
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await fx?.chain.stop();
  });

  const index = () => indexMarket(fx, handle.db);

  const statusOf = async (hash: Hex) => {
    const [row] = await handle.db.select().from(marketOffers).where(eq(marketOffers.offerHash, hash));
    return row!;
  };

  /** `n` live offers of other makers, checked long ago (each an unfillable Sell of a maker without shares). */
  async function insertLiveOffers(n: number) {
    const long = new Date(0);
    const rows = Array.from({ length: n }, (_, index) => ({
      offerHash: `0xf${(index + 1).toString(16).padStart(63, '0')}` as Hex,
      chainId: 31_337,
      market: fx.market,
      maker: `0x${(index + 1).toString(16).padStart(40, '0')}` as Hex,
      side: 0,
      clusterId: fx.clusterId,
      amount: SHARE,
      price: 12_000_000n,
      taker: '0x0000000000000000000000000000000000000000' as Hex,
      expiry: 1n << 40n,
      nonce: 0n,
      signature: '0x',
      status: 'unfillable' as const,
      filled: 0n,
      checkedAt: long,
      checkedBlock: 0n,
      statusAt: long,
      createdAt: long,
    }));
    for (let at = 0; at < rows.length; at += 200) await handle.db.insert(marketOffers).values(rows.slice(at, at + 200));
  }

  it('re-opens an offer whose fill was reorged away even when the offer was last checked more than REORG_DEPTH blocks before the fill', async () => {
    await fx.approveShares(investorA, 50n * SHARE);
    await fx.fundStablecoin(investorB, 200_000_000n);
    const offer: Offer = await fx.offer(investorA, { expiry: (await fx.chainTime()) + 86_400n });
    const signature = await fx.sign(investorA, offer);
    const relayed = await relayOffer({ db: handle.db, chain: fx.marketChain }, offerBody(offer, signature));
    if (!relayed.ok) throw new Error(relayed.error.code);
    const hash = relayed.offer.offerHash;
    await index();
    expect(await statusOf(hash)).toMatchObject({ status: 'open' });
    // A market with a few hundred live offers (the cluster bound is 2,000): the bounded round (ROUND_LIMIT = 100 a
    // range) re-checks others first, so this offer's checkedBlock stays where it is for many blocks.
    await insertLiveOffers(4 * ROUND_LIMIT);

    // More than REORG_DEPTH blocks pass, indexed, without a re-check of this offer.
    await fx.chain.mine(Number(REORG_DEPTH) + 16);
    await index();
    const snapshot = await fx.chain.snapshot();
    await fx.fill(investorB, offer, signature, 10n * SHARE);
    await index();
    // The mirror's OfferFilled settles it as filled (settleFromMirror), without moving checkedBlock.
    expect(await statusOf(hash)).toMatchObject({ status: 'filled', filled: 10n * SHARE });

    // The fill's block is reorged away: on chain the offer is whole again.
    await fx.chain.revert(snapshot);
    await fx.chain.mine(3);
    await index();
    const onChain = await fx.chain.publicClient.readContract({
      address: fx.market,
      abi: shareMarketAbi,
      functionName: 'remaining',
      args: [offer],
    });
    expect(onChain).toBe(offer.amount);
    // Fails: the row stays `filled` (hidden from the book, pruned after 30 days) although the chain says it is whole.
    expect(await statusOf(hash)).toMatchObject({ status: 'open', filled: 0n });
  }, 120_000);
  it('finds a maker that drained its stablecoin or revoked its allowance after relaying (spoofed book depth)', async () => {
    await handle.db.delete(marketOffers);
    // An ordinary market: a few hundred live offers, so the bounded round (ROUND_LIMIT) re-checks others first.
    await insertLiveOffers(4 * ROUND_LIMIT);
    const relay = async (maker: number, fields: Partial<Offer>) => {
      const offer = await fx.offer(maker, { expiry: (await fx.chainTime()) + 86_400n, ...fields });
      const result = await relayOffer(
        { db: handle.db, chain: fx.marketChain },
        offerBody(offer, await fx.sign(maker, offer)),
      );
      if (!result.ok) throw new Error(result.error.code);
      return result.offer.offerHash;
    };
    await fx.fundStablecoin(investorC, 55_000_000n);
    await fx.approveShares(investorB, 5n * SHARE);
    const bid = await relay(investorC, { side: 1, amount: 5n * SHARE, price: 11_000_000n, nonce: 7n });
    const ask = await relay(investorB, { side: 0, amount: 5n * SHARE, price: 13_000_000n, nonce: 7n });
    await index();
    expect([(await statusOf(bid)).status, (await statusOf(ask)).status]).toEqual(['open', 'open']);

    // C moves its stablecoin to a fresh wallet (a transfer between two outsiders: the mirror drops it), B revokes its
    // share allowance (Approval is not mirrored). Neither offer can be filled any more.
    const outsider = '0x000000000000000000000000000000000000dEaD' as const;
    await sendAs(fx.chain, investorC, {
      address: fx.chain.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'transfer',
      args: [outsider, 55_000_000n],
    });
    await fx.approveShares(investorB, 0n);
    await fx.chain.mine(1);
    await index();
    // Fails: both stay `open` (in the book's bids and asks) until the round reaches them, hundreds of ranges later.
    expect([(await statusOf(bid)).status, (await statusOf(ask)).status]).toEqual(['unfillable', 'unfillable']);
  }, 120_000);
});
