/**
 * The demo's investors: #4, #5 and #6 buy every open offering out between them, one of them finalizes the sales, and
 * each withdraws their shares. Like the rest of the set-up it asks the chain first, so a rerun buys nothing twice.
 */
import type { Address, Hash, PublicClient } from 'viem';
import { offeringAbi, offeringConstants, offeringPhase } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { devRoles } from '../devnet/accounts';
import { protocolCalls } from '../devnet/calls';
import { SHARE_SUPPLY } from './economics';
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

export async function sellOutOfferings(options: InvestOptions, clusters: DemoCluster[]) {
  const { publicClient, deployment, signal } = options;
  const wallet = options.wallets;
  const calls = protocolCalls(deployment.contracts);
  const read = <T>(address: Address, functionName: 'terms' | 'phase', args?: readonly unknown[]) =>
    publicClient.readContract({ address, abi: offeringAbi, functionName, args } as never) as Promise<T>;
  const phases = await Promise.all(clusters.map((cluster) => read<number>(cluster.offering, 'phase')));
  const open = clusters.filter((_, index) => phases[index] !== offeringPhase.Finalized);
  const terms = await Promise.all(open.map((cluster) => read<{ pricePerShare: bigint }>(cluster.offering, 'terms')));
  const purchased = (investor: number, offering: Address) =>
    publicClient
      .readContract({
        address: offering,
        abi: offeringAbi,
        functionName: 'purchasedOf',
        args: [wallet(investor).account.address],
      })
      .then(([shares]) => shares);
  await Promise.all(
    devRoles.investors.map(async (investor, position) => {
      const shares = investorShares(position);
      const held = await Promise.all(open.map((cluster) => purchased(investor, cluster.offering)));
      const buying = open.flatMap((cluster, index) =>
        held[index] === 0n ? [{ cluster, cost: (shares * terms[index]!.pricePerShare + SHARE - 1n) / SHARE }] : [],
      );
      if (buying.length === 0) return;
      const hashes: Hash[] = [
        await wallet(investor).writeContract(
          calls.mintStablecoin(
            wallet(investor).account.address,
            buying.reduce((sum, entry) => sum + entry.cost, 0n),
          ),
        ),
      ];
      for (const { cluster, cost } of buying) {
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
    }),
  );
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
        if ((await purchased(investor, cluster.offering)) === 0n) continue;
        hashes.push(await wallet(investor).writeContract(calls.withdrawShares(cluster.offering)));
      }
      await settle(publicClient, hashes);
    }),
  );
}
