/**
 * Revenue reported vs paid to holders on the passport (protocol/figures/payout.ts). The oracle reports the cluster's
 * gross rental revenue and the operator deposits only the holders' part, so the card shows the share deposited by
 * week and cumulatively, and warns only when deposits stopped while revenue kept being reported. The split itself is
 * the cluster's terms in its metadata document: linked, never fetched by the server (the URI is the operator's).
 */
import { useTranslation } from 'react-i18next';
import { PAYOUT_LAPSE_DAYS, payoutReconciliation } from '#protocol/figures/payout';
import { Figure, FigureHow } from '~/components/Figure';
import { formatBps, formatUsd } from '~/lib/format';
import { useStablecoinDecimals } from '~/lib/units';

/** Weeks shown: the passport's daily rollups cover the last 30 days, so four whole 7-day weeks fit. */
const WEEKS = 4;

export function PayoutReconciliation({
  days,
  now,
  documentUrl,
  metadataHash,
}: {
  days: readonly { day: string; reported: string; deposited: string }[];
  /** Chain time of the page, unix seconds. */
  now: bigint;
  documentUrl: string | null;
  metadataHash: string;
}) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const today = new Date(Number(now) * 1000).toISOString().slice(0, 10);
  const payout = payoutReconciliation(
    days.map((day) => ({ day: day.day, reported: BigInt(day.reported), deposited: BigInt(day.deposited) })),
    today,
    WEEKS,
  );
  const share = (bps: number | null) => (bps === null ? '—' : formatBps(bps, locale));
  const window = t('payout.window', { from: payout.weeks.at(-1)!.from, to: today });
  return (
    <section className="card" aria-labelledby="reconciliation-heading">
      <h2 id="reconciliation-heading">{t('payout.title')}</h2>
      <p className="muted">
        {t('payout.terms')}{' '}
        {documentUrl ? (
          <a href={documentUrl} rel="noreferrer noopener" target="_blank">
            {t('payout.termsLink')}
          </a>
        ) : (
          t('payout.noTerms')
        )}{' '}
        <span className="muted">(keccak256 {metadataHash.slice(0, 10)}…)</span>
      </p>
      {payout.stopped && (
        <p
          className="gap"
          role="alert"
          data-testid="payout-stopped"
          data-value={payout.daysWithoutDeposit ?? undefined}
        >
          ⚠ {t('payout.stopped', { days: payout.daysWithoutDeposit, since: payout.lastDepositDay ?? '—' })}
        </p>
      )}
      <dl>
        <dt>{t('payout.reported')}</dt>
        <dd>
          <Figure testId="figure-payout-reported" value={payout.reported}>
            {formatUsd(payout.reported, usdDecimals, locale)}
          </Figure>
        </dd>
        <dt>{t('payout.deposited')}</dt>
        <dd>
          <Figure testId="figure-payout-deposited" value={payout.deposited}>
            {formatUsd(payout.deposited, usdDecimals, locale)}
          </Figure>
        </dd>
        <dt>{t('payout.share')}</dt>
        <dd>
          <Figure
            testId="figure-payout-share"
            value={payout.shareBps}
            explain={{
              formula: t('payout.formula', { days: PAYOUT_LAPSE_DAYS }),
              inputs: [
                { label: t('payout.reported'), value: formatUsd(payout.reported, usdDecimals, locale) },
                { label: t('payout.deposited'), value: formatUsd(payout.deposited, usdDecimals, locale) },
              ],
              window,
            }}
          >
            {share(payout.shareBps)}
          </Figure>
        </dd>
        <dt>{t('payout.lastDeposit')}</dt>
        <dd data-testid="figure-payout-last-deposit" data-value={payout.lastDepositDay ?? undefined}>
          {payout.lastDepositDay ?? t('payout.noDeposit')}
        </dd>
      </dl>
      {payout.reported === 0n && payout.deposited === 0n ? (
        <p className="muted">{t('common.empty')}</p>
      ) : (
        <div className="reconciliation-scroll">
          <table data-testid="reconciliation">
            <thead>
              <tr>
                <th scope="col">{t('payout.week')}</th>
                <th scope="col">{t('payout.reported')}</th>
                <th scope="col">{t('payout.deposited')}</th>
                <th scope="col">{t('payout.weekShare')}</th>
                <th scope="col">
                  {t('payout.cumulativeShare')}{' '}
                  <FigureHow
                    testId="payout-week-share"
                    explain={{ formula: t('payout.formula', { days: PAYOUT_LAPSE_DAYS }), window }}
                  />
                </th>
              </tr>
            </thead>
            <tbody>
              {payout.weeks.map((week) => (
                <tr key={week.from} data-week={week.from}>
                  <td>
                    {week.from} – {week.to}
                  </td>
                  <td className="num" data-testid="payout-week-reported" data-value={week.reported.toString()}>
                    {formatUsd(week.reported, usdDecimals, locale)}
                  </td>
                  <td className="num" data-testid="payout-week-deposited" data-value={week.deposited.toString()}>
                    {formatUsd(week.deposited, usdDecimals, locale)}
                  </td>
                  <td className="num" data-testid="payout-week-share" data-value={week.shareBps ?? undefined}>
                    {share(week.shareBps)}
                  </td>
                  <td
                    className="num"
                    data-testid="payout-week-cumulative"
                    data-value={week.cumulativeShareBps ?? undefined}
                  >
                    {share(week.cumulativeShareBps)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
