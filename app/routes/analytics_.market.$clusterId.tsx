/**
 * One cluster's secondary market over time (app/models/trading-analytics.server.ts): last price and volumes, and the
 * price and the yield it implied at each trade, with the history as CSV (./analytics_.market.$clusterId_.csv.ts).
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { LazyChart } from '~/components/LazyChart';
import { MarketStatsTable, pricePointsChart } from '~/components/trading/MarketStats';
import { fromDataSources, headersFromLoader, parseOr400, SHARED_PAGE } from '~/lib/http.server';
import { clusterIdParam } from '~/lib/params';
import { useStablecoinDecimals } from '~/lib/units';
import { getMarketStats, getPriceHistory } from '~/models/trading-analytics.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Rackshare — market of cluster #${data.clusterId}` : 'Rackshare — market' },
];

export const headers = headersFromLoader;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { clusterId } = await parseOr400(z.object({ clusterId: clusterIdParam }), params, request);
  const [stats, history] = await fromDataSources(() =>
    Promise.all([getMarketStats(context, clusterId), getPriceHistory(context, clusterId)]),
  );
  return data({ clusterId: clusterId.toString(), stats, history }, SHARED_PAGE);
}

export default function ClusterMarketAnalytics() {
  const usdDecimals = useStablecoinDecimals();
  const { clusterId, stats, history } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const charts = pricePointsChart(history, usdDecimals);
  const csvHref = `/analytics/market/${clusterId}/csv`;
  return (
    <>
      <h1>{t('trading.analytics.clusterTitle', { id: clusterId })}</h1>
      <p>
        <Link to={`/clusters/${clusterId}`}>{t('trading.analytics.toCluster', { id: clusterId })}</Link> ·{' '}
        <Link to="/analytics">{t('analytics.title')}</Link>
      </p>
      <MarketStatsTable stats={stats} usdDecimals={usdDecimals} />
      <div className="grid">
        <section className="card">
          <LazyChart
            testId="chart-market-price"
            csvHref={csvHref}
            spec={{
              type: 'line',
              label: t('trading.analytics.priceChart'),
              labels: charts.labels,
              yTitle: 'tUSD',
              datasets: [{ label: t('trading.book.price'), data: charts.price }],
            }}
          />
        </section>
        <section className="card">
          <LazyChart
            testId="chart-market-yield"
            csvHref={csvHref}
            spec={{
              type: 'line',
              label: t('trading.analytics.yieldChart'),
              labels: charts.labels,
              yTitle: '%',
              datasets: [{ label: t('trading.book.yield'), data: charts.yieldPercent }],
            }}
          />
        </section>
      </div>
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
