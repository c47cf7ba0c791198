import { describe, expect, it } from 'vitest';
import { offeringConstants } from '#contracts';
import { formatPercent, formatUsd, SHARE_DECIMALS } from './format';

describe('formatUsd', () => {
  it('formats base units exactly, per locale, truncating instead of rounding up', () => {
    expect(formatUsd(1_234_567_891n, 6, 'en')).toBe('1,234.56 tUSD');
    expect(formatUsd(1_234_567_891n, 6, 'en', 6)).toBe('1,234.567891 tUSD');
    expect(formatUsd(1_234_567_891n, 6, 'de')).toBe('1.234,56 tUSD');
  });

  it('keeps full precision for amounts beyond 2^53', () => {
    expect(formatUsd(9_007_199_254_740_993_000_001n, 6, 'en', 6)).toBe('9,007,199,254,740,993.000001 tUSD');
  });
});

describe('stablecoin and share units (review M2)', () => {
  it('formats with the stablecoin decimals it is given: 123456 base units of a 2-decimal coin are 1,234.56', () => {
    expect(formatUsd(123_456n, 2, 'en')).toBe('1,234.56 tUSD');
    // Asking for more digits than the coin has shows what the coin has, never invented zeros of precision.
    expect(formatUsd(123_456n, 2, 'en', 6)).toBe('1,234.56 tUSD');
    expect(formatUsd(123_456n, 0, 'en')).toBe('123,456 tUSD');
  });

  it('takes the share decimals from the generated SHARE_UNIT', () => {
    expect(10n ** BigInt(SHARE_DECIMALS)).toBe(offeringConstants.SHARE_UNIT);
  });
});

describe('formatPercent', () => {
  it('divides bigints without floats', () => {
    expect(formatPercent(1n, 3n, 'en')).toBe('33.33%');
    expect(formatPercent(5n, 0n, 'en')).toBe('0%');
  });
});
