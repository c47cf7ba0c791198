/**
 * The relayed offers follow the chain through the indexer's upkeep hooks, and the book and trades read from them and
 * from the mirror equal what the market's own events and views say.
 */
import { eq } from 'drizzle-orm';
import { type Address, type Hex, zeroAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareMarketAbi } from '#contracts';
import type { Offer } from '#protocol/market';
import { devAccount } from '../../devnet/accounts';
import { sendAs } from '../../devnet/actions';
import { testPort } from '../../devnet/ports';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { IndexerLockLostError } from '../indexer/errors';
import type { WriteFence } from '../indexer/store';
import { emptyEventRows } from '../indexer/tables';
import { marketOffers } from '../schema';
import { impliedYieldBps, readOrderBook, readTrades } from './book';
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
import { createMarketUpkeep, PRUNE_AFTER_DAYS } from './upkeep';

describe.each(testDatabases)('market upkeep, book and trades on $name', ({ name, open }) => {
  let fx: MarketFixture;
  let handle: DatabaseHandle;
  const signed = new Map<string, { offer: Offer; signature: Hex; hash: Hex }>();

  beforeAll(async () => {
    fx = await startMarketChain(testPort(name === 'pglite' ? 4513 : 4515));
    handle = await open();
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await fx?.chain.stop();
  });

  const index = () => indexMarket(fx, handle.db);

  async function post(key: string, maker: number, fields: Partial<Offer>) {
    const offer = await fx.offer(maker, fields);
    const signature = await fx.sign(maker, offer);
    const result = await relayOffer({ db: handle.db, chain: fx.marketChain }, offerBody(offer, signature));
    if (!result.ok) throw new Error(`${key}: ${result.error.code}`);
    signed.set(key, { offer, signature, hash: result.offer.offerHash });
  }
  const statusOf = async (key: string) => {
    const [row] = await handle.db
      .select()
      .from(marketOffers)
      .where(eq(marketOffers.offerHash, signed.get(key)!.hash));
    return row!;
  };
  const book = async () =>
    readOrderBook(handle.db, {
      chainId: 31_337,
      clusterId: fx.clusterId,
      now: Number(await fx.chainTime()),
      trailingRevenuePerShare: 1_000_000n,
    });

  it('aggregates the public open offers into levels, best first, without named-taker offers', async () => {
    await index(); // the mirror's Offering terms: the relay's price band
    await fx.approveShares(investorA, 100n * SHARE);
    await fx.fundStablecoin(investorC, 100_000_000n);
    await post('s1', investorA, { amount: 10n * SHARE, price: 12_000_000n, nonce: 0n });
    await post('s2', investorA, { amount: 10n * SHARE, price: 12_000_000n, nonce: 1n });
    await post('s3', investorA, { amount: 5n * SHARE, price: 14_000_000n, nonce: 2n });
    await post('b1', investorC, { side: 1, amount: 5n * SHARE, price: 11_000_000n });
    await post('b2', investorC, {
      side: 1,
      amount: 2n * SHARE,
      price: 11_500_000n,
      nonce: 1n,
      taker: devAccount(investorB).address,
    });
    await index();
    const view = await book();
    expect(view.asks).toEqual([
      { price: 12_000_000n, amount: 20n * SHARE, offers: 2, impliedYieldBps: impliedYieldBps(1_000_000n, 12_000_000n) },
      { price: 14_000_000n, amount: 5n * SHARE, offers: 1, impliedYieldBps: impliedYieldBps(1_000_000n, 14_000_000n) },
    ]);
    expect(view.asks[0]!.impliedYieldBps).toBe(833);
    expect(view.bids).toEqual([{ price: 11_000_000n, amount: 5n * SHARE, offers: 1, impliedYieldBps: 909 }]);
    expect([view.bestAsk, view.bestBid, view.spread]).toEqual([12_000_000n, 11_000_000n, 1_000_000n]);
    expect(view.offers.map((offer) => offer.offerHash)).toEqual(
      ['s1', 's2', 's3', 'b1'].map((key) => signed.get(key)!.hash),
    );
  });

  it('writes nothing when its fence refuses (the indexer lost its lock), and starts no step once stopped (A-6)', async () => {
    const everything = () => handle.db.select().from(marketOffers).orderBy(marketOffers.offerHash);
    const before = await everything();
    expect(before.some((row) => row.status === 'open')).toBe(true);
    const head = await fx.chain.publicClient.getBlockNumber();
    const range = { from: head, to: head, rows: emptyEventRows() };
    let fenced = 0;
    const refuse: WriteFence = async () => {
      fenced += 1;
      throw new IndexerLockLostError('Lost the indexer lock.');
    };
    const lost = createMarketUpkeep({ db: handle.db, chain: fx.marketChain, fence: refuse });
    await expect(lost.afterRange(range)).rejects.toMatchObject({ code: 'indexer_lock_lost' });
    await expect(lost.afterReorg(head - 1n)).rejects.toMatchObject({ code: 'indexer_lock_lost' });
    expect(fenced).toBe(2);
    const stopped = new AbortController();
    stopped.abort();
    await createMarketUpkeep({ db: handle.db, chain: fx.marketChain, signal: stopped.signal }).afterRange(range);
    expect(await everything()).toEqual(before);
  });

  it('follows fills into statuses, the book and trades equal to the OfferFilled events', async () => {
    await fx.fundStablecoin(investorB, 200_000_000n);
    const s1 = signed.get('s1')!;
    const b1 = signed.get('b1')!;
    await fx.fill(investorB, s1.offer, s1.signature, 10n * SHARE);
    await fx.fill(investorA, b1.offer, b1.signature, 2n * SHARE);
    await index();
    expect(await statusOf('s1')).toMatchObject({ status: 'filled', filled: 10n * SHARE });
    expect(await statusOf('b1')).toMatchObject({ status: 'open', filled: 2n * SHARE });
    const view = await book();
    expect(view.asks[0]).toMatchObject({ price: 12_000_000n, amount: 10n * SHARE, offers: 1 });
    expect(view.bids[0]).toMatchObject({ price: 11_000_000n, amount: 3n * SHARE, offers: 1 });

    const events = await fx.chain.publicClient.getContractEvents({
      address: fx.market,
      abi: shareMarketAbi,
      eventName: 'OfferFilled',
      fromBlock: 0n,
    });
    const trades = await readTrades(handle.db, { chainId: 31_337, clusterId: fx.clusterId, limit: 10 });
    expect(trades).toHaveLength(2);
    expect(
      trades.map((trade) => [trade.txHash, trade.offerHash, trade.amount, trade.price, trade.cost, trade.fee]),
    ).toEqual(
      events
        .reverse()
        .map((event) => [
          event.transactionHash,
          event.args.offerHash,
          event.args.amount,
          event.args.price,
          event.args.cost,
          event.args.fee,
        ]),
    );
    const a = devAccount(investorA).address as Address;
    const b = devAccount(investorB).address as Address;
    const c = devAccount(investorC).address as Address;
    expect(trades.map((trade) => [trade.side, trade.seller, trade.buyer])).toEqual([
      ['buy', a, c],
      ['sell', a, b],
    ]);
    const page = await readTrades(handle.db, {
      chainId: 31_337,
      clusterId: fx.clusterId,
      limit: 10,
      before: `${trades[0]!.blockNumber}:${trades[0]!.logIndex}`,
    });
    expect(page.map((trade) => trade.txHash)).toEqual([trades[1]!.txHash]);
  });

  it("marks a cancelled offer cancelled and re-checks the maker's offers when its balance moves", async () => {
    const s3 = signed.get('s3')!;
    await sendAs(fx.chain, investorA, {
      address: fx.market,
      abi: shareMarketAbi,
      functionName: 'cancel',
      args: [[s3.offer]],
    });
    // A held 50, sold 10 + 2: 38 left; after sending 35 away, 3 cannot cover s2's 10.
    await fx.chain.transferShares(investorA, fx.token, devAccount(investorB).address, 35n * SHARE);
    await index();
    expect(await statusOf('s3')).toMatchObject({ status: 'cancelled', reason: 'offer_cancelled' });
    expect(await statusOf('s2')).toMatchObject({ status: 'unfillable', reason: 'insufficient_balance' });
    expect((await book()).asks).toEqual([]);
  });

  it('keeps an offer filled whole as filled when a reorg above its fill makes the upkeep read it again', async () => {
    // s1 was filled whole by one fill: the chain records it only by its nonce (filled(hash) is 0).
    const s1 = signed.get('s1')!;
    const before = await statusOf('s1');
    expect(before).toMatchObject({ status: 'filled', filled: 10n * SHARE });
    // An ancestor below the block it was marked at: the upkeep reads it again from the chain.
    await createMarketUpkeep({ db: handle.db, chain: fx.marketChain }).afterReorg(before.checkedBlock - 1n);
    expect(await statusOf('s1')).toMatchObject({ status: 'filled', reason: 'offer_filled', filled: 10n * SHARE });
    expect(
      await fx.chain.publicClient.readContract({
        address: fx.market,
        abi: shareMarketAbi,
        functionName: 'remaining',
        args: [s1.offer],
      }),
    ).toBe(0n);
  });

  it('reads the offers again after a reorg: a fill rolled back opens its offer again', async () => {
    const b1 = signed.get('b1')!;
    const snapshot = await fx.chain.snapshot();
    await fx.fill(investorA, b1.offer, b1.signature, 3n * SHARE);
    await index();
    expect(await statusOf('b1')).toMatchObject({ status: 'filled', filled: 5n * SHARE });
    // The fill's block is replaced by empty ones: the indexer finds the reorg and the upkeep reads b1 again.
    await fx.chain.revert(snapshot);
    await fx.chain.mine(3);
    await index();
    expect(await statusOf('b1')).toMatchObject({ status: 'open', filled: 2n * SHARE });
    expect((await book()).bids).toMatchObject([{ price: 11_000_000n, amount: 3n * SHARE }]);
  });

  it('ends a stored offer whose nonce an outside offer used (a nonce is single-use) and drops it from the book', async () => {
    await fx.approveShares(investorB, 100n * SHARE);
    await fx.fundStablecoin(investorC, 100_000_000n);
    await post('s5', investorB, { amount: 2n * SHARE });
    const stored = signed.get('s5')!;
    // Same maker and nonce, signed elsewhere and never relayed: its fill uses the nonce on chain.
    const outside = { ...stored.offer, amount: SHARE };
    await fx.fill(investorC, outside, await fx.sign(investorB, outside), SHARE);
    await index();
    expect(await statusOf('s5')).toMatchObject({ status: 'cancelled', reason: 'nonce_used', filled: 0n });
    expect((await book()).asks).toEqual([]);
  });

  it('ends a stored offer when its maker cancels another offer with its nonce, one the relay never saw', async () => {
    await post('s7', investorB, { amount: SHARE });
    const stored = signed.get('s7')!;
    // No signature is needed to cancel one's own offer: a made-up sibling uses the stored offer's nonce.
    await sendAs(fx.chain, investorB, {
      address: fx.market,
      abi: shareMarketAbi,
      functionName: 'cancel',
      args: [[{ ...stored.offer, amount: 2n * SHARE }]],
    });
    await index();
    expect(await statusOf('s7')).toMatchObject({ status: 'cancelled', reason: 'nonce_used' });
  });

  it('turns an offer a re-check marked nonce_used into filled once the mirror holds its own whole fill', async () => {
    await post('s6', investorB, { amount: SHARE });
    const s6 = signed.get('s6')!;
    await fx.fill(investorC, s6.offer, s6.signature, SHARE);
    // As if a re-check at the head had seen the used nonce before the mirror indexed the fill.
    await handle.db
      .update(marketOffers)
      .set({ status: 'cancelled', reason: 'nonce_used' })
      .where(eq(marketOffers.offerHash, s6.hash));
    await index();
    expect(await statusOf('s6')).toMatchObject({ status: 'filled', reason: 'offer_filled', filled: SHARE });
  });

  it('expires offers by chain time', async () => {
    await fx.chain.increaseTime(7_200);
    await fx.chain.mine(1);
    await index();
    for (const key of ['s2', 'b1', 'b2']) expect((await statusOf(key)).status, key).toBe('expired');
    const view = await book();
    expect([view.asks, view.bids, view.bestAsk, view.bestBid, view.spread]).toEqual([[], [], null, null, null]);
    expect(zeroAddress).toBe(zeroAddress);
  });

  it(`prunes offers dead for more than ${PRUNE_AFTER_DAYS} days and keeps the rest`, async () => {
    const old = new Date(Date.now() - (PRUNE_AFTER_DAYS + 1) * 86_400_000);
    const [template] = await handle.db.select().from(marketOffers).limit(1);
    const copy = (hash: string, status: 'filled' | 'expired', statusAt: Date) => ({
      ...template!,
      offerHash: `0x${hash.repeat(64)}` as Hex,
      status,
      statusAt,
    });
    await handle.db.insert(marketOffers).values([copy('1', 'filled', old), copy('2', 'expired', new Date())]);
    const before = (await handle.db.select().from(marketOffers)).length;
    const head = await fx.chain.publicClient.getBlockNumber();
    await createMarketUpkeep({ db: handle.db, chain: fx.marketChain }).afterRange({
      from: head,
      to: head,
      rows: emptyEventRows(),
    });
    const after = await handle.db.select({ hash: marketOffers.offerHash }).from(marketOffers);
    expect(after).toHaveLength(before - 1);
    expect(after.map((row) => row.hash)).not.toContain(`0x${'1'.repeat(64)}`);
  });
});
