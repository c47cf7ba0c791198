/**
 * The `balances` table: every holder's share balance per token, moved by the net deltas of a range's share transfers
 * (negated when a range is rolled back); a balance that reaches zero is deleted.
 */
import { sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { insertRows, type Transaction, UNNEST_ROWS } from '../../bulk-insert';
import { balances } from '../../schema';

type TransferLike = { token: Address; from: Address; to: Address; value: bigint };

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** Adds `sign` × the net effect of `transfers` to the balances; balances that reach zero are deleted. */
export async function applyBalanceDeltas(tx: Transaction, chainId: number, transfers: TransferLike[], sign: 1n | -1n) {
  if (transfers.length === 0) return;
  const deltas = new Map<string, { token: Address; account: Address; delta: bigint }>();
  const add = (token: Address, account: Address, delta: bigint) => {
    if (account === ZERO_ADDRESS) return;
    const key = `${token}:${account}`;
    const entry = deltas.get(key);
    if (entry) entry.delta += delta;
    else deltas.set(key, { token, account, delta });
  };
  for (const transfer of transfers) {
    add(transfer.token, transfer.from, -transfer.value * sign);
    add(transfer.token, transfer.to, transfer.value * sign);
  }
  const rows = [...deltas.values()]
    .filter((entry) => entry.delta !== 0n)
    .map((entry) => ({ chainId, token: entry.token, account: entry.account, balance: entry.delta }));
  await insertRows(
    tx,
    balances,
    rows,
    sql`on conflict (chain_id, token, account) do update set balance = ${balances}.balance + excluded.balance`,
  );
  // Only a balance that went down can have reached zero: asking for those keys alone spares a scan of every holder of
  // the token per range (on a backfill, one sender pays thousands of recipients).
  const lowered = rows.filter((row) => row.balance < 0n);
  for (let start = 0; start < lowered.length; start += UNNEST_ROWS) {
    const chunk = lowered.slice(start, start + UNNEST_ROWS);
    await tx.execute(sql`delete from ${balances} where ${balances.chainId} = ${chainId} and ${balances.balance} = 0
      and (${balances.token}, ${balances.account}) in (select * from unnest(
        ${sql.param(chunk.map((row) => row.token))}::varchar(42)[], ${sql.param(chunk.map((row) => row.account))}::varchar(42)[]))`);
  }
}
