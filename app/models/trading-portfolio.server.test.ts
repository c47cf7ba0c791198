/**
 * The trading models against the chain and the mirror: the exit quote equals the market's own `quote` of each take
 * (cost and fee at the fee the mirror indexed), the book's implied yields follow the mirror's trailing revenue (the
 * market table's APR at the offering price), the portfolio lists the maker's offers and trades, and the analytics
 * equal the indexed fills.
 */
import type { AppLoadContext } from '@remix-run/node';
import pino from 'pino';
import { type Address, getAddress } from 'viem';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import type { DatabaseHandle } from '#db/database';
import { testDatabases } from '#db/databases.test-kit';
import {
  indexMarket,
  investorA,
  investorB,
  investorC,
  type MarketFixture,
  offerBody,
  SHARE,
  startMarketChain,
} from '#db/market/market.test-kit';
import type { Offer } from '#protocol/market';
import { loader as bookLoader, MAX_BOOK_OFFERS_PER_SIDE } from '~/routes/api.v1.clusters.$id.book';
import { devAccount, devRoles } from '../../devnet/accounts';
import { sendAs } from '../../devnet/actions';
import { testPort } from '../../devnet/ports';
import { cachedMarket } from './market.server';
import { relayOffer } from './offers.server';
import { getOrderBook } from './order-book.server';
import { getMarketStats, getPriceHistory, priceHistoryCsv } from './trading-analytics.server';
import { getExitQuote, getTradingPortfolio } from './trading-portfolio.server';

const pglite = testDatabases.find((entry) => entry.name === 'pglite')!;
let fx: MarketFixture;
let handle: DatabaseHandle;
let context: Pick<AppLoadContext, 'db' | 'chain'>;
const signed: Record<string, { offer: Offer; signature: `0x${string}` }> = {};

const index = () => indexMarket(fx, handle.db);

async function post(key: string, maker: number, fields: Partial<Offer>) {
  const offer = await fx.offer(maker, fields);
  const signature = await fx.sign(maker, offer);
  const result = await relayOffer(context, offerBody(offer, signature));
  if (!result.ok) throw new Error(`${key}: ${result.error.code}`);
  signed[key] = { offer, signature };
}

beforeAll(async () => {
  fx = await startMarketChain(testPort(4517));
  handle = await pglite.open();
  context = {
    db: handle.db,
    chain: {
      chainId: 31_337,
      publicRpcUrl: '',
      publicClient: fx.chain.publicClient as never,
      deployment: {
        ...fx.chain.deployment,
        contracts: { ...fx.chain.contracts, market: fx.market },
      } as never,
    },
  };
  // The scenario's deposit falls in the trailing window once its day has closed.
  await fx.chain.increaseTime(86_400);
  await fx.chain.mine(1);
  await sendAs(fx.chain, devRoles.deployer, {
    address: fx.market,
    abi: shareMarketAbi,
    functionName: 'setFee',
    args: [50, devAccount(devRoles.deployer).address],
  });
  await fx.fundStablecoin(investorC, 100_000_000n);
  await fx.fundStablecoin(investorB, 100_000_000n);
  await fx.approveShares(investorA, 100n * SHARE);
  await index(); // the mirror's Offering terms: the relay's price band
  await post('c', investorC, { side: 1, amount: 5n * SHARE, price: 11_000_000n });
  await post('b', investorB, { side: 1, amount: 3n * SHARE, price: 10_500_000n });
  await post('a', investorA, { side: 0, amount: 4n * SHARE, price: 13_000_000n });
  await index();
}, 180_000);
afterAll(async () => {
  await handle?.close();
  await fx?.chain.stop();
});

it("quotes an exit as the market's own quote of each take, at the fee the mirror indexed", async () => {
  const holder = devAccount(investorA).address as Address;
  const quote = await getExitQuote(context, fx.clusterId, holder, 7n * SHARE);
  const onChain = async (key: string, amount: bigint) =>
    fx.chain.publicClient.readContract({
      address: fx.market,
      abi: shareMarketAbi,
      functionName: 'quote',
      args: [signed[key]!.offer, amount],
    });
  const [[costC, feeC], [costB, feeB]] = await Promise.all([onChain('c', 5n * SHARE), onChain('b', 2n * SHARE)]);
  expect(feeC).toBeGreaterThan(0n);
  expect(quote).toMatchObject({
    shares: 7n * SHARE,
    fillable: 7n * SHARE,
    fee: feeC + feeB,
    proceeds: costC + costB - feeC - feeB,
    averagePrice: ((costC + costB) * SHARE) / (7n * SHARE),
    levelsUsed: 2,
  });
  // More than the bids hold: what they hold is fillable, the rest is not.
  const all = await getExitQuote(context, fx.clusterId, holder, 100n * SHARE);
  expect(all.fillable).toBe(8n * SHARE);
  // The holder's own bid is never in its exit (the market refuses a self-trade).
  expect((await getExitQuote(context, fx.clusterId, devAccount(investorC).address, SHARE)).fillable).toBe(SHARE);
});

