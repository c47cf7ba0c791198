/**
 * What an operator owes its holders (the console's Revenue tab), from the mirror: the revenue the oracle committee
 * reported for the cluster since it was tokenized (ReportSubmitted) against what was deposited into its ShareToken
 * (RevenueDeposited, the operator's and its named payers'), per 7-day week of chain time and in total, and the revenue
 * payers the current operator named (RevenuePayerSet). Revenue reported before tokenization had no holders, so it is
 * never owed. Every query is an aggregate or a bounded list; amounts stay bigint (strings once serialized).
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, desc, eq, gt, or, sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { shareTokenAbi } from '#contracts';
import type { Database } from '#db';
import { epochReports, indexedBlocks, revenueDeposits, shareTokens, tokenControlEvents } from '#db/schema';
import { multiread } from './chain-reads.server';
import { getClusterPassport } from './clusters.server';

export const WEEK_SECONDS = 7 * 86_400;
/** Weeks in the table: two months of weekly settling. */
export const OWED_WEEKS = 8;
/** Payers listed; the contract keeps no list, and a console of more than this many would not be read anyway. */
export const PAYER_LIMIT = 50;

export type OwedWeek = {
  /** First second of the week and the first second after it, unix seconds. */
  from: number;
  to: number;
  reported: bigint;
  deposited: bigint;
  /** Reported minus deposited since tokenization up to the week's end: > 0 owed, < 0 paid ahead. */
  balance: bigint;
};

export type RevenuePayer = { payer: Address; maxDuration: bigint; since: Date };

export type OperatorRevenue = {
  token: Address;
  /** Block of the tokenization: reports from it on count. */
  tokenizedBlock: bigint;
  reported: bigint;
  deposited: bigint;
  /** reported − deposited, never below zero: what "Deposit what I owe" sends. */
  outstanding: bigint;
  /** Deposited beyond what was reported (the operator paid ahead). */
  ahead: bigint;
  /** Newest week first. */
  weeks: OwedWeek[];
  payers: RevenuePayer[];
  /** The mirror's indexed height and time, which these figures are as of. */
  mirroredBlock: bigint | null;
};

/**
 * The weeks shown: `weeks` 7-day weeks of UTC days, the last one ending with the UTC day of `now` (the chain's time),
 * as the passport's reconciliation counts them (protocol/figures/payout.ts).
 */
export function owedWeekStarts(now: number, weeks = OWED_WEEKS): number[] {
  const dayEnd = Math.floor(now / 86_400) * 86_400 + 86_400;
  return Array.from({ length: weeks }, (_, index) => dayEnd - (weeks - index) * WEEK_SECONDS);
}

/**
 * Sums `amount` of `table` in buckets: -1 before the window, then one per week (a row after the window, which the
 * chain's clock rules out, is folded into the last week).
 */
async function weeklySums(
  db: Database,
  rows: {
    table: typeof epochReports | typeof revenueDeposits;
    amount: typeof epochReports.revenue | typeof revenueDeposits.amount;
    blockTime: typeof epochReports.blockTime | typeof revenueDeposits.blockTime;
    where: ReturnType<typeof and>;
  },
  windowStart: number,
  weeks: number,
) {
  const bucket = sql<number>`case when ${rows.blockTime} < to_timestamp(${windowStart}) then -1 else least(${weeks - 1}, floor((extract(epoch from ${rows.blockTime}) - ${windowStart}) / ${WEEK_SECONDS}))::int end`;
  const sums = await db
    .select({ bucket, amount: sql<string>`coalesce(sum(${rows.amount}), 0)::text` })
    .from(rows.table)
    .where(rows.where)
    // By position: the bucket's parameters are bound anew in a GROUP BY expression, which PostgreSQL would not match.
    .groupBy(sql`1`);
  const before = sums.find((row) => Number(row.bucket) === -1);
  const perWeek = Array.from({ length: weeks }, () => 0n);
  for (const row of sums) if (Number(row.bucket) >= 0) perWeek[Number(row.bucket)]! += BigInt(row.amount);
  return { before: before ? BigInt(before.amount) : 0n, perWeek };
}

/**
 * The owed revenue of cluster `clusterId` as of chain time `now` (unix seconds) and the payers named by `operator` (a
 * payer's right lapses when the cluster changes operator, so only the current operator's count). Undefined when the
 * mirror knows no token for the cluster.
 */
