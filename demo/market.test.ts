/**
 * Issue 16 in the demo: the history's trades are the plan's (each planned offer filled once, in full, at its price, by
 * its counterparty, spread over the days), the investors' balances are their purchases moved by exactly those trades,
 * and the standing offers the demo relays at the end are on the book, open, equal to the chain's view of them
 * (hash, remaining), and not duplicated by a second start. Each database the data-layer tests use gets the standing
 * offers and the mirror of the trades.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppLoadContext } from '@remix-run/node';
import pino from 'pino';
import type { Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offeringAbi, shareMarketAbi, shareTokenAbi } from '#contracts';
import { deployProtocol } from '#contracts/deploy';
import type { Deployment } from '#contracts/deployments';
import { testDatabases } from '#db/databases.test-kit';
import { createIndexer } from '#db/indexer/indexer';
import { fillCost, fillFee, hashOffer, marketDomain } from '#protocol/market';
import { listOffersByMaker } from '../app/models/offers.server';
import { getOrderBook, getTrades } from '../app/models/order-book.server';
import { DEV_ACCOUNT_COUNT, devAccount, devPrivateKey, devRoles } from '../devnet/accounts';
import { startAnvil } from '../devnet/anvil';
import { connectChain } from '../devnet/chain';
import { testPort } from '../devnet/ports';
import { historySchedule } from './history';
import { type DemoState, demoWallets, runDemoHistory } from './run';
import { placeStandingOffers, standingOffers } from './standing-offers';
import { marketOf, plannedOffer, priceAt, salePrices, tradePlan } from './trading';

const ANVIL_PORT = testPort(8671);
const NODE_BASE_PORT = testPort(4471);
const HISTORY_DAYS = 3;
const log = pino({ level: 'silent' });
let anvil: Awaited<ReturnType<typeof startAnvil>>;
let directory: string;
let deployment: Deployment;
let state: DemoState;
const chain = () => connectChain(anvil.rpcUrl);

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-demo-market-'));
  anvil = await startAnvil({
    port: ANVIL_PORT,
    stateFile: null,
    accounts: DEV_ACCOUNT_COUNT,
    genesisTimestamp: Math.floor(Date.now() / 1000) - (HISTORY_DAYS + 1) * 86_400,
  });
  deployment = await deployProtocol(
    { publicClient: chain().publicClient as never, walletClient: chain().wallet(0) },
    {
      committee: {
        signers: devRoles.oracleNodes.map((index) => privateKeyToAccount(devPrivateKey(index)).address),
        threshold: 2,
        heartbeatSeconds: 3 * 3600,
      },
      directory: join(directory, 'deployments'),
    },
  );
  const result = await runDemoHistory({
    rpcUrl: anvil.rpcUrl,
    chainId: 31_337,
    publicClient: chain().publicClient,
    deployment,
    dataDir: directory,
    seed: 'demo-market-test',
    historyDays: HISTORY_DAYS,
    clusterLimit: 2,
    nodeBasePort: NODE_BASE_PORT,
    simulatorPort: 0,
    log,
    signal: new AbortController().signal,
    progress: { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream,
  });
  state = result.state;
}, 300_000);

afterAll(async () => {
  await anvil?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

const fills = () =>
  chain().publicClient.getContractEvents({
    address: marketOf(deployment),
    abi: shareMarketAbi,
    eventName: 'OfferFilled',
    fromBlock: 0n,
  });

it("fills every planned trade once, in full, at the plan's price, spread over the history's days", async () => {
  const { publicClient } = chain();
  const days = historySchedule(state).days;
  const plan = tradePlan(state, days);
  const prices = await salePrices(publicClient, state.clusters);
  const domain = marketDomain(31_337, marketOf(deployment));
  const [feeBps] = await publicClient.readContract({
    address: marketOf(deployment),
    abi: shareMarketAbi,
    functionName: 'fee',
  });
  const logs = await fills();
  // Both test clusters trade (they are settled), more than once each over three days.
  expect(plan.length).toBeGreaterThanOrEqual(2 * 2);
  expect(logs).toHaveLength(plan.length);
  for (const trade of plan) {
    const offer = plannedOffer(trade, priceAt(prices.get(trade.cluster.key)!, trade.priceBps), state);
    const hash = hashOffer(domain, offer);
    // The off-chain hash is the market's own.
    expect(
      await publicClient.readContract({
        address: marketOf(deployment),
        abi: shareMarketAbi,
        functionName: 'hashOffer',
        args: [offer],
      }),
    ).toBe(hash);
    const matching = logs.filter((entry) => entry.args.offerHash === hash);
    expect(matching).toHaveLength(1);
    const cost = fillCost(offer, offer.amount);
    expect(matching[0]!.args).toMatchObject({
      maker: offer.maker,
      taker: offer.taker,
      clusterId: offer.clusterId,
      side: offer.side,
      amount: offer.amount,
      price: offer.price,
      cost,
      fee: fillFee(cost, Number(feeBps)),
    });
    // Within 4 % of the sale price (±3 % and the weekly drift).
    const sale = prices.get(trade.cluster.key)!;
    expect(offer.price * 100n).toBeGreaterThanOrEqual(sale * 96n);
    expect(offer.price * 100n).toBeLessThanOrEqual(sale * 104n);
  }
  // Spread: the fills landed on more than one day of chain time.
  const times = await Promise.all(
    logs.map(async (entry) => Number((await publicClient.getBlock({ blockNumber: entry.blockNumber })).timestamp)),
  );
  expect(new Set(times.map((time) => Math.floor((time - state.origin / 1000) / 86_400))).size).toBeGreaterThan(1);
});

it("leaves each investor with its purchase moved by exactly the trades' shares", async () => {
  const { publicClient } = chain();
  const logs = await fills();
  for (const cluster of state.clusters) {
    for (const investor of devRoles.investors) {
      const account = devAccount(investor).address;
      // What it withdrew from the sale (purchasedOf reads 0 once the shares left the escrow).
      const withdrawn = await publicClient.getContractEvents({
        address: cluster.offering,
        abi: offeringAbi,
        eventName: 'SharesWithdrawn',
        args: { buyer: account },
        fromBlock: 0n,
      });
      expect(withdrawn).toHaveLength(1);
      const purchased = withdrawn[0]!.args.shares!;
      const moved = logs
        .filter((entry) => entry.args.clusterId === BigInt(cluster.clusterId))
        .reduce((sum, { args }) => {
          const seller = args.side === 0 ? args.maker : args.taker;
          const buyer = args.side === 0 ? args.taker : args.maker;
          return sum + (buyer === account ? args.amount! : 0n) - (seller === account ? args.amount! : 0n);
        }, 0n);
      const balance = await publicClient.readContract({
        address: cluster.token,
        abi: shareTokenAbi,
        functionName: 'balanceOf',
        args: [account],
      });
      expect(balance).toBe(purchased + moved);
      expect(balance).toBeGreaterThan(0n);
    }
  }
});

describe.each(testDatabases)('the market on $name', (factory) => {
  it('mirrors the trades, relays the standing offers once, open and equal to the chain’s view, on the book', async () => {
    const { publicClient } = chain();
    const handle = await factory.open();
    try {
      const context = {
        db: handle.db,
        log,
        chain: { chainId: 31_337, publicRpcUrl: anvil.rpcUrl, localChain: true, publicClient, deployment },
        web: {},
        cspNonce: '',
      } as unknown as AppLoadContext;
      await createIndexer({
        db: handle.db,
        publicClient,
        chainId: 31_337,
        contracts: deployment.contracts,
        deployBlock: deployment.deployBlock,
        signal: new AbortController().signal,
        log,
      }).catchUp();
      const days = historySchedule(state).days;
      const options = {
        context,
        publicClient,
        deployment,
        chainId: 31_337,
        wallets: demoWallets(anvil.rpcUrl),
        state,
        days,
      };
      const views = await placeStandingOffers(options);
      const prices = await salePrices(publicClient, state.clusters);
      const planned = standingOffers(state, days, (key) => prices.get(key)!);
      expect(views).toHaveLength(planned.length);
      // Two asks and two bids per cluster.
      expect(planned).toHaveLength(state.clusters.length * 4);
      for (const [position, { offer }] of planned.entries()) {
        const view = views[position]!;
        const onChain = await publicClient.readContract({
          address: marketOf(deployment),
          abi: shareMarketAbi,
          functionName: 'hashOffer',
          args: [offer],
        });
        expect(view.offerHash).toBe(onChain);
        const remaining = await publicClient.readContract({
          address: marketOf(deployment),
          abi: shareMarketAbi,
          functionName: 'remaining',
          args: [offer],
        });
        expect(remaining).toBe(offer.amount);
        expect(view).toMatchObject({ status: 'open', remaining, amount: offer.amount, price: offer.price });
      }
      // A second start relays nothing again.
      const makers = [...new Set(planned.map(({ offer }) => offer.maker))] as Address[];
      const count = async () =>
        (await Promise.all(makers.map((maker) => listOffersByMaker(context, maker)))).flat().length;
      const before = await count();
      await placeStandingOffers(options);
      expect(await count()).toBe(before);
      expect(before).toBe(planned.length);

      const logs = await fills();
      for (const cluster of state.clusters) {
        const clusterId = BigInt(cluster.clusterId);
        // The book holds exactly the cluster's standing offers: asks above bids.
        const book = await getOrderBook(context, clusterId);
        const mine = planned.filter(({ offer }) => offer.clusterId === clusterId);
        expect(book.asks.reduce((sum, level) => sum + level.amount, 0n)).toBe(
          mine.filter(({ offer }) => offer.side === 0).reduce((sum, { offer }) => sum + offer.amount, 0n),
        );
        expect(book.bids.reduce((sum, level) => sum + level.amount, 0n)).toBe(
          mine.filter(({ offer }) => offer.side === 1).reduce((sum, { offer }) => sum + offer.amount, 0n),
        );
        expect(book.bestBid!).toBeLessThan(book.bestAsk!);
        // The mirror's trades are the chain's fills of the cluster.
        const trades = await getTrades(context, clusterId, { limit: 100 });
        const chainFills = logs.filter((entry) => entry.args.clusterId === clusterId);
        expect(
          trades.map((trade) => [trade.txHash, trade.offerHash, trade.amount, trade.price, trade.cost]).sort(),
        ).toEqual(
          chainFills
            .map((entry) => [
              entry.transactionHash,
              entry.args.offerHash,
              entry.args.amount,
              entry.args.price,
              entry.args.cost,
            ])
            .sort(),
        );
      }
    } finally {
      await handle.close();
    }
  }, 120_000);
});
