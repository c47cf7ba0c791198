/**
 * Figures of the secondary market from the mirror's fills: per cluster the last trade's price, the traded stablecoin
 * volume (the fills' cost) over the 24 hours and 30 days before the mirror's chain time, and the trade count over 30
 * days; a cluster's price history (one point per fill, oldest first, at most PRICE_HISTORY_LIMIT of the newest) with
 * the implied yield at each price (db/market/book.ts impliedYieldBps, today's trailing revenue per share), and as CSV.
 * Only fills of at least one whole stablecoin unit count (db/market/bounds.ts minNotional, the relay's floor): a wash
 * trade of a few base units at any "price" sets no last price, no history point and no volume. The last price is the
 * latest such fill's, however old. Volumes read only the 30-day window (market_fills_time_idx, by block time),
 * the last price one row per cluster (market_fills_cluster_idx).
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, desc, eq, gt, gte, sql } from 'drizzle-orm';
import type { Database } from '#db/database';
import { impliedYieldBps } from '#db/market/book';
import { minNotional } from '#db/market/bounds';
import type { MarketStats, PricePoint } from '#db/market/types';
import { marketFills, shareTokens } from '#db/schema';
import { cachedMarket } from '~/models/market.server';
import { marketFigures } from '~/models/order-book.server';
import { stablecoinDecimals } from '~/models/stablecoin.server';

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

export const PRICE_HISTORY_LIMIT = 2_000;
/** Clusters getMarketStats answers for at most (those with trades, most recently traded first). */
export const MARKET_STATS_LIMIT = 1_000;
const DAY_MS = 86_400_000;

/** The fills of the 30 days before `at` (at least `minCost` each), summed per cluster: reads the window only. */
export function windowStatsQuery(db: Database, chainId: number, at: Date, minCost: bigint, clusterId?: bigint) {
  const since24h = new Date(at.getTime() - DAY_MS).toISOString();
  const since30d = new Date(at.getTime() - 30 * DAY_MS).toISOString();
  return db
    .select({
      clusterId: marketFills.clusterId,
      volume24h: sql<string>`coalesce(sum(${marketFills.cost}) filter (where ${marketFills.blockTime} > ${since24h}), 0)`,
      volume30d: sql<string>`coalesce(sum(${marketFills.cost}), 0)`,
      trades30d: sql<number>`cast(count(*) as integer)`,
    })
    .from(marketFills)
    .where(
      and(
        eq(marketFills.chainId, chainId),
        clusterId === undefined ? undefined : eq(marketFills.clusterId, clusterId),
        gt(marketFills.blockTime, sql`${since30d}`),
        gte(marketFills.cost, minCost),
      ),
    )
    .groupBy(marketFills.clusterId);
}

/**
 * The latest fill of at least `minCost` of each tokenized cluster (one, or all of them, at most MARKET_STATS_LIMIT with
 * such a fill), most recently traded first: one backward read of market_fills_cluster_idx per cluster.
 */
export function lastPricesQuery(db: Database, chainId: number, minCost: bigint, clusterId?: bigint) {
  const clusters = db
    .select({ clusterId: shareTokens.clusterId })
    .from(shareTokens)
    .where(
      and(eq(shareTokens.chainId, chainId), clusterId === undefined ? undefined : eq(shareTokens.clusterId, clusterId)),
    )
    .as('clusters');
  const last = db
    .select({ price: marketFills.price, blockNumber: marketFills.blockNumber })
    .from(marketFills)
    .where(
      and(
        eq(marketFills.chainId, chainId),
        eq(marketFills.clusterId, clusters.clusterId),
        gte(marketFills.cost, minCost),
      ),
    )
    .orderBy(desc(marketFills.blockNumber), desc(marketFills.logIndex))
    .limit(1)
    .as('last');
  return db
    .select({ clusterId: clusters.clusterId, price: last.price })
    .from(clusters)
    .innerJoinLateral(last, sql`true`)
    .orderBy(desc(last.blockNumber))
    .limit(MARKET_STATS_LIMIT);
}

/** The stats of the fills of at least `minCost` as of chain time `at` (see the module comment). */
export async function marketStatsAt(
  db: Database,
  chainId: number,
  at: Date,
  minCost: bigint,
  clusterId?: bigint,
): Promise<MarketStats[]> {
  const [last, windowRows] = await Promise.all([
    lastPricesQuery(db, chainId, minCost, clusterId),
    windowStatsQuery(db, chainId, at, minCost, clusterId),
  ]);
  const windows = new Map(windowRows.map((row) => [BigInt(String(row.clusterId)), row]));
  // Through a subquery the columns may come back as the driver's strings: read them as bigint either way.
  const stats = last.map((row) => {
    const id = BigInt(String(row.clusterId));
    const window = windows.get(id);
    return {
      clusterId: id,
      lastPrice: BigInt(String(row.price)),
      volume24h: BigInt(window?.volume24h ?? 0),
      volume30d: BigInt(window?.volume30d ?? 0),
      trades30d: Number(window?.trades30d ?? 0),
    };
  });
  if (clusterId !== undefined && stats.length === 0) {
    return [{ clusterId, lastPrice: null, volume24h: 0n, volume30d: 0n, trades30d: 0 }];
  }
  return stats;
}

export async function getMarketStats(context: Context, clusterId?: bigint): Promise<MarketStats[]> {
  const [{ at }, decimals] = await Promise.all([
    cachedMarket(context.db, context.chain.chainId),
    stablecoinDecimals(context.chain),
  ]);
  return marketStatsAt(context.db, context.chain.chainId, at, minNotional(decimals), clusterId);
}

export async function getPriceHistory(context: Context, clusterId: bigint): Promise<PricePoint[]> {
  const minCost = minNotional(await stablecoinDecimals(context.chain));
  const [{ revenuePerShare }, rows] = await Promise.all([
    marketFigures(context, clusterId),
    context.db
      .select({ time: marketFills.blockTime, price: marketFills.price, amount: marketFills.amount })
      .from(marketFills)
      .where(
        and(
          eq(marketFills.chainId, context.chain.chainId),
          eq(marketFills.clusterId, clusterId),
          gte(marketFills.cost, minCost),
        ),
      )
      .orderBy(desc(marketFills.blockNumber), desc(marketFills.logIndex))
      .limit(PRICE_HISTORY_LIMIT),
  ]);
  return rows.reverse().map((row) => ({
    time: Math.floor(row.time.getTime() / 1000),
    price: row.price,
    amount: row.amount,
    impliedYieldBps: impliedYieldBps(revenuePerShare, row.price),
  }));
}

/** The history as CSV: unix seconds, ISO time, price and amount in base units, implied yield in bps (empty: unknown). */
export function priceHistoryCsv(points: readonly PricePoint[]): string {
  const lines = ['time,time_iso,price,amount,implied_yield_bps'];
  for (const point of points) {
    lines.push(
      [
        point.time,
        new Date(point.time * 1000).toISOString(),
        point.price.toString(),
        point.amount.toString(),
        point.impliedYieldBps ?? '',
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
