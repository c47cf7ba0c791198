import { desc, eq } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Database,
  type DatabaseHandle,
  migrateDatabase,
  oneReplica,
  openDatabase,
  type ReadDatabase,
  routeReads,
} from './database';
import { createScratchDatabase } from './databases.test-kit';
import {
  type CopyState,
  judgeReplica,
  lagBehind,
  postgresReplicaProbe,
  type ReplicaReading,
  redactAddresses,
} from './replica-probe';
import { createReplicaMonitor } from './replicas';
import { indexedBlocks } from './schema';

const CHAIN = 31_337;
const START = new Date('2030-01-01T00:00:00Z').getTime();
const log = pino({ level: 'silent' });

/** The newest indexed block of `db`: which copy answered a select (each holds a different cursor). */
const cursor = async (db: Database) =>
  (
    await db
      .select({ number: indexedBlocks.number })
      .from(indexedBlocks)
      .where(eq(indexedBlocks.chainId, CHAIN))
      .orderBy(desc(indexedBlocks.number))
      .limit(1)
  )[0]?.number;

/** Indexes blocks 1..`head` of CHAIN into `db`, 12 chain seconds apart. */
async function indexUpTo(db: Database, head: number) {
  const rows = Array.from({ length: head }, (_, i) => i + 1).map((number) => ({
    chainId: CHAIN,
    number: BigInt(number),
    hash: `0x${number.toString(16).padStart(64, '0')}` as const,
    parentHash: null,
    timestamp: new Date(START + number * 12_000),
  }));
  await db.insert(indexedBlocks).values(rows);
}

/** A fake probe whose readings the test sets. */
function fakeProbe(count: number) {
  let readings: ReplicaReading[] = Array.from({ length: count }, () => ({ up: true, lagBlocks: 0n, lagSeconds: 0 }));
  return {
    probe: async () => readings,
    set: (next: ReplicaReading[]) => {
      readings = next;
    },
  };
}

const up = (lagBlocks: bigint): ReplicaReading => ({ up: true, lagBlocks, lagSeconds: Number(lagBlocks) * 12 });
const down: ReplicaReading = { up: false, error: 'connect ECONNREFUSED 127.0.0.1:5433' };

/** The value of `name`{replica="index"} in the registry's Prometheus text, undefined when absent. */
async function gauge(registry: Registry, name: string, index: number) {
  const line = (await registry.metrics()).split('\n').find((entry) => entry.startsWith(`${name}{replica="${index}"} `));
  return line?.split(' ')[1];
}

