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
import { offeringAbi, shareTokenAbi } from '#contracts';
import type { Database } from '#db';
import { offeringEvents, shareTokens } from '#db/schema';
import { type OfferingPhaseName, offeringPhaseName } from '#protocol/status-names';
import { headBlock, multiread } from './chain-reads.server';

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

/** The Sale tab's data, undefined when the mirror knows no token for the cluster. */
export async function operatorSaleView(context: Context, clusterId: bigint) {
  const { db, chain } = context;
  const [sale] = await db
    .select({ token: shareTokens.token, offering: shareTokens.offering, symbol: shareTokens.symbol })
    .from(shareTokens)
    .where(and(eq(shareTokens.chainId, chain.chainId), eq(shareTokens.clusterId, clusterId)))
    .limit(1);
  if (!sale) return undefined;
  const head = await headBlock(chain);
  const offering = { address: sale.offering, abi: offeringAbi } as const;
  const token = { address: sale.token, abi: shareTokenAbi } as const;
  const [phase, terms, supply, sold, raised, paused, sharesInEscrow, moneyInEscrow] = (await multiread(
    chain,
    [
      { ...offering, functionName: 'phase' },
      { ...offering, functionName: 'terms' },
      { ...token, functionName: 'totalSupply' },
      { ...offering, functionName: 'sold' },
      { ...offering, functionName: 'raised' },
      { ...token, functionName: 'paused' },
      { ...token, functionName: 'balanceOf', args: [sale.offering] },
      {
        address: chain.deployment.contracts.stablecoin,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [sale.offering],
      },
    ],
    head.number,
    // The terms are five words.
    5 * 32,
  )) as [
    number,
    { pricePerShare: bigint; softCap: bigint; perBuyerCap: bigint; start: number; end: number },
    bigint,
    bigint,
    bigint,
    boolean,
    bigint,
    bigint,
  ];
  const phaseName = offeringPhaseName(phase);
  const settlement = await mirroredSettlement(db, { chainId: chain.chainId, offering: sale.offering });
  return {
    now: head.timestamp,
    token: sale.token,
    offering: sale.offering,
    symbol: sale.symbol,
    phase: phaseName,
    terms: {
      pricePerShare: terms.pricePerShare,
      softCap: terms.softCap,
      perBuyerCap: terms.perBuyerCap,
      start: BigInt(terms.start),
      end: BigInt(terms.end),
    },
    supply,
    sold,
    raised,
    paused,
    sharesInEscrow,
    /** Stablecoin the offering holds: before a failed sale's settlement, the refunds not yet taken. */
    moneyInEscrow,
    finalize: finalizeState(phaseName, sharesInEscrow, sold, terms.softCap),
    settlement,
  };
}

export type OperatorSaleView = NonNullable<Awaited<ReturnType<typeof operatorSaleView>>>;
