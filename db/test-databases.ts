/**
 * The databases the data-layer tests run against: an in-memory PGlite always, and PostgreSQL when
 * TEST_DATABASE_URL is set (CI starts a Debian PostgreSQL server and sets it). Each PostgreSQL test gets a fresh schema.
 */
import { sql } from 'drizzle-orm';
import { type DatabaseHandle, migrateDatabase, openDatabase } from './index';

export type TestDatabaseFactory = { name: string; open: () => Promise<DatabaseHandle> };

export const testDatabases: TestDatabaseFactory[] = [
  {
    name: 'pglite',
    open: async () => {
      const handle = await openDatabase({ kind: 'pglite', dataDir: null });
      await migrateDatabase(handle);
      return handle;
    },
  },
];

const postgresUrl = process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  testDatabases.push({
    name: 'postgres',
    open: async () => {
      const handle = await openDatabase({ kind: 'postgres', url: postgresUrl });
      await handle.db.execute(sql`drop schema if exists public cascade`);
      await handle.db.execute(sql`drop schema if exists drizzle cascade`);
      await handle.db.execute(sql`create schema public`);
      await migrateDatabase(handle);
      return handle;
    },
  });
}
