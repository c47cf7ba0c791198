import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '#protocol/base-error';
import {
  type Database,
  type DatabaseHandle,
  DatabaseUnavailableError,
  DEFAULT_POOL_TIMEOUTS,
  migrateDatabase,
  migrationsFolder,
  oneReplica,
  openDatabase,
  pendingMigrations,
  redactDatabaseUrl,
  routeReads,
} from './database';
import { openMigratedPglites, testDatabases } from './databases.test-kit';
import { clearChain, openPrimaryAndReplica, replicaChainId, replicaTestsRun } from './replica.test-kit';
import { monitorReplicas } from './replicas';
import { stablecoinTransfers } from './schema';

const MAX_UINT256 = 2n ** 256n - 1n;

describe.each(testDatabases)('database on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it('stores on-chain amounts as exact bigints up to 2^256 - 1', async () => {
    handle = await open();
    const row = {
      chainId: 31_337,
      blockNumber: 7n,
      blockHash: `0x${'ab'.repeat(32)}` as const,
      logIndex: 0,
      transactionHash: `0x${'cd'.repeat(32)}` as const,
      from: '0x0000000000000000000000000000000000000000' as const,
      to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const,
      value: MAX_UINT256,
      blockTime: new Date('2030-01-01T00:00:00Z'),
    };
    await handle.db.insert(stablecoinTransfers).values(row);
    const [stored] = await handle.db.select().from(stablecoinTransfers).where(eq(stablecoinTransfers.blockNumber, 7n));
    expect(stored?.value).toBe(MAX_UINT256);
    expect(typeof stored?.value).toBe('bigint');
    expect(stored?.to).toBe(row.to);
  });
});

describe.each(testDatabases)(
  'pendingMigrations on $name (what WEB_MIGRATE=off refuses to start with)',
  ({ openEmpty }) => {
    const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
      entries: { tag: string }[];
    };
    let handle: DatabaseHandle | undefined;
    let folder: string | undefined;
    afterEach(async () => {
      await handle?.close();
      handle = undefined;
      if (folder) rmSync(folder, { recursive: true, force: true });
      folder = undefined;
    });

    it('counts every migration on an empty database, those newer than the applied ones, and none once migrated', async () => {
      handle = await openEmpty();
      expect(await pendingMigrations(handle)).toBe(journal.entries.length);
      // The database as an older version left it: all but the newest two migrations applied.
      folder = mkdtempSync(join(tmpdir(), 'rackshare-migrations-'));
      mkdirSync(join(folder, 'meta'));
      const older = journal.entries.slice(0, -2);
      writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: older }));
      for (const { tag } of older) copyFileSync(join(migrationsFolder, `${tag}.sql`), join(folder, `${tag}.sql`));
      await migrateDatabase(handle, folder);
      expect(await pendingMigrations(handle)).toBe(2);
      expect(await pendingMigrations(handle, folder), "the older version's own migrations are all applied").toBe(0);
      await migrateDatabase(handle);
      expect(await pendingMigrations(handle)).toBe(0);
    });
  },
);

describe('openDatabase', () => {
  it('fails with one sentence when PostgreSQL is unreachable, the URL redacted as every other (M-6)', async () => {
    const attempt = openDatabase({ kind: 'postgres', url: 'postgres://rackshare:secret@127.0.0.1:1/nothing?sslkey=k' });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(/^Cannot connect to PostgreSQL at postgres:\/\/…@127\.0\.0\.1:1\/…: /);
    await expect(attempt).rejects.not.toThrow(/secret|sslkey/);
  });

  it('redacts a database URL as every other URL: host and port kept, credentials, database and parameters hidden (M-6)', () => {
    expect(
      redactDatabaseUrl('postgres://rackshare:s3cret@db.internal:5432/rackshare?sslpassword=k3y&application_name=x'),
    ).toBe('postgres://…@db.internal:5432/…');
  });
});

/** A stablecoin transfer of `value` at block `block`: the row the routing tests write and look for. */
const transfer = (chainId: number, block: number, value: bigint) => ({
  chainId,
  blockNumber: BigInt(block),
  blockHash: `0x${block.toString(16).padStart(64, '0')}` as const,
  logIndex: 0,
  transactionHash: `0x${'cd'.repeat(32)}` as const,
  from: '0x0000000000000000000000000000000000000000' as const,
  to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const,
  value,
  blockTime: new Date('2030-01-01T00:00:00Z'),
});

/** The blocks of a chain's transfers as `db` sees them, ascending. */
const blocksIn = async (db: Database, chainId: number) =>
  (
    await db
      .select({ block: stablecoinTransfers.blockNumber })
      .from(stablecoinTransfers)
      .where(eq(stablecoinTransfers.chainId, chainId))
      .orderBy(stablecoinTransfers.blockNumber)
  ).map((row) => row.block);

