/**
 * The portfolio's server reads for one account: its verification status on each token it holds or could buy (one
 * multicall per block, chain-reads.server.ts), and its earned revenue per day from the mirror (replayed in
 * holdings-earnings.server.ts from its share transfers, the deposits of the tokens it held and the escrow revenue paid
 * to it). Every query is bounded; a history longer than a bound is reported as truncated, never drawn wrong silently.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { type Address, getAddress, type Hex } from 'viem';
import { offeringAbi, offeringPhase, shareTokenAbi } from '#contracts';
import { offeringEvents, offerings, revenueDeposits, shareTokens, shareTransfers } from '#db/schema';
import { errorNameOfSelector } from '#protocol/errors';
import { type HeadBlock, multiread, perBlock } from './chain-reads.server';
import { earnedAt, type Lump, type TokenHistory } from './holdings-earnings.server';

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

/** Days the chart covers, ending now. */
export const EARNINGS_DAYS = 30;
/** The bounds of one account's replay (each read takes one row more, to know whether it was cut). */
export const EARNINGS_LIMITS = {
  /** Share transfers of the account (its purchases' withdrawals, transfers in and out). */
  transfers: 2_000,
  /** Deposits, over all the tokens the account held. */
  deposits: 5_000,
  /** Tokens the account held. */
  tokens: 200,
  /** Escrow revenue payments to the account (a withdrawal or an escrow claim per sale bought into). */
  paid: 2_000,
};
const DAY = 86_400n;

/** One day's point: earned revenue in base units, or null where the bounded replay could not tell it exactly. */
export type EarningsPoint = { at: string; earned: string | null };
export type EarningsSeries = { points: EarningsPoint[]; truncated: boolean };

const seconds = (date: Date) => BigInt(Math.floor(date.getTime() / 1_000));

/**
 * Of an oldest-first read of at most `limit + 1` rows: the rows replayed, and the block time of the first row left
 * out (undefined when none was): from that second on, the replay misses something.
 */
function bounded<Row extends { blockTime: Date }>(rows: Row[], limit: number) {
  return { kept: rows.slice(0, limit), cutAt: rows.length > limit ? seconds(rows[limit]!.blockTime) : undefined };
}

const earliest = (...times: (bigint | undefined)[]) =>
  times.reduce<bigint | undefined>(
    (min, time) => (time !== undefined && (min === undefined || time < min) ? time : min),
    undefined,
  );

/**
 * Earned revenue (base units, strings) of `account` at `now` and at each of the `days - 1` days before it, all
 * tokens together. `now` is the chain's head time, so the last point is comparable with the chain's claimed +
 * claimable at that block (within the rounding holdings-earnings.server.ts explains).
 *
 * Every read is oldest first and bounded: a cumulative figure needs the history from its start, so a read cut at its
 * bound misses the newest rows, and every point from the first row left out on is null (not drawn), never a figure
 * that is silently too low; `truncated` says so.
 */
export async function earningsSeries(
  { db, chain }: Context,
  account: Address,
  now: bigint,
  days = EARNINGS_DAYS,
  limits = EARNINGS_LIMITS,
): Promise<EarningsSeries> {
  const holder = getAddress(account);
  const transferRows = await db
    .select({
      token: shareTransfers.token,
      from: shareTransfers.from,
      to: shareTransfers.to,
      value: shareTransfers.value,
      blockTime: shareTransfers.blockTime,
    })
    .from(shareTransfers)
    .where(
      and(
        eq(shareTransfers.chainId, chain.chainId),
        or(eq(shareTransfers.to, holder), eq(shareTransfers.from, holder)),
      ),
    )
    .orderBy(asc(shareTransfers.blockNumber), asc(shareTransfers.logIndex))
    .limit(limits.transfers + 1);
  const transfers = bounded(transferRows, limits.transfers);
  // The tokens in the order the account first met them: one beyond the bound is missed from its first transfer on.
  const firstSeen = new Map<Address, Date>();
  for (const row of transfers.kept) if (!firstSeen.has(row.token)) firstSeen.set(row.token, row.blockTime);
  const tokenAddresses = [...firstSeen.keys()].slice(0, limits.tokens);
  const tokenCutAt = firstSeen.size > limits.tokens ? seconds([...firstSeen.values()][limits.tokens]!) : undefined;

  const [tokens, depositRows, paidRows] = await Promise.all([
    tokenAddresses.length === 0
      ? []
      : db
          .select({ token: shareTokens.token, supply: shareTokens.supply })
          .from(shareTokens)
          .where(and(eq(shareTokens.chainId, chain.chainId), inArray(shareTokens.token, tokenAddresses))),
    tokenAddresses.length === 0
      ? []
      : db
          .select({
            token: revenueDeposits.token,
            ratePerSecond: revenueDeposits.ratePerSecond,
            streamEnd: revenueDeposits.streamEnd,
            blockTime: revenueDeposits.blockTime,
          })
          .from(revenueDeposits)
          .where(and(eq(revenueDeposits.chainId, chain.chainId), inArray(revenueDeposits.token, tokenAddresses)))
          .orderBy(asc(revenueDeposits.blockNumber), asc(revenueDeposits.logIndex))
          .limit(limits.deposits + 1),
    // Escrow revenue paid to the account: the revenue its escrowed shares earned, paid with them or on its own.
    db
      .select({ amount: offeringEvents.amount, blockTime: offeringEvents.blockTime })
      .from(offeringEvents)
      .innerJoin(
        offerings,
        and(eq(offerings.chainId, offeringEvents.chainId), eq(offerings.offering, offeringEvents.offering)),
      )
      .where(
        and(
          eq(offeringEvents.chainId, chain.chainId),
          inArray(offeringEvents.kind, ['shares_withdrawn', 'escrow_revenue_claimed']),
          eq(offeringEvents.recipient, holder),
        ),
      )
      .orderBy(asc(offeringEvents.blockNumber), asc(offeringEvents.logIndex))
      .limit(limits.paid + 1),
  ]);
  const deposits = bounded(depositRows, limits.deposits);
  const paid = bounded(paidRows, limits.paid);
  const cutAt = earliest(transfers.cutAt, tokenCutAt, deposits.cutAt, paid.cutAt);

  // Each row goes to its token's history in one pass (a filter per token would read every row once per token).
  const histories = new Map<Address, TokenHistory>(
    tokens.map(({ token, supply }) => [token, { token, supply, deposits: [], balanceChanges: [] }]),
  );
  for (const row of deposits.kept) {
    histories.get(row.token)?.deposits.push({
      at: seconds(row.blockTime),
      ratePerSecond: row.ratePerSecond,
      streamEnd: seconds(row.streamEnd),
    });
  }
  for (const row of transfers.kept) {
    if (row.from === row.to) continue;
    histories
      .get(row.token)
      ?.balanceChanges.push({ at: seconds(row.blockTime), delta: row.to === holder ? row.value : -row.value });
  }
  const lumps: Lump[] = paid.kept.map((row) => ({ at: seconds(row.blockTime), amount: row.amount }));
  const times = Array.from({ length: days }, (_, i) => now - BigInt(days - 1 - i) * DAY);
  const values = earnedAt([...histories.values()], lumps, times);
  return {
    points: times.map((at, i) => ({
      at: at.toString(),
      earned: cutAt !== undefined && at >= cutAt ? null : values[i]!.toString(),
    })),
    truncated: cutAt !== undefined,
  };
}

