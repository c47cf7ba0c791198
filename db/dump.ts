/**
 * A canonical, comparable dump of everything the indexer derives from the chain (the cursor bookkeeping excluded:
 * its rows depend on how the history was split into ranges). Two databases mirror the same chain exactly when their
 * dumps are equal.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database';
import * as schema from './schema';

const mirroredTables = {
  stablecoinTransfers: schema.stablecoinTransfers,
  clusterEvents: schema.clusterEvents,
  clusters: schema.clusters,
  attestations: schema.attestations,
  epochReports: schema.epochReports,
  committeeEvents: schema.committeeEvents,
  shareTokens: schema.shareTokens,
  offerings: schema.offerings,
  offeringEvents: schema.offeringEvents,
  shareTransfers: schema.shareTransfers,
  balances: schema.balances,
  revenueDeposits: schema.revenueDeposits,
  claims: schema.claims,
  tokenControlEvents: schema.tokenControlEvents,
  rollups: schema.rollups,
} satisfies Record<string, PgTable>;

const serialize = (row: unknown) =>
  JSON.stringify(row, (_key, value) =>
    typeof value === 'bigint' ? `${value}n` : value instanceof Date ? value.toISOString() : value,
  );

export async function dumpMirror(db: Database) {
  const dump: Record<string, string[]> = {};
  for (const [name, table] of Object.entries(mirroredTables)) {
    const rows = await db.select().from(table as PgTable);
    dump[name] = rows.map(serialize).sort();
  }
  return dump;
}
