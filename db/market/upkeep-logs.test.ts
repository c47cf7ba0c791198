/**
 * The upkeep's maker log scan (unit: the chain is a stub answering eth_getLogs, the database PGlite): the filter names
 * each asset and its live makers (in chunks of MAKER_CHUNK), an Approval to another spender is ignored, and a failed
 * read is logged and its blocks read again with the next range.
 */
import type { Address, Hex } from 'viem';
import { pad, toEventSelector } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { marketOffers } from '../schema';
import type { MarketChain } from './fillability';
import { createMakerLogScanner, MAKER_CHUNK } from './upkeep-logs';

const [pglite] = testDatabases;
const MARKET = '0x00000000000000000000000000000000000000aa' as Address;
const STABLECOIN = '0x00000000000000000000000000000000000000bb' as Address;
const TRANSFER = toEventSelector('Transfer(address,address,uint256)');
const APPROVAL = toEventSelector('Approval(address,address,uint256)');
const maker = (n: number) => `0x${(n + 1).toString(16).padStart(40, '0')}` as Address;
const topic = (address: Address) => pad(address.toLowerCase() as Hex);

type Filter = { address: Address; fromBlock: Hex; toBlock: Hex; topics: [Hex[], Hex[]] };

describe('maker log scan', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await pglite!.open();
    const now = new Date();
    // MAKER_CHUNK + 5 makers of live bids (their asset is the stablecoin) and one filled offer (not scanned).
    await handle.db.insert(marketOffers).values(
      Array.from({ length: MAKER_CHUNK + 6 }, (_, index) => ({
        offerHash: `0x${(index + 1).toString(16).padStart(64, '0')}` as Hex,
        chainId: 31_337,
        market: MARKET,
        maker: maker(index),
        side: 1,
        clusterId: 1n,
        amount: 10n ** 18n,
        price: 1_000_000n,
        taker: '0x0000000000000000000000000000000000000000' as Address,
        expiry: 1n << 40n,
        nonce: 0n,
        signature: '0x' as Hex,
        status: index === MAKER_CHUNK + 5 ? ('filled' as const) : ('open' as const),
        filled: 0n,
        checkedAt: now,
        checkedBlock: 0n,
        statusAt: now,
        createdAt: now,
      })),
    );
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('reads each chunk of live makers, keeps Transfers from them and Approvals to the market, and retries a failed range', async () => {
    const filters: Filter[] = [];
    let fail = true;
    const warnings: unknown[] = [];
    const chain = {
      chainId: 31_337,
      market: MARKET,
      stablecoin: STABLECOIN,
      publicClient: {
        request: async ({ params: [filter] }: { params: [Filter] }) => {
          filters.push(filter);
          if (fail) throw new Error('rpc down');
          return [
            { topics: [TRANSFER, topic(maker(0)), topic(maker(900))] },
            { topics: [APPROVAL, topic(maker(1)), topic(MARKET)] },
            { topics: [APPROVAL, topic(maker(2)), topic(maker(900))] },
          ];
        },
      },
    } as unknown as MarketChain;
    const log = { warn: (...args: unknown[]) => warnings.push(args) } as never;
    const scan = createMakerLogScanner({ db: handle.db, chain, log });

    expect(await scan({ from: 10n, to: 19n })).toEqual([]);
    expect(warnings).toHaveLength(1);
    fail = false;
    filters.length = 0;
    const seen = await scan({ from: 20n, to: 29n });
    expect(seen.sort()).toEqual([maker(0), maker(1)]);
    // The failed range's blocks are read with the next one; two chunks of the 105 live makers, the filled one left out.
    expect(filters.map((f) => [f.address, f.fromBlock, f.toBlock, f.topics[0], f.topics[1].length])).toEqual([
      [STABLECOIN, '0xa', '0x1d', [TRANSFER, APPROVAL], MAKER_CHUNK],
      [STABLECOIN, '0xa', '0x1d', [TRANSFER, APPROVAL], 5],
    ]);
    expect(filters.flatMap((f) => f.topics[1])).not.toContain(topic(maker(MAKER_CHUNK + 5)));
    filters.length = 0;
    await scan({ from: 30n, to: 39n });
    expect(filters[0]?.fromBlock).toBe('0x1e');
  });
});
