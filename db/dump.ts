/**
 * A canonical, comparable dump of everything the indexer derives from the chain (the cursor bookkeeping excluded:
 * its rows depend on how the history was split into ranges). Two databases mirror the same chain exactly when their
 * dumps are equal.
 */
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database';
import { derivedTables, eventTables } from './indexer/tables';

const mirroredTables = { ...eventTables, ...derivedTables };

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
