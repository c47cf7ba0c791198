import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigate, useRevalidator } from '@remix-run/react';
import { type MouseEvent, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarketRow } from '#db/analytics/market';
import { formatBps, formatInteger, formatRelative, formatUsd, windowLabel } from '~/lib/format';
import { fromDataSources, headersFromLoader, parseOr400, SHARED_PAGE } from '~/lib/http.server';
import {
  MARKET_STATUSES,
  type MarketQuery,
  marketHref,
  marketQuerySchema,
  searchParamsObject,
} from '~/lib/market-query';
import { useStablecoinDecimals } from '~/lib/units';
import { cachedMarket, queryMarket } from '~/models/market.server';

export const meta: MetaFunction = () => [{ title: 'Rackshare — market' }];

/**
 * Only what the table shows: the page's payload is serialized (turbo-stream) on every request and again as the
 * client's revalidation, so the full API row (serializeMarketRow) would double its cost for nothing.
 */
function tableRow(row: MarketRow) {
  return {
    clusterId: row.clusterId.toString(),
    gpuModel: row.gpuModel,
    gpuCount: row.gpuCount,
    location: row.location,
    status: row.status,
    lastReportAt: row.lastReportAt ? Math.floor(row.lastReportAt.getTime() / 1000) : null,
    lastEpoch: row.lastEpoch.toString(),
    utilizationBps: row.utilizationBps,
    trailingAprBps: row.trailingAprBps,
    pricePerShare: row.pricePerShare?.toString() ?? null,
    soldBps: row.soldBps,
    token: row.token ? `${row.token.symbol} — ${row.token.name}` : null,
  };
}

export const headers = headersFromLoader;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = await parseOr400(marketQuerySchema, searchParamsObject(new URL(request.url).searchParams), request);
  const market = await fromDataSources(() => cachedMarket(context.db, context.chain.chainId));
  const result = queryMarket(market.rows, query);
  return data(
    {
      query,
      // Chain time (the mirror's newest indexed block), the instant the statuses and the window are at (review H1).
      now: Math.floor(market.at.getTime() / 1000),
      window: { days: market.window.days, from: market.window.from.toISOString(), to: market.window.to.toISOString() },
      total: result.total,
      page: result.page,
      pages: result.pages,
      models: result.models,
      locations: result.locations,
      rows: result.rows.map(tableRow),
    },
    SHARED_PAGE,
  );
}

type ColumnLabel =
  `market.${'id' | 'model' | 'location' | 'status' | 'freshness' | 'utilization30d' | 'apr' | 'price' | 'sold'}`;

const COLUMNS: { sort: MarketQuery['sort']; label: ColumnLabel; numeric?: boolean }[] = [
  { sort: 'id', label: 'market.id' },
  { sort: 'model', label: 'market.model' },
  { sort: 'location', label: 'market.location' },
  { sort: 'status', label: 'market.status' },
  { sort: 'report', label: 'market.freshness' },
  { sort: 'utilization', label: 'market.utilization30d', numeric: true },
  { sort: 'apr', label: 'market.apr', numeric: true },
  { sort: 'price', label: 'market.price', numeric: true },
  { sort: 'sold', label: 'market.sold', numeric: true },
];

/**
 * Rows link with plain anchors: a <Link> per row was a fifth of the page's server render (route resolution and hooks
 * for 50 links). This one handler on the table body keeps an ordinary click on them a client-side navigation.
 */
function useRowLinkNavigation() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    const anchor = (event.target as Element).closest('a');
    const href = anchor?.getAttribute('href');
    // Only this app's paths; another site, a download or a new tab stays the browser's (a <Link> already handled it).
    if (!anchor || !href?.startsWith('/') || href.startsWith('//') || anchor.target || anchor.hasAttribute('download'))
      return;
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(href);
  };
}

