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

/**
 * A node's gas estimate with a wallet's headroom (a quarter more). Anvil's estimate is the least gas that succeeded on
 * the state and timestamp it estimated on, to the unit where a refund counts: the same transaction mined a second later
 * (more revenue streamed, another storage slot written) or spending an allowance its own permit set can run out of it.
 */
export const withGasHeadroom = (estimate: bigint) => estimate + estimate / 4n;
