import { useRouteLoaderData } from '@remix-run/react';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type Address, createPublicClient, http } from 'viem';
import { testStablecoinAbi } from '#contracts';
import { DEV_WALLET_ACCOUNTS } from '~/lib/dev-wallet';
import type { loader as rootLoader } from '~/root';

export type DevBalances = ReadonlyMap<Address, { usd: bigint; eth: bigint }>;

/**
 * Stablecoin and ETH balances of every development-wallet account (a bounded list: DEV_WALLET_ACCOUNTS), read as one
 * JSON-RPC batch so the menu costs one request to the local chain, not two per account.
 */
export function useDevWalletBalances(account: Address | undefined) {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const rpcUrl = root?.chain.rpcUrl;
  const stablecoin = root?.contracts.stablecoin;
  const client = useMemo(
    () => (rpcUrl ? createPublicClient({ transport: http(rpcUrl, { batch: { batchSize: 100 } }) }) : undefined),
    [rpcUrl],
  );
  return useQuery({
    // The connected account is part of the key so a switch (or a transaction it sends) re-reads promptly.
    queryKey: ['dev-wallet-balances', rpcUrl, stablecoin, account],
    enabled: Boolean(client && stablecoin),
    staleTime: 5_000,
    refetchInterval: 15_000,
    queryFn: async (): Promise<DevBalances> => {
      const rows = await Promise.all(
        DEV_WALLET_ACCOUNTS.map(async ({ address }) => {
          const [usd, eth] = await Promise.all([
            client!.readContract({
              abi: testStablecoinAbi,
              address: stablecoin!,
              functionName: 'balanceOf',
              args: [address],
            }),
            client!.getBalance({ address }),
          ]);
          return [address, { usd, eth }] as const;
        }),
      );
      return new Map(rows);
    },
  });
}
