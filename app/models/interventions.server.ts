/**
 * The operator's interventions on its holders (forced transfers, wallet recoveries, moves of a frozen buyer's purchase
 * out of the offering's escrow) with the reason and the document the chain does not keep (db/schema/off-chain.ts
 * clusterInterventions): recording the reasons (drafts) and abandoning them, and the pairing of a draft with the
 * mirror's ForcedTransfer / WalletRecovered (token_control_events) or PurchaseRecovered (offering_events) event it
 * explains (pairDrafts), which recording uses to settle mined drafts and the history to show them. The receipt check
 * that keys a reason by its hash is interventions-receipt.server.ts; the cluster's paged history,
 * interventions-history.server.ts (both import from here, so the pairing sits with the records it settles).
 *
 * Order of writes: the reason is recorded BEFORE the wallet sends the transaction, then keyed by its hash once mined.
 * The other order (send, then record with the hash) loses the reason whenever the browser closes, the network drops
 * or the session expires between the receipt and the write: the chain would then hold an intervention nobody can
 * explain, and it cannot be undone. Recording first can at worst leave a reason whose transaction was never sent (a
 * draft, pruned after DRAFT_TTL_MS, bounded per cluster) or one whose hash never arrived: the history then matches
 * the event to the oldest unattached draft that fits it (`explains`; `draft` in the answer says so), and the next
 * reason recorded for the cluster keys that draft by the event's hash (settleMinedDrafts), so it is never pruned.
 */
