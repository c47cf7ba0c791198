/**
 * The secondary market's figures on the analytics pages (app/models/trading-analytics.server.ts): per cluster the
 * last traded price, the stablecoin volume of the last 24 hours and 30 days and the trade count; and the price and the
 * implied yield of each trade as chart series.
 */
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatUnits } from 'viem';
import type { MarketStats, PricePoint } from '#db/market/types';
import { formatInteger, formatUsd } from '~/lib/format';

/** The chart series of a price history: ISO minute labels, prices in whole stablecoin units, yields in percent. */
export function pricePointsChart(points: readonly PricePoint[], usdDecimals: number) {
  return {
    labels: points.map((point) => new Date(point.time * 1000).toISOString().slice(0, 16).replace('T', ' ')),
    price: points.map((point) => Number(formatUnits(point.price, usdDecimals))),
    yieldPercent: points.map((point) => (point.impliedYieldBps === null ? null : point.impliedYieldBps / 100)),
  };
}

export function MarketStatsTable({ stats, usdDecimals }: { stats: readonly MarketStats[]; usdDecimals: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const usd = (value: bigint) => formatUsd(value, usdDecimals, locale, 6);
  return (
    <section className="card" aria-labelledby="market-stats-heading">
      <h2 id="market-stats-heading">{t('trading.analytics.title')}</h2>
      <p className="muted">{t('trading.analytics.intro')}</p>
      {stats.length === 0 ? (
        <p className="muted" data-testid="market-stats-empty">
          {t('trading.trades.none')}
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="market-stats">
            <thead>
              <tr>
                <th scope="col">{t('market.id')}</th>
                <th scope="col">{t('trading.analytics.lastPrice')}</th>
                <th scope="col">{t('trading.analytics.volume24h')}</th>
                <th scope="col">{t('trading.analytics.volume30d')}</th>
                <th scope="col">{t('trading.analytics.trades30d')}</th>
              </tr>
            </thead>
            <tbody>
              {stats.map((row) => (
                <tr key={row.clusterId.toString()} data-testid={`market-stat-${row.clusterId}`}>
                  <th scope="row">
                    <Link to={`/analytics/market/${row.clusterId}`}>#{row.clusterId.toString()}</Link>
                  </th>
                  <td className="num" data-testid="stat-last-price" data-value={row.lastPrice?.toString() ?? ''}>
                    {row.lastPrice === null ? '—' : usd(row.lastPrice)}
                  </td>
                  <td className="num" data-testid="stat-volume-24h" data-value={row.volume24h.toString()}>
                    {usd(row.volume24h)}
                  </td>
                  <td className="num" data-testid="stat-volume-30d" data-value={row.volume30d.toString()}>
                    {usd(row.volume30d)}
                  </td>
                  <td className="num" data-testid="stat-trades-30d" data-value={row.trades30d}>
                    {formatInteger(row.trades30d, locale)}
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
