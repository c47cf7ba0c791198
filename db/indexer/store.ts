/**
 * Writes decoded ranges and rolls them back. Event rows are bulk-inserted (../bulk-insert.ts); the derived tables
 * (./derived/) are moved in the same transaction: balances and rollups by deltas (negated on rollback), clusters by
 * recomputation from their events. Everything at or below the cursor is already stored, so writing a range again is a
 * no-op and a crash between two transactions loses nothing.
 */
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Hex } from 'viem';
import { copyRows, type Executor } from '../bulk-insert';
import type { Database } from '../database';
import {
  attestations,
  clusterEvents,
  epochReports,
  indexedBlocks,
  revenueDeposits,
  shareTokens,
  shareTransfers,
} from '../schema';
import { applyBalanceDeltas } from './derived/balances';
import { affectedClusters, recomputeClusters } from './derived/clusters';
import { applyRollupDeltas, clusterMeta } from './derived/rollups';
import { type EventRows, eventTableKeys, eventTables } from './tables';

/**
 * Run first in every write transaction of the indexer (ranges and rollbacks): throws IndexerLockLostError, writing
 * nothing, when this indexer no longer holds the indexer lock (lock.ts `indexerWriteFence`). Undefined where one
 * process owns the database anyway (PGlite).
 */
export type WriteFence = (tx: Executor) => Promise<void>;

export type Cursor = { number: bigint; hash: Hex };

export async function readCursor(db: Executor, chainId: number): Promise<Cursor | undefined> {
  const [row] = await db
    .select({ number: indexedBlocks.number, hash: indexedBlocks.hash })
    .from(indexedBlocks)
    .where(eq(indexedBlocks.chainId, chainId))
    .orderBy(desc(indexedBlocks.number))
    .limit(1);
  return row;
}

export type RangeEnd = { number: bigint; hash: Hex; parentHash: Hex; timestamp: Date };

/** How many recent range ends are kept to find a common ancestor after a reorg. */
const KEPT_BLOCK_HASHES = 256;

/**
 * Stores one range (its rows and its end as the new cursor) in one transaction. Rows at or below the stored cursor are
 * skipped: they were written by an earlier transaction. Returns how many rows were written.
 */
export async function writeRange(db: Database, chainId: number, rows: EventRows, end: RangeEnd, fence?: WriteFence) {
  return db.transaction(async (tx) => {
    await fence?.(tx);
    // The commit does not wait for its WAL flush to disk (a disk round trip per range saved on PostgreSQL). A crash of
    // the database server can then lose the last few committed ranges, never part of one: the rows and the cursor are
    // one transaction, so the indexer resumes from the older cursor and reads those ranges again. Nothing else is
    // written in this transaction, and the setting ends with it (SET LOCAL).
    await tx.execute(sql`set local synchronous_commit = off`);
    const cursor = await readCursor(tx, chainId);
    if (cursor && cursor.number >= end.number) return 0;
    const fresh = cursor ? filterAbove(rows, cursor.number) : rows;
    let written = 0;
    // Nothing above the cursor is stored (rollbacks delete it), so the rows go in by COPY; should another writer have
    // stored one after all, the unique violation fails this transaction and the range is read again.
    for (const key of eventTableKeys) {
      await copyRows(tx, eventTables[key], fresh[key] as never[]);
      written += fresh[key].length;
    }
    await applyBalanceDeltas(tx, chainId, fresh.shareTransfers, 1n);
    await recomputeClusters(tx, chainId, affectedClusters(fresh));
    const meta = await clusterMeta(tx, chainId, [
      ...fresh.epochReports.map((row) => row.clusterId),
      ...fresh.revenueDeposits.map((row) => row.clusterId),
    ]);
    await applyRollupDeltas(tx, chainId, meta, fresh.epochReports, fresh.revenueDeposits, 1n);
    await tx
      .insert(indexedBlocks)
      .values({ chainId, number: end.number, hash: end.hash, parentHash: end.parentHash, timestamp: end.timestamp })
      .onConflictDoNothing();
    await tx.execute(sql`
      delete from ${indexedBlocks} where ${indexedBlocks.chainId} = ${chainId} and ${indexedBlocks.number} < (
        select ${indexedBlocks.number} from ${indexedBlocks} where ${indexedBlocks.chainId} = ${chainId}
        order by ${indexedBlocks.number} desc offset ${KEPT_BLOCK_HASHES} limit 1)`);
    return written;
  });
}

function filterAbove(rows: EventRows, blockNumber: bigint): EventRows {
  const result = {} as Record<keyof EventRows, unknown[]>;
  for (const key of eventTableKeys) {
    result[key] = (rows[key] as { blockNumber: bigint }[]).filter((row) => row.blockNumber > blockNumber);
  }
  return result as EventRows;
}

/**
 * Removes everything above `ancestor` and reverses what it had added to the derived tables, in one transaction.
 * `anchor` (the ancestor's own block) becomes the cursor where no kept range end is left at or below it: after a
 * reorg deeper than the kept hashes, the rows up to the finalized block stay and the indexer resumes above it.
 */
export async function rollBackTo(
  db: Database,
  chainId: number,
  ancestor: bigint,
  anchor?: RangeEnd,
  fence?: WriteFence,
) {
  await db.transaction(async (tx) => {
    await fence?.(tx);
    const above = <T extends PgTable & { chainId: never; blockNumber: never }>(table: T) =>
      and(eq(table.chainId, chainId), gt(table.blockNumber, ancestor));
    const removedTransfers = await tx
      .delete(shareTransfers)
      .where(above(shareTransfers as never))
      .returning();
    const removedReports = await tx
      .select()
      .from(epochReports)
      .where(above(epochReports as never));
    const removedDeposits = await tx
      .select()
      .from(revenueDeposits)
      .where(above(revenueDeposits as never));
    const removedClusterEvents = await tx
      .delete(clusterEvents)
      .where(above(clusterEvents as never))
      .returning({ clusterId: clusterEvents.clusterId });
    const removedAttestations = await tx
      .delete(attestations)
      .where(above(attestations as never))
      .returning({ clusterId: attestations.clusterId });
    // Rollups are keyed by model and location: read them before the clusters themselves may be rolled back.
    const meta = await clusterMeta(tx, chainId, [
      ...removedReports.map((row) => row.clusterId),
      ...removedDeposits.map((row) => row.clusterId),
    ]);
    // Every event table, from the registry the writes use (./tables.ts): a table added there is rolled back without a
    // second list to remember (those already emptied above hold nothing more to delete).
    for (const table of Object.values(eventTables)) {
      await tx.delete(table).where(above(table as never));
    }
    await applyBalanceDeltas(tx, chainId, removedTransfers, -1n);
    await applyRollupDeltas(tx, chainId, meta, removedReports, removedDeposits, -1n);
    await recomputeClusters(
      tx,
      chainId,
      affectedClusters({
        clusterEvents: removedClusterEvents,
        attestations: removedAttestations,
        epochReports: removedReports,
      }),
    );
    await tx.delete(indexedBlocks).where(and(eq(indexedBlocks.chainId, chainId), gt(indexedBlocks.number, ancestor)));
    if (anchor)
      await tx
        .insert(indexedBlocks)
        .values({ chainId, ...anchor })
        .onConflictDoNothing();
  });
}

/** The ShareTokens and Offerings recorded so far, to follow their logs. */
export async function loadKnownTokens(db: Executor, chainId: number) {
  return db
    .select({ token: shareTokens.token, offering: shareTokens.offering, clusterId: shareTokens.clusterId })
    .from(shareTokens)
    .where(eq(shareTokens.chainId, chainId));
}
