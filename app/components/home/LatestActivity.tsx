/** The newest epoch reports and revenue deposits of the network, from the mirror (a few of each). */
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { MinedWireReport } from '#protocol/wire';
import { formatBps, formatRelative, formatUsd } from '~/lib/format';
import { useStablecoinDecimals } from '~/lib/units';
import type { FrontDoorMirror } from '~/models/overview.server';

const DAY = 86_400;

export function LatestActivity({
  reports,
  deposits,
  now,
}: {
  reports: readonly MinedWireReport[];
  deposits: FrontDoorMirror['deposits'];
  /** Chain time (Unix seconds) the "ago" labels count from. */
  now: number;
}) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <div className="grid">
      <section className="card" aria-labelledby="latest-reports-heading">
        <h2 id="latest-reports-heading">{t('home.latestReports')}</h2>
        {reports.length === 0 ? (
          <p className="muted">{t('common.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('home.cluster')}</th>
                <th scope="col">{t('home.epoch')}</th>
                <th scope="col" className="num">
                  {t('home.utilization')}
                </th>
                <th scope="col" className="num">
                  {t('home.revenue')}
                </th>
                <th scope="col">{t('home.when')}</th>
              </tr>
            </thead>
            <tbody data-testid="latest-reports">
              {reports.map((report) => (
                <tr key={report.transactionHash + report.clusterId + report.epoch}>
                  <td>
                    <Link to={`/clusters/${report.clusterId}`}>{`#${report.clusterId}`}</Link>
                  </td>
                  <td>
                    <Link to={`/analytics/epochs/${report.clusterId}/${report.epoch}`}>{report.epoch}</Link>
                  </td>
                  <td className="num">{formatBps(report.utilizationBps, locale)}</td>
                  <td className="num" data-value={report.revenue}>
                    {formatUsd(BigInt(report.revenue), usdDecimals, locale)}
                  </td>
                  <td>{formatRelative(Math.floor(Date.parse(report.blockTime) / 1000), now, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="latest-deposits-heading">
        <h2 id="latest-deposits-heading">{t('home.latestDeposits')}</h2>
        {deposits.length === 0 ? (
          <p className="muted">{t('common.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('home.cluster')}</th>
                <th scope="col" className="num">
                  {t('home.amount')}
                </th>
                <th scope="col">{t('home.streamsFor')}</th>
                <th scope="col">{t('home.when')}</th>
              </tr>
            </thead>
            <tbody data-testid="latest-deposits">
              {deposits.map((deposit) => (
                <tr key={`${deposit.transactionHash}-${deposit.clusterId}`}>
                  <td>
                    <Link to={`/clusters/${deposit.clusterId}`}>{deposit.symbol ?? `#${deposit.clusterId}`}</Link>
                  </td>
                  <td className="num" data-value={deposit.amount}>
                    {formatUsd(BigInt(deposit.amount), usdDecimals, locale)}
                  </td>
                  <td>{t('home.days', { count: Math.round((deposit.durationSeconds / DAY) * 10) / 10 })}</td>
                  <td>
                    <Link to={`/tx/${deposit.transactionHash}`}>{formatRelative(deposit.blockTime, now, locale)}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
