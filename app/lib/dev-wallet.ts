/**
 * The built-in development wallet: which chain offers it, which accounts it holds (anvil's public dev mnemonic, by
 * role) and where the browser remembers the newcomer's choice. Browser-safe and free of wagmi, so the rule of when it
 * is offered is tested on its own (dev-wallet.test.ts).
 */
import { type Address, getAddress, isAddressEqual } from 'viem';
import { DEV_ADDRESSES, devRoles, LOCAL_CHAIN_ID } from '#contracts/dev-keys';

export const DEV_WALLET_ID = 'org.rackshare.devwallet';
export const DEV_WALLET_NAME = 'Development wallet';

/**
 * Offered only when both the chain says it is anvil (31337) and the server runs its own local chain (no RPC_URL): a
 * remote chain that happens to use 31337 is not the stack's anvil, and on any other chain these public keys belong to
 * everyone.
 */
export function devWalletAvailable(chain: { id: number; local: boolean }): boolean {
  return chain.local === true && chain.id === LOCAL_CHAIN_ID;
}

export type DevRole = 'investor' | 'operator' | 'governance' | 'fresh';
export type DevWalletAccount = { role: DevRole; index: number; address: Address };

const ROLE_INDICES: readonly [DevRole, readonly number[]][] = [
  ['investor', devRoles.investors],
  ['operator', devRoles.operators],
  // The deployer owns the registry locally (and proposes to the timelock where there is one).
  ['governance', [devRoles.deployer]],
  // Accounts the demo never touches: a newcomer's empty wallet.
  ['fresh', devRoles.testWallets],
];

/** Every account the development wallet offers, grouped by role in the order the switcher shows them. */
export const DEV_WALLET_ACCOUNTS: readonly DevWalletAccount[] = ROLE_INDICES.flatMap(([role, indices]) =>
  indices.map((index) => ({ role, index, address: getAddress(DEV_ADDRESSES[index]!) })),
);

/** A newcomer starts as the demo's first investor: holdings and claimable revenue to look at straight away. */
export const DEFAULT_DEV_ACCOUNT: Address = DEV_WALLET_ACCOUNTS.find((account) => account.role === 'investor')!.address;

export function devWalletAccount(address: string): DevWalletAccount | undefined {
  return DEV_WALLET_ACCOUNTS.find((account) => isAddressEqual(account.address, address as Address));
}

/** localStorage keys: the chosen account, and whether the newcomer is connected (so a reload reconnects). */
export const DEV_WALLET_STORAGE = {
  account: 'rackshare.devWallet.account',
  connected: 'rackshare.devWallet.connected',
} as const;

/** The subset of the Web Storage API the wallet uses (tests pass a Map-backed one). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The remembered account, or the default when none (or one the wallet does not hold) is stored. */
export function storedDevAccount(storage: KeyValueStorage | undefined): Address {
  const stored = storage?.getItem(DEV_WALLET_STORAGE.account);
  return (stored && devWalletAccount(stored)?.address) || DEFAULT_DEV_ACCOUNT;
}
