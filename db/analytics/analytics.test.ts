import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { applyRollupDeltas } from '../indexer/derived/rollups';
import { rollups } from '../schema';
import { clusterSeries, networkSeries } from './series';

const meta = new Map([
  [1n, { gpuModel: 'H100', location: 'KR-SEL-01' }],
  [2n, { gpuModel: 'A100', location: 'KR-SEL-01' }],
]);
const at = (iso: string) => new Date(iso);
const report = (clusterId: bigint, time: string, utilizationBps: number, revenue: bigint) => ({
  clusterId,
  // Reports sit in the rollups at their epoch's end (Unix s), whatever block carried them.
  epoch: BigInt(Math.ceil(at(time).getTime() / 1000)),
  utilizationBps,
  gpuHoursMilli: 1_000n,
  gpusOnline: 8,
  revenue,
});

describe.each(testDatabases)('analytics on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('averages utilization per hour and day, per cluster and network, and reconciles revenue', async () => {
    handle = await open();
    const { db } = handle;
    await applyRollupDeltas(
      db,
      1,
      meta,
      [
        report(1n, '2030-01-01T00:10:00Z', 8_000, 100n),
        report(2n, '2030-01-01T00:20:00Z', 4_000, 50n),
        report(1n, '2030-01-01T01:10:00Z', 6_000, 70n),
      ],
      [{ clusterId: 1n, blockTime: at('2030-01-01T05:00:00Z'), amount: 120n }],
      1n,
    );
    const period = { chainId: 1, from: at('2030-01-01T00:00:00Z'), to: at('2030-01-02T00:00:00Z') };
    const network = await networkSeries(db, { ...period, granularity: 'hour' });
    expect(network.map((point) => [point.bucket.toISOString(), point.utilizationBps, point.revenueReported])).toEqual([
      ['2030-01-01T00:00:00.000Z', 6_000, 150n],
      ['2030-01-01T01:00:00.000Z', 6_000, 70n],
      ['2030-01-01T05:00:00.000Z', null, 0n],
    ]);
    const daily = await clusterSeries(db, { ...period, granularity: 'day', clusterId: 1n });
    expect(
      daily.map((point) => [point.reports, point.utilizationBps, point.revenueReported, point.revenueDeposited]),
    ).toEqual([[2, 7_000, 170n, 120n]]);
    const models = await db
      .select()
      .from(rollups)
      .where(and(eq(rollups.granularity, 'day'), eq(rollups.dimension, 'gpu_model')))
      .orderBy(asc(rollups.key));
    expect(models.map((row) => [row.key, row.reportCount, row.revenueReported])).toEqual([
      ['A100', 1, 50n],
      ['H100', 2, 170n],
    ]);
  });
});
