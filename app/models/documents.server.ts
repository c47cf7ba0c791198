/** Operators' off-chain documents on their clusters (see db/schema.ts clusterDocuments). Shown as text and links only. */
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Address, Hex } from 'viem';
import type { Database } from '#db';
import { clusterDocuments } from '#db/schema';
import { Rejection } from '#protocol/base-error';

export const DOCUMENTS_PER_CLUSTER = 20;

export type ClusterDocument = {
  id: number;
  clusterId: string;
  title: string;
  uri: string;
  sha256: Hex;
  author: Address;
  addedAt: string;
};

function serialize(row: typeof clusterDocuments.$inferSelect): ClusterDocument {
  return {
    id: row.id,
    clusterId: row.clusterId.toString(),
    title: row.title,
    uri: row.uri,
    sha256: row.sha256,
    author: row.author,
    addedAt: row.addedAt.toISOString(),
  };
}

const ofCluster = (chainId: number, clusterId: bigint) =>
  and(eq(clusterDocuments.chainId, chainId), eq(clusterDocuments.clusterId, clusterId));

/** A cluster's documents, oldest first. */
export async function clusterDocumentList(db: Database, chainId: number, clusterId: bigint) {
  const rows = await db
    .select()
    .from(clusterDocuments)
    .where(ofCluster(chainId, clusterId))
    .orderBy(asc(clusterDocuments.id));
  return rows.map(serialize);
}

/** Every document on the chain, by cluster id (as text): the operator page lists its clusters' documents. */
/** The documents of `clusterIds` (a page's own list: never every document of the chain per view). */
export async function clusterDocumentsByCluster(db: Database, chainId: number, clusterIds: bigint[]) {
  const byCluster: Record<string, ClusterDocument[]> = {};
  if (clusterIds.length === 0) return byCluster;
  const rows = await db
    .select()
    .from(clusterDocuments)
    .where(and(eq(clusterDocuments.chainId, chainId), inArray(clusterDocuments.clusterId, clusterIds)))
    .orderBy(asc(clusterDocuments.id));
  for (const row of rows) {
    const key = row.clusterId.toString();
    const list = byCluster[key] ?? [];
    list.push(serialize(row));
    byCluster[key] = list;
  }
  return byCluster;
}

/** The cluster already keeps DOCUMENTS_PER_CLUSTER documents: a refusal (409, `too_many_documents`), not a fault. */
export class TooManyDocumentsError extends Rejection {
  override name = 'TooManyDocumentsError';
  constructor(message: string) {
    super('too_many_documents', message, 409);
  }
}

export async function addClusterDocument(
  db: Database,
  document: {
    chainId: number;
    clusterId: bigint;
    title: string;
    uri: string;
    sha256: Hex;
    author: Address;
    now?: Date;
  },
): Promise<ClusterDocument> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ count: count() })
      .from(clusterDocuments)
      .where(ofCluster(document.chainId, document.clusterId));
    if ((existing?.count ?? 0) >= DOCUMENTS_PER_CLUSTER) {
      throw new TooManyDocumentsError(`A cluster keeps at most ${DOCUMENTS_PER_CLUSTER} documents; remove one first.`);
    }
    const [row] = await tx
      .insert(clusterDocuments)
      .values({
        chainId: document.chainId,
        clusterId: document.clusterId,
        title: document.title,
        uri: document.uri,
        sha256: document.sha256,
        author: document.author,
        addedAt: document.now ?? new Date(),
      })
      .returning();
    return serialize(row!);
  });
}

/** Removes one of the cluster's documents; false when it has no such document. */
export async function removeClusterDocument(db: Database, chainId: number, clusterId: bigint, id: number) {
  const removed = await db
    .delete(clusterDocuments)
    .where(and(ofCluster(chainId, clusterId), eq(clusterDocuments.id, id)))
    .returning({ id: clusterDocuments.id });
  return removed.length > 0;
}
