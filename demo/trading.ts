/**
 * The demo's secondary market during the history (issue 16): once the sales have settled, the demo's investors trade
 * part of their shares with each other through signed offers filled on the ShareMarket, a few times per cluster spread
 * over the history's weeks, so the trades, the last price, the volume and the price history have something to show.
 *
 * The plan is a pure function of the seed, the clusters and the number of days (tradePlan): which day, which cluster,
 * who sells to whom (the others are verified on the token first), how many shares, at what price (the sale price moved
 * by a seeded few percent and a small weekly drift, the way a holder prices the revenue still to come) and which side
 * signs (a Sell offer the buyer fills, or a Buy offer the seller fills). Every offer is fixed by the plan (nonce = its
 * index, expiry a week after its day), so its hash is too: a trade is done when the market's `remaining` for the offer
 * is 0, and a resumed history fills only what the chain does not show yet.
 */
import { type Address, type Hash, maxUint256, type PublicClient } from 'viem';
import { offeringAbi, shareMarketAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { fillCost, marketDomain, type Offer, offerTypedData, Side } from '#protocol/market';
import { devAccount, devRoles } from '../devnet/accounts';
import { protocolCalls } from '../devnet/calls';
import { DEMO_IDCS, unit } from '../oracle/simulator/model';
import { demoRoleOf, isSettledRole } from './roles';
import type { DemoCluster, DemoState } from './state';
import { DemoError, type DemoWallets, settle } from './wallets';

const DAY = 86_400;
const SHARE = 10n ** 18n;
/** Prices are quoted in whole cents of the stablecoin (6 decimals). */
const CENT = 10_000n;
/** At most this many trades per cluster, however long the history. */
const MAX_TRADES_PER_CLUSTER = 12;
/** Verification the operators give the demo's investors on their tokens: a year from the history's end. */
const VERIFIED_FOR = 365 * DAY;

export type PlannedTrade = {
  /** Position in the plan: the maker's nonce. */
  index: number;
  /** Day of the history (0-based) after whose sampling it is filled. */
  day: number;
  cluster: DemoCluster;
  side: Side;
  /** Dev account indices. */
  seller: number;
  buyer: number;
  /** Share base units. */
  amount: bigint;
  /** The price against the sale price, in basis points. */
  priceBps: bigint;
};

/** The clusters the demo trades: those whose sale settled (shares withdrawn), the stale and suspended ones included. */
export const tradedClusters = (clusters: DemoCluster[]) => clusters.filter((c) => isSettledRole(demoRoleOf(c.key)));

/** The plan of the history's trades, ordered by day: a pure function of the seed, the clusters and the days. */
export function tradePlan(state: Pick<DemoState, 'seed' | 'clusters'>, days: number): PlannedTrade[] {
  const investors = devRoles.investors;
  // About one a cluster every four days; at least two where there are two days (a price history has a slope).
  const perCluster = Math.max(Math.min(2, days), Math.min(MAX_TRADES_PER_CLUSTER, Math.ceil(days / 4)));
  const trades: Omit<PlannedTrade, 'index'>[] = [];
  tradedClusters(state.clusters).forEach((cluster, position) => {
    for (let n = 0; n < perCluster; n++) {
      const draw = (what: string) => unit(state.seed, 'trade', cluster.key, n, what);
      // Spread over the history; the last one on its last day, so the trailing day has volume too.
      const day = n === perCluster - 1 ? days - 1 : Math.floor(((n + draw('day')) * days) / perCluster);
      const seller = investors[(position + n) % investors.length]!;
      // One of the other two investors (an offset of 1 or 2 among three).
      const buyer = investors[(position + n + 1 + Math.floor(draw('buyer') * 2)) % investors.length]!;
      // 0.5 % to 2.5 % of the supply (10 000 shares): 50 to 250 whole shares, some with a fraction.
      const amount = BigInt(50 + Math.floor(draw('amount') * 200)) * SHARE + (draw('odd') < 0.3 ? SHARE / 4n : 0n);
      // ±3 % around the sale price, drifting up 0.4 % a week as the revenue still to come is priced in.
      const priceBps = BigInt(10_000 + Math.round((draw('price') - 0.5) * 600) + Math.floor((day * 40) / 7));
      trades.push({
        day,
        cluster,
        side: draw('side') < 0.5 ? Side.Sell : Side.Buy,
        seller,
        buyer,
        amount,
        priceBps,
      });
    }
  });
  trades.sort((a, b) => a.day - b.day || Number(BigInt(a.cluster.clusterId) - BigInt(b.cluster.clusterId)));
  return trades.map((trade, index) => ({ ...trade, index }));
}

export type TradingOptions = {
  publicClient: PublicClient;
  deployment: Deployment;
  chainId: number;
  wallets: DemoWallets;
  state: Pick<DemoState, 'seed' | 'clusters' | 'origin' | 'historyEnd'>;
  signal: AbortSignal;
  onStep?: (step: string) => void;
};

/** The market's address (deployProtocol records it). */
export const marketOf = (deployment: Deployment): Address => deployment.contracts.market;

/** The sale price of each cluster's shares (base units per whole share), read once from its offering. */
export async function salePrices(publicClient: PublicClient, clusters: DemoCluster[]) {
  const prices = new Map<string, bigint>();
  for (const cluster of clusters) {
    const terms = await publicClient.readContract({
      address: cluster.offering,
      abi: offeringAbi,
      functionName: 'terms',
    });
    prices.set(cluster.key, terms.pricePerShare);
  }
  return prices;
}

/** A price in base units per whole share, `bps` of `base`, rounded to the cent (never below one cent). */
export const priceAt = (base: bigint, bps: bigint) => {
  const cents = (base * bps + 5_000n * CENT) / (10_000n * CENT);
  return (cents > 0n ? cents : 1n) * CENT;
};

/** The signed offer of a planned trade: the plan fixes every field, so its hash is the same on every run. */
export function plannedOffer(trade: PlannedTrade, price: bigint, state: Pick<DemoState, 'origin'>): Offer {
  const maker = trade.side === Side.Sell ? trade.seller : trade.buyer;
  return {
    maker: devAddress(maker),
    side: trade.side,
    clusterId: BigInt(trade.cluster.clusterId),
    amount: trade.amount,
    price,
    taker: devAddress(trade.side === Side.Sell ? trade.buyer : trade.seller),
    expiry: BigInt(state.origin / 1000 + (trade.day + 8) * DAY),
    nonce: BigInt(trade.index),
  };
}

const devAddress = (index: number): Address => devAccount(index).address;

/** The operator (dev account index) of a demo cluster: its IDC's. */
export function operatorOf(cluster: Pick<DemoCluster, 'key'>) {
  const idc = DEMO_IDCS.find((entry) => entry.key === cluster.key.split('-')[0]);
  if (!idc) throw new DemoError(`no demo IDC for cluster ${cluster.key}`);
  return idc.operatorIndex;
}

/**
 * Once per run, what the trades need and the chain does not show yet: each operator verifies the demo's investors on
 * its traded tokens, each investor lets the market move its shares and its stablecoin.
 */
export async function prepareTrading(options: TradingOptions) {
  const { publicClient, deployment, wallets } = options;
  const market = marketOf(deployment);
  const calls = protocolCalls(deployment.contracts);
  const clusters = tradedClusters(options.state.clusters);
  const until = BigInt(options.state.historyEnd + VERIFIED_FOR);
  const investors = devRoles.investors.map((index) => wallets(index).account.address);
  const hashes: Hash[] = [];
  for (const cluster of clusters) {
    const verified = await Promise.all(
      investors.map((account) =>
        publicClient.readContract({
          address: cluster.token,
          abi: shareTokenAbi,
          functionName: 'verifiedUntil',
          args: [account],
        }),
      ),
    );
    if (verified.every((value) => value > 0n)) continue;
    hashes.push(
      await wallets(operatorOf(cluster)).writeContract({
        address: cluster.token,
        abi: shareTokenAbi,
        functionName: 'setVerifiedBatch',
        args: [investors, investors.map(() => until)],
      }),
    );
  }
  for (const investor of devRoles.investors) {
    const wallet = wallets(investor);
    const owner = wallet.account.address;
    for (const cluster of clusters) {
      const allowance = await publicClient.readContract({
        address: cluster.token,
        abi: shareTokenAbi,
        functionName: 'allowance',
        args: [owner, market],
      });
      if (allowance !== maxUint256) {
        hashes.push(
          await wallet.writeContract({
            address: cluster.token,
            abi: shareTokenAbi,
            functionName: 'approve',
            args: [market, maxUint256],
          }),
        );
      }
    }
    const allowance = await publicClient.readContract({
      address: deployment.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'allowance',
      args: [owner, market],
    });
    if (allowance !== maxUint256) hashes.push(await wallet.writeContract(calls.approveStablecoin(market, maxUint256)));
  }
  await settle(publicClient, hashes);
}

/**
 * Fills every planned trade of a day up to `throughDay` that the market does not show as filled; returns how many it
 * filled. Each trade: the buyer mints what it lacks of the cost, the maker signs, the taker fills (simulated first: a
 * refused write would use up a nonce of the wallet's nonce manager).
 */
export async function tradeThrough(
  options: TradingOptions,
  plan: PlannedTrade[],
  throughDay: number,
  prices?: Map<string, bigint>,
) {
  const { publicClient, deployment, wallets, signal } = options;
  const due = plan.filter((trade) => trade.day <= throughDay);
  if (due.length === 0) return 0;
  const market = marketOf(deployment);
  const domain = marketDomain(options.chainId, market);
  const calls = protocolCalls(deployment.contracts);
  const sale = prices ?? (await salePrices(publicClient, tradedClusters(options.state.clusters)));
  let filled = 0;
  for (const trade of due) {
    signal.throwIfAborted();
    const offer = plannedOffer(trade, priceAt(sale.get(trade.cluster.key)!, trade.priceBps), options.state);
    // What the chain still lets fill (a fill that took an offer whole is recorded only by its nonce, not `filled`).
    const amount = await publicClient.readContract({
      address: market,
      abi: shareMarketAbi,
      functionName: 'remaining',
      args: [offer],
    });
    if (amount === 0n) continue;
    const buyer = wallets(trade.buyer);
    const cost = fillCost(offer, amount);
    const balance = await publicClient.readContract({
      address: deployment.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'balanceOf',
      args: [buyer.account.address],
    });
    if (balance < cost)
      await settle(publicClient, [
        await buyer.writeContract(calls.mintStablecoin(buyer.account.address, cost - balance)),
      ]);
    const maker = wallets(trade.side === Side.Sell ? trade.seller : trade.buyer);
    const taker = wallets(trade.side === Side.Sell ? trade.buyer : trade.seller);
    const signature = await maker.signTypedData(offerTypedData(domain, offer));
    const call = {
      address: market,
      abi: shareMarketAbi,
      functionName: 'fill',
      args: [offer, signature, amount],
    } as const;
    await publicClient.simulateContract({ ...call, account: taker.account });
    await settle(publicClient, [await taker.writeContract(call)]);
    filled += 1;
  }
  if (filled > 0) options.onStep?.(`traded ${filled} offers through day ${throughDay + 1}`);
  return filled;
}

/**
 * The history's trading: prepares what the chain lacks (verifications, approvals) and returns the step the history
 * runs after each day's sampling, which fills the plan's trades through that day that are not filled yet (a resumed
 * history catches up the days before it at its first day).
 */
export async function startDemoTrading(options: TradingOptions, days: number) {
  await prepareTrading(options);
  const plan = tradePlan(options.state, days);
  const prices = await salePrices(options.publicClient, tradedClusters(options.state.clusters));
  return (day: number) => tradeThrough(options, plan, day, prices);
}