describe('the replica monitor and the reads it routes (in-memory PGlites: a primary and two replicas)', () => {
  const handles: DatabaseHandle[] = [];
  let primary: Database;
  let replicas: Database[];
  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const handle = await openDatabase({ kind: 'pglite', dataDir: null });
      await migrateDatabase(handle);
      handles.push(handle);
    }
    [primary, ...replicas] = handles.map((handle) => handle.db.$primary) as [Database, ...Database[]];
    // The primary has indexed up to block 100, the first replica up to 99, the second up to 70.
    await indexUpTo(primary, 100);
    await indexUpTo(replicas[0]!, 99);
    await indexUpTo(replicas[1]!, 70);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(handles.map((handle) => handle.close()));
  });

  it('reads each copy on its own client: a copy that is no standby is a mismatch, one that cannot answer is down', async () => {
    const closed = await openDatabase({ kind: 'pglite', dataDir: null });
    await closed.close();
    const rotation = [true, true];
    const all = [replicas[0]!, closed.db.$primary];
    const handle = { db: routeReads(primary, all, rotation), replicas: all, rotation } as unknown as DatabaseHandle;
    const readings = await postgresReplicaProbe(handle, { chainId: CHAIN, timeoutMs: 5_000 })();
    // A PGlite is never in recovery: as a wrong DATABASE_READ_URLS (another database, a promoted server) would be.
    expect(readings[0]).toEqual({ up: true, mismatch: expect.stringMatching(/^it is not a standby/) });
    expect(readings[1]).toMatchObject({ up: false });
  });

  it('judges a replica: lag when it is a standby of this primary with its blocks, a mismatch otherwise', () => {
    const copy = (block: bigint | null, overrides: Partial<CopyState> = {}): CopyState => ({
      cursor: block === null ? null : { block, time: Number(block) * 12, hash: `0x${block.toString(16)}` },
      inRecovery: true,
      systemId: '7716547008844005418',
      version: 150_018,
      ...overrides,
    });
    const primaryAt100 = copy(100n, { inRecovery: false });
    expect(judgeReplica(primaryAt100, copy(70n), '0x46')).toEqual({ up: true, lagBlocks: 30n, lagSeconds: 360 });
    expect(judgeReplica(copy(null, { inRecovery: false }), copy(70n), undefined), 'an empty primary: no lag').toEqual({
      up: true,
      lagBlocks: 0n,
      lagSeconds: 0,
    });
    expect(judgeReplica(primaryAt100, copy(70n), undefined), 'a block the primary no longer keeps').toEqual({
      up: true,
      lagBlocks: 30n,
      lagSeconds: 360,
    });
    expect(judgeReplica(null, copy(70n), undefined), 'the primary did not answer: lag unknown').toEqual({
      up: true,
      lagBlocks: null,
      lagSeconds: null,
    });
    const mismatch = (reading: ReplicaReading) => (reading.up && reading.mismatch) || undefined;
    expect(mismatch(judgeReplica(primaryAt100, copy(100n, { inRecovery: false }), '0x64'))).toMatch(
      /^it is not a standby \(not in recovery\)/,
    );
    expect(mismatch(judgeReplica(primaryAt100, copy(100n, { systemId: '1' }), '0x64'))).toBe(
      'it follows another server (system identifier 1)',
    );
    expect(mismatch(judgeReplica(primaryAt100, copy(70n), '0xbeef'))).toBe(
      "its block 70 is not the primary's: another chain's mirror",
    );
    expect(mismatch(judgeReplica(null, copy(70n, { version: 140_011 }), undefined))).toBe(
      'it runs PostgreSQL 14; Rackshare needs PostgreSQL 15 or later',
    );
  });

  it('computes the lag of a cursor (none on an empty primary, all of it on an empty replica, never negative); hides addresses', () => {
    const at = (block: bigint, time: number) => ({ block, time });
    expect(redactAddresses('connect ECONNREFUSED 10.0.0.7:5432 and [::1]:5433 at postgres://u:p@db:5432/x')).toBe(
      'connect ECONNREFUSED … and … at postgres://…@db:5432/…',
    );
    expect(lagBehind(null, at(5n, 60))).toEqual({ lagBlocks: 0n, lagSeconds: 0 });
    expect(lagBehind(at(9n, 108), null)).toEqual({ lagBlocks: 10n, lagSeconds: null });
    expect(lagBehind(at(9n, 108), at(10n, 120)), 'replayed between the two reads').toEqual({
      lagBlocks: 0n,
      lagSeconds: 0,
    });
    expect(lagBehind(at(9n, 108), at(4n, 48))).toEqual({ lagBlocks: 5n, lagSeconds: 60 });
  });

  it('takes a lagging and a down replica out of rotation and puts them back once well, gauges and all', async () => {
    const rotation = [true, true];
    const db = routeReads(primary, replicas, rotation);
    const fake = fakeProbe(2);
    const registry = new Registry();
    const monitor = createReplicaMonitor({
      rotation,
      probe: fake.probe,
      maxLagBlocks: 10,
      intervalMs: 60_000,
      log,
      registry,
      prefix: 'rackshare_web_',
    });
    const requestsRead = async (count: number) => {
      const seen: (bigint | undefined)[] = [];
      for (let i = 0; i < count; i++) seen.push(await cursor(oneReplica(db)));
      return seen;
    };

    // Both well: requests alternate between the two replicas.
    await monitor.check();
    expect(rotation).toEqual([true, true]);
    expect(new Set(await requestsRead(4))).toEqual(new Set([99n, 70n]));

    // The second replica 30 blocks behind (bound 10): every request reads the first.
    fake.set([up(1n), up(30n)]);
    await monitor.check();
    expect(rotation).toEqual([true, false]);
    expect(monitor.out()).toEqual([
      { index: 1, up: true, lagBlocks: 30n, lagSeconds: 360, inRotation: false, reason: 'lagging' },
    ]);
    expect(await requestsRead(4)).toEqual([99n, 99n, 99n, 99n]);
    expect(await cursor(db), "the routing database's own selects too").toBe(99n);
    expect(await gauge(registry, 'rackshare_web_replica_up', 1)).toBe('1');
    expect(await gauge(registry, 'rackshare_web_replica_in_rotation', 1)).toBe('0');
    expect(await gauge(registry, 'rackshare_web_replica_lag_blocks', 1)).toBe('30');
    expect(await gauge(registry, 'rackshare_web_replica_lag_seconds', 1)).toBe('360');

    // The first down as well: nothing left in rotation, the primary serves every read.
    fake.set([down, up(30n)]);
    await monitor.check();
    expect(rotation).toEqual([false, false]);
    expect(monitor.out().map((state) => [state.index, state.reason])).toEqual([
      [0, 'down'],
      [1, 'lagging'],
    ]);
    expect(await requestsRead(3)).toEqual([100n, 100n, 100n]);
    expect(await cursor(db)).toBe(100n);
    expect(oneReplica(db).$primary).toBe(primary);
    expect(await gauge(registry, 'rackshare_web_replica_up', 0)).toBe('0');
    expect(await gauge(registry, 'rackshare_web_replica_lag_blocks', 0), 'no lag is known while down').toBeUndefined();

    // Both recover: back in rotation.
    fake.set([up(0n), up(2n)]);
    await monitor.check();
    expect(rotation).toEqual([true, true]);
    expect(monitor.out()).toEqual([]);
    expect(new Set(await requestsRead(4))).toEqual(new Set([99n, 70n]));
    expect(await gauge(registry, 'rackshare_web_replica_up', 0)).toBe('1');
    expect(await gauge(registry, 'rackshare_web_replica_lag_blocks', 1)).toBe('2');
  });

  it('falls back to the primary with one replica out (the single-replica route has no other choice)', async () => {
    const rotation = [true];
    const db: ReadDatabase = routeReads(primary, [replicas[1]!], rotation);
    const fake = fakeProbe(1);
    const monitor = createReplicaMonitor({ rotation, probe: fake.probe, maxLagBlocks: 10, intervalMs: 60_000, log });
    expect(oneReplica(db)).toBe(db);
    expect(await cursor(db)).toBe(70n);
    fake.set([down]);
    await monitor.check();
    expect(await cursor(oneReplica(db))).toBe(100n);
    expect(await cursor(db.$primary)).toBe(100n);
    fake.set([up(0n)]);
    await monitor.check();
    expect(await cursor(db)).toBe(70n);
  });

  it('starts from the rotation the handle opened with: a replica unreachable then is out, as down', async () => {
    const rotation = [false, true];
    const fake = fakeProbe(2);
    const monitor = createReplicaMonitor({ rotation, probe: fake.probe, maxLagBlocks: 10, intervalMs: 60_000, log });
    expect(monitor.out()).toEqual([
      { index: 0, up: false, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'down' },
    ]);
    await monitor.check();
    expect(rotation).toEqual([true, true]);
    expect(monitor.out()).toEqual([]);
  });

  it('keeps each verdict while the primary does not answer, and takes a replica that is no copy of it out', async () => {
    const rotation = [true, true];
    const fake = fakeProbe(2);
    const registry = new Registry();
    const monitor = createReplicaMonitor({
      rotation,
      probe: fake.probe,
      maxLagBlocks: 10,
      intervalMs: 60_000,
      log,
      registry,
    });
    fake.set([up(1n), up(30n)]);
    await monitor.check();
    expect(rotation).toEqual([true, false]);
    // The primary slow or down: no lag is known, so the lagging replica stays out and the current one in.
    const unknown: ReplicaReading = { up: true, lagBlocks: null, lagSeconds: null };
    fake.set([unknown, unknown]);
    await monitor.check();
    expect(rotation).toEqual([true, false]);
    expect(monitor.out()).toEqual([
      { index: 1, up: true, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'lagging' },
    ]);
    expect(await gauge(registry, 'replica_lag_blocks', 1), 'no lag is known').toBeUndefined();
    // Not a standby of this primary: out, whatever its lag.
    fake.set([{ up: true, mismatch: 'it is not a standby' }, up(0n)]);
    await monitor.check();
    expect(rotation).toEqual([false, true]);
    expect(monitor.out()).toEqual([
      { index: 0, up: true, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'mismatch' },
    ]);
    expect(await gauge(registry, 'replica_up', 0)).toBe('1');
    expect(await gauge(registry, 'replica_in_rotation', 0)).toBe('0');
  });

  it('records a lost connection at once, and a probe under way then does not put the replica back', async () => {
    const rotation = [true];
    let release: (readings: ReplicaReading[]) => void = () => {};
    const registry = new Registry();
    const monitor = createReplicaMonitor({
      rotation,
      probe: () =>
        new Promise<ReplicaReading[]>((resolve) => {
          release = resolve;
        }),
      maxLagBlocks: 10,
      intervalMs: 60_000,
      log,
      registry,
    });
    const probing = monitor.check();
    monitor.lost(0, new Error('terminating connection due to administrator command'));
    expect(rotation).toEqual([false]);
    expect(monitor.out()).toEqual([
      { index: 0, up: false, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'down' },
    ]);
    expect(await gauge(registry, 'replica_up', 0)).toBe('0');
    // The probe began before the loss: its reading is older than the loss.
    release([up(0n)]);
    await probing;
    expect(rotation).toEqual([false]);
    // The next probe's reading counts.
    const next = monitor.check();
    release([up(0n)]);
    await next;
    expect(rotation).toEqual([true]);
    expect(await gauge(registry, 'replica_in_rotation', 0)).toBe('1');
  });

  it('probes one at a time, once at start, every interval after, and never after stop', async () => {
    vi.useFakeTimers();
    try {
      const rotation = [true];
      let probes = 0;
      let release: () => void = () => {};
      const monitor = createReplicaMonitor({
        rotation,
        probe: async () => {
          probes++;
          await new Promise<void>((resolve) => {
            release = resolve;
          });
          return [down];
        },
        maxLagBlocks: 10,
        intervalMs: 60_000,
        log,
      });
      const first = monitor.check();
      const second = monitor.check();
      expect(probes, 'a second check joins the probe in flight').toBe(1);
      release();
      expect(await second).toEqual(await first);
      expect(rotation).toEqual([false]);
      monitor.start();
      expect(probes, 'start probes at once').toBe(2);
      release();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(probes, 'and again after the interval').toBe(3);
      release();
      monitor.stop();
      await vi.advanceTimersByTimeAsync(600_000);
      expect(probes, 'none after stop').toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

const postgresUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!postgresUrl)('the replica probe on PostgreSQL', () => {
  it('gives up on a replica that does not answer within the probe timeout and leaves no connection pinned', async () => {
    const scratches = [await createScratchDatabase(postgresUrl!), await createScratchDatabase(postgresUrl!)];
    const [primaryUrl, replicaUrl] = scratches.map((scratch) => scratch.url) as [string, string];
    for (const url of [primaryUrl, replicaUrl]) {
      const handle = await openDatabase({ kind: 'postgres', url });
      await migrateDatabase(handle);
      await handle.close();
    }
    const handle = await openDatabase({ kind: 'postgres', url: primaryUrl }, { readUrls: [replicaUrl] });
    // The replica's mirror locked by another session: every read of it hangs, as on a server that stopped answering.
    const locker = new pg.Client({ connectionString: replicaUrl });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table mirror.indexed_blocks in access exclusive mode');
      const probe = postgresReplicaProbe(handle, { chainId: CHAIN, timeoutMs: 300 });
      const pool = (handle.replicas[0] as unknown as { $client: pg.Pool }).$client;
      for (let i = 0; i < 12; i++) {
        expect(await probe()).toEqual([{ up: false, error: 'Query read timeout' }]);
      }
      // Twelve probes on a pool of ten: none kept its connection.
      expect(pool.totalCount).toBe(0);
      expect(pool.waitingCount).toBe(0);
      // Once it answers again, so does the probe (a mismatch here: a scratch database is no standby).
      await locker.query('rollback');
      expect(await probe()).toEqual([{ up: true, mismatch: expect.stringMatching(/^it is not a standby/) }]);
    } finally {
      await locker.end();
      await handle.close();
      for (const scratch of scratches) await scratch.drop();
    }
  }, 60_000);
});