it("earnedSinceBought is the revenue streamed to the holder's shares: claimed plus claimable on chain", async () => {
  const holder = devAccount(investorA).address as Address;
  const quote = await getExitQuote(context, fx.clusterId, holder, SHARE);
  const cursorTime = (await cachedMarket(handle.db, 31_337)).at;
  const block = await fx.chain.publicClient.getBlock({ blockTag: 'latest' });
  expect(Number(block.timestamp)).toBe(cursorTime.getTime() / 1000);
  const [claimable, claimedEvents] = await Promise.all([
    fx.chain.publicClient.readContract({
      address: fx.token,
      abi: shareTokenAbi,
      functionName: 'claimable',
      args: [holder],
    }),
    fx.chain.publicClient.getContractEvents({
      address: fx.token,
      abi: shareTokenAbi,
      eventName: 'Claimed',
      fromBlock: 0n,
    }),
  ]);
  const claimed = claimedEvents
    .filter((event) => getAddress(event.args.account!) === holder)
    .reduce((sum, event) => sum + event.args.amount!, 0n);
  expect(claimed + claimable).toBeGreaterThan(0n);
  // The replay rounds once, the chain at each of the account's checkpoints (holdings-earnings.server.ts): ≤ 1 unit each.
  const difference = quote.earnedSinceBought! - (claimed + claimable);
  expect(difference >= 0n && difference <= 4n, `difference ${difference}`).toBe(true);
  const neverHeld = '0x000000000000000000000000000000000000dEaD';
  expect((await getExitQuote(context, fx.clusterId, neverHeld, SHARE)).earnedSinceBought).toBeNull();
});

it("prices the book's implied yields from the mirror's trailing revenue (the market table's APR at the offering price)", async () => {
  const view = await cachedMarket(handle.db, 31_337);
  const row = view.rows.find((entry) => entry.clusterId === fx.clusterId)!;
  expect(row.revenueDeposited).toBeGreaterThan(0n);
  const perShare = (row.revenueDeposited * 365n * 86_400n * SHARE) / (view.window.seconds * row.supply);
  const book = await getOrderBook(context, fx.clusterId);
  expect(book.trailingRevenuePerShare).toBe(perShare);
  expect(book.bids.map((level) => [level.price, level.impliedYieldBps])).toEqual([
    [11_000_000n, Number((perShare * 10_000n) / 11_000_000n)],
    [10_500_000n, Number((perShare * 10_000n) / 10_500_000n)],
  ]);
  // At the offering's price the implied yield is the market table's trailing APR (two roundings apart at most).
  const atOfferingPrice = Number((perShare * 10_000n) / row.pricePerShare!);
  expect(Math.abs(atOfferingPrice - row.trailingAprBps!)).toBeLessThanOrEqual(1);
});

it("bounds the book API's offers per side while its levels keep the whole depth", async () => {
  const get = async (query: string) => {
    const response = (await bookLoader({
      request: new Request(`http://localhost/api/v1/clusters/${fx.clusterId}/book${query}`),
      params: { id: fx.clusterId.toString() },
      context: { ...context, log: pino({ level: 'silent' }) },
    } as never)) as Response;
    return { status: response.status, body: await response.json() };
  };
  const full = await getOrderBook(context, fx.clusterId);
  const one = await get('?limit=1');
  expect(one.status).toBe(200);
  // The best bid (11.00) and the only ask; the second bid stays in the levels and in the count.
  expect(one.body.book.offers.map((offer: { price: string }) => offer.price)).toEqual(['13000000', '11000000']);
  expect(one.body.book.offerCounts).toEqual({ asks: 1, bids: 2 });
  expect(one.body.book.bids.map((level: { price: string }) => level.price)).toEqual(
    full.bids.map((level) => level.price.toString()),
  );
  expect((await get('')).body.book.offers).toHaveLength(full.offers.length);
  for (const query of ['?limit=0', `?limit=${MAX_BOOK_OFFERS_PER_SIDE + 1}`, '?limit=ten', '?other=1']) {
    expect((await get(query)).status, query).toBe(400);
  }
});

it('lists the trader portfolio and the market analytics from the indexed fills', async () => {
  await fx.fill(investorB, signed.a!.offer, signed.a!.signature, 3n * SHARE);
  await fx.fill(investorA, signed.c!.offer, signed.c!.signature, 1n * SHARE);
  await index();
  const events = await fx.chain.publicClient.getContractEvents({
    address: fx.market,
    abi: shareMarketAbi,
    eventName: 'OfferFilled',
    fromBlock: 0n,
  });
  expect(events).toHaveLength(2);
  const portfolio = await getTradingPortfolio(context, devAccount(investorA).address);
  expect(portfolio.offers.map((offer) => [offer.side, offer.filled, offer.status])).toEqual([
    ['sell', 3n * SHARE, 'open'],
  ]);
  expect(portfolio.trades.map((trade) => trade.txHash)).toEqual(events.map((event) => event.transactionHash).reverse());

  const [stats] = await getMarketStats(context, fx.clusterId);
  const volume = events.reduce((sum, event) => sum + event.args.cost!, 0n);
  expect(stats).toEqual({
    clusterId: fx.clusterId,
    lastPrice: events.at(-1)!.args.price,
    volume24h: volume,
    volume30d: volume,
    trades30d: 2,
  });
  const history = await getPriceHistory(context, fx.clusterId);
  expect(history.map((point) => [point.price, point.amount])).toEqual(
    events.map((event) => [event.args.price, event.args.amount]),
  );
  const csv = priceHistoryCsv(history).trim().split('\n');
  expect(csv[0]).toBe('time,time_iso,price,amount,implied_yield_bps');
  expect(csv[1]).toBe(
    `${history[0]!.time},${new Date(history[0]!.time * 1000).toISOString()},13000000,${3n * SHARE},${history[0]!.impliedYieldBps}`,
  );
});
