/**
 * The registry's own record of one cluster (clusterOf), read by the wallet's client: the Hardware and Hand-over tabs
 * show what the chain holds right now (the mirror behind the layout's list follows a few seconds later), and read it
 * again after each transaction and every few seconds, since the status moves with the chain's clock.
 */
import { useRouteLoaderData } from '@remix-run/react';
import { useReadContract } from 'wagmi';
import { clusterRegistryAbi } from '#contracts';
import type { loader as rootLoader } from '~/root';

export function useClusterInfo(clusterId: bigint) {
  const registry = useRouteLoaderData<typeof rootLoader>('root')?.contracts.clusterRegistry;
  const read = useReadContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'clusterOf',
    args: [clusterId],
    query: { enabled: Boolean(registry), refetchInterval: 5_000 },
  });
  return { registry, info: read.data, refetch: read.refetch };
}
