/**
 * The words for a token's refusal of shares (`canTransfer` answers an error selector, which #protocol/errors turns into
 * the error's name from the contracts' ABIs). The portfolio's catalog words the receiving refusals an investor meets,
 * in the visitor's language, keyed by the ShareToken's own error names (a key the ABI does not declare fails the type
 * check); any other error is told in the contract's own NatSpec sentence (contracts/ts/error-notices.ts, generated, as
 * every failed transaction is: app/lib/contract-errors.ts), with its name beside it.
 */
import type { i18n as I18n } from 'i18next';
import { formatAbiItem } from 'viem/utils';
import type { shareTokenAbi } from '#contracts';
import { protocolErrorsAbi } from '#protocol/errors';
import { errorSentence } from '~/lib/contract-errors';
import type { en } from '~/locales/en';

type ShareTokenErrorName = Extract<(typeof shareTokenAbi)[number], { type: 'error' }>['name'];
type RefusalKey = Exclude<keyof (typeof en)['holdings']['refusal'], 'other'>;
type Assert<T extends true> = T;
/** Compile-time guard: every sentence is keyed by an error ShareToken declares. */
export type RefusalKeysAreTokenErrors = Assert<RefusalKey extends ShareTokenErrorName ? true : false>;

/**
 * The contract's sentence for an error known only by name (a selector carries no arguments: a backquoted parameter
 * stays a plain word), then the name; the bare name when the error has no sentence or is not the protocol's.
 */
export function contractRefusal(name: string): string {
  const item = protocolErrorsAbi.find((error) => error.name === name);
  const sentence = item ? errorSentence(formatAbiItem(item), item.inputs, []) : null;
  return sentence ? `${sentence} (${name})` : name;
}

export function refusalSentence(i18n: I18n, name: string): string {
  // A name the catalog has a sentence for is a RefusalKey (checked against the ABI above); any other gets `other`.
  const key = `holdings.refusal.${name}` as `holdings.refusal.${RefusalKey}`;
  return name !== 'other' && i18n.exists(key)
    ? i18n.t(key)
    : i18n.t('holdings.refusal.other', { reason: contractRefusal(name) });
}
