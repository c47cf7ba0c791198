import { desc, eq } from 'drizzle-orm';
import pino from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type Database,
  type DatabaseHandle,
  oneReplica,
  openDatabase,
  type ReadDatabase,
  routeReads,
} from './database';
import { openMigratedPglites } from './databases.test-kit';
import { postgresReplicaProbe, type ReplicaReading } from './replica-probe';
import { createReplicaMonitor, PROBES_TO_FLIP, type ReplicaMonitor, type ReplicaMonitorOptions } from './replicas';
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

/**
 * A monitor of `rotation` fed by a fake probe of as many replicas, with the settings every test here shares (10 blocks
 * of lag allowed, probes only when a test calls `check`) and its gauges in a registry of its own.
 */
function fakeMonitor(rotation: boolean[], options: Partial<ReplicaMonitorOptions> = {}) {
  const fake = fakeProbe(rotation.length);
  const registry = new Registry();
  const monitor = createReplicaMonitor({
    rotation,
    probe: fake.probe,
    maxLagBlocks: 10,
    intervalMs: 60_000,
    log,
    registry,
    ...options,
  });
  return { fake, registry, monitor };
}

const up = (lagBlocks: bigint): ReplicaReading => ({ up: true, lagBlocks, lagSeconds: Number(lagBlocks) * 12 });
const down: ReplicaReading = { up: false, error: 'connect ECONNREFUSED 127.0.0.1:5433' };

