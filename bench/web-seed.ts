/** The web benchmark's data set (bench/web.ts), seeded straight into the mirror tables of PGlite or PostgreSQL. */
import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/database';

export const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 1_000);
export const DAYS = 365;
export const CHAIN_ID = 31_337;

/** Clusters over 4 GPU models and 5 IDCs; every other one tokenized with a sale 0-100 % sold; a year of rollups. */
export async function seed(db: DatabaseHandle['db']) {
  const now = Math.floor(Date.now() / 1000);
  const hash = (expression: string) => sql.raw(`'0x' || lpad(to_hex(${expression}), 64, '0')`);
  const address = (expression: string) => sql.raw(`'0x' || lpad(to_hex(${expression}), 40, '0')`);
  await db.execute(sql`
    insert into mirror.clusters (chain_id, cluster_id, operator, gpu_model, location, gpu_count, hardware_root, metadata_uri,
      metadata_hash, status, registered_at, registered_block, attested_at, attested_until, last_epoch, last_report_at)
    select ${CHAIN_ID}, c, ${address('1 + c % 3')},
      (array['NVIDIA H100 SXM5 80GB','NVIDIA H200 141GB','NVIDIA A100 80GB','NVIDIA L40S'])[1 + c % 4],
      (array['KR-SEL-01','KR-PUS-02','US-NYC-02','DE-FRA-01','SG-SIN-01'])[1 + c % 5], 8 * (1 + c % 4),
      ${hash('c')}, '', ${hash('0')}, case when c % 17 = 0 then 'suspended' else 'attested' end,
      to_timestamp(${now - DAYS * 86_400}), c, to_timestamp(${now} - c * 60), to_timestamp(${now} + 86400 * (c % 40) - 86400 * 5),
      ${now} - ${now} % 3600, to_timestamp(${now} - c * 7)
    from generate_series(1, ${CLUSTERS}) as c`);
  const logColumns = (block: string) =>
    sql.raw(
      `${CHAIN_ID}, ${block}, '0x' || lpad(to_hex(${block}), 64, '0'), 0, '0x' || lpad(to_hex(${block}), 64, '0'), now()`,
    );
  await db.execute(sql`
    insert into mirror.share_tokens (chain_id, block_number, block_hash, log_index, transaction_hash, block_time, token,
      cluster_id, offering, operator, name, symbol, supply)
    select ${logColumns('c')}, ${address('100000 + c')}, c, ${address('200000 + c')}, ${address('1 + c % 3')},
      'Cluster ' || c || ' shares', 'RS' || c, 1000 * 10::numeric ^ 18
    from generate_series(2, ${CLUSTERS}, 2) as c`);
  await db.execute(sql`
    insert into mirror.offerings (chain_id, block_number, block_hash, log_index, transaction_hash, block_time, offering, token,
      cluster_id, price_per_share, sale_start, sale_end, soft_cap, per_buyer_cap)
    select ${logColumns('c')}, ${address('200000 + c')}, ${address('100000 + c')}, c, 10000000 + c * 1000,
      now(), now() + interval '1 day', 0, 0
    from generate_series(2, ${CLUSTERS}, 2) as c`);
  await db.execute(sql`
    insert into mirror.offering_events (chain_id, block_number, block_hash, log_index, transaction_hash, block_time, offering,
      kind, account, shares, amount, total_sold, total_raised)
    select ${logColumns('1000000 + c')}, ${address('200000 + c')}, 'purchased', ${address('7')},
      (c % 101) * 10 * 10::numeric ^ 18, 0, (c % 101) * 10 * 10::numeric ^ 18, 0
    from generate_series(2, ${CLUSTERS}, 2) as c`);
  // Daily rollups per cluster (24 reports a day), then the model, IDC and network rows summed from them.
  await db.execute(sql`
    insert into mirror.rollups (chain_id, granularity, dimension, key, bucket, report_count, utilization_bps_sum,
      gpu_hours_milli, gpus_online_sum, revenue_reported, deposit_count, revenue_deposited)
    select ${CHAIN_ID}, 'day', 'cluster', c::text, date_trunc('day', now(), 'UTC') - d * interval '1 day', 24,
      24 * (4000 + (c * 37 + d * 11) % 6000), 8 * 24 * (4000 + (c * 37 + d * 11) % 6000) / 10, 24 * 8,
      (4000 + (c * 37 + d * 11) % 6000) * 48000, 1, (4000 + (c * 37 + d * 11) % 6000) * 45000
    from generate_series(1, ${CLUSTERS}) as c, generate_series(0, ${DAYS - 1}) as d`);
  for (const [dimension, key] of [
    ['gpu_model', 'c.gpu_model'],
    ['location', 'c.location'],
    ['network', "''"],
  ] as const) {
    await db.execute(sql`
      insert into mirror.rollups (chain_id, granularity, dimension, key, bucket, report_count, utilization_bps_sum,
        gpu_hours_milli, gpus_online_sum, revenue_reported, deposit_count, revenue_deposited)
      select r.chain_id, 'day', ${dimension}, ${sql.raw(key)}, r.bucket, sum(r.report_count), sum(r.utilization_bps_sum),
        sum(r.gpu_hours_milli), sum(r.gpus_online_sum), sum(r.revenue_reported), sum(r.deposit_count),
        sum(r.revenue_deposited)
      from mirror.rollups r join mirror.clusters c on c.chain_id = r.chain_id and c.cluster_id::text = r.key
      where r.dimension = 'cluster' group by 1, 2, 3, 4, 5`);
  }
  await db.execute(sql`analyze`);
}
