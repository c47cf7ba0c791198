/**
 * Bulk inserts for the indexer's range writes and the bench seeders: each column travels as one array parameter, so a
 * statement's text and parameter count do not grow with its rows.
 */
import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;

/**
 * Inserts `rows` with one statement per chunk in which each column travels as a single array parameter that `unnest`
 * turns back into rows. The statement's text and parameter count stay the same however many rows it carries, so
 * Postgres parses and plans it once per chunk instead of walking tens of thousands of placeholders, and the client
 * does not build them (with drizzle's multi-row VALUES, building the statement cost as much as running it).
 * `conflict` is the statement's ON CONFLICT clause (default: skip rows already stored). Tables with array columns
 * (unnest would flatten them; only attestations, a few rows per range) go through drizzle's multi-row VALUES.
 */
export async function insertRows<TTable extends PgTable>(
  db: Executor,
  table: TTable,
  rows: TTable['$inferInsert'][],
  conflict?: SQL,
) {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([key]) =>
    rows.some((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
  if (columns.some(([, column]) => column.getSQLType().endsWith(']'))) {
    if (conflict) throw new Error(`insertRows: ${getTableName(table)} has array columns; only skipping is supported`);
    const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    for (let start = 0; start < rows.length; start += size) {
      await db
        .insert(table)
        .values(rows.slice(start, start + size) as never)
        .onConflictDoNothing();
    }
    return;
  }
  for (let start = 0; start < rows.length; start += UNNEST_ROWS) {
    const chunk = rows.slice(start, start + UNNEST_ROWS) as Record<string, unknown>[];
    const arrays = columns.map(([key, column]) => {
      // Consecutive rows repeat most values (chain id, block hash and time, token): each is mapped to the driver once
      // per run (a timestamp's toISOString per row was a visible share of a backfill's CPU).
      let lastValue: unknown;
      let lastMapped: unknown = null;
      let literal = '{';
      for (let index = 0; index < chunk.length; index++) {
        const value = chunk[index]![key];
        if (index > 0) literal += ',';
        if (value === undefined || value === null) {
          literal += 'NULL';
          continue;
        }
        if (value !== lastValue) {
          const driverValue = column.mapToDriverValue(value);
          lastValue = value;
          lastMapped = arrayElement(typeof driverValue === 'bigint' ? driverValue.toString() : driverValue);
        }
        literal += lastMapped;
      }
      // The array travels as its text literal: the drivers' generic serializers quote and escape every element.
      return sql`${sql.param(`${literal}}`)}::${sql.raw(column.getSQLType())}[]`;
    });
    await db.execute(
      sql`insert into ${table} (${sql.join(
        columns.map(([, column]) => sql.identifier(column.name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)}) ${conflict ?? sql`on conflict do nothing`}`,
    );
  }
}

/** Characters that make an array element need quotes (separators, quotes, escapes, braces, blanks). */
const ARRAY_SPECIAL = /[\s",\\{}]/;

/** One element of a Postgres array literal: bare where that reads back as the same text, else quoted and escaped. */
function arrayElement(value: unknown) {
  const text = typeof value === 'string' ? value : String(value);
  if (text !== '' && !ARRAY_SPECIAL.test(text) && (text.length !== 4 || text.toUpperCase() !== 'NULL')) return text;
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Postgres takes at most 65,535 parameters per statement; stay well below for both drivers. */
const MAX_PARAMETERS = 30_000;
/** Rows per unnest statement: large enough that per-statement costs vanish, small enough to bound memory. */
export const UNNEST_ROWS = 10_000;
