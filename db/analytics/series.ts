/**
 * Read-side analytics for the app: chart series from the hourly/daily rollups the indexer maintains (one scope, or
 * every key of a dimension in one query) and per-cluster investment figures (value locked, trailing APR at the
 * offering price). Every query is built with drizzle's query builder (parameters
 * bound, never spliced into SQL text) and reads the rollups through their primary key.
 */
import { and, asc, desc, eq, gte, lt, lte, sum } from 'drizzle-orm';
import { trailingAprBps } from '#protocol/figures/apr';
import { meanUtilizationBps } from '#protocol/figures/utilization';
import { valueLocked } from '#protocol/figures/value';
import type { TrailingWindow } from '#protocol/figures/window';
import type { Database } from '../database';
import {
  offeringEvents,
  offerings,
  type RollupDimension,
  type RollupGranularity,
  rollups,
  shareTokens,
} from '../schema';

export type SeriesQuery = {
  chainId: number;
  granularity: RollupGranularity;
  /** Inclusive start and exclusive end of the period. */
  from: Date;
  to: Date;
};

export type SeriesPoint = {
  bucket: Date;
  reports: number;
  /** Mean reported utilization over the bucket (protocol/figures/utilization.ts), in basis points (null without reports). */
  utilizationBps: number | null;
  /** Σ utilizationBps of the bucket's reports, so wider windows pool sums and counts instead of averaging means. */
  utilizationBpsSum: bigint;
  /** Average GPUs online per report (null without reports). */
  gpusOnline: number | null;
  gpuHoursMilli: bigint;
  revenueReported: bigint;
  revenueDeposited: bigint;
};

/**
 * The one window rule for rollups: rows of one granularity and dimension (optionally one key) whose bucket starts in
 * [from, to), or in [from, to] with `throughTo` (a window that ends "now" includes the day that starts exactly now).
 */
export function rollupsIn(query: {
  chainId: number;
  granularity: RollupGranularity;
  dimension: RollupDimension;
  key?: string;
  from: Date;
  to: Date;
  throughTo?: boolean;
}) {
  return and(
    eq(rollups.chainId, query.chainId),
    eq(rollups.granularity, query.granularity),
    eq(rollups.dimension, query.dimension),
    query.key === undefined ? undefined : eq(rollups.key, query.key),
    gte(rollups.bucket, query.from),
    query.throughTo ? lte(rollups.bucket, query.to) : lt(rollups.bucket, query.to),
  );
}

/** The rollup series of one scope: a cluster (key = id), a GPU model, an IDC location, or the network (key ''). */
export async function rollupSeries(
  db: Database,
  query: SeriesQuery & { dimension: RollupDimension; key: string },
): Promise<SeriesPoint[]> {
  const rows = await db.select().from(rollups).where(rollupsIn(query)).orderBy(asc(rollups.bucket));
  return rows.map((row) => ({
    bucket: row.bucket,
    reports: row.reportCount,
    utilizationBps: meanUtilizationBps(row.utilizationBpsSum, row.reportCount),
    utilizationBpsSum: BigInt(row.utilizationBpsSum),
    gpusOnline: row.reportCount > 0 ? Number(row.gpusOnlineSum) / row.reportCount : null,
    gpuHoursMilli: row.gpuHoursMilli,
    revenueReported: row.revenueReported,
    revenueDeposited: row.revenueDeposited,
  }));
}

/** The network utilization chart: every cluster together. */
export function networkSeries(db: Database, query: SeriesQuery) {
  return rollupSeries(db, { ...query, dimension: 'network', key: '' });
}

/** One cluster's chart. */
export function clusterSeries(db: Database, query: SeriesQuery & { clusterId: bigint }) {
  return rollupSeries(db, { ...query, dimension: 'cluster', key: query.clusterId.toString() });
}

/**
 * Investment figures of a tokenized cluster: value locked (shares sold × offering price) and trailing APR in basis
 * points: revenue deposited over `window` (protocol/figures/window.ts thirtyDayWindow of the chain time, daily
 * rollups), annualized, over the supply's value at the offering price — the same figure as the cluster's row in
 * `marketRows`. Undefined when not tokenized.
 */