/** As many probes as a change of verdict takes (hysteresis): the rotation then follows the readings. */
async function settle(monitor: ReplicaMonitor) {
  for (let i = 0; i < PROBES_TO_FLIP; i++) await monitor.check();
}

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
    handles.push(...(await openMigratedPglites(3)));
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

  it('takes a lagging and a down replica out of rotation and puts them back once well, gauges and all', async () => {
    const rotation = [true, true];
    const db = routeReads(primary, replicas, rotation);
    const { fake, registry, monitor } = fakeMonitor(rotation, { prefix: 'rackshare_web_' });
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
    await settle(monitor);
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
    await settle(monitor);
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
    await settle(monitor);
    expect(rotation).toEqual([true, true]);
    expect(monitor.out()).toEqual([]);
    expect(new Set(await requestsRead(4))).toEqual(new Set([99n, 70n]));
    expect(await gauge(registry, 'rackshare_web_replica_up', 0)).toBe('1');
    expect(await gauge(registry, 'rackshare_web_replica_lag_blocks', 1)).toBe('2');
  });

  it('falls back to the primary with one replica out (the single-replica route has no other choice)', async () => {
    const rotation = [true];
    const db: ReadDatabase = routeReads(primary, [replicas[1]!], rotation);
    const { fake, monitor } = fakeMonitor(rotation);
    expect(oneReplica(db)).toBe(db);
    expect(await cursor(db), 'before its first probe: the primary').toBe(100n);
    await monitor.check();
    expect(await cursor(db)).toBe(70n);
    fake.set([down]);
    await settle(monitor);
    expect(await cursor(oneReplica(db))).toBe(100n);
    expect(await cursor(db.$primary)).toBe(100n);
    fake.set([up(0n)]);
    await settle(monitor);
    expect(await cursor(db)).toBe(70n);
  });

  it('serves no reads from a replica before its first probe (down if unreachable at open); the first probe acts at once', async () => {
    const rotation = [false, true];
    const { monitor } = fakeMonitor(rotation);
    expect(rotation).toEqual([false, false]);
    expect(monitor.out()).toEqual([
      { index: 0, up: false, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'down' },
      { index: 1, up: true, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'unverified' },
    ]);
    await monitor.check();
    expect(rotation).toEqual([true, true]);
    expect(monitor.out()).toEqual([]);
  });

  it('keeps each verdict for at most `unknownProbes` probes while the primary does not answer, then takes it out', async () => {
    const rotation = [true, true];
    const { fake, registry, monitor } = fakeMonitor(rotation, { unknownProbes: 3 });
    fake.set([up(1n), up(30n)]);
    await monitor.check();
    expect(rotation).toEqual([true, false]);
    // The primary slow or down: no lag is known, so the lagging replica stays out and the current one in...
    const unknown: ReplicaReading = { up: true, lagBlocks: null, lagSeconds: null };
    fake.set([unknown, unknown]);
    for (let probe = 1; probe <= 3; probe++) {
      await monitor.check();
      expect(rotation, `unknown probe ${probe}`).toEqual([true, false]);
    }
    expect(monitor.out()).toEqual([
      { index: 1, up: true, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'lagging' },
    ]);
    expect(await gauge(registry, 'replica_lag_blocks', 1), 'no lag is known').toBeUndefined();
    // ...for three probes: at the fourth nothing vouches for the current one any more.
    await monitor.check();
    expect(rotation).toEqual([false, false]);
    expect(monitor.out().map((state) => [state.index, state.reason])).toEqual([
      [0, 'unverified'],
      [1, 'unverified'],
    ]);
    // The primary answers again: two good probes put them back.
    fake.set([up(0n), up(0n)]);
    await monitor.check();
    expect(rotation).toEqual([false, false]);
    await monitor.check();
    expect(rotation).toEqual([true, true]);
  });

  it('needs two bad probes in a row to take a replica out and two good ones to put it back (no flapping)', async () => {
    const rotation = [true];
    const { fake, monitor } = fakeMonitor(rotation);
    await monitor.check();
    expect(rotation).toEqual([true]);
    const stalled: ReplicaReading = { up: true, lagBlocks: 0n, lagSeconds: 0, stalled: 'replay paused' };
    const diverged: ReplicaReading = { up: true, diverged: "its block 70 is not the primary's: a reorg" };
    // Bad and good alternating: it never leaves.
    for (const reading of [down, up(0n), up(30n), up(0n), stalled, up(0n), diverged, up(0n)]) {
      fake.set([reading]);
      await monitor.check();
      expect(
        rotation,
        JSON.stringify(reading, (_, value) => (typeof value === 'bigint' ? `${value}` : value)),
      ).toEqual([true]);
    }
    // A reorg seen twice in a row: out, as diverged (not "another chain").
    fake.set([diverged]);
    await settle(monitor);
    expect(monitor.out()).toEqual([
      { index: 0, up: true, lagBlocks: null, lagSeconds: null, inRotation: false, reason: 'diverged' },
    ]);
    // Replay stalled twice: out, as stalled, its lag figures kept.
    fake.set([up(0n)]);
    await settle(monitor);
    fake.set([stalled]);
    await settle(monitor);
    expect(monitor.out()).toEqual([
      { index: 0, up: true, lagBlocks: 0n, lagSeconds: 0, inRotation: false, reason: 'stalled' },
    ]);
    // One good probe between bad ones: still out, and the reason it is out for is kept.
    for (const reading of [up(0n), up(30n), up(0n), down]) {
      fake.set([reading]);
      await monitor.check();
      expect(rotation).toEqual([false]);
    }
    expect(monitor.out()[0]?.reason).toBe('down');
    fake.set([up(0n)]);
    await monitor.check();
    expect(monitor.out()[0]).toMatchObject({ up: true, lagBlocks: 0n, inRotation: false, reason: 'down' });
    await monitor.check();
    expect(rotation).toEqual([true]);
  });

  it('takes a replica that is no copy of the primary out at its first such probe', async () => {
    const rotation = [true, true];
    const { fake, registry, monitor } = fakeMonitor(rotation);
    await monitor.check();
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
    // The next probes' readings count: two good ones put it back.
    for (const expected of [[false], [true]]) {
      const next = monitor.check();
      release([up(0n)]);
      await next;
      expect(rotation).toEqual(expected);
    }
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
