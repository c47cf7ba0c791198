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
import { and, asc, count, desc, eq, inArray, isNull, lt, notExists, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import {
  type Address,
  type Hex,
  isAddressEqual,
  type PublicClient,
  parseEventLogs,
  TransactionReceiptNotFoundError,
} from 'viem';
import { offeringAbi, shareTokenAbi } from '#contracts';
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
/** Interventions one page of history shows (newest first); older ones are on the next pages (`before`). */
export const HISTORY_LIMIT = 50;
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

/**
 * The hash reported for a reason is not mined yet as far as the server's node knows (its receipt is unknown), or the
 * cluster's token is not mirrored yet: nothing is stored, the same report may succeed in a moment (409, `retryable`).
 */
export class InterventionTxPendingError extends Rejection {
  override name = 'InterventionTxPendingError';
  constructor(code: 'transaction_not_mined' | 'cluster_not_indexed', message: string) {
    super(code, message, 409, { retryable: true });
  }
}

/**
 * The hash reported for a reason is of a transaction that does not carry the intervention it explains: not sent by
 * the reason's author, not to this cluster's token (or offering), reverted, or without the event of the same kind,
 * accounts and amount. Refused (422) so that no operator can key its reason by another intervention's hash (attacker
 * report M-1): a hash names one cluster's intervention, and only the reason written for it can claim it.
 */
export class InterventionTxMismatchError extends Rejection {
  override name = 'InterventionTxMismatchError';
  constructor(message: string) {
    super('transaction_mismatch', message, 422);
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

/** What attachInterventionTx reads from the chain: the receipt of the reported hash (the load context's client). */
export type ReceiptReader = { publicClient: Pick<PublicClient, 'getTransactionReceipt'> };

/** The interventions a receipt's logs carry from `sale`'s token (ForcedTransfer, WalletRecovered) and offering. */
function receiptInterventions(
  receipt: Awaited<ReturnType<PublicClient['getTransactionReceipt']>>,
  sale: ClusterSale,
): InterventionEvent[] {
  const blockTime = new Date(0);
  const where = (log: { transactionHash: Hex; blockNumber: bigint; logIndex: number }) => ({
    transactionHash: log.transactionHash,
    blockNumber: log.blockNumber,
    logIndex: log.logIndex,
    blockTime,
  });
  const tokenLogs = parseEventLogs({
    abi: shareTokenAbi,
    eventName: ['ForcedTransfer', 'WalletRecovered'],
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, sale.token)),
  });
  const offeringLogs = parseEventLogs({
    abi: offeringAbi,
    eventName: 'PurchaseRecovered',
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, sale.offering)),
  });
  return [
    ...tokenLogs.map(
      (log): InterventionEvent =>
        log.eventName === 'ForcedTransfer'
          ? {
              ...where(log),
              kind: 'forced_transfer',
              actor: log.args.operator,
              account: log.args.from,
              counterparty: log.args.to,
              value: log.args.amount,
              revenue: null,
              paid: null,
            }
          : {
              ...where(log),
              kind: 'wallet_recovered',
              actor: log.args.operator,
              account: log.args.lost,
              counterparty: log.args.replacement,
              value: log.args.shares,
              revenue: log.args.revenue,
              paid: null,
            },
    ),
    ...offeringLogs.map(
      (log): InterventionEvent => ({
        ...where(log),
        kind: 'purchase_recovered',
        actor: log.args.operator,
        account: log.args.lost,
        counterparty: log.args.replacement,
        value: log.args.shares,
        revenue: null,
        paid: log.args.paid,
      }),
    ),
  ];
}

/**
 * Keys a recorded reason by its mined transaction. Only a reason of this cluster still waiting for its hash, only by
 * the operator who wrote it, and only by a hash no other reason of the cluster holds: false otherwise (nothing
 * changed). The hash is the browser's word, so it is checked against the chain first (attacker report M-1): its
 * receipt must say the transaction succeeded, was sent by the reason's author to the cluster's token (to its offering
 * for a moved purchase), and carries that contract's event the reason explains (`explains`: same kind, accounts,
 * operator and, for a forced transfer, amount). A receipt the node does not have yet → InterventionTxPendingError
 * (409, retry); one that does not fit → InterventionTxMismatchError (422). One receipt read per report, only for a
 * signed-in operator with a reason waiting.
 */
