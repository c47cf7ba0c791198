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

type BalanceDelta = { chainId: number; token: Address; account: Address; balance: bigint };

/**
 * The net effect of `transfers` on each (token, account), × `sign`, without the zero address and without deltas that
 * cancel out. Keyed by token, then account: the decoder hands out one string per address (parse.ts topicAddress), so
 * the lookups hash nothing new, where a `${token}:${account}` key built two strings per transfer.
 */
function balanceDeltas(chainId: number, transfers: TransferLike[], sign: 1n | -1n): BalanceDelta[] {
  const byToken = new Map<Address, Map<Address, BalanceDelta>>();
  const add = (token: Address, account: Address, delta: bigint) => {
    if (account === ZERO_ADDRESS) return;
    let accounts = byToken.get(token);
    if (!accounts) {
      accounts = new Map();
      byToken.set(token, accounts);
    }
    const entry = accounts.get(account);
    if (entry) entry.balance += delta;
    else accounts.set(account, { chainId, token, account, balance: delta });
  };
  for (const transfer of transfers) {
    const value = sign === 1n ? transfer.value : -transfer.value;
    add(transfer.token, transfer.from, -value);
    add(transfer.token, transfer.to, value);
  }
  const rows: BalanceDelta[] = [];
  for (const accounts of byToken.values())
    for (const entry of accounts.values()) if (entry.balance !== 0n) rows.push(entry);
  return rows;
}

/** Adds `sign` × the net effect of `transfers` to the balances; balances that reach zero are deleted. */
export async function applyBalanceDeltas(tx: Transaction, chainId: number, transfers: TransferLike[], sign: 1n | -1n) {
  const rows = balanceDeltas(chainId, transfers, sign);
  if (rows.length === 0) return;
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
