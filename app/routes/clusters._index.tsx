import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useLocation, useNavigate, useResolvedPath, useRevalidator } from '@remix-run/react';
import { Fragment, type MouseEvent, type ReactElement, type ReactNode, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OFFERING_PHASE_NAMES } from '#protocol/status-names';
import { formatBps, formatInteger, formatRelative, formatUsd, windowLabel } from '~/lib/format';
import { useFragmentCache } from '~/lib/fragment-cache';
import { fromDataSources, headersFromLoader, parseOr400, SHARED_PAGE } from '~/lib/http.server';
import { MARKET_STATUSES, type MarketQuery, marketHref, marketQuerySchema } from '~/lib/market-query';
import { unpackMarketRows } from '~/lib/market-rows';
import { searchParamsObject } from '~/lib/params';
import { indexRouteFormAction } from '~/lib/server-markup';
import { useStablecoinDecimals } from '~/lib/units';
import { cachedMarket, type MarketTableRow, marketTablePage, queryMarket } from '~/models/market.server';

/** The market's lowercase statuses by the contract's names (the explanations are keyed by those). */
const STATUS_NAME = {
  registered: 'Registered',
  attested: 'Attested',
  stale: 'Stale',
  suspended: 'Suspended',
  retired: 'Retired',
} as const satisfies Record<(typeof MARKET_STATUSES)[number], string>;

export const meta: MetaFunction = () => [{ title: 'Rackshare — market' }];

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
      // Packed once per page of the snapshot (app/lib/market-rows.ts): one string for single fetch to serialize.
      rows: marketTablePage(result.rows),
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

/**
 * What <Link> renders for these in-app hrefs, without its route resolution and hooks (the sort headers and the pager
 * were eleven of them on every render); the click handler of the element around them navigates client-side
 * (useRowLinkNavigation), and `data-discover` keeps Remix discovering their routes ahead of a click, as <Link> does.
 */
function PlainLink({ to, children, ...rest }: { to: string; children: ReactNode; 'data-testid'?: string }) {
  return (
    <a {...rest} data-discover="true" href={to}>
      {children}
    </a>
  );
}

/**
 * The filters' form: Remix's Form in the browser (the filters apply without a page load); on the server the <form>
 * it renders, written out (app/lib/server-markup.ts), without the Form's route resolution and hooks.
 */
export function FiltersForm({ label, children }: { label: string; children?: ReactNode }) {
  return typeof document === 'undefined' ? (
    <ServerFiltersForm label={label}>{children}</ServerFiltersForm>
  ) : (
    <Form method="get" className="filters" aria-label={label}>
      {children}
    </Form>
  );
}

function ServerFiltersForm({ label, children }: { label: string; children?: ReactNode }) {
  const { pathname } = useResolvedPath('.');
  const { search } = useLocation();
  return (
    <form
      method="get"
      action={indexRouteFormAction(pathname, search)}
      className="filters"
      aria-label={label}
      data-discover="true"
    >
      {children}
    </form>
  );
}

type RowLabels = { status: Record<string, string>; phase: Record<string, string>; never: string; notTokenized: string };

/**
 * One row of the table. It reads no context (its labels, units and clock come in as props): on the server the rows
 * of a page are rendered once per snapshot, language and chain time (app/lib/fragment-cache.tsx), so a row must
 * depend on nothing else. Its links are plain anchors, followed client-side by the table body's click handler (useRowLinkNavigation);
 * `data-discover` keeps Remix discovering their routes ahead of a click, as a <Link> would.
 */
