/**
 * applyBalanceDeltas' one MERGE on both engines: it adds to stored balances, inserts new holders, deletes a balance
 * that reaches zero, leaves the zero address out, and a rollback (sign -1) restores the balances before the transfers.
 */
import { asc, eq } from 'drizzle-orm';
import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../databases.test-kit';
import { balances } from '../../schema';
import { applyBalanceDeltas } from './balances';

const CHAIN_ID = 31_337;
const token = '0x00000000000000000000000000000000000000Aa' as Address;
const zero = '0x0000000000000000000000000000000000000000' as Address;
const [alice, bob, carol] = ['0x1', '0x2', '0x3'].map((n) => `0x${n.slice(2).padStart(40, '0')}` as Address) as [
  Address,
  Address,
  Address,
];

describe.each(testDatabases)('applyBalanceDeltas on $name', ({ open }) => {
  it('adds, inserts and deletes zeroed balances in one pass, and a rollback restores them', async () => {
    const handle = await open();
    try {
      const { db } = handle;
      const stored = async () =>
        Object.fromEntries(
          (await db.select().from(balances).where(eq(balances.chainId, CHAIN_ID)).orderBy(asc(balances.account))).map(
            (row) => [row.account, row.balance],
          ),
        );
      const mint = [{ token, from: zero, to: alice, value: 100n }];
      await db.transaction((tx) => applyBalanceDeltas(tx, CHAIN_ID, mint, 1n));
      expect(await stored()).toEqual({ [alice]: 100n });

      // Alice pays Bob out in full, Bob passes 30 to Carol: Alice's balance reaches zero and is deleted.
      const transfers = [
        { token, from: alice, to: bob, value: 100n },
        { token, from: bob, to: carol, value: 30n },
      ];
      await db.transaction((tx) => applyBalanceDeltas(tx, CHAIN_ID, transfers, 1n));
      expect(await stored()).toEqual({ [bob]: 70n, [carol]: 30n });

      await db.transaction((tx) => applyBalanceDeltas(tx, CHAIN_ID, transfers, -1n));
      expect(await stored()).toEqual({ [alice]: 100n });
    } finally {
      await handle.close();
    }
  });
});
