/**
 * Bulk inserts for the indexer's range writes and the bench seeders: `insertRows` sends each column as one array
 * parameter, so a statement's text and parameter count do not grow with its rows; `copyRows` streams new rows with
 * COPY, the database's own bulk-load path, where nothing can already be stored.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableColumns, getTableName, is, type SQL, sql } from 'drizzle-orm';
import { NodePgSession } from 'drizzle-orm/node-postgres';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { PgliteSession } from 'drizzle-orm/pglite';
import { from as copyFrom } from 'pg-copy-streams';
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
  const columns = columnsOf(table, rows);
  if (hasArrayColumn(columns)) {
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
      // The array travels as its text literal: the drivers' generic serializers quote and escape every element.
      const literal = `{${encodeColumn(chunk, key, column, arrayElement, 'NULL').join(',')}}`;
      return sql`${sql.param(literal)}::${sql.raw(column.getSQLType())}[]`;
    });
    await db.execute(
      sql`insert into ${table} (${sql.join(
        columns.map(([, column]) => sql.identifier(column.name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)}) ${conflict ?? sql`on conflict do nothing`}`,
    );
  }
}

/**
 * Appends `rows` with COPY … FROM STDIN (PostgreSQL, through pg-copy-streams) or from a blob (PGlite): the rows are
 * written as COPY's text format in one pass, with no statement to parse or plan and no conflict check, which makes it
 * about twice as fast as `insertRows` on PostgreSQL. There is no ON CONFLICT: a row that is already stored fails the
 * whole COPY (and its transaction) with a unique violation, so use it only for rows nothing can have written yet — the
 * indexer's rows above its cursor, written in the transaction that moves the cursor. Tables with array columns go
 * through `insertRows`.
 */
export async function copyRows<TTable extends PgTable>(db: Executor, table: TTable, rows: TTable['$inferInsert'][]) {
  if (rows.length === 0) return;
  const columns = columnsOf(table, rows);
  if (hasArrayColumn(columns)) return insertRows(db, table, rows);
  const session = (db as unknown as { _: { session: unknown } })._.session;
  const config = getTableConfig(table);
  const target = `"${config.schema ?? 'public'}"."${config.name}" (${columns.map(([, column]) => `"${column.name}"`).join(', ')})`;
  const text = copyText(columns, rows as Record<string, unknown>[]);
  if (is(session, PgliteSession)) {
    const client = (session as unknown as { client: PgliteQueryable }).client;
    await client.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob([...text]) });
  } else if (is(session, NodePgSession)) {
    const client = (session as unknown as { client: PgQueryable }).client;
    // Outside a transaction the session holds the pool: COPY needs one connection for its whole stream.
    const connection = 'release' in client || !client.connect ? client : await client.connect();
    try {
      // Streamed a chunk at a time: the server parses one chunk while the next is built.
      await pipeline(
        Readable.from(text, { objectMode: false }),
        connection.query(copyFrom(`copy ${target} from stdin`)),
      );
    } finally {
      if (connection !== client) connection.release?.();
    }
  } else {
    await insertRows(db, table, rows);
  }
}

type PgliteQueryable = { query: (text: string, params: unknown[], options: { blob: Blob }) => Promise<unknown> };
type PgQueryable = {
  query: <T extends NodeJS.WritableStream>(stream: T) => T;
  connect?: () => Promise<PgQueryable>;
  release?: () => void;
};

/** Rows per chunk of COPY text (a few hundred KB). */
const COPY_CHUNK_ROWS = 2_000;

/**
 * `rows` in COPY's text format (tab-separated columns, \N for NULL, backslash escapes), COPY_CHUNK_ROWS rows per
 * chunk, each built when it is asked for.
 */
function* copyText(columns: [string, PgColumn][], rows: Record<string, unknown>[]) {
  for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + COPY_CHUNK_ROWS);
    const mapped = columns.map(([key, column]) => encodeColumn(chunk, key, column, copyField, '\\N'));
    let text = '';
    for (let index = 0; index < chunk.length; index++) {
      let line = mapped[0]![index]!;
      for (let column = 1; column < mapped.length; column++) line += `\t${mapped[column]![index]}`;
      text += `${line}\n`;
    }
    yield text;
  }
}

/** The table's columns that any of `rows` sets (the others take their defaults), as [property, column]. */
function columnsOf(table: PgTable, rows: readonly object[]): [string, PgColumn][] {
  return Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([key]) =>
    rows.some((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
}

/** Array columns cannot travel as unnest's arrays (unnest would flatten them) nor as this file's COPY text. */
const hasArrayColumn = (columns: [string, PgColumn][]) =>
  columns.some(([, column]) => column.getSQLType().endsWith(']'));

/**
 * Column `key` of `rows` as driver values written by `encode` (`nil` for a missing value): the one value mapping of
 * insertRows' array literals and copyRows' COPY text. Consecutive rows repeat most values (chain id, block hash and
 * time, token): each run is mapped to the driver once (a timestamp's toISOString per row was a visible share of a
 * backfill's CPU).
 */
function encodeColumn(
  rows: Record<string, unknown>[],
  key: string,
  column: PgColumn,
  encode: (value: unknown) => string,
  nil: string,
) {
  const out: string[] = new Array(rows.length);
  let lastValue: unknown;
  let lastEncoded = nil;
  for (let index = 0; index < rows.length; index++) {
    const value = rows[index]![key];
    if (value === undefined || value === null) {
      out[index] = nil;
      continue;
    }
    if (value !== lastValue) {
      const driverValue = column.mapToDriverValue(value);
      lastValue = value;
      lastEncoded = encode(typeof driverValue === 'bigint' ? driverValue.toString() : driverValue);
    }
    out[index] = lastEncoded;
  }
  return out;
}

/** Characters COPY's text format escapes: the backslash itself, and the row and column separators. */
const COPY_SPECIAL = /[\\\t\n\r]/;

function copyField(value: unknown) {
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
  if (!COPY_SPECIAL.test(text)) return text;
  return text.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n').replaceAll('\r', '\\r');
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
