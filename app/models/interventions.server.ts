/**
 * The operator's interventions on its holders (forced transfers, wallet recoveries, moves of a frozen buyer's purchase
 * out of the offering's escrow) with the reason and the document the chain does not keep (db/schema/off-chain.ts
 * clusterInterventions), and the cluster's history that joins them with the mirror's ForcedTransfer / WalletRecovered
 * (token_control_events) and PurchaseRecovered (offering_events) events.
 *
 * Order of writes: the reason is recorded BEFORE the wallet sends the transaction, then keyed by its hash once mined.
 * The other order (send, then record with the hash) loses the reason whenever the browser closes, the network drops
 * or the session expires between the receipt and the write: the chain would then hold an intervention nobody can
 * explain, and it cannot be undone. Recording first can at worst leave a reason whose transaction was never sent (a
 * draft, pruned after DRAFT_TTL_MS, bounded per cluster) or one whose hash never arrived: the history then matches
 * the event to the oldest unattached draft that fits it (`explains`; `draft` in the answer says so), and the next
 * reason recorded for the cluster keys that draft by the event's hash (settleMinedDrafts), so it is never pruned.
 */
import { and, asc, count, desc, eq, inArray, isNull, lt, notExists, sql } from 'drizzle-orm';
import { type Address, type Hex, isAddressEqual } from 'viem';
import type { Database } from '#db';
import type { Executor } from '#db/bulk-insert';
import { clusterInterventions, offeringEvents, tokenControlEvents } from '#db/schema';
import { Rejection } from '#protocol/base-error';
import { type ClusterSale, clusterSale } from './interventions-allowlist.server';

export const INTERVENTION_KINDS = ['forced_transfer', 'wallet_recovered', 'purchase_recovered'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];
/** The kinds the share token records (token_control_events); purchase_recovered is the offering's (offering_events). */
const TOKEN_KINDS = ['forced_transfer', 'wallet_recovered'] as const;

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
/** Interventions one page of history shows (newest first). */
export const HISTORY_LIMIT = 50;

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

