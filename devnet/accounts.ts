/**
 * Roles of anvil's well-known dev accounts (mnemonic "test test … junk") on the local chain. These keys are public;
 * they exist only so the local demo and tests have funded accounts with fixed jobs.
 */
import { bytesToHex, type Hex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC, DEV_ACCOUNT_COUNT } from '#contracts/dev-keys';

export { ANVIL_MNEMONIC, DEV_ACCOUNT_COUNT };

export const devRoles = {
  deployer: 0,
  operators: [1, 2, 3],
  investors: [4, 5, 6],
  oracleNodes: [7, 8, 9],
  /** Gas-paying relayer wallets of oracle nodes #7–#9, in the same order: never the committee signing keys (I-4). */
  oracleRelayers: [16, 17, 18],
  /** The dashboard's telemetry reader key (ORACLE_READER_PRIVATE_KEY), trusted by the local nodes (L-4). */
  dashboardReader: 19,
  /** Untouched by the demo: end-to-end tests connect these (TEST_ACCOUNTS[i] is testWallets[i]). */
  testWallets: [10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39],
} as const;

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
