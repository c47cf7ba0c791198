/**
 * The demo's standing offers (issue 16): at the end of the history a few of the demo's investors keep open offers on
 * each traded cluster, two asks a little above the last trade's price and two bids a little below it, so the order
 * book has depth when the dashboard opens. They go through the relay's own path (`relayOffer`, the handler behind
 * POST /api/v1/offers), so every one of them passed the relay's validation and is stored where a visitor's would be.
 *
 * Each offer is fixed by the plan (seeded amounts, prices from the trade plan, nonces of their own range, an expiry
 * counted from the history's end), so its hash is the same on every start: one the relay already holds for its maker
 * is not sent again, and a restart does not duplicate the book.
 */
import { type Address, type Hash, type PublicClient, zeroAddress } from 'viem';
import { testStablecoinAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { offerBody } from '#db/market/offer-body';
import type { OfferView } from '#db/market/types';
import { fillCost, hashOffer, marketDomain, type Offer, offerTypedData, Side } from '#protocol/market';
import { listOffersByMaker, relayOffer } from '../app/models/offers.server';
import { devAccount, devRoles } from '../devnet/accounts';
import { protocolCalls } from '../devnet/calls';
import { unit } from '../oracle/simulator/model';
import { demoRoleOf } from './roles';
import type { DemoState } from './state';
import { marketOf, type PlannedTrade, priceAt, salePrices, tradedClusters, tradePlan } from './trading';
import { DemoError, type DemoWallets, settle } from './wallets';

const DAY = 86_400;
const SHARE = 10n ** 18n;
/** Standing offers stay fillable this long after the history's end (the relay refuses more than a year). */
const STANDING_FOR = 60 * DAY;
/** Their nonces start here: the history's trades use their plan index. */
const NONCE_BASE = 1_000_000n;
/** Asks and bids, in basis points of the last trade's price. */
const ASKS_BPS = [10_150n, 10_400n];
const BIDS_BPS = [9_850n, 9_600n];

export type StandingOffer = { offer: Offer; maker: number };

/**
 * The standing offers of the demo's clusters: per cluster with holders and no emergency stop (not the suspended one,
 * whose holders wait for governance), two sellers ask and the third investor bids. A pure function of the plan.
 */
export function standingOffers(
  state: Pick<DemoState, 'seed' | 'clusters' | 'historyEnd'>,
  days: number,
  salePrice: (key: string) => bigint,
): StandingOffer[] {
  const plan = tradePlan(state, days);
  const investors = devRoles.investors;
  const expiry = BigInt(state.historyEnd + STANDING_FOR);
  const offers: StandingOffer[] = [];
  let nonce = NONCE_BASE;
  tradedClusters(state.clusters)
    .filter((cluster) => demoRoleOf(cluster.key) !== 'suspended')
    .forEach((cluster, position) => {
      const last: PlannedTrade | undefined = plan.filter((trade) => trade.cluster.key === cluster.key).at(-1);
      const mid = priceAt(salePrice(cluster.key), last?.priceBps ?? 10_000n);
      const sides = [
        ...ASKS_BPS.map((bps, n) => ({ side: Side.Sell, bps, maker: investors[(position + n) % investors.length]! })),
        ...BIDS_BPS.map((bps) => ({ side: Side.Buy, bps, maker: investors[(position + 2) % investors.length]! })),
      ];
      sides.forEach(({ side, bps, maker }, n) => {
        // 20 to 120 whole shares each.
        const shares = BigInt(20 + Math.floor(unit(state.seed, 'standing', cluster.key, n) * 100));
        offers.push({
          maker,
          offer: {
            maker: devAccount(maker).address,
            side,
            clusterId: BigInt(cluster.clusterId),
            amount: shares * SHARE,
            price: priceAt(mid, bps),
            taker: zeroAddress,
            expiry,
            nonce: nonce++,
          },
        });
      });
    });
  return offers;
}

export type StandingOffersOptions = {
  /** The app's services (database, chain): the relay's own context. */
  context: Parameters<typeof relayOffer>[0];
  publicClient: PublicClient;
  deployment: Deployment;
  chainId: number;
  wallets: DemoWallets;
  state: Pick<DemoState, 'seed' | 'clusters' | 'historyEnd' | 'origin'>;
  /** The history's days (the trade plan the prices follow). */
  days: number;
};

/**
 * Relays the standing offers the relay does not hold yet; returns the views of all of them, in plan order. Bidders
 * get the stablecoin their bids promise first (the relay refuses an offer its maker could not pay), and the market's
 * allowances are the history's (trading.ts). A refusal is an error: the demo's offers are meant to pass.
 */
export async function placeStandingOffers(options: StandingOffersOptions): Promise<OfferView[]> {
  const { context, publicClient, deployment, wallets } = options;
  const market = marketOf(deployment);
  const domain = marketDomain(options.chainId, market);
  const prices = await salePrices(publicClient, tradedClusters(options.state.clusters));
  const planned = standingOffers(options.state, options.days, (key) => prices.get(key)!);
  const held = new Map<Address, OfferView[]>();
  for (const maker of new Set(planned.map((entry) => entry.offer.maker))) {
    held.set(maker, await listOffersByMaker(context, maker));
  }
  const missing = planned.filter(
    ({ offer }) => !held.get(offer.maker)!.some((view) => view.offerHash === hashOffer(domain, offer)),
  );
  // What each bidder's missing bids promise, minted where its balance falls short.
  const calls = protocolCalls(deployment.contracts);
  const mints: Hash[] = [];
  for (const maker of new Set(missing.filter(({ offer }) => offer.side === Side.Buy).map((entry) => entry.maker))) {
    const wallet = wallets(maker);
    const owed = missing
      .filter((entry) => entry.maker === maker && entry.offer.side === Side.Buy)
      .reduce((sum, { offer }) => sum + fillCost(offer, offer.amount), 0n);
    const balance = await publicClient.readContract({
      address: deployment.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'balanceOf',
      args: [wallet.account.address],
    });
    if (balance < owed)
      mints.push(await wallet.writeContract(calls.mintStablecoin(wallet.account.address, owed - balance)));
  }
  await settle(publicClient, mints);
  for (const { offer, maker } of missing) {
    const signature = await wallets(maker).signTypedData(offerTypedData(domain, offer));
    const answer = await relayOffer(context, offerBody(offer, signature));
    if (!answer.ok) {
      throw new DemoError(
        `the relay refused a demo offer of cluster ${offer.clusterId}: ${answer.error.code} ${answer.error.message}`,
      );
    }
  }
  const views: OfferView[] = [];
  for (const maker of new Set(planned.map((entry) => entry.offer.maker))) {
    views.push(...(await listOffersByMaker(context, maker)));
  }
  const byHash = new Map(views.map((view) => [view.offerHash, view]));
  return planned.map(({ offer }) => byHash.get(hashOffer(domain, offer))!);
}
