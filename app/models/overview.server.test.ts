import type { AppLoadContext } from '@remix-run/node';
import { and, eq } from 'drizzle-orm';
import type { PublicClient } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import type { MarketRow } from '#db/analytics/market';
import { testDatabases } from '#db/databases.test-kit';
import { indexedBlocks, revenueDeposits, rollups, shareTokens, stablecoinTransfers } from '#db/schema';
import { bestByApr, frontDoorMirror, getOverview, networkSize } from './overview.server';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const;
const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as const;

describe.each(testDatabases)('overview on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('counts the stablecoin transfers once per indexed block, not on every render (M-7)', async () => {
    handle = await open();
    const { db } = handle;
    // A chain id of its own: the count memo is process-wide, keyed by chain and indexed block.
    const chainId = 77_000 + Math.floor(Math.random() * 1_000);
    const transfer = (logIndex: number, block: number) => ({
      chainId,
      blockNumber: BigInt(block),
      blockHash: hash(block),
      logIndex,
      transactionHash: hash(1_000 + logIndex),
      blockTime: new Date(),
      from: address(1),
      to: address(2),
      value: 5n,
    });
    const indexed = (block: number) => ({ chainId, number: BigInt(block), hash: hash(block), timestamp: new Date() });
    await db.insert(indexedBlocks).values(indexed(10));
    await db.insert(stablecoinTransfers).values([transfer(0, 10), transfer(1, 10)]);
    const publicClient = {
      getBlock: async () => ({ number: 12n, hash: hash(12), timestamp: 1_700_000_000n }),
    } as unknown as PublicClient;
    const context = { db, chain: { chainId, publicClient } } as unknown as AppLoadContext;
    const listed = async () => {
      const overview = await getOverview(context);
      return [overview.transferCount, overview.recentTransfers.map((row) => row.transactionHash)];
    };
    expect(await listed()).toEqual([2, [hash(1_001), hash(1_000)]]);
    // A row the indexer's cursor does not cover yet (written inside its range transaction in real life): the count and
    // the list of block 10 are not re-read.
    await db.insert(stablecoinTransfers).values(transfer(2, 11));
    expect(await listed()).toEqual([2, [hash(1_001), hash(1_000)]]);
    await db.insert(indexedBlocks).values(indexed(11));
    expect(await listed()).toEqual([3, [hash(1_002), hash(1_001), hash(1_000)]]);
    expect((await getOverview(context)).indexedBlock).toBe('11');
  });

  it('sums the lifetime totals from the daily network rollups and lists the newest deposits with their token', async () => {
    handle = await open();
    const { db } = handle;
    const chainId = 78_000 + Math.floor(Math.random() * 1_000);
    const day = (n: number) => new Date(Date.UTC(2026, 0, n));
    const rollup = (bucket: Date, dimension: 'network' | 'cluster', reported: bigint, deposited: bigint) => ({
      chainId,
      granularity: 'day' as const,
      dimension,
      key: dimension === 'network' ? '' : '1',
      bucket,
      reportCount: 2,
      utilizationBpsSum: 10_000n,
      gpuHoursMilli: 1n,
      gpusOnlineSum: 2n,
      revenueReported: reported,
      depositCount: deposited > 0n ? 1 : 0,
      revenueDeposited: deposited,
    });
    await db.insert(rollups).values([
      rollup(day(1), 'network', 10n ** 30n, 5n),
      rollup(day(2), 'network', 7n, 0n),
      // Another dimension and a day after the chain time are not network history yet.
      rollup(day(2), 'cluster', 1_000n, 1_000n),
      rollup(day(9), 'network', 1_000n, 1_000n),
    ]);
    const log = (block: number, logIndex: number) => ({
      chainId,
      blockNumber: BigInt(block),
      blockHash: hash(block),
      logIndex,
      transactionHash: hash(2_000 + block * 10 + logIndex),
      blockTime: day(2),
    });
    const token = address(0x70);
    await db.insert(shareTokens).values({
      ...log(1, 0),
      token,
      clusterId: 1n,
      offering: address(0x71),
      operator: address(0x72),
      name: 'Rack One',
      symbol: 'RACK1',
      supply: 10n ** 24n,
    });
    const deposit = (block: number, amount: bigint) => ({
      ...log(block, 1),
      token,
      clusterId: 1n,
      payer: address(0x72),
      amount,
      durationSeconds: 604_800n,
      ratePerSecond: 1n,
      streamEnd: day(9),
      carriedOver: 0n,
    });
    await db.insert(revenueDeposits).values([deposit(3, 5n), deposit(4, 6n)]);
    await db
      .insert(indexedBlocks)
      .values({ chainId, number: 4n, hash: hash(4), timestamp: new Date(Date.UTC(2026, 0, 2, 12)) });
    const context = { db, chain: { chainId } } as unknown as AppLoadContext;

    const mirror = await frontDoorMirror(context);
    expect(mirror.indexedBlock).toBe('4');
    expect(mirror.totals).toEqual({
      reports: 4,
      revenueReported: (10n ** 30n + 7n).toString(),
      deposits: 1,
      revenueDeposited: '5',
    });
    expect(mirror.deposits.map((row) => [row.blockNumber, row.amount, row.symbol, row.durationSeconds])).toEqual([
      ['4', '6', 'RACK1', 604_800],
      ['3', '5', 'RACK1', 604_800],
    ]);
    // Read once per indexed block: a deposit (and its day's rollup) the cursor does not cover yet changes nothing.
    await db.insert(revenueDeposits).values(deposit(5, 7n));
    await db
      .update(rollups)
      .set({ depositCount: 2, revenueDeposited: 12n })
      .where(and(eq(rollups.chainId, chainId), eq(rollups.dimension, 'network'), eq(rollups.bucket, day(1))));
    expect(await frontDoorMirror(context)).toEqual(mirror);
    await db
      .insert(indexedBlocks)
      .values({ chainId, number: 5n, hash: hash(5), timestamp: new Date(Date.UTC(2026, 0, 2, 13)) });
    const next = await frontDoorMirror(context);
    expect(next.indexedBlock).toBe('5');
    expect(next.totals).toMatchObject({ deposits: 2, revenueDeposited: '12' });
    expect(next.deposits.map((row) => [row.blockNumber, row.amount])).toEqual([
      ['5', '7'],
      ['4', '6'],
      ['3', '5'],
    ]);
  });
});

describe('front door ranking', () => {
  const row = (id: number, status: MarketRow['status'], gpuCount: number, apr: number | null) =>
    ({ clusterId: BigInt(id), status, gpuCount, trailingAprBps: apr, gpuModel: 'H100', location: 'X' }) as MarketRow;

  it('ranks the clusters with an APR best first, ties by id as the market does, and counts the attested GPUs', () => {
    const rows = [
      row(1, 'attested', 8, 500),
      row(2, 'stale', 4, 900),
      row(3, 'attested', 16, null),
      row(4, 'suspended', 2, 500),
    ];
    expect(bestByApr(rows).map((best) => best.clusterId)).toEqual([2n, 4n, 1n]);
    expect(bestByApr(rows, 1).map((best) => best.clusterId)).toEqual([2n]);
    expect(networkSize(rows)).toEqual({ clusters: 4, clustersAttested: 2, gpusAttested: 24 });
  });
});
