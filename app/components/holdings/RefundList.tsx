/**
 * Refunds of failed sales: every offering in phase Failed or Cancelled where the account still has a purchase on the
 * books, with its exact refund (what it paid, `purchasedOf`) on the button.
 */
import { useTranslation } from 'react-i18next';
import { offeringPhase, offeringPhaseNames } from '#contracts';
import { formatShares, formatUsd } from '~/lib/format';

type RefundRow = {
  token: { address: string; symbol: string; clusterId: string | bigint };
  phase: number;
  paid: bigint;
  escrowedShares: bigint;
};

export const isRefundable = (row: RefundRow) =>
  (row.phase === offeringPhase.Failed || row.phase === offeringPhase.Cancelled) && row.paid > 0n;

export function RefundList<Row extends RefundRow>({
  rows,
  usdDecimals,
  busy,
  onRefund,
}: {
  rows: Row[];
  usdDecimals: number;
  busy: boolean;
  onRefund: (row: Row) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const due = rows.filter(isRefundable);
  if (due.length === 0) return null;
  return (
    <section className="card" aria-labelledby="refunds-heading" data-testid="refunds">
      <h2 id="refunds-heading">{t('holdings.refunds.title')}</h2>
      <p className="muted">{t('holdings.refunds.intro')}</p>
      <ul className="stack">
        {due.map((row) => (
          <li key={row.token.address} data-testid={`refund-${row.token.clusterId}`} data-value={row.paid.toString()}>
            <strong>{row.token.symbol}</strong> · {t('holdings.refunds.phase')}: {offeringPhaseNames[row.phase]} ·{' '}
            {t('portfolio.escrowed')}: {formatShares(row.escrowedShares, locale)}{' '}
            <button type="button" onClick={() => onRefund(row)} disabled={busy}>
              {t('holdings.refunds.refund', { amount: formatUsd(row.paid, usdDecimals, locale, 6) })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
