/** The clusters with the best trailing APR, best first, each with its status now (links to their passports). */
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatBps, formatInteger } from '~/lib/format';
import type { MarketTableRow } from '~/models/market.server';

export function BestClusters({ rows }: { rows: readonly MarketTableRow[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <section className="card" aria-labelledby="best-heading">
      <h2 id="best-heading">{t('home.best')}</h2>
      <p className="muted">{t('home.bestIntro')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('home.bestEmpty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('home.cluster')}</th>
              <th scope="col">{t('home.hardware')}</th>
              <th scope="col">{t('home.status')}</th>
              <th scope="col" className="num">
                {t('home.apr')}
              </th>
              <th scope="col" className="num">
                {t('home.sold')}
              </th>
            </tr>
          </thead>
          <tbody data-testid="best-clusters">
            {rows.map((row) => (
              <tr key={row.clusterId} data-testid="best-cluster" data-cluster={row.clusterId}>
                <td>
                  <Link to={`/clusters/${row.clusterId}`}>{row.token ?? `#${row.clusterId}`}</Link>
                </td>
                <td>{`${row.gpuModel} × ${formatInteger(row.gpuCount, locale)} · ${row.location}`}</td>
                <td>
                  <span className={`badge status-${row.status}`} data-testid="best-status" data-value={row.status}>
                    {t(`dbStatus.${row.status}`)}
                  </span>
                </td>
                <td className="num" data-testid="best-apr" data-value={row.trailingAprBps ?? undefined}>
                  {row.trailingAprBps === null ? '—' : formatBps(row.trailingAprBps, locale)}
                </td>
                <td className="num">{formatBps(row.soldBps, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <Link to="/clusters?sort=apr">{t('home.allByApr')}</Link>
      </p>
    </section>
  );
}