describe('routeReads (three in-memory PGlites: a primary and two replicas)', () => {
  const CHAIN = 31_337;
  const handles: DatabaseHandle[] = [];
  let primary: Database;
  let replicas: Database[];
  beforeAll(async () => {
    handles.push(...(await openMigratedPglites(3)));
    [primary, ...replicas] = handles.map((handle) => handle.db.$primary) as [Database, ...Database[]];
    // What only each copy holds: block 1 on the primary, 11 on the first replica, 21 on the second.
    for (const [i, db] of [primary, ...replicas].entries())
      await db.insert(stablecoinTransfers).values(transfer(CHAIN, i * 10 + 1, 1n));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(handles.map((handle) => handle.close()));
  });

  it('without replicas is the primary itself, for reads, writes and $primary', () => {
    const db = routeReads(primary, []);
    expect(db).toBe(primary);
    expect(db.$primary).toBe(primary);
    expect(oneReplica(db)).toBe(db);
  });

  it('with one replica sends selects to it and writes, updates and deletes to the primary', async () => {
    const db = routeReads(primary, [replicas[0]!]);
    expect(await blocksIn(db, CHAIN)).toEqual([11n]);
    expect(await blocksIn(db.$primary, CHAIN)).toEqual([1n]);
    expect(await db.$count(stablecoinTransfers)).toBe(1);

    await db.insert(stablecoinTransfers).values(transfer(CHAIN, 2, 5n));
    expect(await blocksIn(primary, CHAIN)).toEqual([1n, 2n]);
    expect(await blocksIn(db, CHAIN), 'the replica never received the insert').toEqual([11n]);

    await db.update(stablecoinTransfers).set({ value: 7n }).where(eq(stablecoinTransfers.blockNumber, 2n));
    const [updated] = await primary.select().from(stablecoinTransfers).where(eq(stablecoinTransfers.blockNumber, 2n));
    expect(updated?.value).toBe(7n);
    await db.delete(stablecoinTransfers).where(eq(stablecoinTransfers.blockNumber, 2n));
    expect(await blocksIn(primary, CHAIN)).toEqual([1n]);
    // A transaction is the primary's, its reads included (what reads its own writes).
    expect(await db.transaction((tx) => blocksIn(tx as unknown as Database, CHAIN))).toEqual([1n]);
    expect(oneReplica(db)).toBe(db);
  });

  it('with several replicas gives each request one of them, round-robin, for all its selects', async () => {
    const db = routeReads(primary, replicas);
    const first = oneReplica(db);
    const second = oneReplica(db);
    expect(first).not.toBe(second);
    // Every select of one view reads the same copy, so a page's figures and its indexed block agree.
    for (let i = 0; i < 4; i++) expect(await blocksIn(first, CHAIN)).toEqual([11n]);
    for (let i = 0; i < 4; i++) expect(await blocksIn(second, CHAIN)).toEqual([21n]);
    // The views are fixed objects (per-database caches keep one entry per replica), handed out in turn.
    expect(oneReplica(db)).toBe(first);
    expect(oneReplica(db)).toBe(second);
    expect(first.$primary).toBe(primary);
    // The routing database itself spreads its selects over both.
    const seen = new Set<string>();
    for (let i = 0; i < 4; i++) seen.add(String(await blocksIn(db, CHAIN)));
    expect([...seen].sort()).toEqual(['11', '21']);
    await first.insert(stablecoinTransfers).values(transfer(CHAIN, 3, 1n));
    expect(await blocksIn(primary, CHAIN)).toEqual([1n, 3n]);
    await primary.delete(stablecoinTransfers).where(eq(stablecoinTransfers.blockNumber, 3n));
  });

  it('refuses read replicas for PGlite', async () => {
    await expect(
      openDatabase({ kind: 'pglite', dataDir: null }, { readUrls: ['postgres://replica/rackshare'] }),
    ).rejects.toBeInstanceOf(ConfigError);
  });
});

