import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { i18nOptions } from '~/i18n';
import { memoizePlainLookups } from '~/lib/i18n-memo.server';

async function pair(language: string) {
  const plain = createInstance();
  await plain.init(i18nOptions(language));
  const memoized = createInstance();
  await memoized.init(i18nOptions(language));
  return { plain, memoized: memoizePlainLookups(memoized, language) };
}

describe('memoized server translations', () => {
  it('answers every lookup as i18next does, memoized or not, in both languages and repeated', async () => {
    for (const language of ['en', 'zh-CN']) {
      const { plain, memoized } = await pair(language);
      const fixedPlain = plain.getFixedT(null, 'translation');
      const fixedMemo = memoized.getFixedT(null, 'translation');
      const calls: [string, Record<string, unknown>?][] = [
        ['nav.market'],
        ['market.total', { count: 1 }],
        ['market.total', { count: 1000 }],
        ['market.pageOf', { page: 2, pages: 20 }],
        ['market.pageOf', { page: 3, pages: 20 }],
        ['nav.market', { lng: language === 'en' ? 'zh-CN' : 'en' }],
        ['no.such.key'],
      ];
      for (let round = 0; round < 2; round++) {
        for (const [key, options] of calls) {
          const expected = (fixedPlain as (k: string, o?: object) => unknown)(key, options);
          expect((fixedMemo as (k: string, o?: object) => unknown)(key, options), `${language} ${key}`).toBe(expected);
        }
      }
      // The two languages really differ, so a lookup in the other language proves it bypassed the memo.
      expect(fixedMemo('nav.market', { lng: 'zh-CN' })).not.toBe(fixedMemo('nav.market', { lng: 'en' }));
    }
  });

  it('keeps a count apart from the same number as a string (a plural form depends on the type)', async () => {
    const { plain, memoized } = await pair('en');
    const t = memoized.getFixedT(null, 'translation') as (k: string, o?: object) => unknown;
    const u = plain.getFixedT(null, 'translation') as (k: string, o?: object) => unknown;
    expect(t('market.total', { count: 1 })).toBe(u('market.total', { count: 1 }));
    expect(t('market.total', { count: '1' })).toBe(u('market.total', { count: '1' }));
  });
});
