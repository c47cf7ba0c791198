import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { errorNotices } from '#contracts/error-notices';
import { i18nOptions } from '~/i18n';
import { en } from '~/locales/en';
import { contractRefusal, refusalSentence } from './refusal';

async function i18nIn(language: string) {
  const i18n = i18next.createInstance();
  await i18n.init(i18nOptions(language));
  return i18n;
}

describe('refusalSentence', () => {
  it('words a receiving refusal from the catalog, in the visitor’s language', async () => {
    expect(refusalSentence(await i18nIn('en'), 'AccountFrozen')).toBe(en.holdings.refusal.AccountFrozen);
    const zh = refusalSentence(await i18nIn('zh-CN'), 'AccountFrozen');
    expect(zh).not.toBe(en.holdings.refusal.AccountFrozen);
    expect(zh).toMatch(/冻结/);
  });

  it('tells any other protocol error in the contract’s own NatSpec sentence, with its name', async () => {
    // NotFactory(address) has no catalog sentence: the generated notice, its backquotes dropped, then the name.
    expect(errorNotices['NotFactory(address)']).toBeDefined();
    expect(refusalSentence(await i18nIn('en'), 'NotFactory')).toBe(
      'refused by the token: The caller is not the factory that deployed this token (claimFor). (NotFactory)',
    );
  });

  it('names a selector no protocol contract declares as it came', async () => {
    expect(refusalSentence(await i18nIn('en'), '0x12345678')).toBe('refused by the token: 0x12345678');
    expect(refusalSentence(await i18nIn('en'), 'other')).toBe('refused by the token: other');
  });
});

describe('contractRefusal', () => {
  it('gives the transfer form the contract’s sentence and the error’s name', () => {
    expect(contractRefusal('ERC20InsufficientBalance')).toBe(
      'Indicates an error related to the current balance of a sender. (ERC20InsufficientBalance)',
    );
    expect(contractRefusal('TokenPaused')).toBe(`${errorNotices['TokenPaused()']} (TokenPaused)`);
  });
});
