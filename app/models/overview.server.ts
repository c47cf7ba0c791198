/**
 * What `/` (the front door) and `/status` (the developer's page) read beyond the market snapshot: the mirror's
 * progress and stablecoin traffic for /status; the network's lifetime totals and the latest deposits for the front
 * door. Everything here is read from the indexer's database and memoized per indexed block (the mirror changes only
 * when the indexer's cursor moves), so a shared page never scans a table on every render.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, desc, eq, sql, sum } from 'drizzle-orm';
import type { Database } from '#db';
import { indexedCursor, type MarketRow } from '#db/analytics/market';
import { rollupsIn } from '#db/analytics/series';
import { revenueDeposits, rollups, shareTokens, stablecoinTransfers } from '#db/schema';
import { marketQuerySchema } from '~/lib/market-query';
import { queryMarket } from '~/models/market.server';
import { headBlock, perBlock } from './chain-reads.server';

/** How many of the newest stablecoin transfers /status lists. */
const RECENT_TRANSFERS = 10;

/**
 * The stablecoin transfers change only when the indexer stores a range: counted and listed once per indexed block
 * (review M-7), not on every render of `/status` (the count is a full scan of a table that can hold every stablecoin
 * transfer of a real chain).
 */
const transferReads = perBlock<{ count: number; recent: (typeof stablecoinTransfers.$inferSelect)[] }>(8);

/** What the status page shows: the chain head (from the RPC) and the mirror's progress (from the database). */
export async function getOverview({ db, chain }: AppLoadContext) {
  const [head, indexedBlock] = await Promise.all([headBlock(chain), indexedCursor(db, chain.chainId)]);
  const transfers = indexedBlock
    ? await transferReads(chain.chainId, indexedBlock.number, indexedBlock.hash, async () => {
        const ofChain = eq(stablecoinTransfers.chainId, chain.chainId);
        const [[row], recent] = await Promise.all([
          db
            .select({ count: sql<number>`count(*)`.mapWith(Number) })
            .from(stablecoinTransfers)
            .where(ofChain),
          db
            .select()
            .from(stablecoinTransfers)
            .where(ofChain)
            .orderBy(desc(stablecoinTransfers.blockNumber), desc(stablecoinTransfers.logIndex))
            .limit(RECENT_TRANSFERS),
        ]);
        return { count: row?.count ?? 0, recent };
      })
    : { count: 0, recent: [] };
  return {
    head: { number: head.number.toString(), hash: head.hash, timestamp: Number(head.timestamp) },
    indexedBlock: indexedBlock?.number.toString() ?? null,
    transferCount: transfers.count,
    recentTransfers: transfers.recent.map((transfer) => ({
      transactionHash: transfer.transactionHash,
      blockNumber: transfer.blockNumber.toString(),
      from: transfer.from,
      to: transfer.to,
      value: transfer.value.toString(),
    })),
  };
}

export type LifetimeTotals = { reports: number; revenueReported: bigint; deposits: number; revenueDeposited: bigint };

/**
 * The network's totals since its first report: the daily network rollups summed (one row per day the chain has
 * lived, through the chain time's own day), so the cost grows with the chain's age in days, not with its reports.
 */
export async function lifetimeTotals(db: Database, query: { chainId: number; at: Date }): Promise<LifetimeTotals> {
  const [row] = await db
    .select({
      reports: sum(rollups.reportCount),
      revenueReported: sum(rollups.revenueReported),
      deposits: sum(rollups.depositCount),
      revenueDeposited: sum(rollups.revenueDeposited),
    })
    .from(rollups)
    .where(
      rollupsIn({
        chainId: query.chainId,
        granularity: 'day',
        dimension: 'network',
        key: '',
        from: new Date(0),
        to: query.at,
        throughTo: true,
      }),
    );
  return {
    reports: Number(row?.reports ?? 0),
    revenueReported: BigInt(row?.revenueReported ?? 0),
    deposits: Number(row?.deposits ?? 0),
    revenueDeposited: BigInt(row?.revenueDeposited ?? 0),
  };
}

