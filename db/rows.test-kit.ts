/**
 * Rows for the tests of the mirror's schema: one made-up row in every mirror table (built from the table's columns, so
 * a table added to db/schema.ts is covered without touching the tests), operator data in `public`, and row counts
 * read straight from the catalog's schemas. Never used outside tests.
 */
import { getTableName, type SQL, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database';
import { mirrorTables } from './mirror';
import { clusterDocuments, clusterNotes } from './schema';

type Executor = Pick<Database, 'execute'>;

/** Rows of a raw query: node-postgres and PGlite both answer `{ rows }`, which drizzle's generic type leaves unknown. */
export async function queryRows<Row>(db: Executor, query: SQL) {
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

/** A value of the column's SQL type, as text for a cast (the same for every table: no row collides with another). */
function sampleText(column: PgColumn): string {
  const type = column.getSQLType();
  if (['integer', 'smallint', 'bigint', 'numeric(78, 0)'].includes(type)) return '1';
  if (type === 'varchar(42)') return `0x${'11'.repeat(20)}`;
  if (type === 'varchar(66)') return `0x${'22'.repeat(32)}`;
  if (type === 'text') return 'x';
  if (type === 'text[]') return `{0x${'11'.repeat(20)}}`;
  if (type === 'timestamp with time zone') return '2030-01-01T00:00:00Z';
  if (type === 'boolean') return 'true';
  throw new Error(`no sample value for ${column.name} ${type}`);
}

/**
 * Inserts one row into `table` as it is laid out in `schemaName` (raw SQL: a database still at migration 0004 has
 * the mirror's tables in `public`, where the drizzle objects no longer point). Only the columns the table has there:
 * a database made by older migrations lacks the columns later ones added (offering_events.actor, 0009).
 */
export async function insertSampleRow(db: Executor, schemaName: string, table: PgTable) {
  const present = await queryRows<{ column_name: string }>(
    db,
    sql`select column_name from information_schema.columns where table_schema = ${schemaName} and table_name = ${getTableName(table)}`,
  );
  // A table a later migration creates (the market's, 0012) does not exist yet in an older database: nothing to fill.
  if (present.length === 0) return false;
  const names = new Set(present.map((row) => row.column_name));
  const columns = getTableConfig(table).columns.filter((column) => !column.generatedIdentity && names.has(column.name));
  await db.execute(
    sql`insert into ${sql.identifier(schemaName)}.${sql.identifier(getTableName(table))} (${sql.join(
      columns.map((column) => sql.identifier(column.name)),
      sql`, `,
    )}) values (${sql.join(
      columns.map((column) => sql`${sampleText(column)}::${sql.raw(column.getSQLType())}`),
      sql`, `,
    )})`,
  );
  return true;
}

/**
 * One row in every mirror table, laid out in `schemaName` (`mirror` today, `public` before migration 0005); returns the
 * tables filled (those the database's migrations have created).
 */
export async function fillMirror(db: Executor, schemaName = 'mirror') {
  const filled: string[] = [];
  for (const table of mirrorTables) if (await insertSampleRow(db, schemaName, table)) filled.push(getTableName(table));
  return filled;
}

/** An operator's note and document on cluster 1 of `chainId`: the data no re-index can give back. */
export async function addOperatorData(db: Database, chainId = 31_337) {
  const author = `0x${'aa'.repeat(20)}` as const;
  await db
    .insert(clusterNotes)
    .values({ chainId, clusterId: 1n, body: 'rack B maintenance', author, updatedAt: new Date() });
  await db.insert(clusterDocuments).values({
    chainId,
    clusterId: 1n,
    title: 'Audit',
    uri: 'https://example.org/audit.pdf',
    sha256: `0x${'cd'.repeat(32)}`,
    author,
    addedAt: new Date(),
  });
}

/** Row count of every table in `schemaName`, by name, from the catalog (not from db/schema.ts). */
export async function rowCounts(db: Executor, schemaName: string) {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables where table_schema = ${schemaName} and table_type = 'BASE TABLE'`,
  );
  const counts: Record<string, number> = {};
  for (const { table_name: name } of tables) {
    const [count] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(schemaName)}.${sql.identifier(name)}`,
    );
    counts[name] = count!.n;
  }
  return counts;
}
