/**
 * The ONE window rule of every "30-day" figure (market table, overview, JSON API, trailing APR): the 30 whole, closed
 * UTC days that end where the chain time's UTC day begins. The chain time is the mirror's newest indexed block's
 * timestamp, never a server's wall clock, so the figure is the same on every server and after any time travel of the
 * chain. Closed days only: a partial current day would sum fewer than 30 days of revenue and still divide by 30
 * (review L5), and would change the figure every block.
 */
export const TRAILING_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export type TrailingWindow = {
  /** First instant of the window (UTC midnight), inclusive. */
  from: Date;
  /** UTC midnight of the chain time's day, exclusive: daily buckets b with from ≤ b < to. */
  to: Date;
  days: number;
};

/** The window of whole UTC days before the chain time's day; `chainNow` is a block timestamp. */
export function thirtyDayWindow(chainNow: Date): TrailingWindow {
  const ms = chainNow.getTime();
  if (!Number.isFinite(ms)) throw new Error(`thirtyDayWindow: invalid chain time ${String(chainNow)}`);
  const to = Math.floor(ms / DAY_MS) * DAY_MS;
  return { from: new Date(to - TRAILING_WINDOW_DAYS * DAY_MS), to: new Date(to), days: TRAILING_WINDOW_DAYS };
}
