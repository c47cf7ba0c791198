/**
 * An account's earned revenue over time, replayed from the mirror: per token, the account's share balance (its
 * Transfer events) times the stream's per-second rate (each RevenueDeposited event sets the rate of the whole supply
 * until its stream end), integrated in exact bigint arithmetic, plus the escrow revenue the offerings paid it
 * (SharesWithdrawn and EscrowRevenueClaimed), counted when paid.
 *
 * Earned revenue does not depend on when it is claimed (claimed + claimable only moves when revenue streams in), so
 * Claimed events are not needed here. The contract rounds down per holder at each checkpoint and per deposit, the
 * replay only once per point: a point may exceed the chain's figure by at most one base unit per checkpoint the
 * account's word took (a transfer, a claim, a deposit of the token). The page draws today's point from the chain.
 */
import type { Address } from 'viem';
import { shareTokenConstants } from '#contracts';

export type TokenHistory = {
  token: Address;
  supply: bigint;
  /** Block time (seconds) of each deposit, the whole supply's new rate (scaled by RATE_SCALE) and the stream's end. */
  deposits: { at: bigint; ratePerSecond: bigint; streamEnd: bigint }[];
  /** Block time of each change of the account's balance and the change (received minus sent). */
  balanceChanges: { at: bigint; delta: bigint }[];
};

/** Revenue paid to the account at once (escrow revenue: it streamed to shares the offering held for it). */
export type Lump = { at: bigint; amount: bigint };

type Change = { at: bigint; deposit?: TokenHistory['deposits'][number]; delta?: bigint };

/** What one token had streamed to the account by each of `times` (ascending), in base units, rounded down. */
export function tokenEarnedAt(history: TokenHistory, times: readonly bigint[]): bigint[] {
  const changes: Change[] = [
    ...history.deposits.map((deposit) => ({ at: deposit.at, deposit })),
    ...history.balanceChanges.map((change) => ({ at: change.at, delta: change.delta })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const denominator = history.supply * shareTokenConstants.RATE_SCALE;
  let numerator = 0n;
  let rate = 0n;
  let end = 0n;
  let balance = 0n;
  let clock = 0n;
  const advance = (to: bigint) => {
    const stop = to < end ? to : end;
    if (stop > clock && rate > 0n && balance > 0n) numerator += rate * balance * (stop - clock);
    if (to > clock) clock = to;
  };
  const out: bigint[] = [];
  let next = 0;
  for (const time of times) {
    for (; next < changes.length && changes[next]!.at <= time; next++) {
      const change = changes[next]!;
      advance(change.at);
      if (change.deposit) {
        rate = change.deposit.ratePerSecond;
        end = change.deposit.streamEnd;
      } else {
        balance += change.delta ?? 0n;
      }
    }
    advance(time);
    out.push(denominator === 0n ? 0n : numerator / denominator);
  }
  return out;
}

/** The account's earned revenue, all tokens together, at each of `times` (ascending). */
export function earnedAt(histories: readonly TokenHistory[], lumps: readonly Lump[], times: readonly bigint[]) {
  const totals = times.map(() => 0n);
  for (const history of histories) {
    tokenEarnedAt(history, times).forEach((value, i) => {
      totals[i] = totals[i]! + value;
    });
  }
  for (const lump of lumps) {
    times.forEach((time, i) => {
      if (lump.at <= time) totals[i] = totals[i]! + lump.amount;
    });
  }
  return totals;
}
