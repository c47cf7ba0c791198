/**
 * Figures of the secondary market from the mirror's fills: per cluster the last trade's price, the traded stablecoin
 * volume (the fills' cost) over the 24 hours and 30 days before the mirror's chain time, and the trade count over 30
 * days; a cluster's price history (one point per fill, oldest first, at most PRICE_HISTORY_LIMIT of the newest) with
 * the implied yield at each price (db/market/book.ts impliedYieldBps, today's trailing revenue per share), and as CSV.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, desc, eq, sql } from 'drizzle-orm';
import { impliedYieldBps } from '#db/market/book';
import type { MarketStats, PricePoint } from '#db/market/types';
import { marketFills } from '#db/schema';
import { cachedMarket } from '~/models/market.server';
import { marketFigures } from '~/models/order-book.server';

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

export const PRICE_HISTORY_LIMIT = 2_000;
/** Clusters getMarketStats answers for at most (those with trades, most recently traded first). */
export const MARKET_STATS_LIMIT = 1_000;

export async function getMarketStats(context: Context, clusterId?: bigint): Promise<MarketStats[]> {
  const { db } = context;
  const chainId = context.chain.chainId;
  const at = (await cachedMarket(db, chainId)).at;
  const since24h = new Date(at.getTime() - 86_400_000);
  const since30d = new Date(at.getTime() - 30 * 86_400_000);
  const ofCluster = clusterId === undefined ? undefined : eq(marketFills.clusterId, clusterId);
  const rows = await db
    .select({
      clusterId: marketFills.clusterId,
      volume24h: sql<string>`coalesce(sum(${marketFills.cost}) filter (where ${marketFills.blockTime} > ${since24h.toISOString()}), 0)`,
      volume30d: sql<string>`coalesce(sum(${marketFills.cost}) filter (where ${marketFills.blockTime} > ${since30d.toISOString()}), 0)`,
      trades30d: sql<number>`cast(count(*) filter (where ${marketFills.blockTime} > ${since30d.toISOString()}) as integer)`,
      lastPrice: sql<string>`(array_agg(${marketFills.price} order by ${marketFills.blockNumber} desc, ${marketFills.logIndex} desc))[1]`,
      lastBlock: sql<string>`max(${marketFills.blockNumber})`,
    })
    .from(marketFills)
    .where(and(eq(marketFills.chainId, chainId), ofCluster))
    .groupBy(marketFills.clusterId)
    .orderBy(desc(sql`max(${marketFills.blockNumber})`))
    .limit(MARKET_STATS_LIMIT);
  const stats = rows.map((row) => ({
    clusterId: BigInt(row.clusterId as unknown as string),
    lastPrice: row.lastPrice === null ? null : BigInt(row.lastPrice),
    volume24h: BigInt(row.volume24h),
    volume30d: BigInt(row.volume30d),
    trades30d: Number(row.trades30d),
  }));
  if (clusterId !== undefined && stats.length === 0) {
    return [{ clusterId, lastPrice: null, volume24h: 0n, volume30d: 0n, trades30d: 0 }];
  }
  return stats;
}

export async function getPriceHistory(context: Context, clusterId: bigint): Promise<PricePoint[]> {
  const [{ revenuePerShare }, rows] = await Promise.all([
    marketFigures(context, clusterId),
    context.db
      .select({ time: marketFills.blockTime, price: marketFills.price, amount: marketFills.amount })
      .from(marketFills)
      .where(and(eq(marketFills.chainId, context.chain.chainId), eq(marketFills.clusterId, clusterId)))
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
