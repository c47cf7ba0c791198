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

/**
 * The web tier's settings (config/web.ts parses them at start). Only the fields the web tier's security reads are
 * declared here; the configuration home adds the rest under the same names.
 */
export type WebSettings = {
  /** scheme://host[:port] visitors use, no trailing slash: the only source of the sign-in domain and allowed Host. */
  publicOrigin: string;
  /** Believe X-Forwarded-Proto and X-Forwarded-For (only behind a proxy that sets them). */
  trustProxy: boolean;
  /** Signs the sign-in cookies (at least 32 characters). */
  sessionSecret: string;
};

/** The services a server process hands every request; the per-response parts are added per request. */
export type ServiceContext = {
  db: Database;
  chain: ChainContext;
  web: WebSettings;
};

declare module '@remix-run/node' {
  interface AppLoadContext extends ServiceContext {
    /** This response's Content-Security-Policy nonce (the shared cache swaps it for a fresh one on every reuse). */
    cspNonce: string;
  }
}
