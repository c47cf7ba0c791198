/**
 * Network analytics for the /analytics page and its CSV exports: every chart is computed once here as labelled
 * datasets (what the chart draws) and as rows (what the CSV holds), so the download always matches the picture.
 */

import type { AppLoadContext } from '@remix-run/node';
import { formatUnits, parseUnits } from 'viem';
import { clusterUtilizations, groupedSeries } from '#db/analytics/series';
import { revenuePerGpuHour } from '#protocol/figures/gpu-hours';
import { meanUtilizationBps } from '#protocol/figures/utilization';
import { type AnalyticsQuery, type ChartName, RANGES } from '~/lib/analytics-query';
import type { CsvCell } from '~/lib/csv';
import { cachedMarket } from '~/models/market.server';
import { stablecoinDecimals } from '~/models/stablecoin.server';
import { staleWhileRevalidate } from '~/models/stale-while-revalidate.server';

const HOUR_MS = 3_600_000;

export type Chart = {
  id: ChartName;
  labels: string[];
  datasets: { label: string; data: (number | null)[]; dashed?: boolean }[];
  csv: { header: string[]; rows: CsvCell[][] };
};

type Charts = Awaited<ReturnType<typeof computeCharts>>;
const chartsCache = staleWhileRevalidate<Charts>({ freshMs: 2_000, maxStaleMs: 30_000, maxEntries: 100 });

/**
 * The charts of one view, reused for 2 seconds per database and parameters and then served stale while the next
 * computation runs (a page view and its CSV downloads share one computation; the rollups change at most once per
 * indexed range).
 */
export function analyticsCharts(context: AppLoadContext, query: AnalyticsQuery, wallNow = Date.now()) {
  const key = `${context.chain.chainId}/${query.range}/${query.group}/${query.price ?? ''}`;
  return chartsCache(context.db, key, () => computeCharts(context, query), wallNow);
}

