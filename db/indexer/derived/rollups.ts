/**
 * The hourly and daily rollups (per cluster, GPU model, location and the whole network), moved by deltas in the
 * transaction that writes a range and by the negated deltas in the one that rolls it back.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Executor, insertRows, type Transaction } from '../../bulk-insert';
import { clusters, rollups } from '../../schema';

export type ClusterMeta = Map<bigint, { gpuModel: string; location: string }>;

export async function clusterMeta(tx: Transaction, chainId: number, ids: bigint[]): Promise<ClusterMeta> {
  const unique = [...new Set(ids)];
  const meta: ClusterMeta = new Map();
  if (unique.length === 0) return meta;
  const rows = await tx
    .select({ clusterId: clusters.clusterId, gpuModel: clusters.gpuModel, location: clusters.location })
    .from(clusters)
    .where(and(eq(clusters.chainId, chainId), inArray(clusters.clusterId, unique)));
  for (const row of rows) meta.set(row.clusterId, row);
  return meta;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

export type ReportLike = {
  clusterId: bigint;
  /** The Unix second the epoch ended: the report's place in the rollups (see reportTime). */
  epoch: bigint;
  utilizationBps: number;
  gpuHoursMilli: bigint;
  gpusOnline: number;
  revenue: bigint;
};
type DepositLike = { clusterId: bigint; blockTime: Date; amount: bigint };

type RollupRow = typeof rollups.$inferInsert;

/**
 * Where a report sits in time: the last millisecond of the epoch it measures, never the block that carried it. The
 * contract accepts any increasing epochs, so a relayer (or a new cluster's operator) can land 90 days of reports in
 * one block; keyed by block time they would all count as today's revenue and utilization and inflate every trailing
 * window. Deposits stay at block time: a deposit is money paid into the stream when it lands.
 */
export function reportTime(epoch: bigint) {
  return new Date(Number(epoch) * 1000 - 1);
}

/** The rollup keys one cluster-time contributes to: hour and day × cluster, GPU model, location and network. */
function rollupKeys(clusterId: bigint, time: Date, meta: ClusterMeta) {
  const cluster = meta.get(clusterId);
  const keys: Pick<RollupRow, 'granularity' | 'dimension' | 'key' | 'bucket'>[] = [];
  for (const [granularity, size] of [
    ['hour', HOUR],
    ['day', DAY],
  ] as const) {
    const bucket = new Date(Math.floor(time.getTime() / size) * size);
    keys.push({ granularity, dimension: 'cluster', key: clusterId.toString(), bucket });
    keys.push({ granularity, dimension: 'network', key: '', bucket });
    if (cluster) {
      keys.push({ granularity, dimension: 'gpu_model', key: cluster.gpuModel, bucket });
      keys.push({ granularity, dimension: 'location', key: cluster.location, bucket });
    }
  }
  return keys;
}

/** Folds reports and deposits into rollup deltas (× `sign`) and adds them; rows left empty are deleted. */
export async function applyRollupDeltas(
  tx: Executor,
  chainId: number,
  meta: ClusterMeta,
  reports: ReportLike[],
  deposits: DepositLike[],
  sign: 1n | -1n,
) {
  if (reports.length === 0 && deposits.length === 0) return;
  const deltas = new Map<string, RollupRow>();
  const entry = (key: Pick<RollupRow, 'granularity' | 'dimension' | 'key' | 'bucket'>) => {
    const id = `${key.granularity}|${key.dimension}|${key.key}|${key.bucket.getTime()}`;
    let row = deltas.get(id);
    if (!row) {
      row = {
        chainId,
        ...key,
        reportCount: 0,
        utilizationBpsSum: 0n,
        gpuHoursMilli: 0n,
        gpusOnlineSum: 0n,
        revenueReported: 0n,
        depositCount: 0,
        revenueDeposited: 0n,
      };
      deltas.set(id, row);
    }
    return row;
  };
  const n = Number(sign);
  for (const report of reports) {
    for (const key of rollupKeys(report.clusterId, reportTime(report.epoch), meta)) {
      const row = entry(key);
      row.reportCount += n;
      row.utilizationBpsSum! += BigInt(report.utilizationBps) * sign;
      row.gpuHoursMilli! += report.gpuHoursMilli * sign;
      row.gpusOnlineSum! += BigInt(report.gpusOnline) * sign;
      row.revenueReported! += report.revenue * sign;
    }
  }
  for (const deposit of deposits) {
    for (const key of rollupKeys(deposit.clusterId, deposit.blockTime, meta)) {
      const row = entry(key);
      row.depositCount! += n;
      row.revenueDeposited! += deposit.amount * sign;
    }
  }
  const rows = [...deltas.values()];
  await insertRows(
    tx,
    rollups,
    rows,
    sql`on conflict (chain_id, granularity, dimension, key, bucket) do update set
      report_count = ${rollups}.report_count + excluded.report_count,
      utilization_bps_sum = ${rollups}.utilization_bps_sum + excluded.utilization_bps_sum,
      gpu_hours_milli = ${rollups}.gpu_hours_milli + excluded.gpu_hours_milli,
      gpus_online_sum = ${rollups}.gpus_online_sum + excluded.gpus_online_sum,
      revenue_reported = ${rollups}.revenue_reported + excluded.revenue_reported,
      deposit_count = ${rollups}.deposit_count + excluded.deposit_count,
      revenue_deposited = ${rollups}.revenue_deposited + excluded.revenue_deposited`,
  );
  if (sign < 0n) {
    await tx
      .delete(rollups)
      .where(and(eq(rollups.chainId, chainId), eq(rollups.reportCount, 0), eq(rollups.depositCount, 0)));
  }
}
