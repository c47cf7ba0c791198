/**
 * The console's Sale tab: where a cluster's offering stands, read from the chain at the head block (phase, terms,
 * sold and raised, the token's pauses, what the escrow still holds), and its settlement as the mirror recorded it
 * (the Finalized event: proceeds, revenue and shares the operator received). The chain decides everything the
 * operator can still do; the mirror only tells what already happened.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, desc, eq } from 'drizzle-orm';
import type { Address, Hash } from 'viem';
import { erc20Abi } from 'viem';
import { shareTokenAbi } from '#contracts';
import type { Database } from '#db';
import { offeringEvents } from '#db/schema';
import type { OfferingPhaseName } from '#protocol/status-names';
import { multiread } from './chain-reads.server';
import { getClusterPassport } from './clusters.server';

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

export type Settlement = {
  succeeded: boolean;
  sold: bigint;
  proceeds: bigint;
  sharesReturned: bigint;
  revenueForwarded: bigint;
  revenueEscrowed: bigint;
  transactionHash: Hash;
  blockTime: Date;
};

/** The offering's Finalized event in the mirror (at most one: finalize reverts a second time), or undefined. */
export async function mirroredSettlement(
  db: Database,
  query: { chainId: number; offering: Address },
): Promise<Settlement | undefined> {
  const [row] = await db
    .select()
    .from(offeringEvents)
    .where(
      and(
        eq(offeringEvents.chainId, query.chainId),
        eq(offeringEvents.offering, query.offering),
        eq(offeringEvents.kind, 'finalized'),
      ),
    )
    .orderBy(desc(offeringEvents.blockNumber))
    .limit(1);
  if (!row) return undefined;
  return {
    succeeded: row.succeeded ?? false,
    sold: row.shares,
    proceeds: row.amount,
    sharesReturned: row.sharesReturned ?? 0n,
    revenueForwarded: row.revenueForwarded ?? 0n,
    revenueEscrowed: row.revenueEscrowed ?? 0n,
    transactionHash: row.transactionHash,
    blockTime: row.blockTime,
  };
}

/**
 * Whether `finalize()` has anything left to do, from the phase and what the escrow holds: a settled sale shows
 * Finalized, and a settled failed or cancelled one (the same phase name before and after) has handed the whole supply
 * back, so the offering holds no share.
 */
export function finalizeState(
  phase: OfferingPhaseName,
  sharesInEscrow: bigint,
  sold: bigint,
  softCap: bigint,
): 'settled' | 'anyone' | 'operatorEarly' | 'belowSoftCap' | 'notStarted' {
  if (phase === 'Finalized') return 'settled';
  if ((phase === 'Failed' || phase === 'Cancelled') && sharesInEscrow === 0n) return 'settled';
  if (phase === 'Pending') return 'notStarted';
  if (phase === 'Open') return sold >= softCap ? 'operatorEarly' : 'belowSoftCap';
  return 'anyone';
}

/**
 * The Sale tab's data, undefined when the cluster has no token. The token, phase, terms, supply, sold and raised are
 * the passport's read of the head block (getClusterPassport: one multicall per block and cluster, shared with every
 * page that shows the cluster, and a token the mirror has not seen yet is found on chain); the pause and the escrow's
 * balances are read at that block.
 */
export async function operatorSaleView(context: Context, clusterId: bigint) {
  const { db, chain } = context;
  const passport = await getClusterPassport(context, clusterId);
  if (!passport?.token || !passport.market) return undefined;
  const { token: sale, market } = passport;
  const [[paused, sharesInEscrow, moneyInEscrow], settlement] = await Promise.all([
    multiread(
      chain,
      [
        { address: sale.address, abi: shareTokenAbi, functionName: 'paused' },
        { address: sale.address, abi: shareTokenAbi, functionName: 'balanceOf', args: [sale.offering] },
        {
          address: chain.deployment.contracts.stablecoin,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [sale.offering],
        },
      ],
      BigInt(passport.block),
    ) as Promise<[boolean, bigint, bigint]>,
    mirroredSettlement(db, { chainId: chain.chainId, offering: sale.offering }),
  ]);
  return {
    now: passport.now,
    token: sale.address,
    offering: sale.offering,
    symbol: sale.symbol,
    phase: market.phase,
    terms: market.terms,
    supply: market.totalSupply,
    sold: market.sold,
    raised: market.raised,
    paused,
    sharesInEscrow,
    /** Stablecoin the offering holds: before a failed sale's settlement, the refunds not yet taken. */
    moneyInEscrow,
    finalize: finalizeState(market.phase, sharesInEscrow, market.sold, market.terms.softCap),
    settlement,
  };
}

export type OperatorSaleView = NonNullable<Awaited<ReturnType<typeof operatorSaleView>>>;
