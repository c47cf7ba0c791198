/**
 * The `balances` table: every holder's share balance per token, moved by the net deltas of a range's share transfers
 * (negated when a range is rolled back); a balance that reaches zero is deleted.
 */
import { sql } from 'drizzle-orm';
import type { Address } from 'viem';
import { type Transaction, UNNEST_ROWS } from '../../bulk-insert';
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

/**
 * Adds `sign` × the net effect of `transfers` to the balances; balances that reach zero are deleted. One MERGE per
 * UNNEST_ROWS holders does both (the upsert and a second statement for the zeroed balances cost two passes over the
 * same keys; a backfill's write touches thousands of holders). The deltas travel as three array parameters, one
 * (token, account) each (balanceDeltas sums them), which MERGE requires: no target row may match two source rows.
 */
export async function applyBalanceDeltas(tx: Transaction, chainId: number, transfers: TransferLike[], sign: 1n | -1n) {
  const rows = balanceDeltas(chainId, transfers, sign);
  for (let start = 0; start < rows.length; start += UNNEST_ROWS) {
    const chunk = rows.slice(start, start + UNNEST_ROWS);
    // Addresses are hex and deltas decimal: array elements that need no quoting.
    const tokens = `{${chunk.map((row) => row.token).join(',')}}`;
    const accounts = `{${chunk.map((row) => row.account).join(',')}}`;
    const deltas = `{${chunk.map((row) => row.balance.toString()).join(',')}}`;
    await tx.execute(sql`merge into ${balances} as b
      using unnest(${tokens}::varchar(42)[], ${accounts}::varchar(42)[], ${deltas}::numeric(78,0)[]) as d(token, account, delta)
      on b.chain_id = ${chainId} and b.token = d.token and b.account = d.account
      when matched and b.balance + d.delta = 0 then delete
      when matched then update set balance = b.balance + d.delta
      when not matched then insert (chain_id, token, account, balance) values (${chainId}, d.token, d.account, d.delta)`);
  }
}
