import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { refusalText } from '~/lib/contract-errors';
import type { TxState } from '~/lib/tx';

/** The visible state of a wallet flow, announced to screen readers. */
export function TxStatus({ state, testId = 'tx-status' }: { state: TxState; testId?: string }) {
  const { t } = useTranslation();
  if (state.step === 'idle') return <p role="status" aria-live="polite" data-testid={testId} data-step="idle" />;
  const hash = 'hash' in state ? state.hash : undefined;
  let text: string;
  if (state.step === 'signing') text = state.label ? `${state.label} — ${t('tx.signing')}` : t('tx.signing');
  else if (state.step === 'pending') text = state.label ? `${state.label} — ${t('tx.pending')}` : t('tx.pending');
  else if (state.step === 'confirmed') text = t('tx.confirmed');
  else text = state.error.kind === 'rejected' ? t('tx.rejected') : t('tx.failed', { reason: refusalText(state.error) });
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-step={state.step}
      className={state.step === 'failed' ? 'error-text' : undefined}
    >
      <span data-testid={`${testId}-text`}>{text}</span>
      {hash && (
        <>
          {' '}
          <Link to={`/tx/${hash}`} target="_blank" rel="noreferrer" data-testid={`${testId}-link`}>
            {t('tx.view')}
          </Link>
        </>
      )}
    </p>
  );
}
