/**
 * applyBalanceDeltas' one MERGE on both engines: it adds to stored balances, inserts new holders, deletes a balance
 * that reaches zero, leaves the zero address out, and a rollback (sign -1) restores the balances before the transfers.
 * A range that moves balances already stored rewrites them in place (HOT updates, migration 0016), not through the index.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { testDatabases } from '../../databases.test-kit';
import { rowsOf } from '../../raw-rows';
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

  it('moves stored balances by HOT updates, adding no index entries (migration 0016)', async () => {
    const handle = await open();
    try {
      const { db } = handle;
      // More holders than one page holds, clear of alice, bob and carol (0x1-0x3).
      const holders = Array.from({ length: 500 }, (_, n) => `0x${(n + 16).toString(16).padStart(40, '0')}` as Address);
      const payOut = holders.map((to) => ({ token, from: alice, to, value: 1n }));
      await db.transaction((tx) =>
        applyBalanceDeltas(tx, CHAIN_ID, [{ token, from: zero, to: alice, value: 10_000n }], 1n),
      );
      await db.transaction((tx) => applyBalanceDeltas(tx, CHAIN_ID, payOut, 1n));
      // The same holders again, as the next range of a backfill: every stored row updated, read back in the same
      // transaction from its own statistics (pg_stat_xact_*: no wait for the statistics collector).
      const counts = await db.transaction(async (tx) => {
        await applyBalanceDeltas(tx, CHAIN_ID, payOut, 1n);
        const result = await tx.execute(sql`select n_tup_upd::int as updated, n_tup_hot_upd::int as hot
          from pg_stat_xact_user_tables where schemaname = 'mirror' and relname = 'balances'`);
        return rowsOf<{ updated: number; hot: number }>(result)[0]!;
      });
      // 500 holders and alice; a count still pending from the connection's previous transaction may add to both.
      expect(counts.updated).toBeGreaterThanOrEqual(501);
      expect(counts.hot).toBe(counts.updated);
      expect((await db.select().from(balances).where(eq(balances.account, holders[0]!)))[0]?.balance).toBe(2n);
    } finally {
      await handle.close();
    }
  });
});
