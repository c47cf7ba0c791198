/**
 * Reported vs deposited, as a GPU investor reads it. The oracle reports the cluster's GROSS rental revenue; the
 * operator keeps its cost share (power, space, staff — the split is set by the cluster's terms in its metadata
 * document, whose keccak256 is on chain) and deposits the holders' part to the ShareToken. So a gap between the two is
 * normal; what matters is the share deposited (deposited ÷ reported) and whether deposits keep coming.
 *
 * - Share deposited, per 7-day week ending today and cumulative over the window: deposited × 10 000 ÷ reported in
 *   basis points, rounded down; null when nothing was reported (no share to speak of).
 * - Stopped paying: revenue was reported after the last deposit and the last deposit is more than PAYOUT_LAPSE_DAYS
 *   days old (or, with no deposit in the window, the first such report is). Deposits are batched, so a week without
 *   one is no alarm; more than 8 days is a missed weekly payout.
 */

export const PAYOUT_LAPSE_DAYS = 8;
const DAY_MS = 86_400_000;

/** One UTC day of a cluster's rollups: `day` is YYYY-MM-DD, amounts in stablecoin base units. */
export type RevenueDay = { day: string; reported: bigint; deposited: bigint };

export type PayoutWeek = {
  /** First and last UTC day of the week (7 days, the last ending on the reconciliation's `today`). */
  from: string;
  to: string;
  reported: bigint;
  deposited: bigint;
  shareBps: number | null;
  /** Everything up to this week's end, from the window's start. */
  cumulativeShareBps: number | null;
};

export type Payout = {
  /** Newest week first. */
  weeks: PayoutWeek[];
  reported: bigint;
  deposited: bigint;
  shareBps: number | null;
  lastDepositDay: string | null;
  /** Whole days from the last deposit (or from the first unpaid report when there is none) to today. */
  daysWithoutDeposit: number | null;
  stopped: boolean;
};

/** deposited × 10 000 ÷ reported, rounded down; null without reported revenue. */
export function depositedShareBps(deposited: bigint, reported: bigint): number | null {
  if (reported <= 0n) return null;
  return Number((deposited * 10_000n) / reported);
}

function dayNumber(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms)) throw new RangeError(`not a UTC day: ${day}`);
  return ms / DAY_MS;
}

function dayString(number: number): string {
  return new Date(number * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The reconciliation of `days` (any order, days without revenue may be missing) over `weeks` 7-day weeks ending on
 * `today` (a UTC day). Days outside those weeks are ignored.
 */
export function payoutReconciliation(days: readonly RevenueDay[], today: string, weeks = 5): Payout {
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 60) throw new RangeError(`weeks out of range: ${weeks}`);
  const end = dayNumber(today);
  const start = end - weeks * 7 + 1;
  const byWeek = Array.from({ length: weeks }, () => ({ reported: 0n, deposited: 0n }));
  let lastDeposit: number | null = null;
  const inWindow = days
    .map((entry) => ({ ...entry, number: dayNumber(entry.day) }))
    .filter((entry) => entry.number >= start && entry.number <= end)
    .sort((a, b) => a.number - b.number);
  for (const entry of inWindow) {
    const week = byWeek[Math.floor((entry.number - start) / 7)]!;
    week.reported += entry.reported;
    week.deposited += entry.deposited;
    if (entry.deposited > 0n) lastDeposit = entry.number;
  }
  const firstUnpaid = inWindow.find(
    (entry) => entry.reported > 0n && (lastDeposit === null || entry.number > lastDeposit),
  );
  // Days since the payout clock started: the last deposit, or the first report when nothing was ever paid.
  const since = lastDeposit ?? firstUnpaid?.number ?? null;
  const daysWithoutDeposit = since === null ? null : end - since;
  let reported = 0n;
  let deposited = 0n;
  const rows: PayoutWeek[] = byWeek.map((week, index) => {
    reported += week.reported;
    deposited += week.deposited;
    return {
      from: dayString(start + index * 7),
      to: dayString(start + index * 7 + 6),
      reported: week.reported,
      deposited: week.deposited,
      shareBps: depositedShareBps(week.deposited, week.reported),
      cumulativeShareBps: depositedShareBps(deposited, reported),
    };
  });
  return {
    weeks: rows.reverse(),
    reported,
    deposited,
    shareBps: depositedShareBps(deposited, reported),
    lastDepositDay: lastDeposit === null ? null : dayString(lastDeposit),
    daysWithoutDeposit,
    stopped: firstUnpaid !== undefined && daysWithoutDeposit !== null && daysWithoutDeposit > PAYOUT_LAPSE_DAYS,
  };
}