export async function clusterInvestment(
  db: Database,
  query: { chainId: number; clusterId: bigint; window: TrailingWindow },
) {
  const { window } = query;
  const trailingDays = window.days;
  const [sale] = await db
    .select({
      token: shareTokens.token,
      offering: shareTokens.offering,
      supply: shareTokens.supply,
      pricePerShare: offerings.pricePerShare,
    })
    .from(shareTokens)
    .innerJoin(offerings, and(eq(offerings.chainId, shareTokens.chainId), eq(offerings.offering, shareTokens.offering)))
    .where(and(eq(shareTokens.chainId, query.chainId), eq(shareTokens.clusterId, query.clusterId)));
  if (!sale) return undefined;
  const [[lastPurchase], [trailing]] = await Promise.all([
    db
      .select({ totalSold: offeringEvents.totalSold })
      .from(offeringEvents)
      .where(
        and(
          eq(offeringEvents.chainId, query.chainId),
          eq(offeringEvents.offering, sale.offering),
          eq(offeringEvents.kind, 'purchased'),
        ),
      )
      .orderBy(desc(offeringEvents.blockNumber), desc(offeringEvents.logIndex))
      .limit(1),
    db
      .select({ amount: sum(rollups.revenueDeposited).mapWith(BigInt) })
      .from(rollups)
      .where(
        rollupsIn({
          chainId: query.chainId,
          granularity: 'day',
          dimension: 'cluster',
          key: query.clusterId.toString(),
          from: window.from,
          to: window.to,
        }),
      ),
  ]);
  const sold = lastPurchase?.totalSold ?? 0n;
  const trailingRevenue = trailing?.amount ?? 0n;
  return {
    token: sale.token,
    offering: sale.offering,
    sharesSold: sold,
    pricePerShare: sale.pricePerShare,
    supply: sale.supply,
    trailingDays,
    window,
    valueLocked: valueLocked(sold, sale.pricePerShare),
    trailingRevenue,
    trailingAprBps: trailingAprBps({
      deposited: trailingRevenue,
      supply: sale.supply,
      pricePerShare: sale.pricePerShare,
      windowSeconds: window.seconds,
    }),
  };
}

export type GroupedPoint = {
  key: string;
  bucket: Date;
  reports: number;
  utilizationBpsSum: bigint;
  gpuHoursMilli: bigint;
  revenueReported: bigint;
  revenueDeposited: bigint;
};

/** The rollups of every key of one dimension over a period, ordered by key then bucket (one query for all lines). */
export async function groupedSeries(
  db: Database,
  query: { chainId: number; granularity: RollupGranularity; dimension: RollupDimension; from: Date; to: Date },
): Promise<GroupedPoint[]> {
  return db
    .select({
      key: rollups.key,
      bucket: rollups.bucket,
      reports: rollups.reportCount,
      utilizationBpsSum: rollups.utilizationBpsSum,
      gpuHoursMilli: rollups.gpuHoursMilli,
      revenueReported: rollups.revenueReported,
      revenueDeposited: rollups.revenueDeposited,
    })
    .from(rollups)
    .where(rollupsIn(query))
    .orderBy(asc(rollups.key), asc(rollups.bucket));
}

/** Per-cluster mean utilization over a period (daily rollups), for the utilization distribution. */
export async function clusterUtilizations(db: Database, query: { chainId: number; from: Date; to: Date }) {
  const rows = await db
    .select({
      key: rollups.key,
      reports: sum(rollups.reportCount).mapWith(Number),
      utilizationBpsSum: sum(rollups.utilizationBpsSum).mapWith(Number),
    })
    .from(rollups)
    .where(
      rollupsIn({ chainId: query.chainId, granularity: 'day', dimension: 'cluster', from: query.from, to: query.to }),
    )
    .groupBy(rollups.key);
  return rows
    .filter((row) => row.reports > 0)
    .map((row) => ({
      clusterId: BigInt(row.key),
      utilizationBps: meanUtilizationBps(row.utilizationBpsSum, row.reports) ?? 0,
    }));
}
