/**
 * The market and network figures, read from the indexer's database. The per-cluster rows are a snapshot of the
 * mirror rebuilt only when the indexer moved (sorting, filtering and paging then happen in memory), with the statuses
 * derived per request from the snapshot's timestamps (marketCache). Chain state shown on the passport is read live.
 */
import type { AppLoadContext } from '@remix-run/node';
import type { Database } from '#db';
import { indexedCursor, type MarketRow, type MarketSnapshot, marketRowsAt, marketSnapshot } from '#db/analytics/market';
import { networkSeries } from '#db/analytics/series';
import { networkAprBps } from '#protocol/figures/apr';
import { pooledUtilizationBps } from '#protocol/figures/utilization';
import { supplyValue, valueLocked } from '#protocol/figures/value';
import type { TrailingWindow } from '#protocol/figures/window';
import { type MarketQuery, PAGE_SIZE } from '~/lib/market-query';
import { type PackedMarketRows, packMarketRows } from '~/lib/market-rows';
import { staleWhileRevalidate } from '~/models/stale-while-revalidate.server';

/** The market table's and the overview's window (trailing APR, mean utilization, reported revenue), in days. */
export { TRAILING_WINDOW_DAYS as MARKET_WINDOW_DAYS } from '#protocol/figures/window';

/** The market rows with the chain time they are at and the window of their 30-day figures. */
export type MarketView = { rows: MarketRow[]; at: Date; window: TrailingWindow };
type Held = MarketView & { key: string };

/**
 * The market rows of a chain, evaluated at CHAIN time: the timestamp of the mirror's newest indexed block (review
 * H1). Statuses (the contract's rule, heartbeat → Stale) and the 30-day windows (thirtyDayWindow) move with the
 * chain's clock, not the server's: after an evm_increaseTime, or with a skewed server clock, the table says what the
 * registry's statusOf says at the block the mirror has reached. The snapshot is rebuilt only when the indexer's
 * cursor moved (one primary-key read per `freshMs` of wall time, stale-while-revalidate, so no request waits for it);
 * the rows keep their identity in between (the page memo of queryMarket keys on it).
 */
export function marketCache(options: { freshMs?: number; maxStaleMs?: number; build?: typeof marketSnapshot } = {}) {
  const build = options.build ?? marketSnapshot;
  const versions = staleWhileRevalidate<Held>({
    freshMs: options.freshMs ?? 1_000,
    maxStaleMs: options.maxStaleMs ?? 30_000,
    maxEntries: 16,
  });
  const held = new WeakMap<object, Map<number, Held>>();

  async function current(db: Database, chainId: number): Promise<Held> {
    const cursor = await indexedCursor(db, chainId);
    const key = cursor ? `${cursor.number}:${cursor.hash}` : 'empty';
    let byChain = held.get(db);
    if (!byChain) {
      byChain = new Map();
      held.set(db, byChain);
    }
    const last = byChain.get(chainId);
    if (last?.key === key) return last;
    // Before the first indexed block the mirror holds nothing (the indexer writes rows and cursor together): there
    // is no chain time yet and no row to evaluate, the wall clock only names the empty window.
    const at = cursor?.timestamp ?? new Date();
    const snapshot: MarketSnapshot = await build(db, { chainId, now: at });
    const next = { key, rows: marketRowsAt(snapshot, at), at, window: snapshot.window };
    byChain.set(chainId, next);
    return next;
  }

  /** `wallNow` only ages the cache entry (how often the cursor is re-read); the figures are at chain time. */
  return async function view(db: Database, chainId: number, wallNow = Date.now()): Promise<MarketView> {
    const { rows, at, window } = await versions(db, String(chainId), () => current(db, chainId), wallNow);
    return { rows, at, window };
  };
}

const defaultMarketCache = marketCache();

/** The market view (rows, chain time, window) the page, the overview and the JSON API share (see marketCache). */
export function cachedMarket(db: Database, chainId: number): Promise<MarketView> {
  return defaultMarketCache(db, chainId);
}

/** The market rows alone (see cachedMarket). */
export async function cachedMarketRows(db: Database, chainId: number): Promise<MarketRow[]> {
  return (await defaultMarketCache(db, chainId)).rows;
}

const STATUS_ORDER = ['attested', 'registered', 'stale', 'suspended', 'retired'];