describe.skipIf(!replicaTestsRun)(
  'DATABASE_READ_URLS on PostgreSQL (rackshare_replica_test stands in for a replica)',
  () => {
    const chainId = replicaChainId();
    let databases: Awaited<ReturnType<typeof openPrimaryAndReplica>>;
    beforeAll(async () => {
      databases = await openPrimaryAndReplica();
      await clearChain(databases.replica, chainId);
    }, 60_000);
    afterAll(async () => {
      await clearChain(databases.replica, chainId);
      await databases.close();
    });

    it('reads selects from the replica and writes inserts and updates to the primary', async () => {
      const handle = await databases.open();
      expect(handle.replicaCount).toBe(1);
      // A row written through the handle is on the primary, not on the replica (nothing replicates the stand-in).
      await handle.db.insert(stablecoinTransfers).values(transfer(chainId, 1, 100n));
      expect(await blocksIn(handle.db.$primary, chainId)).toEqual([1n]);
      expect(await blocksIn(databases.replica, chainId)).toEqual([]);
      expect(await blocksIn(handle.db, chainId), 'a select through the handle reads the replica').toEqual([]);
      // A row only the replica holds is what the handle's selects see.
      await databases.replica.insert(stablecoinTransfers).values(transfer(chainId, 9, 900n));
      expect(await blocksIn(handle.db, chainId)).toEqual([9n]);
      expect(await blocksIn(handle.db.$primary, chainId)).toEqual([1n]);
      // An update goes to the primary too.
      await handle.db.update(stablecoinTransfers).set({ value: 101n }).where(eq(stablecoinTransfers.chainId, chainId));
      const values = async (db: Database) =>
        (await db.select().from(stablecoinTransfers).where(eq(stablecoinTransfers.chainId, chainId))).map(
          (row) => row.value,
        );
      expect(await values(handle.db.$primary)).toEqual([101n]);
      expect(await values(databases.replica)).toEqual([900n]);
    });

    it('closes the primary and the replica pools alike', async () => {
      const handle = await databases.open();
      await handle.close();
      await expect(blocksIn(handle.db, chainId)).rejects.toThrow();
      await expect(blocksIn(handle.db.$primary, chainId)).rejects.toThrow();
    });

    it('opens with an unreachable replica out of rotation when asked (a web process), its selects on the primary', async () => {
      const handle = await openDatabase(
        { kind: 'postgres', url: databases.primaryUrl },
        {
          readUrls: [databases.replicaUrl, 'postgres://rackshare:secret@127.0.0.1:1/replica'],
          unreachableReplicas: 'out',
        },
      );
      try {
        expect(handle.replicaCount).toBe(2);
        expect(handle.rotation).toEqual([true, false]);
        await handle.db.$primary.insert(stablecoinTransfers).values(transfer(chainId, 3, 300n));
        await databases.replica.insert(stablecoinTransfers).values(transfer(chainId, 4, 400n));
        // Every request reads the stand-in, the one replica in rotation; with it out too, the primary.
        for (let i = 0; i < 3; i++) expect(await blocksIn(oneReplica(handle.db), chainId)).toContain(4n);
        handle.rotation[0] = false;
        for (let i = 0; i < 3; i++) expect(await blocksIn(oneReplica(handle.db), chainId)).toEqual([1n, 3n]);
        expect(await blocksIn(handle.db, chainId)).toEqual([1n, 3n]);
      } finally {
        await handle.close();
      }
    });

    it('fails with one sentence naming the unreachable replica, its URL redacted', async () => {
      const attempt = openDatabase(
        { kind: 'postgres', url: databases.primaryUrl },
        { readUrls: ['postgres://rackshare:secret@127.0.0.1:1/replica?sslkey=k'] },
      );
      await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
      await expect(attempt).rejects.toThrow(
        /^Cannot connect to the PostgreSQL read replica at postgres:\/\/…@127\.0\.0\.1:1\/…: /,
      );
      await expect(attempt).rejects.not.toThrow(/secret|sslkey/);
    });

    it('bounds every connection: TCP keep-alives, the statement and idle-in-transaction timeouts asked for', async () => {
      const setting = async (db: Database, name: string) =>
        ((await db.execute(sql`select current_setting(${name}) as value`)) as unknown as { rows: { value: string }[] })
          .rows[0]?.value;
      const plain = await databases.open();
      expect(await setting(plain.db.$primary, 'statement_timeout'), 'the indexer: no statement bound').toBe('0');
      expect(await setting(plain.db.$primary, 'idle_in_transaction_session_timeout')).toBe('1min');
      expect(await setting(plain.db.$primary, 'tcp_keepalives_idle')).toBe('10');
      const web = await openDatabase(
        { kind: 'postgres', url: databases.primaryUrl },
        { readUrls: [databases.replicaUrl], timeouts: { ...DEFAULT_POOL_TIMEOUTS, statementMs: 300 } },
      );
      try {
        for (const db of [web.db.$primary, web.replicas[0]!]) {
          expect(await setting(db, 'statement_timeout')).toBe('300ms');
          expect(await setting(db, 'tcp_keepalives_interval')).toBe('5');
        }
        const slow = await web.db.$primary.execute(sql`select pg_sleep(3)`).catch((error: Error) => error);
        expect((slow as Error).cause).toMatchObject({ message: 'canceling statement due to statement timeout' });
        expect(await setting(web.db.$primary, 'statement_timeout'), 'the pool serves on').toBe('300ms');
      } finally {
        await web.close();
      }
    });

    it("takes a replica whose idle connection is lost out at once, in the monitor's states too", async () => {
      const handle = await databases.open();
      const monitor = monitorReplicas(handle, {
        chainId,
        probeMs: 600_000,
        probeTimeoutMs: 2_000,
        maxLagBlocks: 10,
        log: pino({ level: 'silent' }),
      })!;
      try {
        // The stand-in is no standby: the first probe takes it out as a mismatch.
        await monitor.check();
        expect(monitor.out().map((state) => state.reason)).toEqual(['mismatch']);
        // Its pool's idle connection, ended by the server (as a restart would): down, as /health then says.
        const pid = (
          (await handle.replicas[0]!.execute(sql`select pg_backend_pid() as pid`)) as unknown as {
            rows: { pid: number }[];
          }
        ).rows[0]!.pid;
        await handle.db.$primary.execute(sql`select pg_terminate_backend(${pid})`);
        await expect.poll(() => monitor.out().map((state) => [state.reason, state.up])).toEqual([['down', false]]);
        expect(handle.rotation).toEqual([false]);
      } finally {
        monitor.stop();
      }
    });
  },
);
