/**
 * The one viem chain definition for an EVM chain reached over one RPC URL: the app's wallet config, the stack, the
 * oracle node and the local dev chain (devnet/) all build theirs here, so they cannot drift apart.
 */
import { type Chain, defineChain } from 'viem';

export function chainFor(id: number, rpcUrl: string, name = `chain-${id}`): Chain {
  return defineChain({
    id,
    name,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}
