/**
 * The deployment's stablecoin decimals, read from the chain (review M2): the contracts accept any stablecoin with at
 * most MAX_STABLECOIN_DECIMALS and STABLECOIN_ADDRESS is configurable, so a hand-kept 6 would misprice every amount
 * of a 2-decimal coin by 10^4. Read once per deployment (chain id + stablecoin address) and kept: an ERC-20's decimals
 * never change. A failed read is not kept, so the next request tries again.
 */
import { erc20Abi } from 'viem';
import { shareTokenConstants } from '#contracts';
import type { ChainContext } from '~/load-context';

const byDeployment = new Map<string, Promise<number>>();
/** Deployments per process: one in practice; bounded anyway. */
const MAX_DEPLOYMENTS = 16;

export function stablecoinDecimals(chain: Pick<ChainContext, 'chainId' | 'publicClient' | 'deployment'>) {
  const address = chain.deployment.contracts.stablecoin;
  const key = `${chain.chainId}:${address.toLowerCase()}`;
  let decimals = byDeployment.get(key);
  if (!decimals) {
    if (byDeployment.size >= MAX_DEPLOYMENTS) byDeployment.clear();
    decimals = chain.publicClient.readContract({ address, abi: erc20Abi, functionName: 'decimals' }).then((value) => {
      if (value > Number(shareTokenConstants.MAX_STABLECOIN_DECIMALS)) {
        throw new Error(`stablecoin ${address} has ${value} decimals, above the contracts' maximum`);
      }
      return value;
    });
    byDeployment.set(key, decimals);
    decimals.catch(() => byDeployment.delete(key));
  }
  return decimals;
}
