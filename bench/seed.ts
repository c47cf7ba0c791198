/**
 * Synthetic history for benchmarks: `clusters` clusters (models and IDCs spread over a few values) reporting every
 * hour for `days` days. The reports are generated server-side into `epoch_reports` (generate_series: inserting 876,000
 * rows through the client would take minutes on 2 cores), then the rollups are built from them with one grouped
 * insert per granularity and dimension — the same sums the indexer maintains incrementally (keyed by epoch time, as
 * db/indexer/derived/rollups.ts's reportTime).
 */
import { sql } from 'drizzle-orm';
import { insertRows } from '../db/bulk-insert';
import type { Database } from '../db/database';
import { clusters as clustersTable, epochReports, rollups } from '../db/schema';

const MODELS = ['NVIDIA H100 SXM5 80GB', 'NVIDIA H200 141GB', 'NVIDIA A100 80GB', 'NVIDIA L40S'];
const LOCATIONS = ['KR-SEL-01', 'KR-PUS-02', 'US-NYC-02', 'DE-FRA-01', 'SG-SIN-01'];

export async function seedHourlyReports(
  db: Database,
  options: { chainId: number; clusters: number; days: number; end: Date },
) {
  const { chainId } = options;
  const rows = [];
  for (let index = 1; index <= options.clusters; index++) {
    rows.push({
      chainId,
      clusterId: BigInt(index),
      operator: '0x0000000000000000000000000000000000000001' as const,
      gpuModel: MODELS[index % MODELS.length]!,
      location: LOCATIONS[index % LOCATIONS.length]!,
      gpuCount: 8,
      hardwareRoot: `0x${index.toString(16).padStart(64, '0')}` as const,
      metadataUri: '',
      metadataHash: `0x${'00'.repeat(32)}` as const,
      status: 'attested' as const,
      registeredAt: new Date(options.end.getTime() - options.days * 86_400_000),
      registeredBlock: 1n,
      lastEpoch: BigInt(Math.floor(options.end.getTime() / 3_600_000) * 3_600),
    });
  }
  await insertRows(db, clustersTable, rows);
  const hours = options.days * 24;
  const endSeconds = Math.floor(options.end.getTime() / 3_600_000) * 3_600;
  await db.execute(sql`
    insert into ${epochReports} (chain_id, block_number, block_hash, log_index, transaction_hash, block_time, cluster_id,
      epoch, gpu_hours_milli, utilization_bps, gpus_online, revenue, telemetry_root, submitter)
    select ${chainId}::integer, h, lpad(to_hex(h), 66, '0x0'), c, lpad(to_hex(h * 1000 + c), 66, '0x0'),
      to_timestamp(${endSeconds}::bigint - (${hours}::bigint - h) * 3600), c, ${endSeconds}::bigint - (${hours}::bigint - h) * 3600,
      8 * (5000 + (c * 37 + h * 7) % 5000) / 10, 5000 + (c * 37 + h * 7) % 5000, 8,
      (5000 + (c * 37 + h * 7) % 5000) * 2000, lpad('', 66, '0x0'), '0x0000000000000000000000000000000000000007'
    from generate_series(1, ${hours}::integer) as h, generate_series(1, ${options.clusters}::integer) as c`);
  for (const granularity of ['hour', 'day'] as const) {
    for (const [dimension, key] of [
      ['cluster', sql`r.cluster_id::text`],
      ['gpu_model', sql`c.gpu_model`],
      ['location', sql`c.location`],
      ['network', sql`''`],
    ] as const) {
      await db.execute(sql`
        insert into ${rollups} (chain_id, granularity, dimension, key, bucket, report_count, utilization_bps_sum,
          gpu_hours_milli, gpus_online_sum, revenue_reported, deposit_count, revenue_deposited)
        select r.chain_id, ${granularity}, ${dimension}, ${key}, date_trunc(${granularity}, to_timestamp(r.epoch) - interval '1 millisecond', 'UTC'), count(*),
          sum(r.utilization_bps), sum(r.gpu_hours_milli), sum(r.gpus_online), sum(r.revenue), 0, 0
        from ${epochReports} r join ${clustersTable} c on c.chain_id = r.chain_id and c.cluster_id = r.cluster_id
        where r.chain_id = ${chainId}
        group by 1, 2, 3, 4, 5`);
    }
  }
  await db.execute(sql`analyze`);
}
