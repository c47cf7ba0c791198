import { describe, expect, it } from 'vitest';
import { formatBps } from '~/lib/format';

describe('formatBps memo', () => {
  it('answers a repeated value in each language exactly as Intl does, not from the other language', () => {
    for (let round = 0; round < 2; round++) {
      for (const locale of ['en', 'zh-CN', 'de']) {
        for (const bps of [0, 1, 1234, 5160, 77_040, 10_000]) {
          const expected = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
            bps / 10_000,
          );
          expect(formatBps(bps, locale), `${locale} ${bps}`).toBe(expected);
        }
      }
    }
    expect(formatBps(1234.5, 'de')).not.toBe(formatBps(1234.5, 'en'));
  });
});
