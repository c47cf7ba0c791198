/** Each calculator against numbers worked out on paper from the inputs (never from the module's own constants). */
import { describe, expect, it } from 'vitest';
import { networkAprBps, trailingAprBps } from './apr';
import { earned } from './earned';
import { epochLabel } from './epoch';
import { revenuePerGpuHour } from './gpu-hours';
import { soldBps } from './sold';
import { meanUtilizationBps, pooledUtilizationBps } from './utilization';
import { supplyValue, valueLocked } from './value';
import { thirtyDayWindow } from './window';

const WHOLE = 1_000_000_000_000_000_000n;

describe('value', () => {
  it('prices shares like Offering.quote, rounding up', () => {
    // 60 shares at 10 tUSD (10 000 000 base units) = 600 tUSD.
    expect(valueLocked(60n * WHOLE, 10_000_000n)).toBe(600_000_000n);
    // 1 share-wei at 10 000 000 base units per share = 1e-11 base units → 1 (rounded up).
    expect(valueLocked(1n, 10_000_000n)).toBe(1n);
    // 2.5 shares at 3 base units = 7.5 → 8.
    expect(supplyValue(2_500_000_000_000_000_000n, 3n)).toBe(8n);
    expect(valueLocked(0n, 10_000_000n)).toBe(0n);
  });
});

const DAY = 86_400n;

describe('trailing APR', () => {
  it('annualises the window’s deposits over the supply’s price', () => {
    // 1 000 shares at 10 tUSD cost 10 000 tUSD; 246.58 tUSD deposited in 30 days → ×365/30 = 3 000.06 tUSD a year
    // = 30.0006 % → 3 000 bps.
    expect(
      trailingAprBps({
        deposited: 246_580_000n,
        supply: 1_000n * WHOLE,
        pricePerShare: 10_000_000n,
        windowSeconds: 30n * DAY,
      }),
    ).toBe(3_000);
    // 5 tUSD over 7 days on 100 shares at 10 tUSD (1 000 tUSD): 5 × 365 / 7 / 1 000 = 26.07 % → 2 607 bps.
    expect(
      trailingAprBps({
        deposited: 5_000_000n,
        supply: 100n * WHOLE,
        pricePerShare: 10_000_000n,
        windowSeconds: 7n * DAY,
      }),
    ).toBe(2_607);
    expect(trailingAprBps({ deposited: 5n, supply: 0n, pricePerShare: 10n, windowSeconds: 30n * DAY })).toBeNull();
    expect(trailingAprBps({ deposited: 5n, supply: WHOLE, pricePerShare: 10n, windowSeconds: 0n })).toBeNull();
  });

  it('weights the network figure by what each supply cost', () => {
    // 100 tUSD on 1 000 tUSD and 0 on 3 000 tUSD over 365 days: 100 / 4 000 = 2.5 % → 250 bps (not the 5 % mean).
    expect(
      networkAprBps(
        [
          { deposited: 100_000_000n, supply: 100n * WHOLE, pricePerShare: 10_000_000n },
          { deposited: 0n, supply: 300n * WHOLE, pricePerShare: 10_000_000n },
        ],
        365n * DAY,
      ),
    ).toBe(250);
  });
});

describe('utilization', () => {
  it('is the mean of the reports, rounded to the nearest basis point', () => {
    // (7 500 + 8 700) / 2 = 8 100; (1 + 2) / 2 = 1.5 → 2; (1 + 1 + 2) / 3 = 1.33 → 1.
    expect(meanUtilizationBps(16_200, 2)).toBe(8_100);
    expect(meanUtilizationBps(3n, 2)).toBe(2);
    expect(meanUtilizationBps(4, 3)).toBe(1);
    expect(meanUtilizationBps(0, 0)).toBeNull();
  });

  it('pools sums and counts instead of averaging averages', () => {
    // One report at 10 000 and three at 2 000: (10 000 + 6 000) / 4 = 4 000 (the mean of means would be 6 000).
    expect(
      pooledUtilizationBps([
        { utilizationBpsSum: 10_000, reports: 1 },
        { utilizationBpsSum: 6_000, reports: 3 },
      ]),
    ).toBe(4_000);
  });
});

describe('GPU-hours', () => {
  it('prices revenue per GPU-hour', () => {
    // 12 tUSD for 6 GPU-hours = 2 tUSD an hour; 1 base unit for 3 milli-hours = 333.3 → 333.
    expect(revenuePerGpuHour(12_000_000n, 6_000n)).toBe(2_000_000n);
    expect(revenuePerGpuHour(1n, 3n)).toBe(333n);
    expect(revenuePerGpuHour(1n, 0n)).toBeNull();
  });
});

describe('sold and holders', () => {
  it('gives the sold part of the supply in basis points, rounded down', () => {
    expect(soldBps(60n * WHOLE, 100n * WHOLE)).toBe(6_000);
    expect(soldBps(1n, 3n)).toBe(3_333);
    expect(soldBps(5n, 0n)).toBe(0);
  });
});

describe('epoch labels', () => {
  it('names an epoch by the UTC time it ended (its id)', () => {
    // 1 765 026 000 s = 2025-12-06T13:00:00Z.
    expect(epochLabel(1_765_026_000n)).toBe('2025-12-06 13:00 UTC');
  });
});

describe('earned', () => {
  it('is claimed + claimable + escrow revenue, one calculator for the portfolio and its CSV (review 4)', () => {
    expect(earned({ claimed: 1_000_000n, claimable: 250_000n, escrowRevenue: 3n })).toBe(1_250_003n);
    expect(earned({ claimed: 0n, claimable: 0n, escrowRevenue: 0n })).toBe(0n);
  });
});

describe('the 30-day window', () => {
  it('is the 30 UTC days ending with the chain time day, and the APR spans only the time elapsed (review L5)', () => {
    const day = 20_400 * 86_400_000; // a UTC midnight
    const noon = thirtyDayWindow(new Date(day + 43_200_000));
    // Today's bucket is in (to = next midnight); the data spans 29 days and 12 hours.
    expect(noon).toEqual({
      days: 30,
      from: new Date(day - 29 * 86_400_000),
      to: new Date(day + 86_400_000),
      seconds: 29n * DAY + 43_200n,
    });
    // Exactly at midnight the new day is in, with 29 whole days behind it.
    expect(thirtyDayWindow(new Date(day))).toMatchObject({ to: new Date(day + 86_400_000), seconds: 29n * DAY });
    expect(thirtyDayWindow(new Date(day - 1)).to).toEqual(new Date(day));
    // 29.5 days of deposits at 100 tUSD a day on 10 000 tUSD of supply: 2 950 × 365 / 29.5 / 10 000 = 365 % exactly,
    // where dividing by 30 days would say 358.9 %.
    expect(
      trailingAprBps({
        deposited: 2_950_000_000n,
        supply: 1_000n * WHOLE,
        pricePerShare: 10_000_000n,
        windowSeconds: noon.seconds,
      }),
    ).toBe(36_500);
    expect(() => thirtyDayWindow(new Date(Number.NaN))).toThrow(/invalid chain time/);
  });
});
