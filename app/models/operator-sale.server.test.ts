import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { offeringEvents } from '#db/schema';
import { finalizeState, mirroredSettlement } from './operator-sale.server';

const offering = '0x1111111111111111111111111111111111111111' as const;
const operator = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

describe('what finalize() can still do', () => {
  it('follows Offering.finalize: anyone once decided, the operator early over the soft cap, nothing once settled', () => {
    expect(finalizeState('Pending', 10n, 0n, 5n)).toBe('notStarted');
    expect(finalizeState('Open', 10n, 4n, 5n)).toBe('belowSoftCap');
    expect(finalizeState('Open', 10n, 5n, 5n)).toBe('operatorEarly');
    expect(finalizeState('SoldOut', 10n, 10n, 5n)).toBe('anyone');
    expect(finalizeState('Succeeded', 10n, 6n, 5n)).toBe('anyone');
    // A failed or cancelled sale reads the same phase before and after: the supply still in escrow tells them apart.
    expect(finalizeState('Failed', 10n, 4n, 5n)).toBe('anyone');
    expect(finalizeState('Failed', 0n, 4n, 5n)).toBe('settled');
    expect(finalizeState('Cancelled', 10n, 4n, 5n)).toBe('anyone');
    expect(finalizeState('Cancelled', 0n, 4n, 5n)).toBe('settled');
    expect(finalizeState('Finalized', 4n, 6n, 5n)).toBe('settled');
  });
});

describe.each(testDatabases)('the mirrored settlement on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it("is the offering's Finalized event with what the operator received, and nothing before it", async () => {
    handle = await open();
    const { db } = handle;
    const where = (block: number, kind: 'purchased' | 'finalized', offeringAddress: `0x${string}` = offering) => ({
      chainId: 31_337,
      blockNumber: BigInt(block),
      blockHash: `0x${block.toString(16).padStart(64, '0')}` as const,
      logIndex: 0,
      transactionHash: `0x${'ab'.repeat(31)}${block.toString(16).padStart(2, '0')}` as const,
      blockTime: new Date(Date.UTC(2030, 0, 1, 0, 0, block)),
      offering: offeringAddress,
      kind,
      account: operator,
    });
    await db
      .insert(offeringEvents)
      .values({ ...where(1, 'purchased'), shares: 5n, amount: 50n, blockHash: `0x${'01'.repeat(32)}` });
    expect(await mirroredSettlement(db, { chainId: 31_337, offering })).toBeUndefined();
    await db.insert(offeringEvents).values([
      {
        ...where(2, 'finalized'),
        shares: 6n,
        amount: 60_000_000n,
        succeeded: true,
        sharesReturned: 4n,
        revenueForwarded: 12n,
        revenueEscrowed: 3n,
      },
      {
        ...where(3, 'finalized', '0x2222222222222222222222222222222222222222'),
        shares: 1n,
        amount: 1n,
        succeeded: false,
      },
    ]);
    expect(await mirroredSettlement(db, { chainId: 31_337, offering })).toEqual({
      succeeded: true,
      sold: 6n,
      proceeds: 60_000_000n,
      sharesReturned: 4n,
      revenueForwarded: 12n,
      revenueEscrowed: 3n,
      transactionHash: `0x${'ab'.repeat(31)}02`,
      blockTime: new Date(Date.UTC(2030, 0, 1, 0, 0, 2)),
    });
  });
});
