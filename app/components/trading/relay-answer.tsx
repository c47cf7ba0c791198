/**
 * What the cluster route's action answers for a posted offer (app/models/offers.server.ts's relayOffer): the stored
 * offer, or the relay's refusal `{ code, reason, message }` with nothing stored. Shown as a sentence, never a trace.
 */
import { useTranslation } from 'react-i18next';
import type { OfferView } from '#db/market/types';

export type RelayError = { code: string; reason: string; message: string };

export type RelayAnswer =
  | { intent: 'offer'; ok: true; offer: OfferView }
  | { intent: 'offer'; ok: false; error: RelayError }
  | { intent: 'exit'; ok: false; error: RelayError };

export function RelayMessage({ answer }: { answer: RelayAnswer | undefined }) {
  const { t } = useTranslation();
  if (!answer) return null;
  if (answer.ok)
    return (
      <p role="status" data-testid="offer-placed" data-hash={answer.offer.offerHash}>
        {t('trading.place.placed', { hash: `${answer.offer.offerHash.slice(0, 10)}…` })}
      </p>
    );
  return (
    <p className="error-text" role="alert" data-testid="offer-refused" data-code={answer.error.code}>
      {t('trading.place.refused', { message: answer.error.message, code: answer.error.code })}
    </p>
  );
}
