import { describe, expect, it } from 'vitest';
import { extrapolateClaimable, holderRatePerDay, ratePerDay, streamRatePerDay } from './stream';

// 1 000 base units per second to the whole supply, written in the contract's unit (× 1e18, ShareToken.RATE_SCALE).
const RATE_1000_PER_SECOND = 1_000_000_000_000_000_000_000n;
const snapshot = {
  claimable: 1_000n,
  balance: 25n * 10n ** 18n,
  totalSupply: 100n * 10n ** 18n,
  ratePerSecond: RATE_1000_PER_SECOND,
  end: 2_000n,
  readAt: 1_000n,
};

describe('extrapolateClaimable', () => {
  it('adds the holder’s pro-rata share of what streamed since the read', () => {
    // 25 % of 1 000 a second for 10 seconds.
    expect(extrapolateClaimable(snapshot, 1_010n)).toBe(3_500n);
  });

  it('stops at the end of the stream', () => {
    // 25 % of 1 000 a second for the 1 000 seconds left.
    expect(extrapolateClaimable(snapshot, 5_000n)).toBe(251_000n);
  });

  it('rounds down like the token', () => {
    // 1/3 of the supply, 1 000 a second for 1 second: 333.33 → 333.
    expect(extrapolateClaimable({ ...snapshot, balance: 1n, totalSupply: 3n }, 1_001n)).toBe(1_333n);
  });

  it('never goes below the value read', () => {
    expect(extrapolateClaimable(snapshot, 900n)).toBe(1_000n);
    expect(extrapolateClaimable({ ...snapshot, totalSupply: 0n }, 1_500n)).toBe(1_000n);
  });
});

describe('rate per day', () => {
  it('is 86 400 seconds of the rate in base units, the whole supply or a holder’s share', () => {
    expect(ratePerDay(RATE_1000_PER_SECOND)).toBe(86_400_000n);
    // The demo's real scale: ~128 tUSD a day is 1 481.48 base units a second.
    expect(ratePerDay(1_481_481_481_481_481_481_481n)).toBe(127_999_999n);
    expect(holderRatePerDay(RATE_1000_PER_SECOND, 25n, 100n)).toBe(21_600_000n);
    expect(ratePerDay(0n)).toBe(0n);
  });

  it('is nothing once the stream has ended (the word keeps the last rate)', () => {
    expect(streamRatePerDay({ ratePerSecond: RATE_1000_PER_SECOND, end: 2_000n }, 1_999n)).toBe(86_400_000n);
    expect(streamRatePerDay({ ratePerSecond: RATE_1000_PER_SECOND, end: 2_000n }, 2_000n)).toBe(0n);
  });
});
