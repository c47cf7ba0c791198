/** Operators' off-chain notes on their clusters (see db/schema.ts clusterNotes). Plain text: never rendered as HTML. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Address } from 'viem';
import type { Database } from '#db';
import { clusterNotes } from '#db/schema';

export type ClusterNote = { clusterId: string; body: string; author: Address; updatedAt: string };

function serialize(row: typeof clusterNotes.$inferSelect): ClusterNote {
  return {
    clusterId: row.clusterId.toString(),
    body: row.body,
    author: row.author,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function clusterNote(db: Database, chainId: number, clusterId: bigint): Promise<ClusterNote | undefined> {
  const [row] = await db
    .select()
    .from(clusterNotes)
    .where(and(eq(clusterNotes.chainId, chainId), eq(clusterNotes.clusterId, clusterId)));
  return row ? serialize(row) : undefined;
}

/** Every note on the chain, keyed by cluster id (as text). One per cluster, so as many as there are clusters at most. */
/** The notes of `clusterIds` (a page's own list: never every note of the chain per view). */
export async function clusterNotesByCluster(
  db: Database,
  chainId: number,
  clusterIds: bigint[],
): Promise<Record<string, ClusterNote>> {
  if (clusterIds.length === 0) return {};
  const rows = await db
    .select()
    .from(clusterNotes)
    .where(and(eq(clusterNotes.chainId, chainId), inArray(clusterNotes.clusterId, clusterIds)));
  return Object.fromEntries(rows.map((row) => [row.clusterId.toString(), serialize(row)]));
}

/** Replaces the cluster's note; an empty body removes it. */
export async function saveClusterNote(
  db: Database,
  note: { chainId: number; clusterId: bigint; body: string; author: Address; now?: Date },
): Promise<ClusterNote | undefined> {
  const key = and(eq(clusterNotes.chainId, note.chainId), eq(clusterNotes.clusterId, note.clusterId));
  if (note.body === '') {
    await db.delete(clusterNotes).where(key);
    return undefined;
  }
  const values = {
    chainId: note.chainId,
    clusterId: note.clusterId,
    body: note.body,
    author: note.author,
    updatedAt: note.now ?? new Date(),
  };
  const [row] = await db
    .insert(clusterNotes)
    .values(values)
    .onConflictDoUpdate({
      target: [clusterNotes.chainId, clusterNotes.clusterId],
      set: { body: values.body, author: values.author, updatedAt: values.updatedAt },
    })
    .returning();
  return serialize(row!);
}
