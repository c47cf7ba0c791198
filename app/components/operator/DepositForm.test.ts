import { describe, expect, it } from 'vitest';
import { owedDeposit } from './DepositForm';

const WEEK = 604_800n;
const HOUR = 3_600n;

/**
 * ShareToken.depositLimits for the operator at chain time `t` of a stream running until `end` at `rate`, for an amount
 * that adds `added` (ShareToken._mergeBounds): the deposit may not end earlier nor slow the stream down.
 */
const limitsAt = (t: bigint, stream: { end: bigint; rate: bigint }, added: bigint): [bigint, bigint] => {
  const remaining = stream.end > t ? stream.end - t : 0n;
  if (remaining === 0n) return [1n, 5n * 365n * 86_400n];
  return [remaining, (stream.rate * remaining + added) / stream.rate];
};

describe('the owed deposit', () => {
  it('is a week when the token takes one, as a duration when no stream runs', () => {
    expect(owedDeposit(1n, 5n * 365n * 86_400n, 0n)).toEqual({ seconds: WEEK, end: null });
    expect(owedDeposit(1n, 2n * HOUR, undefined)).toEqual({ seconds: 2n * HOUR, end: null });
  });

  it('while a stream runs, sends an end the token still accepts however late it is mined', () => {
    const t = 1_800_000_000n;
    const cases = [
      // A week fits: ends a week from the read.
      { stream: { end: t + HOUR, rate: 1_000n }, added: 1_000n * 2n * WEEK },
      // The amount keeps the rate for less than a week: as long as it does, to the second.
      { stream: { end: t + HOUR, rate: 1_000n }, added: 1_000n * 2n * 86_400n },
      // The running stream ends after a week: until its end.
      { stream: { end: t + 2n * WEEK, rate: 1_000n }, added: 1_000n * 86_400n },
    ];
    for (const { stream, added } of cases) {
      const [min, max] = limitsAt(t, stream, added);
      const { seconds, end } = owedDeposit(min, max, stream.end);
      expect(end).toBe(t + seconds);
      expect(seconds >= min && seconds <= max).toBe(true);
      // Mined 10 s, 10 minutes or an hour later: the duration it then stands for is within the limits of that time.
      for (const late of [10n, 600n, 3_000n]) {
        const [laterMin, laterMax] = limitsAt(t + late, stream, added);
        const duration = end! - (t + late);
        expect(duration >= laterMin && duration <= laterMax).toBe(true);
      }
    }
    expect(owedDeposit(...limitsAt(t, { end: t + 2n * WEEK, rate: 1_000n }, 1_000n * 86_400n), t + 2n * WEEK)).toEqual({
      seconds: 2n * WEEK,
      end: t + 2n * WEEK,
    });
  });
});
