import type { Chain } from 'viem';
import { cookieStorage, createConfig, createStorage, http } from 'wagmi';
import { injected } from 'wagmi/connectors';
import { chainFor } from '#protocol/chain';
import { devWalletAvailable } from '~/lib/dev-wallet';
import { devWallet } from '~/lib/dev-wallet-connector';

/** `local`: the server runs its own anvil (no RPC_URL), the only place the development wallet is offered. */
export type PublicChain = { id: number; name: string; rpcUrl: string; local?: boolean };

export function toViemChain(chain: PublicChain): Chain {
  return chainFor(chain.id, chain.rpcUrl, chain.name);
}

/** The connectors a chain offers: the development wallet on the stack's own anvil only, then the browser's wallet. */
export function walletConnectors(chain: PublicChain) {
  const browserWallet = injected();
  return devWalletAvailable({ id: chain.id, local: chain.local === true })
    ? [devWallet({ rpcUrl: chain.rpcUrl, chainId: chain.id }), browserWallet]
    : [browserWallet];
}

/**
 * One config per request on the server and one per page load in the browser (never shared between users).
 * Wallets are discovered through EIP-6963 (wagmi's multi-injected discovery, each under its own name and icon); the
 * generic injected() stays for a legacy window.ethereum only (ConnectWallet hides it once a wallet announces itself).
 */
export function createWagmiConfig(chain: PublicChain) {
  const viemChain = toViemChain(chain);
  return createConfig({
    chains: [viemChain],
    connectors: walletConnectors(chain),
    multiInjectedProviderDiscovery: true,
    ssr: true,
    storage: createStorage({ storage: cookieStorage }),
    transports: { [viemChain.id]: http(chain.rpcUrl) },
    // A local chain mines in about a second; poll often enough that receipts and balances feel live.
    pollingInterval: 1_000,
  });
}
