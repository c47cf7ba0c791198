/**
 * A stand-in for a read replica in the routing tests: the database `rackshare_replica_test` on TEST_DATABASE_URL's
 * server (CI creates it in .ci/run; created here when missing), migrated to the newest schema. It proves only where
 * a query goes: the real streaming replica (pg_basebackup) is the multi-process test's. Test files share it, so each
 * writes under a chain id of its own (replicaChainId) and removes its rows (clearChain).
 */
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { type Database, type DatabaseHandle, migrateDatabase, openDatabase } from './database';
import { createScratchDatabase } from './databases.test-kit';
import { clusters, indexedBlocks, stablecoinTransfers } from './schema';

export const REPLICA_DATABASE = 'rackshare_replica_test';
const MIGRATION_LOCK = 17_003;

const adminUrl = process.env.TEST_DATABASE_URL;

/** True when the PostgreSQL routing tests can run (TEST_DATABASE_URL set). */
export const replicaTestsRun = adminUrl !== undefined;

/** A chain id no other test run uses at the same time (the stand-in is shared across runs). */
export const replicaChainId = () => 1_000_000 + (process.pid % 100_000) * 10 + Math.floor(Math.random() * 10);

async function ensureReplicaDatabase(admin: string) {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [REPLICA_DATABASE]);
    // The name is a constant of this file: nothing from outside reaches the identifier.
    if (found.rowCount === 0) await client.query(`create database ${REPLICA_DATABASE}`).catch(() => {});
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${REPLICA_DATABASE}`;
  return url.toString();
}

/**
 * A fresh primary (a scratch database, dropped on close) and the migrated stand-in replica: `replica` is a direct
 * handle on the stand-in (to write what only the replica holds and to read what reached it), `open` opens the primary
 * with the stand-in as its read replica (DATABASE_READ_URLS).
 */
export async function openPrimaryAndReplica() {
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set.');
  const replicaUrl = await ensureReplicaDatabase(adminUrl);
  const replica = await openDatabase({ kind: 'postgres', url: replicaUrl });
  // Test files migrate the shared stand-in in parallel: one at a time (a session advisory lock), the rest find it done.
  const lock = new pg.Client({ connectionString: replicaUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateDatabase(replica);
  } finally {
    await lock.end();
  }
  const scratch = await createScratchDatabase(adminUrl);
  const primary = await openDatabase({ kind: 'postgres', url: scratch.url });
  await migrateDatabase(primary);
  await primary.close();
  const handles: DatabaseHandle[] = [];
  return {
    replicaUrl,
    primaryUrl: scratch.url,
    replica: replica.db as Database,
    open: async () => {
      const handle = await openDatabase({ kind: 'postgres', url: scratch.url }, { readUrls: [replicaUrl] });
      handles.push(handle);
      return handle;
    },
    close: async () => {
      await Promise.all(handles.map((handle) => handle.close().catch(() => {})));
      await replica.close();
      await scratch.drop();
    },
  };
}

/** Removes a chain's rows this kit's tests write into the shared stand-in. */
export async function clearChain(db: Database, chainId: number) {
  await db.delete(stablecoinTransfers).where(eq(stablecoinTransfers.chainId, chainId));
  await db.delete(clusters).where(eq(clusters.chainId, chainId));
  await db.delete(indexedBlocks).where(eq(indexedBlocks.chainId, chainId));
}
