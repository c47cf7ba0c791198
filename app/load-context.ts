/** What the server hands every loader and action (see scripts/stack/web.ts): the database, the chain, the CSP nonce. */

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

/** The services a server process hands every request; the per-response parts are added per request. */
export type ServiceContext = {
  db: Database;
  chain: ChainContext;
};

declare module '@remix-run/node' {
  interface AppLoadContext extends ServiceContext {
    /** This response's Content-Security-Policy nonce (the shared cache swaps it for a fresh one on every reuse). */
    cspNonce: string;
  }
}
