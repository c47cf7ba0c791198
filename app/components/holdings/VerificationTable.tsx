/**
 * The account's standing on each token it holds or could buy: verified until when, frozen, paused (by whom), the
 * allowlist, and what a purchase or transfer to it would be refused for, in words. Read on the server at one block
 * (app/models/holdings.server.ts verificationOf).
 */
import { useTranslation } from 'react-i18next';
import { offeringPhaseNames } from '#contracts';
import { formatDateTime } from '~/lib/format';
import type { VerificationView } from '~/models/holdings.server';
import { refusalSentence } from './refusal';

export function VerificationTable({ view }: { view: VerificationView }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const now = BigInt(view.readAt);
  if (view.tokens.length === 0) return null;
  return (
    <section
      className="card"
      aria-labelledby="verification-heading"
      data-testid="verification"
      data-block={view.blockNumber}
    >
      <h2 id="verification-heading">{t('holdings.verification.title')}</h2>
      <p className="muted">{t('holdings.verification.intro')}</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('holdings.verification.token')}</th>
              <th scope="col">{t('holdings.verification.relation')}</th>
              <th scope="col">{t('holdings.verification.verified')}</th>
              <th scope="col">{t('holdings.verification.frozen')}</th>
              <th scope="col">{t('holdings.verification.paused')}</th>
              <th scope="col">{t('holdings.verification.allowlist')}</th>
              <th scope="col">{t('holdings.verification.incoming')}</th>
            </tr>
          </thead>
          <tbody>
            {view.tokens.map((row) => {
              const until = BigInt(row.verifiedUntil);
              const verified =
                until === 0n
                  ? t('holdings.verification.notVerified')
                  : until >= now
                    ? t('holdings.verification.verifiedUntil', { date: formatDateTime(until, locale) })
                    : t('holdings.verification.expired', { date: formatDateTime(until, locale) });
              const paused = [
                row.pausedByGovernance ? t('holdings.verification.pausedByGovernance') : null,
                row.pausedByOperator ? t('holdings.verification.pausedByOperator') : null,
              ].filter(Boolean);
              return (
                <tr key={row.token} data-testid={`verification-${row.clusterId}`} data-token={row.token}>
                  <th scope="row">{row.symbol}</th>
                  <td data-phase={offeringPhaseNames[row.phase]}>
                    {row.holds ? t('holdings.verification.holds') : t('holdings.verification.canBuy')}
                  </td>
                  <td data-testid="verified-until" data-value={row.verifiedUntil}>
                    {verified}
                  </td>
                  <td data-testid="frozen" data-value={String(row.frozen)}>
                    {row.frozen ? t('holdings.verification.yes') : t('holdings.verification.no')}
                  </td>
                  <td
                    data-testid="paused"
                    data-governance={String(row.pausedByGovernance)}
                    data-operator={String(row.pausedByOperator)}
                  >
                    {paused.length === 0 ? t('holdings.verification.no') : paused.join(', ')}
                  </td>
                  <td data-testid="allowlist" data-value={String(row.allowlist)}>
                    {row.allowlist ? t('holdings.verification.on') : t('holdings.verification.off')}
                  </td>
                  <td data-testid="incoming" data-reason={row.refusal ?? ''}>
                    {row.refusal ? refusalSentence(i18n, row.refusal) : t('holdings.verification.accepted')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
