/**
 * The mirror is everything the chain can give back: the tables of the PostgreSQL schema `mirror` (db/schema.ts).
 * Emptying it is how a re-index starts, and it never reaches `public`, where operator notes and documents (and any
 * other application's objects) live: a wipe of the database by accident loses nothing the chain cannot rebuild.
 */
import { getTableName, is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './index';
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
 * Empties every mirror table in one statement (TRUNCATE of several tables is atomic and takes their locks together,
 * so a reader sees the whole mirror or none of it). The tables, indexes and drizzle's migration record stay, so no
 * migration has to run again; `public` is never named.
 */
export async function emptyMirror(db: Executor) {
  await db.execute(
    sql`truncate table ${sql.join(
      mirrorTables.map((table) => sql`${table}`),
      sql`, `,
    )}`,
  );
}
