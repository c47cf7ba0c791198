/**
 * Refunds of failed sales: every offering in phase Failed or Cancelled where the account still has a purchase on the
 * books, with its exact refund (what it paid, `purchasedOf`) on the button, and the refund to another address
 * (`refundTo`) in a closed disclosure beside it. The portfolio offers a refund here only, not again in the holdings
 * table: one button per refund.
 */
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import { offeringPhaseNames } from '#contracts';
import { formatShares, formatUsd } from '~/lib/format';
import { type ElsewherePosition, isRefundable, refundKinds } from './elsewhere';
import { SendElsewhere } from './SendElsewhere';

type RefundRow = ElsewherePosition & {
  token: ElsewherePosition['token'] & { symbol: string; clusterId: string | bigint };
};

export function RefundList<Row extends RefundRow>({
  rows,
  account,
  usdDecimals,
  busy,
  onRefund,
  onRefundTo,
}: {
  rows: Row[];
  account: Address;
  usdDecimals: number;
  busy: boolean;
  onRefund: (row: Row) => void;
  onRefundTo: (row: Row, recipient: Address) => void;
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
            <SendElsewhere
              kinds={refundKinds(row)}
              position={row}
              account={account}
              usdDecimals={usdDecimals}
              busy={busy}
              onSend={(_, recipient) => onRefundTo(row, recipient)}
              testId={`refund-elsewhere-${row.token.clusterId}`}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
