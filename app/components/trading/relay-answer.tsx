/**
 * What the cluster route's action answers for a posted offer (app/models/offers.server.ts's relayOffer): the stored
 * offer, or the relay's refusal `{ code, reason, message }` with nothing stored. Shown as a sentence, never a trace.
 */
import type { i18n as I18n } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CHAIN_REASONS } from '#db/market/errors';
import type { RelayResult } from '#db/market/relay';
import type { ExitQuote, OfferView } from '#db/market/types';
import { contractRefusal } from '~/components/holdings/refusal';
import type { en } from '~/locales/en';

type ReasonKey = keyof (typeof en)['trading']['reasons'];

/**
 * Why an offer cannot be filled, in the visitor's language. A refusal's `reason` is the contract's error name for the
 * rule; a stored offer's `reason` is the code, read as the contract's error it stands for (db/market/errors.ts
 * CHAIN_REASONS); a name the catalog does not word is told in the contract's own sentence, with its name.
 */
export function offerReason(i18n: I18n, reason: string): string {
  const named = CHAIN_REASONS[reason] ?? reason;
  for (const name of [reason, named]) {
    const key = `trading.reasons.${name}` as `trading.reasons.${ReasonKey}`;
    if (i18n.exists(key)) return i18n.t(key);
  }
  return contractRefusal(named);
}

/** The one refusal shape, as the relay answers it (db/market/relay.ts RelayResult). */
export type RelayError = Extract<RelayResult, { ok: false }>['error'];

/**
 * Everything the cluster route's market action answers (./market-action.server.ts checks its answers against it): each
 * fetcher reads its own intent's half.
 */
export type MarketAnswer =
  | { intent: 'offer'; ok: true; offer: OfferView }
  | { intent: 'exit'; ok: true; quote: ExitQuote }
  | { intent: 'offer'; ok: false; error: RelayError }
  | { intent: 'exit'; ok: false; error: RelayError };

export type RelayAnswer = Extract<MarketAnswer, { intent: 'offer' }>;
export type ExitAnswer = Extract<MarketAnswer, { intent: 'exit' }>;

export function RelayMessage({ answer }: { answer: RelayAnswer | undefined }) {
  const { t, i18n } = useTranslation();
  if (!answer) return null;
  if (answer.ok)
    return (
      <p role="status" data-testid="offer-placed" data-hash={answer.offer.offerHash}>
        {t('trading.place.placed', { hash: `${answer.offer.offerHash.slice(0, 10)}…` })}
      </p>
    );
  return (
    <p className="error-text" role="alert" data-testid="offer-refused" data-code={answer.error.code}>
      {t('trading.place.refused', {
        // A rule the catalog words is said in the visitor's language; else the relay's own sentence.
        message: i18n.exists(`trading.reasons.${answer.error.reason}`)
          ? offerReason(i18n, answer.error.reason)
          : answer.error.message,
        code: answer.error.code,
      })}
    </p>
  );
}
