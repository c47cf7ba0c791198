/**
 * The deployment's units in components: the stablecoin's decimals as the root loader read them from the chain
 * (app/models/stablecoin.server.ts). Every formatted stablecoin amount takes its decimals from here.
 */
import { useRouteLoaderData } from '@remix-run/react';
import type { loader as rootLoader } from '~/root';

export function useStablecoinDecimals(): number {
  const root = useRouteLoaderData<typeof rootLoader>('root');
  if (root?.stablecoinDecimals === undefined) throw new Error('the root loader has not read the stablecoin decimals');
  return root.stablecoinDecimals;
}
