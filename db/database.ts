/**
 * Opens the mirror database: PGlite (embedded Postgres in WebAssembly) under a data directory by default, or a real
 * PostgreSQL server when a `postgres://` URL is given. Both run the same drizzle schema and migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { redactUrl, redactUrls } from '#contracts/redact';
import { UnavailableError } from '#protocol/base-error';
import * as schema from './schema';

export { schema };
export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseTarget = { kind: 'pglite'; dataDir: string | null } | { kind: 'postgres'; url: string };

export type DatabaseHandle = {
  db: Database;
  target: DatabaseTarget;
  /** Releases connections; for PGlite also flushes and closes the data directory (a dirty one hangs reopen). */
  close: () => Promise<void>;
};

export const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Thrown when the database cannot be reached or opened; the message is one sentence meant for an operator. */
export class DatabaseUnavailableError extends UnavailableError {
  override name = 'DatabaseUnavailableError';
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'pglite') {
    if (target.dataDir) mkdirSync(dirname(target.dataDir), { recursive: true });
    const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
    await client.waitReady;
    const db = drizzlePglite(client, { schema }) as unknown as Database;
    return { db, target, close: () => client.close() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 10, connectionTimeoutMillis: 5_000 });
  // The pool emits errors of idle clients (server restart); queries surface their own errors, so only log here.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DatabaseUnavailableError(
      `Cannot connect to PostgreSQL at ${redactUrl(target.url)}: ${redactUrls((error as Error).message)}.`,
      { cause: error },
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Database;
  return { db, target, close: () => pool.end() };
}

/** Applies the drizzle-kit migrations (idempotent); `folder` only for tests that start from an older schema. */
export async function migrateDatabase(handle: DatabaseHandle, folder = migrationsFolder) {
  if (handle.target.kind === 'pglite') {
    await migratePglite(handle.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder: folder });
  } else {
    await migratePg(handle.db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder: folder });
  }
}

/** The URL as every other one is printed (contracts/ts/redact.ts): scheme, host and port; user, password, database and
 * parameters hidden (M-6). */
export const redactDatabaseUrl = redactUrl;

/**
 * Where a target lives, in words: PostgreSQL as host:port/database (what tells production from staging; never the
 * credentials or the parameters, which may hold an sslpassword) or the PGlite directory.
 */
export function describeDatabase(target: DatabaseTarget) {
  if (target.kind === 'postgres') {
    if (!URL.canParse(target.url)) return `PostgreSQL at ${redactDatabaseUrl(target.url)}`;
    const url = new URL(target.url);
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return `PostgreSQL at ${url.hostname}:${url.port || '5432'}/${database || '(the default database)'}`;
  }
  return target.dataDir ? `PGlite in ${target.dataDir}` : 'an in-memory PGlite';
}