function serialize(row: typeof clusterInterventions.$inferSelect): InterventionRecord {
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

type RecordRow = typeof clusterInterventions.$inferSelect;

/**
 * A mirrored intervention, from the token's events or the offering's, in one shape: who acted, whose shares left
 * (`account`) for whom (`counterparty`), the shares moved (`value`), the token revenue moved with a recovered wallet
 * (`revenue`) and what a moved purchase was paid (`paid`).
 */
type InterventionEvent = {
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
function explains(row: RecordRow, event: InterventionEvent): boolean {
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

const ofCluster = (chainId: number, clusterId: bigint) =>
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

/**
 * Keys a recorded reason by its mined transaction. Only a reason of this cluster still waiting for its hash, and
 * only by the operator who wrote it; false otherwise (nothing changed).
 */
export async function attachInterventionTx(
  db: Database,
  attach: { chainId: number; clusterId: bigint; id: number; txHash: Hex; author: Address },
): Promise<boolean> {
  const [existing] = await db
    .select()
    .from(clusterInterventions)
    .where(and(ofCluster(attach.chainId, attach.clusterId), eq(clusterInterventions.id, attach.id)));
  if (!existing || existing.txHash !== null || !isAddressEqual(existing.author, attach.author)) return false;
  const [taken] = await db
    .select({ id: clusterInterventions.id })
    .from(clusterInterventions)
    .where(and(eq(clusterInterventions.chainId, attach.chainId), eq(clusterInterventions.txHash, attach.txHash)));
  if (taken) return false;
  const updated = await db
    .update(clusterInterventions)
    .set({ txHash: attach.txHash })
    .where(and(eq(clusterInterventions.id, attach.id), isNull(clusterInterventions.txHash)))
    .returning({ id: clusterInterventions.id });
  return updated.length > 0;
}

export type InterventionEntry = {
  kind: InterventionKind;
  txHash: Hex;
  blockNumber: string;
  blockTime: string;
  operator: Address | null;
  from: Address;
  to: Address;
  /** Share-wei moved (for a moved purchase: the shares it holds in the offering's escrow). */
  shares: string;
  /**
   * Base units of unclaimed revenue moved with a recovered wallet (null for a forced transfer, and for a moved purchase,
   * whose event does not say: its unclaimed escrow revenue moves with it, whatever it is).
   */
  revenue: string | null;
  /** Base units the moved purchase was paid (what a refund would have paid back); null for the token's kinds. */
  paid: string | null;
  /** The reason recorded, null when the operator recorded none (an intervention sent outside the dashboard). */
  record: InterventionRecord | null;
  /** True when the reason was matched by what it explains (`explains`) because its hash never arrived. */
  draft: boolean;
};

/** A mirrored intervention with the reason that explains it, if any (`draft`: matched, its hash never arrived). */
type Matched = { event: InterventionEvent; row: RecordRow | undefined; draft: boolean };

/**
 * The sale's latest interventions, newest first, at most `limit`: the token's forced transfers and wallet recoveries
 * and the offering's purchase recoveries, each list bounded by `limit` before the two are merged.
 */
async function interventionEvents(
  db: Executor,
  chainId: number,
  sale: ClusterSale,
  limit: number,
): Promise<InterventionEvent[]> {
  const [tokenRows, offeringRows] = await Promise.all([
    db
      .select()
      .from(tokenControlEvents)
      .where(
        and(
          eq(tokenControlEvents.chainId, chainId),
          eq(tokenControlEvents.token, sale.token),
          inArray(tokenControlEvents.kind, [...TOKEN_KINDS]),
        ),
      )
      .orderBy(desc(tokenControlEvents.blockNumber), desc(tokenControlEvents.logIndex))
      .limit(limit),
    db
      .select()
      .from(offeringEvents)
      .where(
        and(
          eq(offeringEvents.chainId, chainId),
          eq(offeringEvents.offering, sale.offering),
          eq(offeringEvents.kind, 'purchase_recovered'),
        ),
      )
      .orderBy(desc(offeringEvents.blockNumber), desc(offeringEvents.logIndex))
      .limit(limit),
  ]);
  const events = [
    ...tokenRows.map(
      (row): InterventionEvent => ({
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
      }),
    ),
    ...offeringRows.map(
      (row): InterventionEvent => ({
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
      }),
    ),
  ];
  events.sort((a, b) =>
    a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber > b.blockNumber ? -1 : 1,
  );
  return events.slice(0, limit);
}

/**
 * The token's latest interventions (newest first, at most `limit`), each with the reason that explains it: the one
 * keyed by its hash, else the oldest unattached draft that fits it. Oldest event first while matching, so that each
 * takes the oldest fitting draft. Not compared with the block's time: a local chain's clock may run ahead of or behind
 * the server's.
 */
async function matchInterventions(
  db: Executor,
  chainId: number,
  clusterId: bigint,
  sale: ClusterSale,
  limit: number,
): Promise<Matched[]> {
  const events = await interventionEvents(db, chainId, sale, Math.min(Math.max(limit, 1), HISTORY_LIMIT));
  if (events.length === 0) return [];
  const hashes = [...new Set(events.map((event) => event.transactionHash))];
  // Only a draft by the operator who sent one of these can fit it (explains): at most PENDING_PER_CLUSTER each.
  const actors = [...new Set(events.flatMap((event) => (event.actor ? [event.actor.toLowerCase()] : [])))];
  const [linked, drafts] = await Promise.all([
    db
      .select()
      .from(clusterInterventions)
      .where(and(ofCluster(chainId, clusterId), inArray(clusterInterventions.txHash, hashes))),
    db
      .select()
      .from(clusterInterventions)
      .where(
        and(
          ofCluster(chainId, clusterId),
          isNull(clusterInterventions.txHash),
          inArray(sql`lower(${clusterInterventions.author})`, actors),
        ),
      )
      .orderBy(asc(clusterInterventions.createdAt), asc(clusterInterventions.id))
      .limit(PENDING_PER_CLUSTER * Math.max(actors.length, 1)),
  ]);
  const byHash = new Map(linked.map((row) => [row.txHash!.toLowerCase(), row]));
  const unclaimed = [...drafts];
  const matched = [...events].reverse().map((event): Matched => {
    const keyed = byHash.get(event.transactionHash.toLowerCase());
    if (keyed && explains(keyed, event)) return { event, row: keyed, draft: false };
    const index = unclaimed.findIndex((candidate) => explains(candidate, event));
    return index >= 0
      ? { event, row: unclaimed.splice(index, 1)[0], draft: true }
      : { event, row: undefined, draft: false };
  });
  return matched.reverse();
}

/**
 * Keys each draft that a mirrored intervention fits by that intervention's hash (the browser's report of it never
 * arrived), before drafts are pruned or counted: such a reason explains a mined transaction, so it must neither be
 * pruned after DRAFT_TTL_MS nor hold one of the PENDING_PER_CLUSTER places. The same match the history shows, made
 * permanent; an event whose hash already keys some other reason is left alone (the hash is unique per chain).
 */
async function settleMinedDrafts(db: Executor, chainId: number, clusterId: bigint) {
  const sale = await clusterSale(db, chainId, clusterId);
  if (!sale) return;
  for (const { event, row, draft } of await matchInterventions(db, chainId, clusterId, sale, HISTORY_LIMIT)) {
    if (!draft || !row) continue;
    const keyed = db
      .select({ id: clusterInterventions.id })
      .from(clusterInterventions)
      .where(and(eq(clusterInterventions.chainId, chainId), eq(clusterInterventions.txHash, event.transactionHash)));
    await db
      .update(clusterInterventions)
      .set({ txHash: event.transactionHash })
      .where(and(eq(clusterInterventions.id, row.id), isNull(clusterInterventions.txHash), notExists(keyed)));
  }
}

/**
 * The cluster's interventions as the chain saw them (newest first, at most `limit`), each with its recorded reason.
 * `sale` is the cluster's share token and offering as the caller already knows them (none: the cluster has no
 * interventions).
 */
export async function clusterInterventionHistory(
  db: Database,
  chainId: number,
  clusterId: bigint,
  sale: ClusterSale | undefined,
  limit = HISTORY_LIMIT,
): Promise<InterventionEntry[]> {
  if (!sale) return [];
  const matched = await matchInterventions(db, chainId, clusterId, sale, limit);
  return matched.map(({ event, row, draft }): InterventionEntry => {
    const kind = event.kind;
    return {
      kind,
      txHash: event.transactionHash,
      blockNumber: event.blockNumber.toString(),
      blockTime: event.blockTime.toISOString(),
      operator: event.actor,
      from: event.account!,
      to: event.counterparty!,
      shares: (event.value ?? 0n).toString(),
      revenue: kind === 'wallet_recovered' ? (event.revenue ?? 0n).toString() : null,
      paid: kind === 'purchase_recovered' ? (event.paid ?? 0n).toString() : null,
      record: row ? serialize(row) : null,
      draft,
    };
  });
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
