/**
 * Holders: the accounts with a positive share balance, not counting the offering contract (it holds the unsold and
 * escrowed shares until buyers withdraw them). The mirror counts them in SQL for scale (app/models/passport.server.ts,
 * which uses `HOLDER_EXCLUDES` to build the same rule); this is the rule itself, for a list in memory and for tests.
 */
import type { Address } from 'viem';

/** The accounts that hold shares without being investors: the offering escrow. */
export function holderExcludes(offering: Address): Address[] {
  return [offering];
}

export function holderCount(balances: readonly { account: Address; balance: bigint }[], offering: Address): number {
  const excluded = new Set(holderExcludes(offering).map((account) => account.toLowerCase()));
  const seen = new Set<string>();
  for (const { account, balance } of balances) {
    if (balance > 0n && !excluded.has(account.toLowerCase())) seen.add(account.toLowerCase());
  }
  return seen.size;
}