async function computeCharts({ db, chain, web }: AppLoadContext, query: AnalyticsQuery) {
  // The charts end at chain time (the mirror's newest indexed block), like the market's figures (review H1);
  // the wall clock above only ages the cache entry.
  const nowMs = (await cachedMarket(db, chain.chainId)).at.getTime();
  const days = RANGES[query.range];
  const granularity: 'hour' | 'day' = days <= 7 ? 'hour' : 'day';
  const step = granularity === 'hour' ? HOUR_MS : 24 * HOUR_MS;
  const to = new Date(Math.floor(nowMs / step) * step + step);
  const from = new Date(to.getTime() - days * 24 * HOUR_MS);
  const referencePrice = query.price ?? web.cloudReferencePriceUsd;
  const dimension = query.group === 'network' ? 'network' : query.group;
  const [points, perCluster] = await Promise.all([
    groupedSeries(db, { chainId: chain.chainId, granularity, dimension, from, to }),
    clusterUtilizations(db, { chainId: chain.chainId, from, to }),
  ]);
  // The stablecoin's decimals as its contract states them (stablecoin.server.ts), never a hand-kept 6 (read
  // after the mirror, so a closed database answers 503 before the chain is asked).
  const decimals = await stablecoinDecimals(chain);
  const usd = (value: bigint) => formatUnits(value, decimals);
  const referenceBaseUnits = parseUnits(referencePrice, decimals);

  const buckets: string[] = [];
  for (let at = from.getTime(); at < to.getTime(); at += step) {
    buckets.push(new Date(at).toISOString().slice(0, granularity === 'hour' ? 13 : 10));
  }
  const bucketIndex = new Map(buckets.map((bucket, index) => [bucket, index]));
  const keys = [...new Set(points.map((point) => point.key))];
  const labelOf = (key: string) => (key === '' ? 'network' : key);
  const empty = () => new Array<number | null>(buckets.length).fill(null);
  const utilization = new Map(keys.map((key) => [key, empty()]));
  const perGpuHour = new Map(keys.map((key) => [key, empty()]));
  const reported = empty().map(() => 0);
  const deposited = empty().map(() => 0);
  const utilizationRows: CsvCell[][] = [];
  const revenueRows: CsvCell[][] = [];
  const perGpuHourRows: CsvCell[][] = [];
  const reportedTotals = new Array<bigint>(buckets.length).fill(0n);
  const depositedTotals = new Array<bigint>(buckets.length).fill(0n);

  for (const point of points) {
    const bucket = point.bucket.toISOString().slice(0, granularity === 'hour' ? 13 : 10);
    const index = bucketIndex.get(bucket);
    if (index === undefined) continue;
    const group = labelOf(point.key);
    const utilizationBps = meanUtilizationBps(point.utilizationBpsSum, point.reports);
    const utilizationPct = utilizationBps === null ? null : utilizationBps / 100;
    utilization.get(point.key)![index] = utilizationPct;
    utilizationRows.push([bucket, group, point.reports, utilizationPct?.toFixed(2) ?? null]);
    const perHour = revenuePerGpuHour(point.revenueReported, point.gpuHoursMilli);
    perGpuHour.get(point.key)![index] = perHour === null ? null : Number(usd(perHour));
    perGpuHourRows.push([
      bucket,
      group,
      formatUnits(point.gpuHoursMilli, 3),
      usd(point.revenueReported),
      perHour === null ? null : usd(perHour),
      referencePrice,
    ]);
    reportedTotals[index]! += point.revenueReported;
    depositedTotals[index]! += point.revenueDeposited;
  }
  for (const [index, bucket] of buckets.entries()) {
    reported[index] = Number(usd(reportedTotals[index]!));
    deposited[index] = Number(usd(depositedTotals[index]!));
    if (reportedTotals[index]! > 0n || depositedTotals[index]! > 0n) {
      revenueRows.push([
        bucket,
        usd(reportedTotals[index]!),
        usd(depositedTotals[index]!),
        usd(reportedTotals[index]! - depositedTotals[index]!),
      ]);
    }
  }

  const bins = new Array<number>(10).fill(0);
  for (const cluster of perCluster) bins[Math.min(9, Math.floor(cluster.utilizationBps / 1_000))]! += 1;
  const binLabels = bins.map((_, index) => `${index * 10}–${index * 10 + 10} %`);

  const charts: Chart[] = [
    {
      id: 'utilization',
      labels: buckets,
      datasets: keys.map((key) => ({ label: labelOf(key), data: utilization.get(key)! })),
      csv: { header: ['bucket', 'group', 'reports', 'utilization_pct'], rows: utilizationRows },
    },
    {
      id: 'revenue',
      labels: buckets,
      datasets: [
        { label: 'reported', data: reported },
        { label: 'deposited', data: deposited },
      ],
      csv: { header: ['bucket', 'revenue_reported_usd', 'revenue_deposited_usd', 'gap_usd'], rows: revenueRows },
    },
    {
      id: 'revenue-per-gpu-hour',
      labels: buckets,
      datasets: [
        ...keys.map((key) => ({ label: labelOf(key), data: perGpuHour.get(key)! })),
        { label: `reference $${referencePrice}`, data: buckets.map(() => Number(referencePrice)), dashed: true },
      ],
      csv: {
        header: ['bucket', 'group', 'gpu_hours', 'revenue_reported_usd', 'revenue_per_gpu_hour_usd', 'reference_usd'],
        rows: perGpuHourRows,
      },
    },
    {
      id: 'distribution',
      labels: binLabels,
      datasets: [{ label: 'clusters', data: bins }],
      csv: {
        header: ['utilization_bin', 'clusters'],
        rows: bins.map((count, index) => [binLabels[index]!, count]),
      },
    },
  ];
  return {
    granularity,
    from: from.toISOString(),
    to: to.toISOString(),
    referencePrice,
    referenceBaseUnits: referenceBaseUnits.toString(),
    charts,
  };
}