function MarketRowView({
  row,
  labels,
  now,
  locale,
  usdDecimals,
}: {
  row: MarketTableRow;
  labels: RowLabels;
  now: number;
  locale: string;
  usdDecimals: number;
}) {
  return (
    <tr data-testid={`cluster-row-${row.clusterId}`}>
      <td>
        <a href={`/clusters/${row.clusterId}`}>{`#${row.clusterId}`}</a>
      </td>
      <td>{`${row.gpuModel} × ${formatInteger(row.gpuCount, locale)}`}</td>
      <td>{row.location}</td>
      <td>
        <span className={`badge status-${row.status}`} data-testid="market-status" data-value={row.status}>
          {labels.status[row.status]}
        </span>
      </td>
      <td data-testid="market-last-report" data-value={row.lastEpoch}>
        {row.lastReportAt ? (
          <a data-discover="true" href={`/analytics/epochs/${row.clusterId}/${row.lastEpoch}`}>
            {formatRelative(row.lastReportAt, now, locale)}
          </a>
        ) : (
          labels.never
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
      <td>
        {row.phase ? (
          <span className={`badge phase-${row.phase}`} data-testid="market-phase" data-value={row.phase}>
            {labels.phase[row.phase]}
          </span>
        ) : (
          '—'
        )}
      </td>
      <td>{row.token ?? labels.notTokenized}</td>
    </tr>
  );
}

type Explanation = { term: string; text: string; testId?: string };

/** The explanations under the table: each column, each status and each sale phase in a sentence (see MarketHow). */
function MarketExplanations({ items }: { items: Explanation[] }) {
  return (
    <>
      {items.map(({ term, text, testId }) => (
        <Fragment key={testId ?? term}>
          <dt>{term}</dt>
          <dd data-testid={testId}>{text}</dd>
        </Fragment>
      ))}
    </>
  );
}

/**
 * "How is this computed": the explanations and the figures' window. They depend on the language and the window only,
 * so on the server they are rendered once per language and window (fragment cache key EXPLANATIONS) instead of on
 * every request (issue 15 review: 28 lookups and 56 elements on the hot page). Reads no context, like the rows.
 */
function MarketHow({
  summary,
  items,
  windowLine,
}: {
  summary: string;
  items: Explanation[];
  windowLine: [string, string];
}) {
  return (
    <>
      <summary>{summary}</summary>
      <dl className="figure-inputs">
        <MarketExplanations items={items} />
      </dl>
      <p className="muted">
        {windowLine[0]}: {windowLine[1]}
      </p>
    </>
  );
}

/** The fragment cache's key for the explanations: they live as long as the module (a variant per language and window). */
const EXPLANATIONS = {};

type HeadLabel = ColumnLabel | 'passport.phase' | 'market.token';

/**
 * The table's head row: a sort link per column (the active one marked, its order reversed). It depends on the query
 * and the language only, so on the server it is rendered once per page of a snapshot (fragment cache) and reads no
 * context; `label` is the page's translation of its column names.
 */
function MarketHeadRow({ query, label }: { query: MarketQuery; label: (key: HeadLabel) => string }) {
  return (
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
            <PlainLink
              to={marketHref(query, { sort: column.sort, order: nextOrder, page: 1 })}
              data-testid={`sort-${column.sort}`}
            >
              {label(column.label)}
              {active ? (query.order === 'asc' ? ' ▲' : ' ▼') : ''}
            </PlainLink>
          </th>
        );
      })}
      <th scope="col">{label('passport.phase')}</th>
      <th scope="col">{label('market.token')}</th>
    </tr>
  );
}

/** The pager's links and position, rendered once per page of a snapshot on the server like the head row. */
function MarketPager({
  query,
  page,
  pages,
  labels,
}: {
  query: MarketQuery;
  page: number;
  pages: number;
  labels: { previous: string; next: string; pageOf: string };
}) {
  return (
    <>
      {page > 1 && <PlainLink to={marketHref(query, { page: page - 1 })}>{labels.previous}</PlainLink>}
      <span>{labels.pageOf}</span>
      {page < pages && <PlainLink to={marketHref(query, { page: page + 1 })}>{labels.next}</PlainLink>}
    </>
  );
}

