/**
 * The market rows are a snapshot of the mirror rebuilt only when the indexer's cursor moves, while the statuses move
 * with time: a heartbeat that lapses between two requests shows as Stale with no mirror change and no rebuild.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { marketSnapshot } from '#db/analytics/market';
import { testDatabases } from '#db/databases.test-kit';
import { clusters, committeeEvents, indexedBlocks } from '#db/schema';
import { marketCache } from './market.server';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const;
const CHAIN_ID = 31_337;
// Attested at T0 for 30 days, last epoch ended T0 + 1 h; the registry's heartbeat is one day.
const T0 = 1_764_547_200; // 2025-12-01T00:00:00Z
const HEARTBEAT = 86_400;
const lastActivity = T0 + 3_600;

describe.each(testDatabases)('market rows cache on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('evaluates statuses at the newest indexed block (review H1), rebuilds on a new indexed block only', async () => {
    handle = await open();
    const { db } = handle;
    await db.insert(committeeEvents).values({
      chainId: CHAIN_ID,
      blockNumber: 1n,
      blockHash: hash(1),
      logIndex: 0,
      transactionHash: hash(100),
      blockTime: new Date(T0 * 1000),
      kind: 'heartbeat_changed',
      value: BigInt(HEARTBEAT),
    });
    const cluster = (id: number) => ({
      chainId: CHAIN_ID,
      clusterId: BigInt(id),
      operator: '0x0000000000000000000000000000000000000001' as const,
      gpuModel: 'NVIDIA H100 SXM5 80GB',
      location: 'KR-SEL-01',
      gpuCount: 8,
      hardwareRoot: hash(id),
      metadataUri: '',
      metadataHash: hash(0),
      status: 'attested' as const,
      registeredAt: new Date(T0 * 1000),
      registeredBlock: 1n,
      attestedAt: new Date(T0 * 1000),
      attestedUntil: new Date((T0 + 30 * 86_400) * 1000),
      lastEpoch: BigInt(lastActivity),
    });
    await db.insert(clusters).values(cluster(1));
    // The chain's clock: the newest indexed block's timestamp, whatever the server's wall clock says.
    const block = (number: number, seconds: number) =>
      db.insert(indexedBlocks).values({
        chainId: CHAIN_ID,
        number: BigInt(number),
        hash: hash(number),
        timestamp: new Date(seconds * 1000),
      });
    // The last second the contract still calls it Attested: lastActivity + heartbeat (the rule compares `>`).
    const stillAttested = lastActivity + HEARTBEAT;
    await block(10, stillAttested);
    let builds = 0;
    const view = marketCache({
      freshMs: 0,
      maxStaleMs: 0,
      build: (database, query) => {
        builds += 1;
        return marketSnapshot(database, query);
      },
    });
    // The server's wall clock only ages the cache entry; it starts in 1970 and jumps years ahead below.
    let wall = 0;
    const tick = () => ++wall;
    const statuses = async () => (await view(db, CHAIN_ID, tick())).rows.map((row) => [row.clusterId, row.status]);

    const first = await view(db, CHAIN_ID, tick());
    expect(first.rows.map((row) => [row.clusterId, row.status])).toEqual([[1n, 'attested']]);
    expect(first.at).toEqual(new Date(stillAttested * 1000));
    expect(builds).toBe(1);
    // A server clock far behind or far ahead of the chain changes nothing: the chain at block 10 says Attested.
    expect(await statuses()).toEqual([[1n, 'attested']]);
    wall = Date.now() + 10 * 86_400_000;
    expect(await statuses()).toEqual([[1n, 'attested']]);
    // Same mirror: the very same rows (the page memo keys on their identity), no rebuild.
    expect((await view(db, CHAIN_ID, tick())).rows).toBe(first.rows);
    expect(builds).toBe(1);

    // A cluster written inside a range the cursor does not cover yet is not seen; the next indexed block shows it,
    // one second later on the chain: the heartbeat has lapsed for both.
    await db.insert(clusters).values(cluster(2));
    expect((await view(db, CHAIN_ID, tick())).rows.length).toBe(1);
    await block(11, stillAttested + 1);
    expect(await statuses()).toEqual([
      [2n, 'stale'],
      [1n, 'stale'],
    ]);
    expect(builds).toBe(2);
    await view(db, CHAIN_ID, tick());
    expect(builds).toBe(2);
  });

  it('takes statuses and the 30-day window from the newest indexed block, not the wall clock (review H1, L5)', async () => {
    handle = await open();
    const { db } = handle;
    // Chain time: noon of a day 40 days after the last activity, far from the wall clock of any test run.
    const chainNow = (Math.floor(T0 / 86_400) + 40) * 86_400 + 43_200;
    const today = Math.floor(chainNow / 86_400) * 86_400;
    await db
      .insert(indexedBlocks)
      .values({ chainId: CHAIN_ID, number: 5n, hash: hash(5), timestamp: new Date(chainNow * 1000) });
    const { window, at } = await marketCache()(db, CHAIN_ID);
    expect(at).toEqual(new Date(chainNow * 1000));
    // The 30 UTC days ending with the chain time's day (today's bucket in), spanning 29.5 days up to the chain time.
    expect(window).toEqual({
      days: 30,
      from: new Date((today - 29 * 86_400) * 1000),
      to: new Date((today + 86_400) * 1000),
      seconds: BigInt(29 * 86_400 + 43_200),
    });
  });
});
