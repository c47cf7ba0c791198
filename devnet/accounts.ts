/**
 * Roles of anvil's well-known dev accounts (mnemonic "test test … junk") on the local chain. These keys are public;
 * they exist only so the local demo and tests have funded accounts with fixed jobs.
 */
import { bytesToHex, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC, DEV_ACCOUNT_COUNT, devRoles } from '#contracts/dev-keys';

/** Defined beside the dev keys (the app's development wallet offers the same roles); re-exported for the tooling. */
export { ANVIL_MNEMONIC, DEV_ACCOUNT_COUNT, devRoles };

const accounts = new Map<number, ReturnType<typeof mnemonicToAccount>>();
/** Derived once per index: each derivation from the mnemonic costs a PBKDF2 run (~0.1 s). */
export function devAccount(index: number) {
  let account = accounts.get(index);
  if (!account) {
    account = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index });
    accounts.set(index, account);
  }
  return account;
}

export function devPrivateKey(index: number): Hex {
  return bytesToHex(devAccount(index).getHdKey().privateKey!);
}