export default function Market() {
  const usdDecimals = useStablecoinDecimals();
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { query } = data;
  const { revalidate, state } = useRevalidator();
  // Translated once per render, not once per row (i18next's lookup costs more than the cell around it).
  const labels: RowLabels = {
    status: Object.fromEntries(MARKET_STATUSES.map((status) => [status, t(`dbStatus.${status}`)])),
    phase: Object.fromEntries(OFFERING_PHASE_NAMES.map((phase) => [phase, t(`phase.${phase}`)])),
    never: t('common.never'),
    notTokenized: t('market.notTokenized'),
  };
  const rowProps = { labels, now: data.now, locale, usdDecimals };
  const renderFragment = useFragmentCache();
  /**
   * The props that put `element` into the element they are spread on: on the server its markup, rendered once per
   * `key` (an object that lives as long as what the markup shows) and `variant` (everything else it depends on) and
   * reused after (app/lib/fragment-cache.tsx); in the browser the element itself, which hydrates that markup.
   */
  const fragment = (key: object, variant: string, element: () => ReactElement) =>
    renderFragment
      ? { dangerouslySetInnerHTML: { __html: renderFragment(key, variant, element) } }
      : { children: element() };
  // The browser unpacks the rows once per answer of the loader; the server only to render a page's rows the first time.
  const browserRows = useMemo(() => (renderFragment ? [] : unpackMarketRows(data.rows)), [renderFragment, data.rows]);
  // The rows' markup depends on the page of the snapshot (data.rows), the language, the chain time and the units:
  // everything MarketRowView reads.
  const rowsBody = fragment(data.rows, `${locale}|${data.now}|${usdDecimals}`, () => (
    <>
      {(renderFragment ? unpackMarketRows(data.rows) : browserRows).map((row) => (
        <MarketRowView key={row.clusterId} row={row} {...rowProps} />
      ))}
    </>
  ));
  // The head and the pager depend on the query (one per page of a snapshot: queryMarket) and the language; the query
  // is in the variant too, so that they stay right even if two queries ever shared a page.
  const queryKey = JSON.stringify(query);
  const headBody = fragment(data.rows, `head|${locale}|${queryKey}`, () => (
    <MarketHeadRow query={query} label={(key) => t(key)} />
  ));
  const pagerBody = fragment(data.rows, `pager|${locale}|${queryKey}|${data.page}|${data.pages}`, () => (
    <MarketPager
      query={query}
      page={data.page}
      pages={data.pages}
      labels={{
        previous: t('market.previous'),
        next: t('market.next'),
        pageOf: t('market.pageOf', { page: data.page, pages: data.pages }),
      }}
    />
  ));
  // Translated only when rendered: on the server once per language and window, then reused (see MarketHow).
  const explanations = (): Explanation[] => [
    { term: t('market.status'), text: t('figure.status') },
    { term: t('market.utilization30d'), text: t('figure.utilization') },
    { term: t('market.apr'), text: t('figure.apr') },
    { term: t('market.sold'), text: t('figure.sold') },
    ...MARKET_STATUSES.map((status) => ({
      term: t(`dbStatus.${status}`),
      text: t(`statusExplained.${STATUS_NAME[status]}`),
      testId: `explain-status-${status}`,
    })),
    ...OFFERING_PHASE_NAMES.map((phase) => ({
      term: t(`phase.${phase}`),
      text: t(`phaseExplained.${phase}`),
      testId: `explain-phase-${phase}`,
    })),
  ];
  const figuresWindow = data.window;
  const howBody = fragment(
    EXPLANATIONS,
    `${locale}|${figuresWindow.days}|${figuresWindow.from}|${figuresWindow.to}`,
    () => (
      <MarketHow
        summary={t('figure.how')}
        items={explanations()}
        windowLine={[t('figure.window'), t('figure.windowDays', windowLabel(figuresWindow))]}
      />
    ),
  );
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
      <FiltersForm label={t('market.filters')}>
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
      </FiltersForm>
      <p data-testid="market-total">{t('market.total', { count: data.total })}</p>
      {data.rows.count === 0 ? (
        <p className="empty" data-testid="market-empty">
          {t('market.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="cluster-table">
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a focused sort link fires this click; the headers are anchors */}
            <thead onClick={followRowLink} {...headBody} />
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a focused row link fires this click; the rows are anchors */}
            <tbody onClick={followRowLink} {...rowsBody} />
          </table>
          {/* One explanation for the columns, not one per cell: the table is the hot page (issue 12). */}
          <details className="figure-how" data-testid="market-how" {...howBody} />
        </div>
      )}
      {data.pages > 1 && (
        // biome-ignore lint/a11y/useKeyWithClickEvents: Enter on a focused page link fires this click; the pages are anchors
        <nav className="pager" aria-label={t('market.pages')} onClick={followRowLink} {...pagerBody} />
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