function compareBy(sort: MarketQuery['sort']): (a: MarketRow, b: MarketRow) => number {
  const number = (value: number | bigint | null | undefined) => (value === null || value === undefined ? -1 : value);
  const cmp = (x: number | bigint | string, y: number | bigint | string) => (x < y ? -1 : x > y ? 1 : 0);
  switch (sort) {
    case 'model':
      return (a, b) => a.gpuModel.localeCompare(b.gpuModel);
    case 'location':
      return (a, b) => a.location.localeCompare(b.location);
    case 'status':
      return (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status);
    case 'utilization':
      return (a, b) => cmp(number(a.utilizationBps), number(b.utilizationBps));
    case 'apr':
      return (a, b) => cmp(number(a.trailingAprBps), number(b.trailingAprBps));
    case 'price':
      return (a, b) => cmp(number(a.pricePerShare), number(b.pricePerShare));
    case 'sold':
      return (a, b) => cmp(a.soldBps, b.soldBps);
    case 'report':
      return (a, b) => cmp(a.lastReportAt?.getTime() ?? -1, b.lastReportAt?.getTime() ?? -1);
    default:
      return (a, b) => cmp(a.clusterId, b.clusterId);
  }
}

type MarketPage = ReturnType<typeof computeMarketPage>;
// Pages computed from one snapshot of the rows, by query: the snapshot is replaced every refresh, so this never
// holds more than the views asked for in one interval (bounded anyway, as queries come from search parameters).
const pagesBySnapshot = new WeakMap<readonly MarketRow[], Map<string, MarketPage>>();
const PAGES_PER_SNAPSHOT = 200;

/** Filters, sorts (ties broken by id) and pages the market rows; the same query on the same rows is answered once. */
export function queryMarket(rows: readonly MarketRow[], query: MarketQuery): MarketPage {
  let pages = pagesBySnapshot.get(rows);
  if (!pages) {
    pages = new Map();
    pagesBySnapshot.set(rows, pages);
  }
  const key = JSON.stringify([
    query.q,
    query.model,
    query.location,
    query.status,
    query.tokenized,
    query.sort,
    query.order,
    query.page,
  ]);
  let page = pages.get(key);
  if (!page) {
    if (pages.size >= PAGES_PER_SNAPSHOT) pages.clear();
    page = computeMarketPage(rows, query);
    pages.set(key, page);
  }
  return page;
}

