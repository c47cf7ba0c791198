import { type Address, zeroAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { shareTokenConstants } from '#contracts';
import { earnedAt, tokenEarnedAt } from './holdings-earnings.server';

const SCALE = shareTokenConstants.RATE_SCALE;
const SUPPLY = 1_000n * 10n ** 18n;
const token = zeroAddress as Address;
/** A stream paying the whole supply `perSecond` base units a second. */
const rate = (perSecond: bigint) => perSecond * SCALE;

describe('tokenEarnedAt', () => {
  it('pays a holder its share of the stream for the seconds it held, and nothing after the stream ends', () => {
    const history = {
      token,
      supply: SUPPLY,
      deposits: [{ at: 100n, ratePerSecond: rate(1_000n), streamEnd: 200n }],
      // A quarter of the supply from t=50, half from t=150.
      balanceChanges: [
        { at: 50n, delta: SUPPLY / 4n },
        { at: 150n, delta: SUPPLY / 4n },
      ],
    };
    expect(tokenEarnedAt(history, [99n, 150n, 200n, 300n])).toEqual([
      0n,
      50n * 250n,
      50n * 250n + 50n * 500n,
      50n * 250n + 50n * 500n,
    ]);
  });

  it('follows a top-up that raises the rate and moves the end, and a balance sold to zero', () => {
    const history = {
      token,
      supply: SUPPLY,
      deposits: [
        { at: 0n, ratePerSecond: rate(100n), streamEnd: 100n },
        { at: 50n, ratePerSecond: rate(300n), streamEnd: 200n },
      ],
      balanceChanges: [
        { at: 0n, delta: SUPPLY },
        { at: 150n, delta: -SUPPLY },
      ],
    };
    expect(tokenEarnedAt(history, [50n, 150n, 400n])).toEqual([5_000n, 5_000n + 30_000n, 35_000n]);
  });

  it('rounds down once per point, never per second', () => {
    const history = {
      token,
      supply: 3n,
      deposits: [{ at: 0n, ratePerSecond: 1n * SCALE, streamEnd: 10n }],
      balanceChanges: [{ at: 0n, delta: 1n }],
    };
    // 10 seconds at 1/3 base unit a second: 3, not 0 (rounding each second) nor 4.
    expect(tokenEarnedAt(history, [10n])).toEqual([3n]);
  });
});

describe('earnedAt', () => {
  it('adds the tokens and the escrow revenue paid by each point', () => {
    const one = {
      token,
      supply: SUPPLY,
      deposits: [{ at: 0n, ratePerSecond: rate(10n), streamEnd: 100n }],
      balanceChanges: [{ at: 0n, delta: SUPPLY }],
    };
    expect(earnedAt([one, one], [{ at: 60n, amount: 7n }], [50n, 60n])).toEqual([1_000n, 1_200n + 7n]);
  });
});
