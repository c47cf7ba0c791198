/**
 * The one registry of the tables the indexer fills. `eventTables` holds one table per kind of decoded log: the
 * decoder's row type (`EventRows`), `emptyEventRows`, the range write, the rollback and the mirror dump all derive from
 * it, so a new event table is one entry here (and the decoder that fills it). `derivedTables` are computed from the
 * event rows in the same transaction (./derived/).
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  attestations,
  balances,
  claims,
  clusterEvents,
  clusters,
  committeeEvents,
  epochReports,
  marketFeeEvents,
  marketFills,
  marketNonceCancels,
  marketOfferCancels,
  offeringEvents,
  offerings,
  revenueDeposits,
  rollups,
  shareTokens,
  shareTransfers,
  stablecoinTransfers,
  tokenControlEvents,
} from '../schema';

/** The event tables, in the order a range writes them. */
export const eventTables = {
  stablecoinTransfers,
  clusterEvents,
  attestations,
  epochReports,
  committeeEvents,
  shareTokens,
  offerings,
  offeringEvents,
  shareTransfers,
  revenueDeposits,
  claims,
  tokenControlEvents,
  marketFills,
  marketOfferCancels,
  marketNonceCancels,
  marketFeeEvents,
} satisfies Record<string, PgTable>;

export type EventTableKey = keyof typeof eventTables;

/** The rows decoded from one block range, one list per event table. */
export type EventRows = { [Key in EventTableKey]: (typeof eventTables)[Key]['$inferInsert'][] };

export const eventTableKeys = Object.keys(eventTables) as EventTableKey[];

export function emptyEventRows(): EventRows {
  const rows = {} as Record<EventTableKey, unknown[]>;
  for (const key of eventTableKeys) rows[key] = [];
  return rows as EventRows;
}

/** The tables computed from the event rows (balances and rollups by deltas, clusters by recomputation). */
export const derivedTables = { clusters, balances, rollups } satisfies Record<string, PgTable>;
