import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asc, sql } from 'drizzle-orm';
import type { Hex } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { marketRows } from '../analytics/market';
import { clusterSeries } from '../analytics/series';
import type { Database, DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { rollups } from '../schema';
import { applyRollupDeltas } from './derived/rollups';
import { writeRange } from './store';
import { type EventRows, emptyEventRows } from './tables';

const CHAIN_ID = 31_337;
const HOUR_S = 3_600;
const CLUSTER = 1n;
const OPERATOR = '0x00000000000000000000000000000000000000a1' as const;
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;

/** "Now": the block that lands the whole backlog, on an hour boundary so the epochs line up with the windows. */
const NOW_S = Date.UTC(2031, 0, 1) / 1000;
const now = new Date(NOW_S * 1000);

/** 90 days of hourly epochs ending at `NOW_S`, with revenue and utilization that differ per epoch. */
const epochs = Array.from({ length: 90 * 24 }, (_, index) => {
  const epoch = NOW_S - (90 * 24 - 1 - index) * HOUR_S;
  return { epoch, revenue: BigInt(1_000 + (index % 97)), utilizationBps: 3_000 + ((index * 37) % 6_000) };
});

function backlogInOneBlock(): EventRows {
  const rows = emptyEventRows();
  const at = (blockNumber: bigint, logIndex: number) => ({
    chainId: CHAIN_ID,
    blockNumber,
    blockHash: hash(Number(blockNumber)),
    logIndex,
    transactionHash: hash(1_000_000 + Number(blockNumber) * 10_000 + logIndex),
  });
  // Registered 91 days ago (its own block)...
  rows.clusterEvents.push({
    ...at(10n, 0),
    blockTime: new Date((NOW_S - 91 * 86_400) * 1000),
    clusterId: CLUSTER,
    kind: 'registered',
    operator: OPERATOR,
    gpuModel: 'NVIDIA H100 SXM5 80GB',
    location: 'KR-SEL-01',
    gpuCount: 8,
    hardwareRoot: hash(7),
    metadataUri: '',
    metadataHash: hash(0),
  });
  // ...then 90 days of reports all mined in one block today (a relayer catching up, or a fabricated history).
  epochs.forEach(({ epoch, revenue, utilizationBps }, index) => {
    rows.epochReports.push({
      ...at(20n, index),
      blockTime: now,
      clusterId: CLUSTER,
      epoch: BigInt(epoch),
      gpuHoursMilli: 8_000n,
      utilizationBps,
      gpusOnline: 8,
      revenue,
      telemetryRoot: hash(index + 1),
      submitter: OPERATOR,
    });
  });
  return rows;
}

const end = { number: 20n, hash: hash(20), parentHash: hash(19), timestamp: now };

async function rollupRows(db: Database) {
  return db
    .select()
    .from(rollups)
    .orderBy(asc(rollups.granularity), asc(rollups.dimension), asc(rollups.key), asc(rollups.bucket));
}

describe.each(testDatabases)('report rollups on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('keys reports by epoch time: 90 days of reports landed in one block count only their last 30 days in the 30-day figures, utilization rounded to whole bps (review: unrounded mean)', async () => {
    handle = await open();
    const { db } = handle;
    await writeRange(db, CHAIN_ID, backlogInOneBlock(), end);

    // The reports whose epoch lies in the market table's window: the 30 UTC days ending with the chain time's day
    // (its daily rollups from the midnight 29 days before today's through now).
    const windowStart = Math.floor(NOW_S / 86_400) * 86_400 - 29 * 86_400;
    const inWindow = epochs.filter(({ epoch }) => epoch * 1000 - 1 >= windowStart * 1000);
    expect(inWindow.length).toBeLessThan(epochs.length / 2);
    const [row] = await marketRows(db, { chainId: CHAIN_ID, now });
    expect(row!.clusterId).toBe(CLUSTER);
    expect(row!.revenueReported).toBe(inWindow.reduce((sum, { revenue }) => sum + revenue, 0n));
    // Utilization is whole basis points: the mean of the window's reports rounded half up to the nearest one
    // (protocol/figures/utilization.ts). The hand-computed mean here is fractional, so an unrounded figure fails.
    const utilizationSum = inWindow.reduce((sum, { utilizationBps }) => sum + utilizationBps, 0);
    expect(utilizationSum % inWindow.length).not.toBe(0);
    expect(row!.utilizationBps).toBe(Math.round(utilizationSum / inWindow.length));

    // The daily series spreads the backlog over the days it measures: one report per hour, 24 a day.
    const series = await clusterSeries(db, {
      chainId: CHAIN_ID,
      clusterId: CLUSTER,
      granularity: 'day',
      from: new Date((NOW_S - 90 * 86_400) * 1000),
      to: now,
    });
    expect(series).toHaveLength(90);
    expect(series.every((point) => point.reports === 24)).toBe(true);
  });

  it('migration 0004 moves rollups written by block time to epoch time, as a clean index writes them', async () => {
    handle = await open();
    const { db } = handle;
    await writeRange(db, CHAIN_ID, backlogInOneBlock(), end);
    const clean = await rollupRows(db);

    // What 64a4f38's indexer left behind: the reports' share at the block's time (taken out and put back there).
    const reports = backlogInOneBlock().epochReports;
    const meta = new Map([[CLUSTER, { gpuModel: 'NVIDIA H100 SXM5 80GB', location: 'KR-SEL-01' }]]);
    await applyRollupDeltas(db, CHAIN_ID, meta, reports, [], -1n);
    await applyRollupDeltas(
      db,
      CHAIN_ID,
      meta,
      reports.map((report) => ({ ...report, epoch: BigInt(NOW_S) })),
      [],
      1n,
    );
    // A deposit keeps its block time through the migration.
    const deposit = { clusterId: CLUSTER, blockTime: new Date((NOW_S - 3 * 86_400) * 1000), amount: 5_000n };
    await applyRollupDeltas(db, CHAIN_ID, meta, [], [deposit], 1n);
    expect(await rollupRows(db)).not.toEqual(clean);

    const migration = readFileSync(join(import.meta.dirname, '../migrations/0004_rollups_by_epoch_time.sql'), 'utf8');
    // 0004 names its tables unqualified, as they were in `public` then; they live in `mirror` since 0005.
    await db.transaction(async (tx) => {
      await tx.execute(sql`set local search_path to mirror, public`);
      for (const statement of migration.split('--> statement-breakpoint')) await tx.execute(sql.raw(statement));
    });

    // The same rows a clean index writes, plus the deposit where it was.
    await applyRollupDeltas(db, CHAIN_ID, meta, [], [deposit], -1n);
    expect(await rollupRows(db)).toEqual(clean);
  });
});