/** The newest revenue deposits of the network (every token), with the share token's symbol. */
export async function latestDeposits(db: Database, query: { chainId: number; limit: number }) {
  const rows = await db
    .select({
      clusterId: revenueDeposits.clusterId,
      symbol: shareTokens.symbol,
      amount: revenueDeposits.amount,
      durationSeconds: revenueDeposits.durationSeconds,
      blockNumber: revenueDeposits.blockNumber,
      blockTime: revenueDeposits.blockTime,
      transactionHash: revenueDeposits.transactionHash,
    })
    .from(revenueDeposits)
    .leftJoin(
      shareTokens,
      and(eq(shareTokens.chainId, revenueDeposits.chainId), eq(shareTokens.token, revenueDeposits.token)),
    )
    .where(eq(revenueDeposits.chainId, query.chainId))
    .orderBy(desc(revenueDeposits.blockNumber), desc(revenueDeposits.logIndex))
    .limit(query.limit);
  return rows.map((row) => ({
    clusterId: row.clusterId.toString(),
    symbol: row.symbol,
    amount: row.amount.toString(),
    durationSeconds: Number(row.durationSeconds),
    blockNumber: row.blockNumber.toString(),
    blockTime: Math.floor(row.blockTime.getTime() / 1000),
    transactionHash: row.transactionHash,
  }));
}

/** How many deposits the front door lists (newest first). */
export const FRONT_DOOR_DEPOSITS = 5;

export type FrontDoorMirror = {
  indexedBlock: string | null;
  totals: { reports: number; revenueReported: string; deposits: number; revenueDeposited: string };
  deposits: Awaited<ReturnType<typeof latestDeposits>>;
};
const frontDoorReads = perBlock<FrontDoorMirror>(8);

/**
 * The front door's reads of the mirror at its current cursor: the indexed block the figures are at, the lifetime
 * totals and the latest deposits, once per indexed block.
 */
export async function frontDoorMirror({ db, chain }: AppLoadContext): Promise<FrontDoorMirror> {
  const cursor = await indexedCursor(db, chain.chainId);
  if (!cursor) {
    return {
      indexedBlock: null,
      totals: { reports: 0, revenueReported: '0', deposits: 0, revenueDeposited: '0' },
      deposits: [],
    };
  }
  return frontDoorReads(chain.chainId, cursor.number, cursor.hash, async () => {
    const [totals, deposits] = await Promise.all([
      lifetimeTotals(db, { chainId: chain.chainId, at: cursor.timestamp }),
      latestDeposits(db, { chainId: chain.chainId, limit: FRONT_DOOR_DEPOSITS }),
    ]);
    return {
      indexedBlock: cursor.number.toString(),
      totals: {
        reports: totals.reports,
        revenueReported: totals.revenueReported.toString(),
        deposits: totals.deposits,
        revenueDeposited: totals.revenueDeposited.toString(),
      },
      deposits,
    };
  });
}

/** How many clusters the front door ranks by trailing APR. */
export const FRONT_DOOR_BEST = 5;

/**
 * The clusters with the best trailing APR, best first: the market's own APR ordering (queryMarket, ties by id, as
 * /clusters?sort=apr shows them), keeping only clusters that have an APR (tokenized ones).
 */
export function bestByApr(rows: readonly MarketRow[], limit = FRONT_DOOR_BEST) {
  return queryMarket(rows, marketQuerySchema.parse({ sort: 'apr', order: 'desc' }))
    .rows.filter((row) => row.trailingAprBps !== null)
    .slice(0, limit);
}

/** The network's size from the market rows: clusters registered and attested now, and the GPUs attested. */
export function networkSize(rows: readonly MarketRow[]) {
  const attested = rows.filter((row) => row.status === 'attested');
  return {
    clusters: rows.length,
    clustersAttested: attested.length,
    gpusAttested: attested.reduce((total, row) => total + row.gpuCount, 0),
  };
}
