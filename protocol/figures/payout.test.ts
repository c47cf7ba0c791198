/** The payout reconciliation against weeks and shares worked out by hand. */
import { describe, expect, it } from 'vitest';
import { depositedShareBps, payoutReconciliation } from './payout';

const day = (day: string, reported: bigint, deposited = 0n) => ({ day, reported, deposited });

describe('depositedShareBps', () => {
  it('is deposited ÷ reported in bps, rounded down, and null without revenue', () => {
    // 40 of 100 → 40.00 %; 1 of 3 → 33.333… % → 3 333 bps.
    expect(depositedShareBps(40n, 100n)).toBe(4_000);
    expect(depositedShareBps(1n, 3n)).toBe(3_333);
    expect(depositedShareBps(5n, 0n)).toBeNull();
  });
});

describe('payoutReconciliation', () => {
  it('sums 7-day weeks ending today, newest first, with the cumulative share', () => {
    // Two weeks ending 2026-12-06: Nov 23–29 and Nov 30–Dec 6.
    const payout = payoutReconciliation(
      [
        day('2026-11-23', 100n),
        day('2026-11-29', 300n, 160n), // week 1: 400 reported, 160 deposited → 40 %
        day('2026-11-30', 200n),
        day('2026-12-05', 300n, 175n), // week 2: 500 reported, 175 deposited → 35 %
        day('2026-11-22', 999n, 999n), // before the window: ignored
      ],
      '2026-12-06',
      2,
    );
    expect(payout.weeks.map((week) => [week.from, week.to, week.reported, week.deposited, week.shareBps])).toEqual([
      ['2026-11-30', '2026-12-06', 500n, 175n, 3_500],
      ['2026-11-23', '2026-11-29', 400n, 160n, 4_000],
    ]);
    // Cumulative: 335 of 900 = 37.22… % → 3 722 bps; after the first week alone, 40 %.
    expect(payout.weeks.map((week) => week.cumulativeShareBps)).toEqual([3_722, 4_000]);
    expect([payout.reported, payout.deposited, payout.shareBps]).toEqual([900n, 335n, 3_722]);
    expect(payout.lastDepositDay).toBe('2026-12-05');
    expect(payout.daysWithoutDeposit).toBe(1);
    expect(payout.stopped).toBe(false);
  });

  it('flags a stop when revenue is reported and the last deposit is more than 8 days old', () => {
    // Last deposit Nov 27; revenue on Dec 1 and 5. Dec 5 is 8 days later: not yet; Dec 6 is 9 days: stopped.
    const days = [day('2026-11-27', 100n, 40n), day('2026-12-01', 100n), day('2026-12-05', 100n)];
    const onTime = payoutReconciliation(days, '2026-12-05');
    expect([onTime.daysWithoutDeposit, onTime.stopped]).toEqual([8, false]);
    const late = payoutReconciliation(days, '2026-12-06');
    expect([late.lastDepositDay, late.daysWithoutDeposit, late.stopped]).toEqual(['2026-11-27', 9, true]);
  });

  it('does not flag an old last deposit when nothing was reported since', () => {
    const payout = payoutReconciliation([day('2026-11-20', 100n, 40n)], '2026-12-06');
    expect([payout.daysWithoutDeposit, payout.stopped]).toEqual([16, false]);
  });

  it('counts from the first report when nothing was ever deposited in the window', () => {
    // First report Nov 28: 8 days before Dec 6 → not yet; on Dec 7, 9 days → stopped.
    const days = [day('2026-11-28', 100n), day('2026-12-03', 50n)];
    expect(payoutReconciliation(days, '2026-12-06').stopped).toBe(false);
    const late = payoutReconciliation(days, '2026-12-07');
    expect([late.lastDepositDay, late.daysWithoutDeposit, late.stopped, late.shareBps]).toEqual([null, 9, true, 0]);
  });

  it('says nothing without revenue and rejects malformed input', () => {
    const empty = payoutReconciliation([], '2026-12-06');
    expect([empty.weeks.length, empty.shareBps, empty.daysWithoutDeposit, empty.stopped]).toEqual([
      5,
      null,
      null,
      false,
    ]);
    expect(() => payoutReconciliation([], '06/12/2026')).toThrow(RangeError);
    expect(() => payoutReconciliation([], '2026-12-06', 0)).toThrow(RangeError);
  });
});