export default function Market() {
  const usdDecimals = useStablecoinDecimals();
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { query } = data;
  const { revalidate, state } = useRevalidator();
  // Translated once per render, not once per row (i18next's lookup costs more than the cell around it).
  const statusLabel = Object.fromEntries(MARKET_STATUSES.map((status) => [status, t(`dbStatus.${status}`)]));
  const never = t('common.never');
  const notTokenized = t('market.notTokenized');
  const followRowLink = useRowLinkNavigation();
  // New clusters and reports appear without a reload (the loader reads a cache refreshed every 2 seconds).
  useEffect(() => {
    const timer = setInterval(() => state === 'idle' && document.visibilityState === 'visible' && revalidate(), 3_000);
    return () => clearInterval(timer);
  }, [revalidate, state]);

  return (
    <>
      <h1>{t('market.title')}</h1>
      <p className="muted">{t('market.intro')}</p>
      <Form method="get" className="filters" aria-label={t('market.filters')}>
        <label>
          {t('market.search')}
          <input type="search" name="q" defaultValue={query.q ?? ''} />
        </label>
        <label>
          {t('market.model')}
          <select name="model" defaultValue={query.model ?? ''}>
            <option value="">{t('market.any')}</option>
            {data.models.map((model) => (
              <option key={model}>{model}</option>
            ))}
          </select>
        </label>
        <label>
          {t('market.location')}
          <select name="location" defaultValue={query.location ?? ''}>
            <option value="">{t('market.any')}</option>
            {data.locations.map((location) => (
              <option key={location}>{location}</option>
            ))}
          </select>
        </label>
        <label>
          {t('market.status')}
          <select name="status" defaultValue={query.status ?? ''}>
            <option value="">{t('market.any')}</option>
            {MARKET_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`dbStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('market.token')}
          <select name="tokenized" defaultValue={query.tokenized ?? ''}>
            <option value="">{t('market.any')}</option>
            <option value="yes">{t('market.tokenizedOnly')}</option>
            <option value="no">{t('market.notTokenized')}</option>
          </select>
        </label>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="order" value={query.order} />
        <button type="submit">{t('market.apply')}</button>
      </Form>
      <p data-testid="market-total">{t('market.total', { count: data.total })}</p>
      {data.rows.length === 0 ? (
        <p className="empty" data-testid="market-empty">
          {t('market.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="cluster-table">
            <thead>
              <tr>
                {COLUMNS.map((column) => {
                  const active = query.sort === column.sort;
                  const nextOrder = active && query.order === 'desc' ? 'asc' : 'desc';
                  return (
                    <th
                      key={column.sort}
                      scope="col"
                      aria-sort={active ? (query.order === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      <Link
                        to={marketHref(query, { sort: column.sort, order: nextOrder, page: 1 })}
                        data-testid={`sort-${column.sort}`}
                      >
                        {t(column.label)}
                        {active ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''}
                      </Link>
                    </th>
                  );
                })}
                <th scope="col">{t('market.token')}</th>
              </tr>
            </thead>
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a focused row link fires this click; the rows are anchors */}
            <tbody onClick={followRowLink}>
              {data.rows.map((row) => (
                <tr key={row.clusterId} data-testid={`cluster-row-${row.clusterId}`}>
                  <td>
                    <a href={`/clusters/${row.clusterId}`}>{`#${row.clusterId}`}</a>
                  </td>
                  <td>{`${row.gpuModel} × ${formatInteger(row.gpuCount, locale)}`}</td>
                  <td>{row.location}</td>
                  <td>
                    <span className={`badge status-${row.status}`} data-testid="market-status" data-value={row.status}>
                      {statusLabel[row.status]}
                    </span>
                  </td>
                  <td data-testid="market-last-report" data-value={row.lastEpoch}>
                    {row.lastReportAt ? (
                      <Link to={`/analytics/epochs/${row.clusterId}/${row.lastEpoch}`}>
                        {formatRelative(row.lastReportAt, data.now, locale)}
                      </Link>
                    ) : (
                      never
                    )}
                  </td>
                  <td className="num" data-testid="market-utilization" data-value={row.utilizationBps ?? undefined}>
                    {row.utilizationBps === null ? '—' : formatBps(row.utilizationBps, locale)}
                  </td>
                  <td className="num" data-testid="market-apr" data-value={row.trailingAprBps ?? undefined}>
                    {row.trailingAprBps === null ? '—' : formatBps(row.trailingAprBps, locale)}
                  </td>
                  <td className="num" data-testid="market-price" data-value={row.pricePerShare ?? undefined}>
                    {row.pricePerShare ? formatUsd(BigInt(row.pricePerShare), usdDecimals, locale, 6) : '—'}
                  </td>
                  <td className="num" data-testid="market-sold" data-value={row.token ? row.soldBps : undefined}>
                    {row.token ? formatBps(row.soldBps, locale) : '—'}
                  </td>
                  <td>{row.token ?? notTokenized}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {/* One explanation for the columns, not one per cell: the table is the hot page (issue 12). */}
          <details className="figure-how" data-testid="market-how">
            <summary>{t('figure.how')}</summary>
            <dl className="figure-inputs">
              <dt>{t('market.status')}</dt>
              <dd>{t('figure.status')}</dd>
              <dt>{t('market.utilization30d')}</dt>
              <dd>{t('figure.utilization')}</dd>
              <dt>{t('market.apr')}</dt>
              <dd>{t('figure.apr')}</dd>
              <dt>{t('market.sold')}</dt>
              <dd>{t('figure.sold')}</dd>
            </dl>
            <p className="muted">
              {t('figure.window')}: {t('figure.windowDays', windowLabel(data.window))}
            </p>
          </details>
        </div>
      )}
      {data.pages > 1 && (
        <nav className="pager" aria-label={t('market.pages')}>
          {data.page > 1 && <Link to={marketHref(query, { page: data.page - 1 })}>{t('market.previous')}</Link>}
          <span>{t('market.pageOf', { page: data.page, pages: data.pages })}</span>
          {data.page < data.pages && <Link to={marketHref(query, { page: data.page + 1 })}>{t('market.next')}</Link>}
        </nav>
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
