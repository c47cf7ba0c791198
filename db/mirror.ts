/**
 * The mirror is everything the chain can give back: the tables of the PostgreSQL schema `mirror` (db/schema.ts).
 * Emptying it is how a re-index starts, and it never reaches `public`, where operator notes and documents (and any
 * other application's objects) live: a wipe of the database by accident loses nothing the chain cannot rebuild.
 */
import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, type PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database';
import * as schema from './schema';

type Executor = Pick<Database, 'execute'>;

export const MIRROR_SCHEMA = 'mirror';

/** Every table of the mirror schema, read from db/schema.ts so a table added there is emptied too. */
export const mirrorTables: PgTable[] = (Object.values(schema) as unknown[]).filter(
  (value): value is PgTable => is(value, PgTable) && getTableConfig(value).schema === MIRROR_SCHEMA,
);

/** The mirror's table names, for messages and tests. */
export const mirrorTableNames = mirrorTables.map((table) => getTableName(table)).sort();

/**
 * Each mirror table with its `chain_id` column. One database may hold the mirrors of several chains (a local run
 * pointed at a shared DATABASE_URL), so a table without the column could not be emptied for one chain alone: refused
 * when the module loads, not discovered when a reset wipes another chain's rows.
 */
const chainColumns: [PgTable, PgColumn][] = mirrorTables.map((table) => {
  const column = getTableConfig(table).columns.find((candidate) => candidate.name === 'chain_id');
  if (!column) throw new Error(`mirror table ${getTableName(table)} has no chain_id column`);
  return [table, column];
});

/**
 * Empties every mirror table, of every chain, in one statement (TRUNCATE of several tables is atomic and takes their
 * locks together, so a reader sees the whole mirror or none of it). The tables, indexes and drizzle's migration record
 * stay, so no migration has to run again; `public` is never named. Only the explicit `npm run db:reindex` does this.
 */
export async function emptyMirror(db: Executor) {
  await db.execute(
    sql`truncate table ${sql.join(
      mirrorTables.map((table) => sql`${table}`),
      sql`, `,
    )}`,
  );
}

/**
 * Deletes the mirror rows of `chainId` only, leaving other chains' mirrors in the same database alone: the automatic
 * reset of the local chain (its identity check is per chain too). Call it inside a transaction, so a crash between the
 * tables leaves the old mirror whole rather than half of it.
 */
export async function emptyMirrorOfChain(db: Executor, chainId: number) {
  for (const [table, column] of chainColumns) await db.execute(sql`delete from ${table} where ${column} = ${chainId}`);
}
