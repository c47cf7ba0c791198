/**
 * Exactly one indexer on PostgreSQL (lock.ts): the advisory lock itself, then two real indexer processes
 * (`npm start -- --role indexer`) against anvil — the second stands by while the first indexes, takes over when the
 * first is killed with SIGKILL, and the mirror then equals a clean re-index. PostgreSQL only: skipped without
 * TEST_DATABASE_URL (PGlite needs no lock, its data directory opens in one process only).
 */
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { exited, json, metric, type Role, startRole } from '../../devnet/processes';
import { migrateDatabase, openDatabase } from '../database';
import { createScratchDatabase, testDatabases } from '../databases.test-kit';
import { dumpMirror } from '../dump';
import { catchUpMirror, runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import { createIndexer } from './indexer';
import {
  acquireAdvisoryLock,
  acquireIndexerLock,
  advisoryLockRows,
  indexerLockKey,
  indexerWriteKey,
  withAdvisoryLock,
} from './lock';
import { readCursor, type WriteFence } from './store';

const postgresUrl = process.env.TEST_DATABASE_URL;
const silent = pino({ level: 'silent' });

describe('indexerLockKey', () => {
  it('is one fixed key per chain, different between chains', () => {
    expect(indexerLockKey(31_337)).toBe(indexerLockKey(31_337));
    expect(indexerLockKey(31_337)).not.toBe(indexerLockKey(1));
    // A signed 64-bit integer: what pg_advisory_lock(bigint) takes.
    expect(indexerLockKey(8_453)).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(indexerLockKey(8_453)).toBeLessThan(2n ** 63n);
  });
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!postgresUrl)('the advisory lock on PostgreSQL', () => {
  const key = indexerLockKey(999_001);

  it('makes a second holder stand by until the first releases it, and stops waiting on abort', async () => {
    const first = await acquireAdvisoryLock({
      url: postgresUrl!,
      key,
      signal: new AbortController().signal,
      log: silent,
    });
    expect(first).toBeDefined();
    let standby = false;
    const second = acquireAdvisoryLock({
      url: postgresUrl!,
      key,
      signal: new AbortController().signal,
      pollMs: 100,
      log: silent,
      onStandby: () => {
        standby = true;
      },
    });
    await expect.poll(() => standby).toBe(true);
    await first!.release();
    const taken = await second;
    expect(taken).toBeDefined();

    const aborted = new AbortController();
    const third = acquireAdvisoryLock({ url: postgresUrl!, key, signal: aborted.signal, pollMs: 100, log: silent });
    aborted.abort();
    expect(await third).toBeUndefined();
    await taken!.release();
  });

  it('reports the lock lost when its connection is terminated, and a standby then takes it', async () => {
    const lost = indexerLockKey(999_002);
    const holder = await acquireAdvisoryLock({
      url: postgresUrl!,
      key: lost,
      signal: new AbortController().signal,
      pollMs: 100,
      log: silent,
    });
    cleanups.push(() => holder!.release());
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    cleanups.push(() => admin.end());
    expect(await terminateHolder(admin, lost)).toEqual([{ terminated: true }]);
    expect(await holder!.lost).toBeInstanceOf(Error);
    const next = await acquireAdvisoryLock({
      url: postgresUrl!,
      key: lost,
      signal: new AbortController().signal,
      log: silent,
    });
    expect(next).toBeDefined();
    await next!.release();
  });

  it('runs migrations one process at a time', async () => {
    const order: string[] = [];
    const section = (name: string) => async () => {
      order.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      order.push(`${name} out`);
    };
    await Promise.all([
      withAdvisoryLock(postgresUrl!, key, section('a')),
      withAdvisoryLock(postgresUrl!, key, section('b')),
    ]);
    expect(order.map((entry) => entry.split(' ')[1])).toEqual(['in', 'out', 'in', 'out']);
  });
});

/** Terminates the backend holding the (bigint) advisory lock `key`, as a cut connection or a killed session would. */
async function terminateHolder(admin: pg.Client, key: bigint) {
  const { rows } = await admin.query(
    `select pg_terminate_backend(pid) as terminated from pg_locks where ${advisoryLockRows(key)} and granted`,
  );
  return rows;
}

/** Sessions waiting (not granted) for the advisory lock `key`. */
async function waitingFor(admin: pg.Client, key: bigint) {
  const { rows } = await admin.query<{ waiting: number }>(
    `select count(*)::int as waiting from pg_locks where ${advisoryLockRows(key)} and not granted`,
  );
  return rows[0]!.waiting;
}

describe.skipIf(!postgresUrl)('the write fence on PostgreSQL', () => {
  let chain: TestChain | undefined;
  afterEach(async () => {
    await chain?.stop();
    chain = undefined;
  });

  /** A migrated scratch database of its own, an admin connection to it, and the test chain with the scenario. */
  async function setUp() {
    chain = await startTestChain(testPort(8860));
    await runScenario(chain);
    const scratch = await createScratchDatabase(postgresUrl!);
    cleanups.push(scratch.drop);
    const database = await openDatabase({ kind: 'postgres', url: scratch.url });
    cleanups.push(() => database.close());
    await migrateDatabase(database);
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    cleanups.push(() => admin.end());
    return { testChain: chain, url: scratch.url, db: database.db, admin };
  }

  const takeLock = async (url: string, pollMs: number) => {
    const lock = await acquireIndexerLock({
      url,
      chainId: 31_337,
      signal: new AbortController().signal,
      pollMs,
      log: silent,
    });
    cleanups.push(() => lock!.release());
    return lock!;
  };

  it('refuses the next range of an indexer whose lock was taken over, and the mirror equals a clean re-index', {
    timeout: 120_000,
  }, async () => {
    const { testChain, url, db, admin } = await setUp();
    const indexerOf = (fence: WriteFence) =>
      createIndexer({
        db,
        publicClient: testChain.publicClient,
        chainId: 31_337,
        contracts: testChain.contracts,
        deployBlock: testChain.deployment.deployBlock,
        // One block per range: the backfill takes many ranges, and A stops in the middle of it.
        maxBlockRange: 1,
        signal: new AbortController().signal,
        log: silent,
        fence,
      });
    // A probes its lock connection only once a minute: its next write comes before it could notice the loss.
    const first = await takeLock(url, 60_000);
    const a = indexerOf(first.fence);
    await a.step();
    const midway = await a.step();
    expect(midway.caughtUp).toBe(false);
    const cursor = await readCursor(db, 31_337);
    expect(cursor?.number).toBe(midway.to);

    // A's lock session is killed (as by a network cut); B takes the lock over at once.
    expect(await terminateHolder(admin, indexerLockKey(31_337))).toEqual([{ terminated: true }]);
    const second = await takeLock(url, 100);

    // A's next range is refused inside its transaction: nothing of it is stored, the cursor is where A left it.
    await expect(a.step()).rejects.toMatchObject({ name: 'IndexerLockLostError', code: 'indexer_lock_lost' });
    expect(await readCursor(db, 31_337)).toEqual(cursor);
    // And A's loop stops on it instead of retrying.
    await expect(a.run()).rejects.toMatchObject({ code: 'indexer_lock_lost' });
    expect(await readCursor(db, 31_337)).toEqual(cursor);

    // B resumes from A's cursor; the mirror equals a clean re-index of the same chain.
    await indexerOf(second.fence).catchUp();
    const clean = await testDatabases[0]!.open();
    cleanups.push(() => clean.close());
    await catchUpMirror(testChain, clean.db);
    expect(await dumpMirror(db)).toEqual(await dumpMirror(clean.db));
  });

  it('lets a write that passed the fence before the takeover commit before the new holder writes', {
    timeout: 120_000,
  }, async () => {
    const { url, db, admin } = await setUp();
    const first = await takeLock(url, 60_000);
    let enter!: () => void;
    let finish!: () => void;
    const entered = new Promise<void>((resolve) => {
      enter = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // A failed expectation below must not leave the transaction open (the database could not close).
    cleanups.push(async () => finish());
    // A's write transaction is under way (past its fence) when its lock session is killed.
    const inFlight = db.transaction(async (tx) => {
      await first.fence(tx);
      enter();
      await gate;
    });
    await entered;
    expect(await terminateHolder(admin, indexerLockKey(31_337))).toEqual([{ terminated: true }]);
    let taken = false;
    const next = takeLock(url, 100).then((lock) => {
      taken = true;
      return lock;
    });
    // B holds the indexer lock but waits for the write key until A's transaction ends.
    await expect.poll(() => waitingFor(admin, indexerWriteKey(31_337)), { timeout: 30_000 }).toBe(1);
    expect(taken).toBe(false);
    finish();
    await inFlight;
    const second = await next;
    // From now on only B's transactions pass.
    await expect(db.transaction((tx) => first.fence(tx))).rejects.toMatchObject({ code: 'indexer_lock_lost' });
    await db.transaction((tx) => second.fence(tx));
  });

  /** A scratch database (no chain: the fence needs none), its pool and an admin connection. */
  async function bareDatabase() {
    const scratch = await createScratchDatabase(postgresUrl!);
    cleanups.push(scratch.drop);
    const database = await openDatabase({ kind: 'postgres', url: scratch.url });
    cleanups.push(() => database.close());
    const admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    cleanups.push(() => admin.end());
    return { url: scratch.url, db: database.db, admin };
  }

  /**
   * A write transaction of `fence` left open and idle (as by a client cut off without a FIN) until `finish`, on a
   * connection of its own whose errors are expected (the server may end its session).
   */
  async function idleWrite(url: string, fence: WriteFence) {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => {});
    await client.connect();
    cleanups.push(() => client.end().catch(() => {}));
    let enter!: () => void;
    let finish!: () => void;
    const entered = new Promise<void>((resolve) => {
      enter = resolve;
    });
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    cleanups.push(async () => finish());
    const done = drizzle(client).transaction(async (tx) => {
      await fence(tx as unknown as Parameters<WriteFence>[0]);
      enter();
      await gate;
      await tx.execute(sql`select 1`);
    });
    done.catch(() => {});
    return { entered, finish, done };
  }

  it("lets the new holder proceed once the server ends the old holder's idle write transaction", {
    timeout: 30_000,
  }, async () => {
    const { url, db, admin } = await bareDatabase();
    // The old holder's transactions are ended by the server after 3 s idle (WRITE_TIMEOUTS in production: 30 s).
    const first = await acquireIndexerLock({
      url,
      chainId: 31_337,
      signal: new AbortController().signal,
      pollMs: 60_000,
      log: silent,
      writeTimeouts: { idleMs: 3_000, statementMs: 10_000 },
    });
    cleanups.push(() => first!.release());
    const write = await idleWrite(url, first!.fence);
    await write.entered;
    expect(await terminateHolder(admin, indexerLockKey(31_337))).toEqual([{ terminated: true }]);
    let waiting = false;
    // The transaction is never finished by its client: the server's idle timeout ends it, and B goes on.
    const second = await acquireIndexerLock({
      url,
      chainId: 31_337,
      signal: new AbortController().signal,
      pollMs: 100,
      log: silent,
      onWaitingForWrites: () => {
        waiting = true;
      },
    });
    cleanups.push(() => second!.release());
    expect(second).toBeDefined();
    expect(waiting).toBe(true);
    // The old holder's transaction was ended by the server: it wrote nothing and its next statement fails.
    write.finish();
    await expect(write.done).rejects.toThrow();
    await db.transaction((tx) => second!.fence(tx));
  });

  it("stops waiting for the previous holder's writes when its signal aborts", { timeout: 30_000 }, async () => {
    const { url, admin } = await bareDatabase();
    const first = await acquireIndexerLock({
      url,
      chainId: 31_337,
      signal: new AbortController().signal,
      pollMs: 60_000,
      log: silent,
    });
    cleanups.push(() => first!.release());
    const write = await idleWrite(url, first!.fence);
    await write.entered;
    expect(await terminateHolder(admin, indexerLockKey(31_337))).toEqual([{ terminated: true }]);
    const stop = new AbortController();
    let waiting = false;
    const second = acquireIndexerLock({
      url,
      chainId: 31_337,
      signal: stop.signal,
      pollMs: 100,
      log: silent,
      onWaitingForWrites: () => {
        waiting = true;
      },
    });
    await expect.poll(() => waiting, { timeout: 10_000 }).toBe(true);
    stop.abort();
    expect(await second).toBeUndefined();
    // It let the indexer lock go: nobody holds it now.
    const holders = `select count(*)::int as n from pg_locks where ${advisoryLockRows(indexerLockKey(31_337))}`;
    await expect.poll(async () => (await admin.query(holders)).rows).toEqual([{ n: 0 }]);
    write.finish();
    await write.done;
  });
});

type Indexer = Role & { statusUrl: string };

function startIndexer(chain: TestChain, databaseUrl: string, statusPort: number): Indexer {
  const role = startRole('indexer', {
    DATABASE_URL: databaseUrl,
    RPC_URL: chain.rpcUrl,
    DEPLOYMENTS_DIR: chain.deploymentDirectory,
    // A test anvil: nothing reorganizes (with RPC_URL the default would be 12 blocks behind the head).
    INDEXER_CONFIRMATIONS: '0',
    INDEXER_POLL_INTERVAL_MS: '100',
    INDEXER_LOCK_POLL_MS: '200',
    INDEXER_METRICS_PORT: String(statusPort),
  });
  return { ...role, statusUrl: `http://127.0.0.1:${statusPort}` };
}

/** The `/health` state of an indexer process (`role:status`), or `down` while it does not answer. */
async function healthOf(indexer: Indexer): Promise<string> {
  const answer = await json(`${indexer.statusUrl}/health`);
  if (answer === 'down') return answer;
  const { body } = answer as { body: { role: string; status: string } };
  return `${body.role}:${body.status}`;
}

const metricOf = (indexer: Indexer, name: string) => metric(`${indexer.statusUrl}/metrics`, name);

describe.skipIf(!postgresUrl)('two indexer processes on one PostgreSQL database', () => {
  let chain: TestChain | undefined;
  afterEach(async () => {
    await chain?.stop();
    chain = undefined;
  });

  it('keeps the second in standby, hands over on SIGKILL, and ends equal to a clean re-index', {
    timeout: 180_000,
  }, async () => {
    chain = await startTestChain(testPort(8860));
    const testChain = chain;
    await runScenario(testChain);
    const scratch = await createScratchDatabase(postgresUrl!);
    cleanups.push(scratch.drop);
    const poll = { timeout: 60_000, interval: 200 };
    const kill = (indexer: Indexer) => async () => {
      if (indexer.child.exitCode === null && indexer.child.signalCode === null) indexer.child.kill('SIGKILL');
      await exited(indexer.child);
    };

    const first = startIndexer(testChain, scratch.url, testPort(8861));
    cleanups.push(kill(first));
    await expect.poll(() => healthOf(first), poll).toBe('indexer:indexing');
    const second = startIndexer(testChain, scratch.url, testPort(8862));
    cleanups.push(kill(second));
    await expect.poll(() => healthOf(second), poll).toBe('indexer:standby');
    await expect.poll(() => second.output(), poll).toContain('waiting for the indexer lock');

    // The first indexes up to the head while the second only waits.
    const head = Number(await testChain.publicClient.getBlockNumber());
    await expect.poll(() => metricOf(first, 'rackshare_indexer_indexed_block'), poll).toBe(head);
    expect(await metricOf(first, 'rackshare_indexer_lock_held')).toBe(1);
    expect(await metricOf(second, 'rackshare_indexer_lock_held')).toBe(0);
    expect(await metricOf(second, 'rackshare_indexer_indexed_block')).toBe(0);

    // SIGKILL: no clean-up runs; PostgreSQL drops the connection and the lock with it.
    first.child.kill('SIGKILL');
    await exited(first.child);
    // New events after the takeover: the second resumes from the cursor the first left and indexes them.
    await testChain.registerCluster(devRoles.operators[0], {
      gpuModel: 'NVIDIA H200 141GB',
      gpuCount: 8,
      location: 'KR-SEL-02',
    });
    await expect.poll(() => healthOf(second), poll).toBe('indexer:indexing');
    await expect.poll(() => second.output(), poll).toContain('took the indexer lock over');
    const newHead = Number(await testChain.publicClient.getBlockNumber());
    expect(newHead).toBeGreaterThan(head);
    await expect.poll(() => metricOf(second, 'rackshare_indexer_indexed_block'), poll).toBe(newHead);

    // A third one stands by behind the second, and SIGTERM stops it promptly while it waits.
    const third = startIndexer(testChain, scratch.url, testPort(8863));
    cleanups.push(kill(third));
    await expect.poll(() => healthOf(third), poll).toBe('indexer:standby');
    third.child.kill('SIGTERM');
    expect(await exited(third.child), third.output()).toBe(0);

    // SIGTERM stops the indexing one cleanly too, releasing the lock.
    second.child.kill('SIGTERM');
    expect(await exited(second.child), second.output()).toBe(0);

    const mirrored = await openDatabase({ kind: 'postgres', url: scratch.url });
    cleanups.push(() => mirrored.close());
    const clean = await testDatabases[0]!.open();
    cleanups.push(() => clean.close());
    await catchUpMirror(testChain, clean.db);
    const expected = await dumpMirror(clean.db);
    expect(expected.clusters?.length).toBe(3);
    expect(await dumpMirror(mirrored.db)).toEqual(expected);
  });
});
