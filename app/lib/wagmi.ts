import type { Chain } from 'viem';
import { cookieStorage, createConfig, createStorage, http } from 'wagmi';
import { injected } from 'wagmi/connectors';
import { chainFor } from '#protocol/chain';

export type PublicChain = { id: number; name: string; rpcUrl: string };

export function toViemChain(chain: PublicChain): Chain {
  return chainFor(chain.id, chain.rpcUrl, chain.name);
}

/**
 * One config per request on the server and one per page load in the browser (never shared between users).
 * Wallets are discovered through EIP-6963 (wagmi's multi-injected discovery) plus the legacy window.ethereum.
 */
export function createWagmiConfig(chain: PublicChain) {
  const viemChain = toViemChain(chain);
  return createConfig({
    chains: [viemChain],
    connectors: [injected()],
    ssr: true,
    storage: createStorage({ storage: cookieStorage }),
    transports: { [viemChain.id]: http(chain.rpcUrl) },
    // A local chain mines in about a second; poll often enough that receipts and balances feel live.
    pollingInterval: 1_000,
  });
}
