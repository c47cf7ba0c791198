/**
 * The development wallet as a wagmi connector over its own EIP-1193 provider (dev-wallet-provider.ts). createWagmiConfig
 * adds it only where devWalletAvailable says so (the stack's own anvil).
 */
import { type Address, getAddress, SwitchChainError } from 'viem';
import { ChainNotConfiguredError, createConnector } from 'wagmi';
import { DEV_WALLET_ID, DEV_WALLET_NAME } from '~/lib/dev-wallet';
import { createDevWalletProvider, type DevWalletProvider } from '~/lib/dev-wallet-provider';

/** A wrench on a rack: shown beside the name wherever wallets are listed by icon. */
const ICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><rect x="3" y="4" width="18" height="16" rx="2" fill="#f59e0b"/><path d="M7 9h10M7 12h10M7 15h6" stroke="#1f2937" stroke-width="1.6"/></svg>',
)}`;

export function devWallet(parameters: { rpcUrl: string; chainId: number }) {
  let provider: DevWalletProvider | undefined;

  return createConnector<DevWalletProvider>((config) => {
    // Bound once per connector so removeListener finds the same functions.
    let onAccounts: ((accounts: unknown) => void) | undefined;
    return {
      id: DEV_WALLET_ID,
      name: DEV_WALLET_NAME,
      type: 'devWallet',
      icon: ICON,
      async getProvider() {
        provider ??= createDevWalletProvider({
          ...parameters,
          // The server renders every visitor disconnected: no storage there, nothing remembered.
          storage: typeof window === 'undefined' ? undefined : window.localStorage,
        });
        return provider;
      },
      async connect({ isReconnecting } = {}) {
        const wallet = await this.getProvider();
        const accounts = (await wallet.request({
          method: isReconnecting ? 'eth_accounts' : 'eth_requestAccounts',
        })) as Address[];
        if (!onAccounts) {
          onAccounts = (value) => this.onAccountsChanged(value as string[]);
          wallet.on('accountsChanged', onAccounts);
        }
        return { accounts: accounts.map((account) => getAddress(account)) as never, chainId: parameters.chainId };
      },
      async disconnect() {
        const wallet = await this.getProvider();
        await wallet.request({ method: 'wallet_revokePermissions' });
        if (onAccounts) wallet.removeListener('accountsChanged', onAccounts);
        onAccounts = undefined;
      },
      async getAccounts() {
        const wallet = await this.getProvider();
        const accounts = (await wallet.request({ method: 'eth_accounts' })) as Address[];
        return accounts.map((account) => getAddress(account));
      },
      async getChainId() {
        return parameters.chainId;
      },
      async isAuthorized() {
        return (await this.getProvider()).connected;
      },
      async switchChain({ chainId }) {
        const chain = config.chains.find((candidate) => candidate.id === chainId);
        if (!chain || chainId !== parameters.chainId) throw new SwitchChainError(new ChainNotConfiguredError());
        return chain;
      },
      onAccountsChanged(accounts) {
        if (accounts.length === 0) this.onDisconnect();
        else config.emitter.emit('change', { accounts: accounts.map((account) => getAddress(account)) });
      },
      onChainChanged(chain) {
        config.emitter.emit('change', { chainId: Number(chain) });
      },
      async onDisconnect() {
        config.emitter.emit('disconnect');
      },
    };
  });
}
