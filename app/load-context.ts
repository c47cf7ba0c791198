/** What the server hands every loader and action (see scripts/stack/web.ts): the database and the chain. */

import type { PublicClient } from 'viem';
import type { Deployment } from '#contracts/deployments';
import type { Database } from '#db';

export type ChainContext = {
  chainId: number;
  /** RPC endpoint the browser wallet and client-side reads use. */
  publicRpcUrl: string;
  publicClient: PublicClient;
  deployment: Deployment;
};

declare module '@remix-run/node' {
  interface AppLoadContext {
    db: Database;
    chain: ChainContext;
  }
}
