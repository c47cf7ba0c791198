/**
 * The demo's investors: #4, #5 and #6 buy the settled clusters' offerings out between them, one of them finalizes the
 * sales, and each withdraws their shares; they buy part of the open offering (the rest is a newcomer's) and less than
 * the soft cap of the one that fails (their refunds stay unclaimed: roles.ts). Like the rest of the set-up it asks the
 * chain first, so a rerun buys nothing twice.
 */
import type { Address, Hash, PublicClient } from 'viem';
import { offeringAbi, offeringConstants, offeringPhase } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { devRoles } from '../devnet/accounts';
import { protocolCalls } from '../devnet/calls';
import { SHARE_SUPPLY } from './economics';
import { demoRoleOf, partialPurchases } from './roles';
import type { DemoCluster } from './state';
import { type DemoWallets, settle } from './wallets';

const SHARE = offeringConstants.SHARE_UNIT;
/** Investors #4, #5, #6 take these parts of every offering (basis points). */
const INVESTOR_PARTS = [4_000n, 3_500n, 2_500n];

export type InvestOptions = {
  publicClient: PublicClient;
  deployment: Deployment;
  wallets: DemoWallets;
  signal: AbortSignal;
  /** Called after each step that landed transactions (the caller records progress there). */
  onStep?: (step: string) => void;
};

/** The shares investor `position` takes of every offering; the last one takes what rounding left, so each sells out. */
const investorShares = (position: number) =>
  position === devRoles.investors.length - 1
    ? SHARE_SUPPLY - INVESTOR_PARTS.slice(0, -1).reduce((sum, bps) => sum + (SHARE_SUPPLY * bps) / 10_000n, 0n)
    : (SHARE_SUPPLY * INVESTOR_PARTS[position]!) / 10_000n;

type Purchase = { cluster: DemoCluster; shares: bigint };

/**
 * Each investor buys its `shares` of each offering it holds nothing of yet (mint, approve, buy, in its order); returns
 * how many purchases landed.
 */
async function buyShares(
  options: InvestOptions,
  sharesOf: (position: number, cluster: DemoCluster) => bigint,
  clusters: DemoCluster[],
) {
  const { publicClient, deployment } = options;
  const wallet = options.wallets;
  const calls = protocolCalls(deployment.contracts);
  const terms = await Promise.all(
    clusters.map((cluster) =>
      publicClient.readContract({ address: cluster.offering, abi: offeringAbi, functionName: 'terms' }),
    ),
  );
  let landed = 0;
  await Promise.all(
    devRoles.investors.map(async (investor, position) => {
      const held = await Promise.all(clusters.map((cluster) => purchased(options, investor, cluster.offering)));
      const buying = clusters.flatMap((cluster, index) => {
        const shares = sharesOf(position, cluster);
        if (held[index] !== 0n || shares === 0n) return [];
        const entry: Purchase & { cost: bigint } = {
          cluster,
          shares,
          cost: (shares * terms[index]!.pricePerShare + SHARE - 1n) / SHARE,
        };
        return [entry];
      });
      if (buying.length === 0) return;
      const hashes: Hash[] = [
        await wallet(investor).writeContract(
          calls.mintStablecoin(
            wallet(investor).account.address,
            buying.reduce((sum, entry) => sum + entry.cost, 0n),
          ),
        ),
      ];
      for (const { cluster, shares, cost } of buying) {
        hashes.push(await wallet(investor).writeContract(calls.approveStablecoin(cluster.offering, cost)));
        hashes.push(
          await wallet(investor).writeContract({
            ...calls.buy(cluster.offering, shares, cost),
            // Three investors buy the same offerings at once: the first purchase of a sale writes its storage for
            // the first time and costs ~35k gas more, and which one is first is only known once mined.
            gas: 250_000n,
          }),
        );
      }
      await settle(publicClient, hashes);
      landed += buying.length;
    }),
  );
  return landed;
}

const purchased = (options: InvestOptions, investor: number, offering: Address) =>
  options.publicClient
    .readContract({
      address: offering,
      abi: offeringAbi,
      functionName: 'purchasedOf',
      args: [options.wallets(investor).account.address],
    })
    .then(([shares]) => shares);

/** Buys every offering of `clusters` out, finalizes the sales and withdraws the shares. */
export async function sellOutOfferings(options: InvestOptions, clusters: DemoCluster[]) {
  const { publicClient, deployment, signal } = options;
  const wallet = options.wallets;
  const calls = protocolCalls(deployment.contracts);
  const phases = await Promise.all(
    clusters.map((cluster) =>
      publicClient.readContract({ address: cluster.offering, abi: offeringAbi, functionName: 'phase' }),
    ),
  );
  const open = clusters.filter((_, index) => phases[index] !== offeringPhase.Finalized);
  await buyShares(options, (position) => investorShares(position), open);
  signal.throwIfAborted();
  const finalizeHashes: Hash[] = [];
  for (const cluster of open) {
    finalizeHashes.push(await wallet(devRoles.investors[0]).writeContract(calls.finalize(cluster.offering)));
  }
  await settle(publicClient, finalizeHashes);
  if (open.length > 0) options.onStep?.(`sold out and finalized ${open.length} offerings`);
  signal.throwIfAborted();
  await Promise.all(
    devRoles.investors.map(async (investor) => {
      const hashes: Hash[] = [];
      for (const cluster of clusters) {
        if ((await purchased(options, investor, cluster.offering)) === 0n) continue;
        hashes.push(await wallet(investor).writeContract(calls.withdrawShares(cluster.offering)));
      }
      await settle(publicClient, hashes);
    }),
  );
}

/**
 * The investors' part of the offerings that stay unsettled (the open one, the one that fails): bought once, never
 * finalized, withdrawn or refunded by the demo.
 */
export async function buyPartOfOfferings(options: InvestOptions, clusters: DemoCluster[]) {
  const partial = clusters.filter((cluster) => partialPurchases(demoRoleOf(cluster.key)) !== undefined);
  const landed = await buyShares(
    options,
    (position, cluster) => partialPurchases(demoRoleOf(cluster.key))![position] ?? 0n,
    partial,
  );
  if (landed > 0) options.onStep?.(`bought part of ${partial.length} offerings`);
}
