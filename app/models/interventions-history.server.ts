/**
 * The cluster's history of interventions as the chain saw them, one page at a time (newest first, `before` a
 * `<block>:<logIndex>` cursor): the mirror's ForcedTransfer / WalletRecovered (token_control_events) and
 * PurchaseRecovered (offering_events) events, each with the reason that explains it, the one keyed by its hash or else
 * the draft pairDrafts pairs it with (interventions.server.ts, which records the reasons and says why in that order).
 */
import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Address, Hex } from 'viem';
import type { Database } from '#db';
import type { Executor } from '#db/bulk-insert';
import { clusterInterventions, offeringEvents, tokenControlEvents } from '#db/schema';
import {
  eventKey,
  explains,
  type InterventionEvent,
  type InterventionKind,
  type InterventionRecord,
  ofCluster,
  offeringEvent,
  pairDrafts,
  type RecordRow,
  serialize,
  tokenEvent,
} from './interventions.server';
import type { ClusterSale } from './interventions-allowlist.server';

/** The kinds the share token records (token_control_events); purchase_recovered is the offering's (offering_events). */
const TOKEN_KINDS = ['forced_transfer', 'wallet_recovered'] as const;
/** Interventions one page of history shows (newest first); older ones are on the next pages (`before`). */
export const HISTORY_LIMIT = 50;

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