export async function attachInterventionTx(
  db: Database,
  chain: ReceiptReader,
  attach: { chainId: number; clusterId: bigint; id: number; txHash: Hex; author: Address },
): Promise<boolean> {
  const [existing] = await db
    .select()
    .from(clusterInterventions)
    .where(and(ofCluster(attach.chainId, attach.clusterId), eq(clusterInterventions.id, attach.id)));
  if (!existing || existing.txHash !== null || !isAddressEqual(existing.author, attach.author)) return false;
  const sale = await clusterSale(db, attach.chainId, attach.clusterId);
  if (!sale)
    throw new InterventionTxPendingError(
      'cluster_not_indexed',
      `Cluster #${attach.clusterId}'s share token is not indexed yet; report the transaction again in a moment.`,
    );
  const receipt = await chain.publicClient.getTransactionReceipt({ hash: attach.txHash }).catch((error: unknown) => {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  });
  if (!receipt)
    throw new InterventionTxPendingError(
      'transaction_not_mined',
      `Transaction ${attach.txHash} is not mined yet as far as the server's node knows; report it again in a moment.`,
    );
  const target = existing.kind === 'purchase_recovered' ? sale.offering : sale.token;
  const fits =
    receipt.status === 'success' &&
    isAddressEqual(receipt.from, existing.author) &&
    receipt.to !== null &&
    isAddressEqual(receipt.to, target) &&
    receiptInterventions(receipt, sale).some((event) => explains(existing, event));
  if (!fits)
    throw new InterventionTxMismatchError(
      `Transaction ${attach.txHash} is not the intervention #${attach.id} explains: it must be sent by its author to cluster #${attach.clusterId}'s ${existing.kind === 'purchase_recovered' ? 'offering' : 'share token'} and move the same accounts.`,
    );
  const [taken] = await db
    .select({ id: clusterInterventions.id })
    .from(clusterInterventions)
    .where(and(ofCluster(attach.chainId, attach.clusterId), eq(clusterInterventions.txHash, attach.txHash)));
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
  /** The event's place in its block: with blockNumber, the cursor of the next (older) page (`before`). */
  logIndex: number;
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

/** Where a page of history ends: the older page starts below this event (block, then log index). */
export type HistoryCursor = { blockNumber: bigint; logIndex: number };

/** A cursor as the page's URL carries it (`before=<block>:<logIndex>`); undefined for anything else. */
export function parseHistoryCursor(text: string | null | undefined): HistoryCursor | undefined {
  const match = /^(\d{1,20}):(\d{1,9})$/.exec(text ?? '');
  return match ? { blockNumber: BigInt(match[1]!), logIndex: Number(match[2]) } : undefined;
}

/** Strictly older than `before` in chain order, for a table with block_number and log_index columns. */
function olderThan(
  columns: { blockNumber: AnyPgColumn; logIndex: AnyPgColumn },
  before: HistoryCursor | undefined,
): SQL | undefined {
  if (!before) return undefined;
  return or(
    lt(columns.blockNumber, before.blockNumber),
    and(eq(columns.blockNumber, before.blockNumber), lt(columns.logIndex, before.logIndex)),
  );
}

const tokenEvent = (row: typeof tokenControlEvents.$inferSelect): InterventionEvent => ({
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

const offeringEvent = (row: typeof offeringEvents.$inferSelect): InterventionEvent => ({
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

/**
 * The sale's interventions older than `before` (all when none), newest first, at most `limit`: the token's forced
 * transfers and wallet recoveries and the offering's purchase recoveries, each list bounded by `limit` before the two
 * are merged. (block, log index) orders both tables' logs alike: a log index is unique within its block.
 */
async function interventionEvents(
  db: Executor,
  chainId: number,
  sale: ClusterSale,
  limit: number,
  before?: HistoryCursor,
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
          olderThan(tokenControlEvents, before),
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
          olderThan(offeringEvents, before),
        ),
      )
      .orderBy(desc(offeringEvents.blockNumber), desc(offeringEvents.logIndex))
      .limit(limit),
  ]);
  const events = [...tokenRows.map(tokenEvent), ...offeringRows.map(offeringEvent)];
  events.sort((a, b) =>
    a.blockNumber === b.blockNumber ? b.logIndex - a.logIndex : a.blockNumber > b.blockNumber ? -1 : 1,
  );
  return events.slice(0, limit);
}

const eventKey = (event: { transactionHash: Hex; logIndex: number }) =>
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
async function pairDrafts(
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
 * One page of the token's interventions (newest first, older than `before`, at most `limit`), each with the reason
 * that explains it: the one keyed by its hash, else the draft pairDrafts pairs it with.
 */
async function matchInterventions(
  db: Executor,
  chainId: number,
  clusterId: bigint,
  sale: ClusterSale,
  limit: number,
  before?: HistoryCursor,
): Promise<Matched[]> {
  const events = await interventionEvents(db, chainId, sale, Math.min(Math.max(limit, 1), HISTORY_LIMIT), before);
  if (events.length === 0) return [];
  const hashes = [...new Set(events.map((event) => event.transactionHash))];
  const [linked, drafts] = await Promise.all([
    db
      .select()
      .from(clusterInterventions)
      .where(and(ofCluster(chainId, clusterId), inArray(clusterInterventions.txHash, hashes))),
    pairDrafts(db, chainId, clusterId, sale),
  ]);
  const byHash = new Map(linked.map((row) => [row.txHash!.toLowerCase(), row]));
  return events.map((event): Matched => {
    const keyed = byHash.get(event.transactionHash.toLowerCase());
    if (keyed && explains(keyed, event)) return { event, row: keyed, draft: false };
    const paired = drafts.get(eventKey(event));
    return paired ? { event, row: paired.draft, draft: true } : { event, row: undefined, draft: false };
  });
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

/** One page of a cluster's history, and the cursor of the next (older) page when there is one. */
export type InterventionPage = { entries: InterventionEntry[]; older: string | null };

/**
 * One page of the cluster's interventions as the chain saw them (newest first, older than `before`, at most `limit`),
 * each with its recorded reason. `sale` is the cluster's share token and offering as the caller already knows them
 * (none: the cluster has no interventions). `older` is the next page's `before` (`<block>:<logIndex>`).
 */
export async function clusterInterventionPage(
  db: Database,
  chainId: number,
  clusterId: bigint,
  sale: ClusterSale | undefined,
  { before, limit = HISTORY_LIMIT }: { before?: HistoryCursor; limit?: number } = {},
): Promise<InterventionPage> {
  if (!sale) return { entries: [], older: null };
  const size = Math.min(Math.max(limit, 1), HISTORY_LIMIT);
  const matched = await matchInterventions(db, chainId, clusterId, sale, size, before);
  const entries = matched.map(({ event, row, draft }): InterventionEntry => {
    const kind = event.kind;
    return {
      kind,
      txHash: event.transactionHash,
      blockNumber: event.blockNumber.toString(),
      logIndex: event.logIndex,
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
  const last = matched.at(-1)?.event;
  const older =
    last && entries.length === size
      ? (await interventionEvents(db, chainId, sale, 1, last)).length > 0
        ? `${last.blockNumber}:${last.logIndex}`
        : null
      : null;
  return { entries, older };
}

/** The newest page of the cluster's interventions (clusterInterventionPage's entries). */
export async function clusterInterventionHistory(
  db: Database,
  chainId: number,
  clusterId: bigint,
  sale: ClusterSale | undefined,
  limit = HISTORY_LIMIT,
): Promise<InterventionEntry[]> {
  return (await clusterInterventionPage(db, chainId, clusterId, sale, { limit })).entries;
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
