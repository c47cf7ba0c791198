import type { AppLoadContext } from '@remix-run/node';
import { desc, eq, sql } from 'drizzle-orm';
import { indexedBlocks, stablecoinTransfers } from '#db/schema';

/** What the skeleton overview shows: the chain head (from the RPC) and the mirror's progress (from the database). */
export async function getOverview({ db, chain }: AppLoadContext) {
  const [head, indexed, transferCount, recentTransfers] = await Promise.all([
    chain.publicClient.getBlock({ blockTag: 'latest' }),
    db
      .select({ number: indexedBlocks.number, hash: indexedBlocks.hash })
      .from(indexedBlocks)
      .where(eq(indexedBlocks.chainId, chain.chainId))
      .orderBy(desc(indexedBlocks.number))
      .limit(1),
    db
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(stablecoinTransfers)
      .where(eq(stablecoinTransfers.chainId, chain.chainId)),
    db
      .select()
      .from(stablecoinTransfers)
      .where(eq(stablecoinTransfers.chainId, chain.chainId))
      .orderBy(desc(stablecoinTransfers.blockNumber), desc(stablecoinTransfers.logIndex))
      .limit(10),
  ]);
  return {
    head: { number: head.number.toString(), hash: head.hash, timestamp: Number(head.timestamp) },
    indexedBlock: indexed[0]?.number.toString() ?? null,
    transferCount: transferCount[0]?.count ?? 0,
    recentTransfers: recentTransfers.map((transfer) => ({
      transactionHash: transfer.transactionHash,
      blockNumber: transfer.blockNumber.toString(),
      from: transfer.from,
      to: transfer.to,
      value: transfer.value.toString(),
    })),
  };
}
