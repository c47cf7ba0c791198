import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateDatabase } from './database';
import { migrationsBefore, testDatabases } from './databases.test-kit';
import { ensureChainIdentity } from './indexer/identity';
import { emptyMirror, emptyMirrorOfChain, mirrorTableNames } from './mirror';
import { addOperatorData, fillMirror, insertSampleRow, queryRows, rowCounts } from './rows.test-kit';
import { clusterDocuments, clusterNotes, sessions } from './schema';

/** How older databases were made: the migrations up to the last one before the mirror got its own schema. */
const migrationsBeforeMirrorSchema = () => migrationsBefore('_mirror_schema');

const everyMirrorTable = (rows: number) => Object.fromEntries(mirrorTableNames.map((name) => [name, rows]));

/** Rows of `chainId` in every mirror table, by table name. */
async function chainRowCounts(db: DatabaseHandle['db'], chainId: number) {
  const counts: Record<string, number> = {};
  for (const name of mirrorTableNames) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from mirror.${sql.identifier(name)} where chain_id = ${chainId}`,
    );
    counts[name] = row!.n;
  }
  return counts;
}

/** One row of chain 1 and one of chain 2 in every mirror table (fillMirror writes chain 1), plus operator data. */
async function twoChainsWithOperatorData(db: DatabaseHandle['db']) {
  await fillMirror(db);
  for (const name of mirrorTableNames) await db.execute(sql`update mirror.${sql.identifier(name)} set chain_id = 2`);
  await fillMirror(db);
  await addOperatorData(db);
  await insertSampleRow(db, 'public', sessions);
  expect(await chainRowCounts(db, 1)).toEqual(everyMirrorTable(1));
  expect(await chainRowCounts(db, 2)).toEqual(everyMirrorTable(1));
}

async function expectPublicKept(db: DatabaseHandle['db']) {
  expect(await db.select().from(clusterNotes)).toHaveLength(1);
  expect(await db.select().from(clusterDocuments)).toHaveLength(1);
  expect(await db.select().from(sessions)).toHaveLength(1);
}

describe.each(testDatabases)('the mirror schema on $name', ({ open, openEmpty }) => {
  let handle: DatabaseHandle | undefined;
  let folder: string | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  });

  it('holds exactly the tables db/schema.ts puts in the mirror, and public only the off-chain ones (H-4)', async () => {
    handle = await open();
    expect(Object.keys(await rowCounts(handle.db, 'mirror')).sort()).toEqual(mirrorTableNames);
    const publicTables = Object.keys(await rowCounts(handle.db, 'public'));
    expect(publicTables).toEqual(expect.arrayContaining(['cluster_notes', 'cluster_documents']));
    expect(publicTables.filter((name) => mirrorTableNames.includes(name))).toEqual([]);
  });

  it('moves the rows of a database made before the mirror had its own schema into it, losing none (H-4)', async () => {
    handle = await openEmpty();
    folder = migrationsBeforeMirrorSchema();
    await migrateDatabase(handle, folder);
    const filled = await fillMirror(handle.db, 'public');
    await addOperatorData(handle.db);
    expect(await rowCounts(handle.db, 'mirror')).toEqual({});

    await migrateDatabase(handle);

    // Every table that existed then keeps its row; those later migrations created (the market's) start empty.
    expect(await rowCounts(handle.db, 'mirror')).toEqual(
      Object.fromEntries(mirrorTableNames.map((name) => [name, filled.includes(name) ? 1 : 0])),
    );
    expect(filled).toContain('share_transfers');
    const publicCounts = await rowCounts(handle.db, 'public');
    expect(Object.keys(publicCounts).filter((name) => mirrorTableNames.includes(name))).toEqual([]);
    expect(publicCounts).toMatchObject({ cluster_notes: 1, cluster_documents: 1 });
    // Indexes and keys moved with the tables: a second identical event is still refused by its primary key.
    await expect(fillMirror(handle.db)).rejects.toThrow();
  });

  it('empties every mirror table and nothing in public: notes, documents, another application (H-4)', async () => {
    handle = await open();
    await handle.db.execute(sql`create table public.other_app (x int)`);
    await handle.db.execute(sql`insert into public.other_app values (42)`);
    await fillMirror(handle.db);
    await addOperatorData(handle.db);
    await insertSampleRow(handle.db, 'public', sessions);
    expect(await rowCounts(handle.db, 'mirror')).toEqual(everyMirrorTable(1));

    await emptyMirror(handle.db);

    expect(await rowCounts(handle.db, 'mirror')).toEqual(everyMirrorTable(0));
    await expectPublicKept(handle.db);
    expect(await queryRows(handle.db, sql`select x from public.other_app`)).toEqual([{ x: 42 }]);
    // The tables are emptied, not dropped: the indexer writes again without a migration.
    await fillMirror(handle.db);
    expect(await rowCounts(handle.db, 'mirror')).toEqual(everyMirrorTable(1));
  });

  it("empties one chain's mirror and leaves another chain's rows, notes, documents and sessions (H-4)", async () => {
    handle = await open();
    await twoChainsWithOperatorData(handle.db);

    await handle.db.transaction((tx) => emptyMirrorOfChain(tx, 1));

    expect(await chainRowCounts(handle.db, 1)).toEqual(everyMirrorTable(0));
    expect(await chainRowCounts(handle.db, 2)).toEqual(everyMirrorTable(1));
    await expectPublicKept(handle.db);
  });

  it("resets the local chain's changed mirror without wiping another chain's in a shared database (H-4)", async () => {
    handle = await open();
    await twoChainsWithOperatorData(handle.db);
    // fillMirror's identity of chain 1 with another deployment block: the local anvil chain was restarted.
    const redeployed = {
      chainId: 1,
      genesisHash: `0x${'22'.repeat(32)}`,
      deployBlock: 7n,
      deployBlockHash: `0x${'77'.repeat(32)}`,
    } as const;

    expect(await ensureChainIdentity(handle.db, redeployed, { autoReset: true })).toBe(true);

    expect(await chainRowCounts(handle.db, 1)).toEqual({ ...everyMirrorTable(0), chain_identity: 1 });
    expect(await chainRowCounts(handle.db, 2)).toEqual(everyMirrorTable(1));
    await expectPublicKept(handle.db);
  });
});
