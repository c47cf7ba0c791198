/**
 * The market rows are a snapshot of the mirror rebuilt only when the indexer's cursor moves, while the statuses move
 * with time: a heartbeat that lapses between two requests shows as Stale with no mirror change and no rebuild.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { marketSnapshot } from '#db/analytics/dashboard';
import { clusters, committeeEvents, indexedBlocks } from '#db/schema';
import { testDatabases } from '#db/test-databases';
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

  it('derives Stale per request, rebuilds on a new indexed block and not while the mirror stands still', async () => {
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
    await db.insert(indexedBlocks).values({ chainId: CHAIN_ID, number: 10n, hash: hash(10), timestamp: new Date() });
    let builds = 0;
    const rows = marketCache({
      freshMs: 0,
      maxStaleMs: 0,
      build: (database, query) => {
        builds += 1;
        return marketSnapshot(database, query);
      },
    });

    // The last second the contract still calls it Attested: lastActivity + heartbeat (the rule compares `>`).
    const stillAttested = (lastActivity + HEARTBEAT) * 1000 + 999;
    const first = await rows(db, CHAIN_ID, stillAttested);
    expect(first.map((row) => [row.clusterId, row.status])).toEqual([[1n, 'attested']]);
    expect(builds).toBe(1);

    const lapsed = await rows(db, CHAIN_ID, stillAttested + 1);
    expect(lapsed.map((row) => [row.clusterId, row.status])).toEqual([[1n, 'stale']]);
    expect(builds).toBe(1);
    // Same instant range, same mirror: the very same rows (the page memo keys on their identity).
    expect(await rows(db, CHAIN_ID, stillAttested + 2)).toBe(lapsed);
    expect(builds).toBe(1);

    // A cluster written inside a range the cursor does not cover yet is not seen; the next indexed block shows it.
    await db.insert(clusters).values(cluster(2));
    expect((await rows(db, CHAIN_ID, stillAttested + 3)).length).toBe(1);
    expect(builds).toBe(1);
    await db.insert(indexedBlocks).values({ chainId: CHAIN_ID, number: 11n, hash: hash(11), timestamp: new Date() });
    const rebuilt = await rows(db, CHAIN_ID, stillAttested + 4);
    expect(rebuilt.map((row) => [row.clusterId, row.status])).toEqual([
      [2n, 'stale'],
      [1n, 'stale'],
    ]);
    expect(builds).toBe(2);
    await rows(db, CHAIN_ID, stillAttested + 5);
    expect(builds).toBe(2);
    // The window is whole UTC days: the next day rebuilds once even on a still mirror.
    const nextDay = (Math.floor(stillAttested / 86_400_000) + 1) * 86_400_000;
    await rows(db, CHAIN_ID, nextDay);
    await rows(db, CHAIN_ID, nextDay + 1);
    expect(builds).toBe(3);
  });
});