export async function operatorRevenue(
  db: Database,
  query: { chainId: number; clusterId: bigint; operator: Address; now: number; weeks?: number },
): Promise<OperatorRevenue | undefined> {
  const weeks = query.weeks ?? OWED_WEEKS;
  const [tokenRow] = await db
    .select({ token: shareTokens.token, blockNumber: shareTokens.blockNumber, logIndex: shareTokens.logIndex })
    .from(shareTokens)
    .where(and(eq(shareTokens.chainId, query.chainId), eq(shareTokens.clusterId, query.clusterId)))
    .limit(1);
  if (!tokenRow) return undefined;
  const starts = owedWeekStarts(query.now, weeks);
  const windowStart = starts[0]!;
  const sinceTokenized = or(
    gt(epochReports.blockNumber, tokenRow.blockNumber),
    and(eq(epochReports.blockNumber, tokenRow.blockNumber), gt(epochReports.logIndex, tokenRow.logIndex)),
  );
  const latestPayerEvent = db
    .selectDistinctOn([tokenControlEvents.account], {
      payer: tokenControlEvents.account,
      maxDuration: tokenControlEvents.value,
      since: tokenControlEvents.blockTime,
    })
    .from(tokenControlEvents)
    .where(
      and(
        eq(tokenControlEvents.chainId, query.chainId),
        eq(tokenControlEvents.token, tokenRow.token),
        eq(tokenControlEvents.kind, 'revenue_payer_set'),
        eq(tokenControlEvents.actor, query.operator),
      ),
    )
    .orderBy(tokenControlEvents.account, desc(tokenControlEvents.blockNumber), desc(tokenControlEvents.logIndex))
    .as('latest_payer_event');
  const [reported, deposited, payerRows, [cursor]] = await Promise.all([
    weeklySums(
      db,
      {
        table: epochReports,
        amount: epochReports.revenue,
        blockTime: epochReports.blockTime,
        where: and(
          eq(epochReports.chainId, query.chainId),
          eq(epochReports.clusterId, query.clusterId),
          sinceTokenized,
        ),
      },
      windowStart,
      weeks,
    ),
    weeklySums(
      db,
      {
        table: revenueDeposits,
        amount: revenueDeposits.amount,
        blockTime: revenueDeposits.blockTime,
        where: and(eq(revenueDeposits.chainId, query.chainId), eq(revenueDeposits.token, tokenRow.token)),
      },
      windowStart,
      weeks,
    ),
    db
      .select()
      .from(latestPayerEvent)
      .where(sql`${latestPayerEvent.maxDuration} <> 0`)
      .orderBy(desc(latestPayerEvent.since))
      .limit(PAYER_LIMIT),
    db
      .select({ number: indexedBlocks.number })
      .from(indexedBlocks)
      .where(eq(indexedBlocks.chainId, query.chainId))
      .orderBy(desc(indexedBlocks.number))
      .limit(1),
  ]);
  let balance = reported.before - deposited.before;
  const rows: OwedWeek[] = starts.map((from, index) => {
    balance += reported.perWeek[index]! - deposited.perWeek[index]!;
    return {
      from,
      to: from + WEEK_SECONDS,
      reported: reported.perWeek[index]!,
      deposited: deposited.perWeek[index]!,
      balance,
    };
  });
  const reportedTotal = reported.before + reported.perWeek.reduce((a, b) => a + b, 0n);
  const depositedTotal = deposited.before + deposited.perWeek.reduce((a, b) => a + b, 0n);
  return {
    token: tokenRow.token,
    tokenizedBlock: tokenRow.blockNumber,
    reported: reportedTotal,
    deposited: depositedTotal,
    outstanding: reportedTotal > depositedTotal ? reportedTotal - depositedTotal : 0n,
    ahead: depositedTotal > reportedTotal ? depositedTotal - reportedTotal : 0n,
    weeks: rows.reverse(),
    payers: payerRows.map((row) => ({
      payer: row.payer as Address,
      maxDuration: BigInt(row.maxDuration ?? 0n),
      since: row.since,
    })),
    mirroredBlock: cursor?.number ?? null,
  };
}

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

/**
 * The Revenue tab's data: the mirror's owed revenue (operatorRevenue) at the head block's chain time, next to the
 * token's own state at that block: its stream, its cumulative deposits (when they differ from the mirror's, the mirror
 * is behind and the one-click deposit waits for it), its pauses, and each listed payer's horizon as the token has it
 * (a payer named or revoked in a block the mirror has not reached yet). The operator, stream and cumulative deposits
 * are the passport's read of the block (getClusterPassport: one multicall per block and cluster, shared with every
 * page that shows the cluster). Undefined without a token.
 */
export async function operatorRevenueView(context: Context, clusterId: bigint) {
  const { chain, db } = context;
  const passport = await getClusterPassport(context, clusterId);
  if (!passport?.market) return undefined;
  const { operator, market } = passport;
  const block = BigInt(passport.block);
  const owed = await operatorRevenue(db, { chainId: chain.chainId, clusterId, operator, now: Number(passport.now) });
  if (!owed) return undefined;
  const tokenContract = { address: owed.token, abi: shareTokenAbi } as const;
  const [pausedByOperator, pausedByGovernance, ...horizons] = (await multiread(
    chain,
    [
      { ...tokenContract, functionName: 'pausedByOperator' },
      { ...tokenContract, functionName: 'pausedByGovernance' },
      ...owed.payers.map((payer) => ({ ...tokenContract, functionName: 'revenuePayerHorizon', args: [payer.payer] })),
    ],
    block,
  )) as [boolean, boolean, ...bigint[]];
  return {
    now: passport.now,
    block,
    operator,
    owed,
    chain: {
      stream: market.stream,
      totalDeposited: market.totalDeposited,
      pausedByOperator,
      pausedByGovernance,
      horizons: owed.payers.map((payer, index) => ({ payer: payer.payer, horizon: horizons[index]! })),
    },
    /** The mirror has every deposit the chain has: the outstanding figure is safe to pay in one click. */
    mirrorCurrent: market.totalDeposited === owed.deposited,
  };
}

export type OperatorRevenueView = NonNullable<Awaited<ReturnType<typeof operatorRevenueView>>>;
