import type { AppLoadContext } from '@remix-run/node';
import { desc, eq, sql } from 'drizzle-orm';
import { indexedBlocks, stablecoinTransfers } from '#db/schema';
import { headBlock, perBlock } from './chain-reads.server';

/**
 * The transfer count changes only when the indexer stores a range: counted once per indexed block (review M-7), not on
 * every render of `/` (a full scan of a table that can hold every stablecoin transfer of a real chain).
 */
const transferCounts = perBlock<{ count: number }>(8);

/** What the skeleton overview shows: the chain head (from the RPC) and the mirror's progress (from the database). */
export async function getOverview({ db, chain }: AppLoadContext) {
  const [head, indexed, recentTransfers] = await Promise.all([
    headBlock(chain),
    db
      .select({ number: indexedBlocks.number, hash: indexedBlocks.hash })
      .from(indexedBlocks)
      .where(eq(indexedBlocks.chainId, chain.chainId))
      .orderBy(desc(indexedBlocks.number))
      .limit(1),
    db
      .select()
      .from(stablecoinTransfers)
      .where(eq(stablecoinTransfers.chainId, chain.chainId))
      .orderBy(desc(stablecoinTransfers.blockNumber), desc(stablecoinTransfers.logIndex))
      .limit(10),
  ]);
  const indexedBlock = indexed[0];
  const transferCount = indexedBlock
    ? await transferCounts(chain.chainId, indexedBlock.number, indexedBlock.hash, async () => {
        const [row] = await db
          .select({ count: sql<number>`count(*)`.mapWith(Number) })
          .from(stablecoinTransfers)
          .where(eq(stablecoinTransfers.chainId, chain.chainId));
        return { count: row?.count ?? 0 };
      })
    : { count: 0 };
  return {
    head: { number: head.number.toString(), hash: head.hash, timestamp: Number(head.timestamp) },
    indexedBlock: indexedBlock?.number.toString() ?? null,
    transferCount: transferCount.count,
    recentTransfers: recentTransfers.map((transfer) => ({
      transactionHash: transfer.transactionHash,
      blockNumber: transfer.blockNumber.toString(),
      from: transfer.from,
      to: transfer.to,
      value: transfer.value.toString(),
    })),
  };
}
