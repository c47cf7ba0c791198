/**
 * The sentence for a token's refusal of shares sent to the account: `canTransfer` answers an error selector, the
 * server turns it into the error's name from the contracts' ABIs (#protocol/errors), and this picks its sentence.
 * The sentences are keyed by the ShareToken's own error names: a key the ABI does not declare fails the type check.
 */
import type { i18n as I18n } from 'i18next';
import type { shareTokenAbi } from '#contracts';
import type { en } from '~/locales/en';

type ShareTokenErrorName = Extract<(typeof shareTokenAbi)[number], { type: 'error' }>['name'];
type RefusalKey = Exclude<keyof (typeof en)['holdings']['refusal'], 'other'>;
type Assert<T extends true> = T;
/** Compile-time guard: every sentence is keyed by an error ShareToken declares. */
export type RefusalKeysAreTokenErrors = Assert<RefusalKey extends ShareTokenErrorName ? true : false>;

export function refusalSentence(i18n: I18n, name: string): string {
  // A name the catalog has a sentence for is a RefusalKey (checked against the ABI above); any other gets `other`.
  const key = `holdings.refusal.${name}` as `holdings.refusal.${RefusalKey}`;
  return name !== 'other' && i18n.exists(key) ? i18n.t(key) : i18n.t('holdings.refusal.other', { name });
}
