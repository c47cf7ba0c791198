/**
 * The market stats against the mirror's fills they come from (rows written straight into market_fills, on PGlite and
 * PostgreSQL): the last price is the latest fill of at least one whole stablecoin unit however old, the volumes and
 * trade count sum the window's such fills, and the window's read goes through the block-time indexes (sequential
 * scans disabled, as the planner chooses on a large table), never the whole history.
 */
import { sql } from 'drizzle-orm';
import type { Address, Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db/database';
import { testDatabases } from '#db/databases.test-kit';
import { minNotional } from '#db/market/bounds';
import { marketFills, shareTokens } from '#db/schema';
import { lastPricesQuery, marketStatsAt, windowStatsQuery } from './trading-analytics.server';

const CHAIN = 31_337;
const DAY = 86_400_000;
const AT = new Date('2030-06-01T00:00:00Z');
const MIN = minNotional(6);
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;
const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;

type Fill = typeof marketFills.$inferInsert;
let block = 0;
function fill(clusterId: bigint, ageMs: number, price: bigint, cost: bigint): Fill {
  block += 1;
  return {
    chainId: CHAIN,
    blockNumber: BigInt(block),
    blockHash: hash(block),
    logIndex: 0,
    transactionHash: hash(block),
    blockTime: new Date(AT.getTime() - ageMs),
    market: address(0xaa),
    offerHash: hash(1_000_000 + block),
    maker: address(1),
    taker: address(2),
    clusterId,
    side: 0,
    amount: 10n ** 18n,
    price,
    cost,
    fee: 0n,
  };
}

// Cluster 1: a long history older than 30 days, then window fills (some within 24 hours) and dust wash trades last.
// Cluster 2: only fills older than 30 days. Cluster 3: tokenized, never traded.
// Block numbers follow the array's order, as block times do within each cluster.
const fills: Fill[] = [
  fill(2n, 45 * DAY, 7_000_000n, 70_000_000n),
  fill(2n, 44 * DAY, 10n ** 18n, 5n),
  ...Array.from({ length: 300 }, (_, i) => fill(1n, 40 * DAY + i * 1000, 9_000_000n + BigInt(i), 9_000_000n)),
  ...Array.from({ length: 12 }, (_, i) =>
    fill(1n, (20 - i) * DAY, 12_000_000n + BigInt(i), 12_000_000n * BigInt(i + 1)),
  ),
  fill(1n, 3_600_000, 13_000_000n, MIN),
  fill(1n, 60_000, 10n ** 18n, 1n),
  fill(1n, 30_000, 10n ** 18n, MIN - 1n),
];

/** What the stats must be, from the rows themselves. */
function expected(clusterId: bigint) {
  const counted = fills.filter((row) => row.clusterId === clusterId && row.cost >= MIN);
  const inWindow = (row: Fill, ms: number) => row.blockTime.getTime() > AT.getTime() - ms;
  const sum = (rows: Fill[]) => rows.reduce((total, row) => total + row.cost, 0n);
  const latest = counted.reduce<Fill | null>((a, b) => (a === null || b.blockNumber > a.blockNumber ? b : a), null);
  return {
    clusterId,
    lastPrice: latest?.price ?? null,
    volume24h: sum(counted.filter((row) => inWindow(row, DAY))),
    volume30d: sum(counted.filter((row) => inWindow(row, 30 * DAY))),
    trades30d: counted.filter((row) => inWindow(row, 30 * DAY)).length,
  };
}

for (const factory of testDatabases) {
  describe(`market stats (${factory.name})`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await factory.open();
      await handle.db.insert(shareTokens).values(
        [1n, 2n, 3n].map((clusterId) => ({
          chainId: CHAIN,
          blockNumber: 0n,
          blockHash: hash(900 + Number(clusterId)),
          logIndex: Number(clusterId),
          transactionHash: hash(900),
          blockTime: new Date(0),
          token: address(0x100 + Number(clusterId)),
          clusterId,
          offering: address(0x200),
          operator: address(0x300),
          name: `Cluster ${clusterId}`,
          symbol: `C${clusterId}`,
          supply: 1_000n * 10n ** 18n,
        })),
      );
      for (let at = 0; at < fills.length; at += 200)
        await handle.db.insert(marketFills).values(fills.slice(at, at + 200));
    }, 60_000);
    afterAll(async () => {
      await handle?.close();
    });

    it('equals the figures of the mirrored fills of at least one whole stablecoin unit', async () => {
      expect(expected(1n)).toMatchObject({ lastPrice: 13_000_000n, trades30d: 13 });
      expect(await marketStatsAt(handle.db, CHAIN, AT, MIN, 1n)).toEqual([expected(1n)]);
      expect(await marketStatsAt(handle.db, CHAIN, AT, MIN, 2n)).toEqual([expected(2n)]);
      expect(await marketStatsAt(handle.db, CHAIN, AT, MIN, 3n)).toEqual([
        { clusterId: 3n, lastPrice: null, volume24h: 0n, volume30d: 0n, trades30d: 0 },
      ]);
      // Every cluster with a counted fill, most recently traded first.
      expect(await marketStatsAt(handle.db, CHAIN, AT, MIN)).toEqual([expected(1n), expected(2n)]);
    });

    it('reads the 30-day window and the last prices through indexes', async () => {
      const plans = await handle.db.transaction(async (tx) => {
        await tx.execute(sql`analyze ${marketFills}`);
        await tx.execute(sql`set local enable_seqscan = off`);
        const explain = async (query: { getSQL(): ReturnType<typeof sql> }) =>
          JSON.stringify(
            ((await tx.execute(sql`explain (format json) ${query.getSQL()}`)) as unknown as { rows: unknown[] }).rows,
          );
        return {
          windowAll: await explain(windowStatsQuery(tx, CHAIN, AT, MIN)),
          windowOne: await explain(windowStatsQuery(tx, CHAIN, AT, MIN, 1n)),
          last: await explain(lastPricesQuery(tx, CHAIN, MIN)),
        };
      });
      expect(plans.windowAll).toMatch(/market_fills_time_idx/);
      expect(plans.windowOne).toMatch(/market_fills_time_idx/);
      expect(plans.last).toMatch(/market_fills_cluster_idx/);
      for (const plan of Object.values(plans)) expect(plan).not.toMatch(/Seq Scan[^}]*market_fills/);
    });
  });
}
