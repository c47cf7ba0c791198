/**
 * The market and network figures, read from the indexer's database. The per-cluster rows are a snapshot of the
 * mirror rebuilt only when the indexer moved (sorting, filtering and paging then happen in memory), with the statuses
 * derived per request from the snapshot's timestamps (marketCache). Chain state shown on the passport is read live.
 */
import type { AppLoadContext } from '@remix-run/node';
import type { Database } from '#db';
import {
  indexedCursor,
  type MarketRow,
  type MarketSnapshot,
  marketRowsAt,
  marketSnapshot,
  nextStatusChange,
} from '#db/analytics/dashboard';
import { networkSeries } from '#db/analytics/index';
import { networkAprBps } from '#protocol/figures/apr';
import { pooledUtilizationBps } from '#protocol/figures/utilization';
import { supplyValue, valueLocked } from '#protocol/figures/value';
import { type MarketQuery, PAGE_SIZE } from '~/lib/market-query';
import { staleWhileRevalidate } from '~/models/stale-while-revalidate.server';

const DAY_MS = 86_400_000;
/** The market table's and the overview's window (trailing APR, mean utilization, reported revenue), in days. */
export const MARKET_WINDOW_DAYS = 30;

type Held = { key: string; snapshot: MarketSnapshot };
type Derived = { from: number; until: number; rows: MarketRow[] };

/**
 * The market rows of a chain, in two layers. The snapshot is what the mirror says (the three queries of
 * marketSnapshot): it is rebuilt only when the indexer's cursor moved (checked with one primary-key read per
 * `freshMs`, stale-while-revalidate, so no request waits for it) or the UTC day turned (the window is whole days).
 * The statuses move with time, not with the mirror: they are derived from the snapshot's stored timestamps at each
 * request's instant by the contract's rule, and the derived rows are reused until the next instant a status changes,
 * so a lapsed heartbeat shows as Stale on the very next request while the rows' identity (and the page memo of
 * queryMarket) holds in between.
 */
export function marketCache(options: { freshMs?: number; maxStaleMs?: number; build?: typeof marketSnapshot } = {}) {
  const build = options.build ?? marketSnapshot;
  const versions = staleWhileRevalidate<Held>({
    freshMs: options.freshMs ?? 1_000,
    maxStaleMs: options.maxStaleMs ?? 30_000,
    maxEntries: 16,
  });
  const held = new WeakMap<object, Map<number, Held>>();
  const derived = new WeakMap<MarketSnapshot, Derived>();

  async function current(db: Database, chainId: number, now: number): Promise<Held> {
    const cursor = await indexedCursor(db, chainId);
    const day = Math.floor(now / DAY_MS);
    const key = `${cursor ? `${cursor.number}:${cursor.hash}` : 'empty'}@${day}`;
    let byChain = held.get(db);
    if (!byChain) {
      byChain = new Map();
      held.set(db, byChain);
    }
    const last = byChain.get(chainId);
    if (last?.key === key) return last;
    // The window is the whole UTC days up to today (the same buckets as marketRows at any instant of this day).
    const snapshot = await build(db, {
      chainId,
      now: new Date((day + 1) * DAY_MS - 1),
      windowDays: MARKET_WINDOW_DAYS,
    });
    const next = { key, snapshot };
    byChain.set(chainId, next);
    return next;
  }

  return async function rows(db: Database, chainId: number, now = Date.now()): Promise<MarketRow[]> {
    const { snapshot } = await versions(db, String(chainId), () => current(db, chainId, now), now);
    const hit = derived.get(snapshot);
    if (hit && now >= hit.from && now < hit.until) return hit.rows;
    const rows = marketRowsAt(snapshot, new Date(now));
    derived.set(snapshot, { from: now, until: nextStatusChange(snapshot, now), rows });
    return rows;
  };
}

const defaultMarketCache = marketCache();

/** The market rows the page, the overview and the JSON API share (see marketCache). */
export function cachedMarketRows(db: Database, chainId: number, now = Date.now()): Promise<MarketRow[]> {
  return defaultMarketCache(db, chainId, now);
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
 * The overview's network figures: GPUs in tokenized clusters, value locked (shares sold at the offering price),
 * 30-day reported revenue, mean utilization and the value-weighted trailing APR, plus the daily network series.
 */
export async function networkOverview({ db, chain }: AppLoadContext, now = Date.now()) {
  const [rows, series] = await Promise.all([
    cachedMarketRows(db, chain.chainId, now),
    networkSeries(db, {
      chainId: chain.chainId,
      granularity: 'day',
      from: new Date(Math.floor(now / DAY_MS) * DAY_MS - (MARKET_WINDOW_DAYS - 1) * DAY_MS),
      to: new Date(now),
    }),
  ]);
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
    averageAprBps: networkAprBps(priced, MARKET_WINDOW_DAYS),
    windowDays: MARKET_WINDOW_DAYS,
    windowTo: new Date(now).toISOString(),
    // The APR's inputs, shown next to it ("how is this computed").
    aprInputs: {
      tokens: priced.length,
      deposited: priced.reduce((total, token) => total + token.deposited, 0n).toString(),
      supplyValue: priced
        .reduce((total, token) => total + supplyValue(token.supply, token.pricePerShare), 0n)
        .toString(),
    },
    reports: series.reduce((total, point) => total + point.reports, 0),
    series: series.map((point) => ({
      day: point.bucket.toISOString().slice(0, 10),
      utilizationBps: point.utilizationBps,
      revenueReported: point.revenueReported.toString(),
      revenueDeposited: point.revenueDeposited.toString(),
    })),
  };
}