import { and, asc, count, eq, isNull, lt, notExists, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { type Address, type Hex, isAddressEqual } from 'viem';
import type { Database } from '#db';
import type { Executor } from '#db/bulk-insert';
import { clusterInterventions, offeringEvents, tokenControlEvents } from '#db/schema';
import { Rejection } from '#protocol/base-error';
import { type ClusterSale, clusterSale } from './interventions-allowlist.server';

export const INTERVENTION_KINDS = ['forced_transfer', 'wallet_recovered', 'purchase_recovered'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];

/** Bounds of what an operator writes (the table's checks hold the same). */
export const REASON_MAX_LENGTH = 1_000;
export const DOCUMENT_TITLE_MAX_LENGTH = 120;
export const DOCUMENT_URI_MAX_LENGTH = 512;
/**
 * Reasons recorded whose transaction has not been reported mined yet, per cluster and author: counted per author so
 * that a former operator's unsent drafts (which only their author may abandon) cannot lock the cluster's new operator
 * out until they are pruned.
 */
export const PENDING_PER_CLUSTER = 20;
/** An unattached reason older than this is a transaction that was never sent (or long forgotten): pruned. */
export const DRAFT_TTL_MS = 7 * 24 * 3_600_000;
/**
 * The most unattached drafts of a cluster matched against the mirror's events at once (oldest first). Each author has
 * at most PENDING_PER_CLUSTER, and drafts older than DRAFT_TTL_MS are pruned: this bound only matters for a cluster
 * that changed operators many times in a week.
 */
export const DRAFTS_MATCHED_LIMIT = PENDING_PER_CLUSTER * 10;

export type InterventionDocument = { title: string | null; uri: string; sha256: Hex };

export type InterventionRecord = {
  id: number;
  kind: InterventionKind;
  txHash: Hex | null;
  from: Address;
  to: Address;
  amount: string | null;
  reason: string;
  document: InterventionDocument;
  author: Address;
  createdAt: string;
};

export function serialize(row: typeof clusterInterventions.$inferSelect): InterventionRecord {
  return {
    id: row.id,
    kind: row.kind,
    txHash: row.txHash,
    from: row.from,
    to: row.to,
    amount: row.amount === null ? null : row.amount.toString(),
    reason: row.reason,
    document: { title: row.documentTitle, uri: row.documentUri, sha256: row.documentSha256 },
    author: row.author,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The cluster already has PENDING_PER_CLUSTER reasons waiting for their transaction: a refusal (409), not a fault. */
export class TooManyPendingInterventionsError extends Rejection {
  override name = 'TooManyPendingInterventionsError';
  constructor(message: string) {
    super('too_many_pending_interventions', message, 409);
  }
}

export type RecordRow = typeof clusterInterventions.$inferSelect;

/**
 * A mirrored intervention, from the token's events or the offering's, in one shape: who acted, whose shares left
 * (`account`) for whom (`counterparty`), the shares moved (`value`), the token revenue moved with a recovered wallet
 * (`revenue`) and what a moved purchase was paid (`paid`).
 */
export type InterventionEvent = {
  kind: InterventionKind;
  transactionHash: Hex;
  blockNumber: bigint;
  logIndex: number;
  blockTime: Date;
  actor: Address | null;
  account: Address | null;
  counterparty: Address | null;
  value: bigint | null;
  revenue: bigint | null;
  paid: bigint | null;
};

/**
 * Whether a recorded reason can be the one of a mirrored intervention: same kind and accounts, sent by the operator
 * who wrote the reason, and for a forced transfer the same amount. Held for a reason keyed by its hash as much as for
 * a draft: the hash is the operator's browser's word (it arrives before the mirror has the event, so the action cannot
 * check it), and a hash naming another intervention (a former operator's, or one sent outside the dashboard) must not
 * lend that intervention this reason.
 */
export function explains(row: RecordRow, event: InterventionEvent): boolean {
  return (
    row.kind === event.kind &&
    event.account !== null &&
    isAddressEqual(row.from, event.account) &&
    event.counterparty !== null &&
    isAddressEqual(row.to, event.counterparty) &&
    event.actor !== null &&
    isAddressEqual(row.author, event.actor) &&
    (row.kind !== 'forced_transfer' || row.amount === event.value)
  );
}

export const ofCluster = (chainId: number, clusterId: bigint) =>
  and(eq(clusterInterventions.chainId, chainId), eq(clusterInterventions.clusterId, clusterId));

type NewIntervention = {
  chainId: number;
  clusterId: bigint;
  kind: InterventionKind;
  from: Address;
  to: Address;
  amount: bigint | null;
  reason: string;
  document: InterventionDocument;
  author: Address;
  now?: Date;
};

/** Records why (and on what document) the operator is about to intervene; the hash comes later (attachInterventionTx). */
export async function recordIntervention(db: Database, intervention: NewIntervention): Promise<InterventionRecord> {
  const [record] = await recordInterventions(db, intervention, [intervention.kind]);
  return record!;
}

/**
 * Records one reason per kind, for the transactions of one intervention the wallet sends one after the other (a wallet
 * recovery, then the move of the same buyer's purchase out of the offering's escrow): all or none, each keyed by its
 * own hash later. Each counts against PENDING_PER_CLUSTER until then.
 */
export async function recordInterventions(
  db: Database,
  intervention: Omit<NewIntervention, 'kind'>,
  kinds: readonly InterventionKind[],
): Promise<InterventionRecord[]> {
  const now = intervention.now ?? new Date();
  return db.transaction(async (tx) => {
    await settleMinedDrafts(tx, intervention.chainId, intervention.clusterId);
    const pending = and(ofCluster(intervention.chainId, intervention.clusterId), isNull(clusterInterventions.txHash));
    await tx
      .delete(clusterInterventions)
      .where(and(pending, lt(clusterInterventions.createdAt, new Date(now.getTime() - DRAFT_TTL_MS))));
    const [waiting] = await tx
      .select({ count: count() })
      .from(clusterInterventions)
      .where(and(pending, eq(clusterInterventions.author, intervention.author)));
    if ((waiting?.count ?? 0) + kinds.length > PENDING_PER_CLUSTER) {
      throw new TooManyPendingInterventionsError(
        `Cluster #${intervention.clusterId} already has ${PENDING_PER_CLUSTER} of your interventions waiting for their transaction; send or abandon them first.`,
      );
    }
    const rows = await tx
      .insert(clusterInterventions)
      .values(
        kinds.map((kind) => ({
          chainId: intervention.chainId,
          clusterId: intervention.clusterId,
          kind,
          from: intervention.from,
          to: intervention.to,
          amount: kind === 'forced_transfer' ? intervention.amount : null,
          reason: intervention.reason,
          documentTitle: intervention.document.title,
          documentUri: intervention.document.uri,
          documentSha256: intervention.document.sha256,
          author: intervention.author,
          createdAt: now,
        })),
      )
      .returning();
    // Returned in the order asked (the identity column grows with the insert's rows).
    return rows.sort((a, b) => a.id - b.id).map(serialize);
  });
}

export const tokenEvent = (row: typeof tokenControlEvents.$inferSelect): InterventionEvent => ({
  kind: row.kind as InterventionKind,
  transactionHash: row.transactionHash,
  blockNumber: row.blockNumber,
  logIndex: row.logIndex,
  blockTime: row.blockTime,
  actor: row.actor,
  account: row.account,
  counterparty: row.counterparty,
  value: row.value,
  revenue: row.revenue,
  paid: null,
});

export const offeringEvent = (row: typeof offeringEvents.$inferSelect): InterventionEvent => ({
  kind: 'purchase_recovered',
  transactionHash: row.transactionHash,
  blockNumber: row.blockNumber,
  logIndex: row.logIndex,
  blockTime: row.blockTime,
  // Null for a row indexed before the mirror kept the operator: no reason is lent to it (explains).
  actor: row.actor,
  account: row.account,
  counterparty: row.recipient,
  value: row.shares,
  revenue: null,
  paid: row.amount,
});

export const eventKey = (event: { transactionHash: Hex; logIndex: number }) =>
  `${event.transactionHash.toLowerCase()}:${event.logIndex}`;

/** A hash some reason of the cluster is keyed by (a correlated subquery on an event table's transaction_hash). */
const keyedInCluster = (db: Executor, chainId: number, clusterId: bigint, transactionHash: SQL | AnyPgColumn) =>
  db
    .select({ id: clusterInterventions.id })
    .from(clusterInterventions)
    .where(and(ofCluster(chainId, clusterId), eq(clusterInterventions.txHash, transactionHash)));

const lowerEq = (column: AnyPgColumn, value: Address) => sql`lower(${column}) = ${value.toLowerCase()}`;

/**
 * Which unattached draft explains which mirrored intervention whose hash never arrived, over the cluster's whole
 * history, not a page of it (attacker report L-2): drafts of one kind, accounts, author (and amount) are the same
 * reason to `explains`, so the oldest such draft takes the oldest such event that no reason of the cluster is keyed
 * by, the next the next, and so on. One query per kind of draft (at most DRAFTS_MATCHED_LIMIT drafts), each bounded
 * by its number of drafts. Not compared with the block's time: a local chain's clock may run ahead of or behind the
 * server's. Keyed by the event (eventKey).
 */
export async function pairDrafts(
  db: Executor,
  chainId: number,
  clusterId: bigint,
  sale: ClusterSale,
): Promise<Map<string, { draft: RecordRow; event: InterventionEvent }>> {
  const drafts = await db
    .select()
    .from(clusterInterventions)
    .where(and(ofCluster(chainId, clusterId), isNull(clusterInterventions.txHash)))
    .orderBy(asc(clusterInterventions.createdAt), asc(clusterInterventions.id))
    .limit(DRAFTS_MATCHED_LIMIT);
  const alike = new Map<string, RecordRow[]>();
  for (const draft of drafts) {
    const key = [draft.kind, draft.from, draft.to, draft.author, draft.amount ?? ''].join(':').toLowerCase();
    alike.set(key, [...(alike.get(key) ?? []), draft]);
  }
  const pairs = new Map<string, { draft: RecordRow; event: InterventionEvent }>();
  for (const group of alike.values()) {
    const [first] = group as [RecordRow];
    let events: InterventionEvent[];
    if (first.kind === 'purchase_recovered') {
      const rows = await db
        .select()
        .from(offeringEvents)
        .where(
          and(
            eq(offeringEvents.chainId, chainId),
            eq(offeringEvents.offering, sale.offering),
            eq(offeringEvents.kind, 'purchase_recovered'),
            lowerEq(offeringEvents.account, first.from),
            lowerEq(offeringEvents.recipient, first.to),
            lowerEq(offeringEvents.actor, first.author),
            notExists(keyedInCluster(db, chainId, clusterId, offeringEvents.transactionHash)),
          ),
        )
        .orderBy(asc(offeringEvents.blockNumber), asc(offeringEvents.logIndex))
        .limit(group.length);
      events = rows.map(offeringEvent);
    } else {
      const rows = await db
        .select()
        .from(tokenControlEvents)
        .where(
          and(
            eq(tokenControlEvents.chainId, chainId),
            eq(tokenControlEvents.token, sale.token),
            eq(tokenControlEvents.kind, first.kind),
            lowerEq(tokenControlEvents.account, first.from),
            lowerEq(tokenControlEvents.counterparty, first.to),
            lowerEq(tokenControlEvents.actor, first.author),
            first.kind === 'forced_transfer' && first.amount !== null
              ? eq(tokenControlEvents.value, first.amount)
              : undefined,
            notExists(keyedInCluster(db, chainId, clusterId, tokenControlEvents.transactionHash)),
          ),
        )
        .orderBy(asc(tokenControlEvents.blockNumber), asc(tokenControlEvents.logIndex))
        .limit(group.length);
      events = rows.map(tokenEvent);
    }
    // The SQL above is the same test as explains; checked again so that the two can never drift apart.
    events.forEach((event, index) => {
      const draft = group[index]!;
      if (explains(draft, event)) pairs.set(eventKey(event), { draft, event });
    });
  }
  return pairs;
}

/**
 * Keys each draft that a mirrored intervention fits by that intervention's hash (the browser's report of it never
 * arrived), before drafts are pruned or counted: such a reason explains a mined transaction, so it must neither be
 * pruned after DRAFT_TTL_MS nor hold one of the PENDING_PER_CLUSTER places. The same pairing the history shows, made
 * permanent, over the cluster's whole history (not its newest page: after an indexer outage the event of a week-old
 * draft may be far down). Only this cluster's own events and drafts take part, and a hash keys at most one reason of
 * the cluster (the unique index is per cluster): another cluster's operator cannot claim or block it.
 */
async function settleMinedDrafts(db: Executor, chainId: number, clusterId: bigint) {
  const sale = await clusterSale(db, chainId, clusterId);
  if (!sale) return;
  for (const { draft: row, event } of (await pairDrafts(db, chainId, clusterId, sale)).values()) {
    const transactionHash = event.transactionHash;
    await db
      .update(clusterInterventions)
      .set({ txHash: transactionHash })
      .where(
        and(
          eq(clusterInterventions.id, row.id),
          isNull(clusterInterventions.txHash),
          notExists(keyedInCluster(db, chainId, clusterId, sql`${transactionHash}`)),
        ),
      );
  }
}

/**
 * Drops a recorded reason whose transaction was certainly not mined (the wallet refused it, or the chain reverted
 * it), so that it cannot be matched to a later intervention. Only while it waits for its hash, only by its author.
 */
export async function abandonIntervention(
  db: Database,
  abandon: { chainId: number; clusterId: bigint; id: number; author: Address },
): Promise<boolean> {
  const removed = await db
    .delete(clusterInterventions)
    .where(
      and(
        ofCluster(abandon.chainId, abandon.clusterId),
        eq(clusterInterventions.id, abandon.id),
        eq(clusterInterventions.author, abandon.author),
        isNull(clusterInterventions.txHash),
      ),
    )
    .returning({ id: clusterInterventions.id });
  return removed.length > 0;
}
