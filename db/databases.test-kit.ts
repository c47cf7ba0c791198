/**
 * The databases the data-layer tests run against: an in-memory PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL is set (CI starts a Debian PostgreSQL server and sets it). Every PostgreSQL handle gets its own
 * fresh database (created from TEST_DATABASE_URL's server, dropped on close), so test files running in parallel and
 * two handles in one test never see each other's tables.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, migrateDatabase, migrationsFolder, openDatabase } from './database';

export type TestDatabaseFactory = {
  name: string;
  /** A database migrated to the newest schema. */
  open: () => Promise<DatabaseHandle>;
  /** A database with no migration applied, for tests that migrate it themselves (from an older schema). */
  openEmpty: () => Promise<DatabaseHandle>;
};

async function migrated(open: () => Promise<DatabaseHandle>) {
  const handle = await open();
  await migrateDatabase(handle);
  return handle;
}

const openPglite = () => openDatabase({ kind: 'pglite', dataDir: null });

/** `count` migrated in-memory PGlites, e.g. a primary and its replicas for the read-routing tests. */
export async function openMigratedPglites(count: number): Promise<DatabaseHandle[]> {
  const handles: DatabaseHandle[] = [];
  for (let i = 0; i < count; i++) handles.push(await migrated(openPglite));
  return handles;
}

export const testDatabases: TestDatabaseFactory[] = [
  { name: 'pglite', open: () => migrated(openPglite), openEmpty: openPglite },
];

/**
 * A second process's view of `handle`'s database, for tests of state shared across processes: its own pool on
 * PostgreSQL (the same scratch database, a separate connection pool, as another web process would open); PGlite lives
 * in one process, so there the second view shares the handle (the same code, one connection). Close it before
 * `handle`: closing it never drops the database.
 */
export async function secondProcess(handle: DatabaseHandle): Promise<DatabaseHandle> {
  if (handle.target.kind === 'pglite') return { ...handle, close: async () => {} };
  return openDatabase(handle.target);
}

let created = 0;

/** Creates an empty database on the server of `adminUrl` and returns its URL and how to drop it. */
export async function createScratchDatabase(adminUrl: string) {
  const name = `rackshare_t${process.pid}_${created++}_${Date.now() % 100_000}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Identifiers cannot be bound as parameters; `name` is built above from digits and a fixed prefix only.
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  const openPostgres = async (): Promise<DatabaseHandle> => {
    const scratch = await createScratchDatabase(postgresUrl);
    const handle = await openDatabase({ kind: 'postgres', url: scratch.url });
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await scratch.drop();
      },
    };
  };
  testDatabases.push({ name: 'postgres', open: () => migrated(openPostgres), openEmpty: openPostgres });
}

/**
 * A copy of the migrations up to, not including, the first whose tag ends with `tagSuffix` (a temporary folder for
 * `migrateDatabase(handle, folder)`; remove it after): how a database of an older release was made.
 */
export function migrationsBefore(tagSuffix: string): string {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const cut = journal.entries.findIndex((entry) => entry.tag.endsWith(tagSuffix));
  if (cut <= 0) throw new Error(`No migration after the first ends with ${tagSuffix}.`);
  const folder = mkdtempSync(join(tmpdir(), 'rackshare-migrations-'));
  mkdirSync(join(folder, 'meta'));
  const entries = journal.entries.slice(0, cut);
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  for (const { tag } of entries) copyFileSync(join(migrationsFolder, `${tag}.sql`), join(folder, `${tag}.sql`));
  return folder;
}
