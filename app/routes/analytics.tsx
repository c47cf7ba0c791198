import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { LazyChart } from '~/components/LazyChart';
import { MarketStatsTable } from '~/components/trading/MarketStats';
import { analyticsQuerySchema, GROUPS, RANGES } from '~/lib/analytics-query';
import { formatBps, formatDateTime, formatUsd } from '~/lib/format';
import { fromDataSources, headersFromLoader, parseOr400, SHARED_PAGE } from '~/lib/http.server';
import { searchParamsObject } from '~/lib/params';
import { useStablecoinDecimals } from '~/lib/units';
import { analyticsCharts } from '~/models/analytics.server';
import { cachedRecentReports } from '~/models/reports.server';
import { getMarketStats } from '~/models/trading-analytics.server';

export const meta: MetaFunction = () => [{ title: 'Rackshare — analytics' }];

export const headers = headersFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const query = await parseOr400(analyticsQuerySchema, searchParamsObject(url.searchParams), request);
  const [result, reports, marketStats] = await fromDataSources(() =>
    Promise.all([analyticsCharts(context, query), cachedRecentReports(context, 10), getMarketStats(context)]),
  );
  const search = new URLSearchParams({ range: query.range, group: query.group });
  if (query.price) search.set('price', query.price);
  return data(
    {
      query,
      search: search.toString(),
      ...result,
      charts: result.charts.map(({ csv: _csv, ...chart }) => chart),
      reports,
      marketStats,
    },
    SHARED_PAGE,
  );
}

export default function Analytics() {
  const usdDecimals = useStablecoinDecimals();
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const chartTitle = {
    utilization: t('analytics.utilizationChart'),
    revenue: t('analytics.revenueChart'),
    'revenue-per-gpu-hour': t('analytics.perGpuHourChart', { price: data.referencePrice }),
    distribution: t('analytics.distributionChart'),
  } as const;
  return (
    <>
      <h1>{t('analytics.title')}</h1>
      <Form method="get" className="filters" aria-label={t('analytics.controls')}>
        <label>
          {t('analytics.range')}
          <select name="range" defaultValue={data.query.range} data-testid="analytics-range">
            {Object.keys(RANGES).map((range) => (
              <option key={range} value={range}>
                {t(`analytics.ranges.${range as keyof typeof RANGES}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('analytics.group')}
          <select name="group" defaultValue={data.query.group} data-testid="analytics-group">
            {GROUPS.map((group) => (
              <option key={group} value={group}>
                {t(`analytics.groups.${group}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('analytics.referencePrice')}
          <input
            name="price"
            inputMode="decimal"
            placeholder={data.referencePrice}
            defaultValue={data.query.price ?? ''}
            size={8}
          />
        </label>
        <button type="submit" data-testid="analytics-apply">
          {t('market.apply')}
        </button>
      </Form>
      <p className="muted" data-testid="analytics-window" data-granularity={data.granularity}>
        {t('analytics.window', {
          from: data.from.slice(0, 16).replace('T', ' '),
          to: data.to.slice(0, 16).replace('T', ' '),
          granularity: t(`analytics.granularity.${data.granularity}`),
        })}
      </p>
      <div className="grid">
        {data.charts.map((chart) => (
          <section className="card" key={chart.id}>
            <LazyChart
              testId={`chart-${chart.id}`}
              csvHref={`/analytics/${chart.id}?${data.search}&format=csv`}
              spec={{
                type: chart.id === 'distribution' || chart.id === 'revenue' ? 'bar' : 'line',
                label: chartTitle[chart.id],
                labels: chart.labels,
                datasets: chart.datasets,
              }}
            />
          </section>
        ))}
      </div>
      <MarketStatsTable stats={data.marketStats} usdDecimals={usdDecimals} />
      <section className="card" aria-labelledby="reports-heading">
        <h2 id="reports-heading">{t('analytics.reports')}</h2>
        <p className="muted">{t('analytics.reportsIntro')}</p>
        {data.reports.length === 0 ? (
          <p className="muted">{t('common.empty')}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="report-table">
              <thead>
                <tr>
                  <th scope="col">{t('market.id')}</th>
                  <th scope="col">{t('analytics.epoch')}</th>
                  <th scope="col">{t('market.utilization')}</th>
                  <th scope="col">{t('analytics.reported')}</th>
                  <th scope="col">{t('analytics.source')}</th>
                  <th scope="col">{t('analytics.samples')}</th>
                </tr>
              </thead>
              <tbody>
                {data.reports.map((report) => (
                  <tr key={`${report.clusterId}-${report.epoch}`}>
                    <td>
                      <Link to={`/clusters/${report.clusterId}`}>#{report.clusterId}</Link>
                    </td>
                    <td data-testid="report-epoch" data-value={report.epoch}>
                      <Link to={`/analytics/epochs/${report.clusterId}/${report.epoch}`}>
                        {formatDateTime(Number(report.epoch), locale)} UTC
                      </Link>
                    </td>
                    <td className="num" data-testid="report-utilization" data-value={report.utilizationBps}>
                      {formatBps(report.utilizationBps, locale)}
                    </td>
                    <td className="num" data-testid="report-revenue" data-value={report.revenue}>
                      {formatUsd(BigInt(report.revenue), usdDecimals, locale)}
                    </td>
                    <td>
                      <Link to={`/tx/${report.transactionHash}`}>{t('tx.view')}</Link>
                    </td>
                    <td>
                      <Link to={`/analytics/epochs/${report.clusterId}/${report.epoch}`}>{t('analytics.export')}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
