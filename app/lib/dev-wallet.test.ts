import { describe, expect, it } from 'vitest';
import { DEV_ADDRESSES, devRoles, LOCAL_CHAIN_ID } from '#contracts/dev-keys';
import {
  DEFAULT_DEV_ACCOUNT,
  DEV_WALLET_ACCOUNTS,
  DEV_WALLET_ID,
  DEV_WALLET_STORAGE,
  devWalletAvailable,
  storedDevAccount,
} from '~/lib/dev-wallet';
import { createWagmiConfig, type walletConnectors } from '~/lib/wagmi';

const rpcUrl = 'http://127.0.0.1:8545';
const ids = (chain: Parameters<typeof walletConnectors>[0]) =>
  createWagmiConfig(chain).connectors.map((connector) => connector.id);

function memoryStorage(entries: Record<string, string> = {}) {
  const map = new Map(Object.entries(entries));
  return {
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
  };
}

describe('where the development wallet is offered', () => {
  it('only on the stack’s own anvil: chain id 31337 and a local chain', () => {
    expect(devWalletAvailable({ id: LOCAL_CHAIN_ID, local: true })).toBe(true);
    expect(devWalletAvailable({ id: LOCAL_CHAIN_ID, local: false })).toBe(false);
    expect(devWalletAvailable({ id: 1, local: true })).toBe(false);
    expect(devWalletAvailable({ id: 11_155_111, local: false })).toBe(false);
  });

  it('is absent from the wallet menu on another chain id, even one the server calls local', () => {
    expect(ids({ id: 1, name: 'Ethereum', rpcUrl, local: true })).not.toContain(DEV_WALLET_ID);
    expect(ids({ id: 8_453, name: 'Base', rpcUrl, local: false })).not.toContain(DEV_WALLET_ID);
  });

  it('is absent on 31337 when the server was given a remote RPC (not its own anvil)', () => {
    expect(ids({ id: LOCAL_CHAIN_ID, name: 'Remote 31337', rpcUrl })).not.toContain(DEV_WALLET_ID);
    expect(ids({ id: LOCAL_CHAIN_ID, name: 'Remote 31337', rpcUrl, local: false })).not.toContain(DEV_WALLET_ID);
  });

  it('is the first entry of the menu on the local chain, before the browser wallet', () => {
    expect(ids({ id: LOCAL_CHAIN_ID, name: 'Anvil (local)', rpcUrl, local: true })).toEqual([
      DEV_WALLET_ID,
      'injected',
    ]);
  });
});

describe('the accounts it holds', () => {
  it('are the dev roles’ accounts, each once, in role order', () => {
    const byRole = (role: string) => DEV_WALLET_ACCOUNTS.filter((account) => account.role === role).map((a) => a.index);
    expect(byRole('investor')).toEqual([...devRoles.investors]);
    expect(byRole('operator')).toEqual([...devRoles.operators]);
    expect(byRole('governance')).toEqual([devRoles.deployer]);
    expect(byRole('fresh')).toEqual([...devRoles.testWallets]);
    for (const account of DEV_WALLET_ACCOUNTS) expect(account.address).toBe(DEV_ADDRESSES[account.index]);
    expect(new Set(DEV_WALLET_ACCOUNTS.map((account) => account.address)).size).toBe(DEV_WALLET_ACCOUNTS.length);
  });

  it('remembers a chosen account, and falls back to the first investor for a missing or foreign one', () => {
    expect(DEFAULT_DEV_ACCOUNT).toBe(DEV_ADDRESSES[devRoles.investors[0]]);
    const operator = DEV_ADDRESSES[devRoles.operators[1]]!;
    expect(storedDevAccount(memoryStorage({ [DEV_WALLET_STORAGE.account]: operator.toLowerCase() }))).toBe(operator);
    expect(storedDevAccount(memoryStorage())).toBe(DEFAULT_DEV_ACCOUNT);
    expect(storedDevAccount(undefined)).toBe(DEFAULT_DEV_ACCOUNT);
    // An oracle node's key is a dev key too, but not one the wallet offers.
    const oracle = DEV_ADDRESSES[devRoles.oracleNodes[0]]!;
    expect(storedDevAccount(memoryStorage({ [DEV_WALLET_STORAGE.account]: oracle }))).toBe(DEFAULT_DEV_ACCOUNT);
  });
});