type TokenRef = { address: Address; offering: Address; clusterId: string | bigint; symbol: string };

/** One token's rules as they apply to the account, read at one block. */
export type TokenVerification = {
  clusterId: string;
  symbol: string;
  token: Address;
  offering: Address;
  /** Offering phase (offeringPhase of #contracts). */
  phase: number;
  /** The account holds shares of it (or has some in escrow); otherwise its offering is open to buy from. */
  holds: boolean;
  /** Last second the account counts as verified (0: never verified), as a decimal string. */
  verifiedUntil: string;
  frozen: boolean;
  pausedByGovernance: boolean;
  pausedByOperator: boolean;
  allowlist: boolean;
  /**
   * Why the token would refuse shares sent to the account now (a purchase is delivered from the offering, a transfer
   * from another holder; both meet the same receiving checks): the contract's error name from `canTransfer`, or null
   * when they would go through.
   */
  refusal: string | null;
};

export type VerificationView = { blockNumber: string; readAt: string; tokens: TokenVerification[] };

const verifications = perBlock<VerificationView>(256);

/**
 * The account's standing on every token it holds or could buy now (offering Open), read at `head` (the block the
 * caller's other reads belong to): two multicalls (which tokens, then their rules), whatever the number of tokens
 * (bounded by the token list's own limit).
 */
export async function verificationOf(
  { chain }: Pick<AppLoadContext, 'chain'>,
  account: Address,
  tokens: readonly TokenRef[],
  head: HeadBlock,
): Promise<VerificationView> {
  const key = `${getAddress(account)}:${tokens.map((token) => token.address).join(',')}`;
  return verifications(chain.chainId, head.number, key, async () => {
    const firstReads = tokens.flatMap((token) => [
      { address: token.offering, abi: offeringAbi, functionName: 'phase' },
      { address: token.address, abi: shareTokenAbi, functionName: 'balanceOf', args: [account] },
      { address: token.offering, abi: offeringAbi, functionName: 'purchasedOf', args: [account] },
    ]);
    const first = await multiread(chain, firstReads as never, head.number, 64);
    const picked = tokens.flatMap((token, i) => {
      const phase = Number(first[3 * i]);
      const balance = first[3 * i + 1] as bigint;
      const [escrowed] = first[3 * i + 2] as readonly [bigint, bigint];
      const holds = balance > 0n || escrowed > 0n;
      return holds || phase === offeringPhase.Open ? [{ token, phase, holds }] : [];
    });
    const rules = await multiread(
      chain,
      picked.flatMap(({ token }) => [
        { address: token.address, abi: shareTokenAbi, functionName: 'verifiedUntil', args: [account] },
        { address: token.address, abi: shareTokenAbi, functionName: 'isFrozen', args: [account] },
        { address: token.address, abi: shareTokenAbi, functionName: 'pausedByGovernance' },
        { address: token.address, abi: shareTokenAbi, functionName: 'pausedByOperator' },
        { address: token.address, abi: shareTokenAbi, functionName: 'allowlistEnabled' },
        {
          address: token.address,
          abi: shareTokenAbi,
          functionName: 'canTransfer',
          args: [token.offering, account, 0n],
        },
      ]) as never,
      head.number,
      64,
    );
    return {
      blockNumber: head.number.toString(),
      readAt: head.timestamp.toString(),
      tokens: picked.map(({ token, phase, holds }, i) => {
        const [ok, reason] = rules[6 * i + 5] as readonly [boolean, Hex];
        return {
          clusterId: token.clusterId.toString(),
          symbol: token.symbol,
          token: token.address,
          offering: token.offering,
          phase,
          holds,
          verifiedUntil: (rules[6 * i] as bigint).toString(),
          frozen: rules[6 * i + 1] as boolean,
          pausedByGovernance: rules[6 * i + 2] as boolean,
          pausedByOperator: rules[6 * i + 3] as boolean,
          allowlist: rules[6 * i + 4] as boolean,
          refusal: ok ? null : errorNameOfSelector(reason),
        };
      }),
    };
  });
}
