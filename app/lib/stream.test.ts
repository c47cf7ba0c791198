import { describe, expect, it } from 'vitest';
import { extrapolateClaimable, RATE_SCALE } from './stream';

const snapshot = {
  claimable: 1_000n,
  balance: 25n * 10n ** 18n,
  totalSupply: 100n * 10n ** 18n,
  // 86.4 tUSD per day to the whole supply = 1,000 base units per second.
  ratePerSecond: 1_000n * RATE_SCALE,
  end: 2_000n,
  readAt: 1_000n,
};

describe('extrapolateClaimable', () => {
  it('adds the holder’s pro-rata share of what streamed since the read', () => {
    expect(extrapolateClaimable(snapshot, 1_010n)).toBe(1_000n + 2_500n);
  });

  it('stops at the end of the stream', () => {
    expect(extrapolateClaimable(snapshot, 5_000n)).toBe(1_000n + 250_000n);
  });

  it('never goes below the value read', () => {
    expect(extrapolateClaimable(snapshot, 900n)).toBe(1_000n);
    expect(extrapolateClaimable({ ...snapshot, totalSupply: 0n }, 1_500n)).toBe(1_000n);
  });
});
