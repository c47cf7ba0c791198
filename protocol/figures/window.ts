/**
 * The ONE window rule of every "30-day" figure (market table, overview, JSON API, passport, trailing APR): the 30 UTC
 * days that end with the chain time's day, today included — so activity shows the day it lands. The chain time is
 * the mirror's newest indexed block's timestamp, never a server's wall clock, so the figure is the same on every
 * server and after any time travel of the chain.
 *
 * Today is only partly over, so the window spans 29 whole days plus today's elapsed part: sums (revenue) cover that
 * span, means (utilization) are unaffected, and the APR annualises over the span's real length (`seconds`), not over
 * 30 days — a partial day divided as a whole one would understate it (review L5).
 */
export const TRAILING_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export type TrailingWindow = {
  /** First instant of the window (UTC midnight, 29 days before the chain time's day), inclusive. */
  from: Date;
  /** UTC midnight after the chain time's day, exclusive: daily buckets b with from ≤ b < to (today's bucket is in). */
  to: Date;
  days: number;
  /** The span the window's data covers: from `from` to the chain time, in seconds (what the APR annualises over). */
  seconds: bigint;
};

/** The window of the 30 UTC days ending with the chain time's day; `chainNow` is a block timestamp. */
export function thirtyDayWindow(chainNow: Date): TrailingWindow {
  const ms = chainNow.getTime();
  if (!Number.isFinite(ms)) throw new Error(`thirtyDayWindow: invalid chain time ${String(chainNow)}`);
  const to = Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS;
  const from = to - TRAILING_WINDOW_DAYS * DAY_MS;
  // At least one second: a chain time exactly at midnight still has 29 whole days behind it.
  const seconds = BigInt(Math.max(1, Math.floor((ms - from) / 1000)));
  return { from: new Date(from), to: new Date(to), days: TRAILING_WINDOW_DAYS, seconds };
}
