/**
 * The write fence of the indexer lock on PostgreSQL (lock.ts `indexerWriteFence`): a holder whose lock was taken over
 * writes nothing more, a write that passed its fence ends before the new holder writes, and the new holder's wait for
 * the old holder's writes is bounded (the server's idle timeout) and abortable. Skipped without TEST_DATABASE_URL.
 */
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testPort } from '../../devnet/ports';
import { migrateDatabase, openDatabase } from '../database';
import { createScratchDatabase, testDatabases } from '../databases.test-kit';
import { dumpMirror } from '../dump';
import { catchUpMirror, runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import { createIndexer } from './indexer';
import { acquireIndexerLock, advisoryLockRows, indexerLockKey, indexerWriteKey } from './lock';
import { terminateHolder, waitingFor } from './lock.test-kit';
import { readCursor, type WriteFence } from './store';

const postgresUrl = process.env.TEST_DATABASE_URL;
const silent = pino({ level: 'silent' });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!postgresUrl)('the write fence on PostgreSQL', () => {
  let chain: TestChain | undefined;
  afterEach(async () => {
    await chain?.stop();
    chain = undefined;
  });

  /** A migrated scratch database of its own, an admin connection to it, and the test chain with the scenario. */
  async function setUp() {
    chain = await startTestChain(testPort(8952));
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
    timeout: 60_000,
  }, async () => {
    const { url, db, admin } = await bareDatabase();
    // The old holder's transactions are ended by the server after 10 s idle (production: 30 s): long enough for B to
    // be seen waiting first, even on a loaded machine.
    const first = await acquireIndexerLock({
      url,
      chainId: 31_337,
      signal: new AbortController().signal,
      pollMs: 60_000,
      log: silent,
      writeTimeouts: { idleMs: 10_000, statementMs: 20_000 },
    });
    cleanups.push(() => first!.release());
    const write = await idleWrite(url, first!.fence);
    await write.entered;
    expect(await terminateHolder(admin, indexerLockKey(31_337))).toEqual([{ terminated: true }]);
    let waiting = false;
    // The transaction is never finished by its client: the server's idle timeout ends it, and B goes on.
    const taking = acquireIndexerLock({
      url,
      chainId: 31_337,
      signal: new AbortController().signal,
      pollMs: 100,
      log: silent,
      onWaitingForWrites: () => {
        waiting = true;
      },
    });
    // B waits for the write key while the old transaction holds it (seen in pg_locks, then reported)...
    await expect.poll(() => waitingFor(admin, indexerWriteKey(31_337)), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => waiting, { timeout: 10_000 }).toBe(true);
    // ...and gets it once the server ended that transaction.
    const second = await taking;
    cleanups.push(() => second!.release());
    expect(second).toBeDefined();
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
