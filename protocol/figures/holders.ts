/**
 * Holders: the accounts with a positive share balance, not counting the offering contract (it holds the unsold and
 * escrowed shares until buyers withdraw them). The count is done in SQL over the mirror's balances for scale
 * (app/models/passport.server.ts: `balance > 0` and `account NOT IN holderExcludes(offering)`); this module is where
 * the excluded accounts are stated, once.
 */
import type { Address } from 'viem';

/** The accounts that hold shares without being investors: the offering escrow. */
export function holderExcludes(offering: Address): Address[] {
  return [offering];
}
