import { describe, expect, it } from 'vitest';
import { formatPercent, formatUsd } from './format';

describe('formatUsd', () => {
  it('formats base units exactly, per locale, truncating instead of rounding up', () => {
    expect(formatUsd(1_234_567_891n, 'en')).toBe('1,234.56 tUSD');
    expect(formatUsd(1_234_567_891n, 'en', 6)).toBe('1,234.567891 tUSD');
    expect(formatUsd(1_234_567_891n, 'de')).toBe('1.234,56 tUSD');
  });

  it('keeps full precision for amounts beyond 2^53', () => {
    expect(formatUsd(9_007_199_254_740_993_000_001n, 'en', 6)).toBe('9,007,199,254,740,993.000001 tUSD');
  });
});

describe('formatPercent', () => {
  it('divides bigints without floats', () => {
    expect(formatPercent(1n, 3n, 'en')).toBe('33.33%');
    expect(formatPercent(5n, 0n, 'en')).toBe('0%');
  });
});
