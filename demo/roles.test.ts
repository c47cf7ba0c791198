import { describe, expect, it } from 'vitest';
import { DEMO_IDCS } from '../oracle/simulator/model';
import { SHARE_SUPPLY } from './economics';
import { demoRoleOf, partialPurchases, SOFT_CAP, saleWindow, sampledLive, staleFromDay, staleLastEpoch } from './roles';

const HOUR = 3_600;
const DAY = 24 * HOUR;
const keys = DEMO_IDCS.flatMap((idc) => idc.clusters.map((_, position) => `${idc.key}-${position}`));

describe('the demo clusters’ roles', () => {
  it('gives each non-settled state to exactly one cluster and leaves three settled', () => {
    for (const role of ['open', 'upcoming', 'failed', 'stale', 'suspended'] as const) {
      expect(
        keys.filter((key) => demoRoleOf(key) === role),
        role,
      ).toHaveLength(1);
    }
    expect(keys.filter((key) => demoRoleOf(key) === 'settled')).toHaveLength(3);
    // The tests' two-cluster demo is all settled.
    expect(keys.slice(0, 2).map(demoRoleOf)).toEqual(['settled', 'settled']);
  });

  it('times the sales from the plan: open for a month after the history, upcoming three days after it, failed inside it', () => {
    const now = 1_000_000;
    const historyEnd = now + 2 * DAY;
    expect(saleWindow('open', now, historyEnd)).toEqual({ start: now, end: historyEnd + 30 * DAY });
    expect(saleWindow('upcoming', now, historyEnd).start).toBe(historyEnd + 3 * DAY);
    const failed = saleWindow('failed', now, historyEnd);
    expect(failed.end).toBeLessThan(historyEnd);
    expect(failed.end).toBeGreaterThan(now);
    // A one-day history still sees the failed sale end before it does.
    expect(saleWindow('failed', now, now + 22 * HOUR).end).toBe(now + 11 * HOUR);
  });

  it('leaves 65 % of the open sale to newcomers and the failed one below its soft cap', () => {
    const sum = (parts: bigint[] | undefined) => parts!.reduce((a, b) => a + b, 0n);
    expect(sum(partialPurchases('open'))).toBe((SHARE_SUPPLY * 3_500n) / 10_000n);
    expect(sum(partialPurchases('failed'))).toBeLessThan(SOFT_CAP);
    expect(sum(partialPurchases('failed'))).toBeGreaterThan(0n);
    expect(partialPurchases('settled')).toBeUndefined();
  });

  it('stops the stale cluster’s reports a day or more before the end, and never reports it or the suspended one live', () => {
    expect(staleFromDay(90)).toBe(88);
    expect(staleFromDay(2)).toBe(1);
    expect(staleFromDay(1)).toBe(0);
    const origin = 1_700_000_000_000;
    expect(staleLastEpoch({ origin }, 2)).toBe(origin / 1000 + 23 * HOUR);
    expect(staleLastEpoch({ origin }, 1)).toBe(0);
    expect(
      keys
        .filter((key) => !sampledLive(key))
        .map(demoRoleOf)
        .sort(),
    ).toEqual(['stale', 'suspended']);
  });
});