function computeMarketPage(rows: readonly MarketRow[], query: MarketQuery) {
  const needle = query.q?.toLowerCase();
  const filtered = rows.filter(
    (row) =>
      (!query.model || row.gpuModel === query.model) &&
      (!query.location || row.location === query.location) &&
      (!query.status || row.status === query.status) &&
      (!query.tokenized || (query.tokenized === 'yes') === (row.token !== null)) &&
      (!needle ||
        row.gpuModel.toLowerCase().includes(needle) ||
        row.location.toLowerCase().includes(needle) ||
        row.clusterId.toString() === needle ||
        (row.token?.symbol.toLowerCase().includes(needle) ?? false)),
  );
  const compare = compareBy(query.sort);
  const direction = query.order === 'asc' ? 1 : -1;
  filtered.sort((a, b) => direction * (compare(a, b) || (a.clusterId < b.clusterId ? -1 : 1)));
  const pages = Math.max(1, Math.ceil(filtered.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return {
    total: filtered.length,
    page,
    pages,
    rows: filtered.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    models: [...new Set(rows.map((row) => row.gpuModel))].sort(),
    locations: [...new Set(rows.map((row) => row.location))].sort(),
  };
}

/** A market row as loader JSON: bigints as decimal strings, dates as Unix seconds. */
export function serializeMarketRow(row: MarketRow) {
  const seconds = (date: Date | null) => (date ? Math.floor(date.getTime() / 1000) : null);
  return {
    clusterId: row.clusterId.toString(),
    operator: row.operator,
    gpuModel: row.gpuModel,
    location: row.location,
    gpuCount: row.gpuCount,
    status: row.status,
    attestedAt: seconds(row.attestedAt),
    attestedUntil: seconds(row.attestedUntil),
    lastReportAt: seconds(row.lastReportAt),
    lastEpoch: row.lastEpoch.toString(),
    token: row.token,
    supply: row.supply.toString(),
    pricePerShare: row.pricePerShare?.toString() ?? null,
    sharesSold: row.sharesSold.toString(),
    soldBps: row.soldBps,
    utilizationBps: row.utilizationBps,
    revenueReported30d: row.revenueReported.toString(),
    revenueDeposited30d: row.revenueDeposited.toString(),
    trailingAprBps: row.trailingAprBps,
  };
}

export type MarketRowJson = ReturnType<typeof serializeMarketRow>;

/**
 * A market row as the market page's table shows it: only its columns, as the page's payload goes to the browser on
 * every request and again for the client's revalidation (the API row would double it; packed, marketTablePage).
 */
function toTableRow(row: MarketRow) {
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
    phase: row.phase,
    token: row.token ? `${row.token.symbol} — ${row.token.name}` : null,
  };
}

export type MarketTableRow = ReturnType<typeof toTableRow>;

// The table rows of one page of one snapshot (queryMarket answers a query with the same page object until the
// snapshot is replaced): the same array on every request, so the page can reuse what it rendered for it
// (app/lib/fragment-cache.tsx).
const tableRows = new WeakMap<readonly MarketRow[], MarketTableRow[]>();

/** The table's rows of a page of snapshot rows (see toTableRow), the same array for as long as the page lives. */
export function marketTableRows(rows: readonly MarketRow[]): MarketTableRow[] {
  let table = tableRows.get(rows);
  if (!table) {
    table = rows.map(toTableRow);
    tableRows.set(rows, table);
  }
  return table;
}

// The packed rows of one page of one snapshot, kept as long as the page (see marketTableRows).
const tablePages = new WeakMap<readonly MarketRow[], PackedMarketRows>();

/**
 * The market page's rows of a page of snapshot rows, packed for its loader (app/lib/market-rows.ts): the same object
 * for as long as the page lives, so its rendering is reused too (app/lib/fragment-cache.tsx).
 */
export function marketTablePage(rows: readonly MarketRow[]): PackedMarketRows {
  let page = tablePages.get(rows);
  if (!page) {
    page = packMarketRows(marketTableRows(rows));
    tablePages.set(rows, page);
  }
  return page;
}

/**
 * The overview's network figures: GPUs in tokenized clusters, value locked (shares sold at the offering price),
 * 30-day reported revenue, mean utilization and the value-weighted trailing APR, summed from the window's daily
 * network rollups (the daily series itself is /analytics' chart, not the overview's).
 */
export async function networkOverview({ db, chain }: AppLoadContext) {
  const market = await cachedMarket(db, chain.chainId);
  const { rows, window } = market;
  // The same window as the rows' figures: whole closed UTC days before the chain time's day.
  const series = await networkSeries(db, {
    chainId: chain.chainId,
    granularity: 'day',
    from: window.from,
    to: window.to,
  });
  let gpusTokenized = 0;
  let locked = 0n;
  const priced: { deposited: bigint; supply: bigint; pricePerShare: bigint }[] = [];
  for (const row of rows) {
    if (!row.token || row.pricePerShare === null) continue;
    gpusTokenized += row.gpuCount;
    locked += valueLocked(row.sharesSold, row.pricePerShare);
    priced.push({ deposited: row.revenueDeposited, supply: row.supply, pricePerShare: row.pricePerShare });
  }
  return {
    clusters: rows.length,
    gpusTokenized,
    valueLocked: locked.toString(),
    revenue30d: series.reduce((total, point) => total + point.revenueReported, 0n).toString(),
    averageUtilizationBps: pooledUtilizationBps(
      series.map((point) => ({ utilizationBpsSum: point.utilizationBpsSum, reports: point.reports })),
    ),
    averageAprBps: networkAprBps(priced, window.seconds),
    windowDays: window.days,
    windowFrom: window.from.toISOString(),
    windowTo: window.to.toISOString(),
    chainTime: market.at.toISOString(),
    // The APR's inputs, shown next to it ("how is this computed").
    aprInputs: {
      tokens: priced.length,
      deposited: priced.reduce((total, token) => total + token.deposited, 0n).toString(),
      supplyValue: priced
        .reduce((total, token) => total + supplyValue(token.supply, token.pricePerShare), 0n)
        .toString(),
    },
    reports: series.reduce((total, point) => total + point.reports, 0),
  };
}
