import type { AppLoadContext } from '@remix-run/node';
import type { PublicClient } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { indexedBlocks, stablecoinTransfers } from '#db/schema';
import { getOverview } from './overview.server';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const;
const address = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as const;

describe.each(testDatabases)('overview on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('counts the stablecoin transfers once per indexed block, not on every render (M-7)', async () => {
    handle = await open();
    const { db } = handle;
    // A chain id of its own: the count memo is process-wide, keyed by chain and indexed block.
    const chainId = 77_000 + Math.floor(Math.random() * 1_000);
    const transfer = (logIndex: number, block: number) => ({
      chainId,
      blockNumber: BigInt(block),
      blockHash: hash(block),
      logIndex,
      transactionHash: hash(1_000 + logIndex),
      blockTime: new Date(),
      from: address(1),
      to: address(2),
      value: 5n,
    });
    const indexed = (block: number) => ({ chainId, number: BigInt(block), hash: hash(block), timestamp: new Date() });
    await db.insert(indexedBlocks).values(indexed(10));
    await db.insert(stablecoinTransfers).values([transfer(0, 10), transfer(1, 10)]);
    const publicClient = {
      getBlock: async () => ({ number: 12n, hash: hash(12), timestamp: 1_700_000_000n }),
    } as unknown as PublicClient;
    const context = { db, chain: { chainId, publicClient } } as unknown as AppLoadContext;
    expect((await getOverview(context)).transferCount).toBe(2);
    // A row the indexer's cursor does not cover yet (written inside its range transaction in real life): the count of
    // block 10 is not recomputed.
    await db.insert(stablecoinTransfers).values(transfer(2, 11));
    expect((await getOverview(context)).transferCount).toBe(2);
    await db.insert(indexedBlocks).values(indexed(11));
    expect((await getOverview(context)).transferCount).toBe(3);
  });
});
