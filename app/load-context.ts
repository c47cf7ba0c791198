/**
 * What the server hands every loader and action (see scripts/stack/web.ts): the database (replicas for reads, the
 * primary for writes), the chain, the web tier's settings, the stack's logger, the CSP nonce.
 */

import type { Logger } from 'pino';
import type { PublicClient } from 'viem';
import type { WebSettings } from '#config/web';
import type { Deployment } from '#contracts/deployments';
import type { ReadDatabase } from '#db';

export type ChainContext = {
  chainId: number;
  /** RPC endpoint the browser wallet and client-side reads use. */
  publicRpcUrl: string;
  /** The stack runs its own anvil (no RPC_URL): only then does the dashboard offer its development wallet. */
  localChain?: boolean;
  publicClient: PublicClient;
  deployment: Deployment;
};

export type { WebSettings };

/** The services a server process hands every request; the per-response parts are added per request. */
export type ServiceContext = {
  /**
   * The database: selects from a read replica when DATABASE_READ_URLS names some (one replica per request), writes
   * to the primary. What must read its own writes (sessions, the relay, the operator's console) uses `db.$primary`.
   */
  db: ReadDatabase;
  chain: ChainContext;
  /** The web tier's settings, parsed once at start (config/web.ts): never read process.env in the app. */
  web: WebSettings;
  /** The stack's pino logger: server-side failures of the app go here, never to console.* (tests pass a silent one). */
  log: Logger;
};

declare module '@remix-run/node' {
  interface AppLoadContext extends ServiceContext {
    /** This response's Content-Security-Policy nonce (the shared cache swaps it for a fresh one on every reuse). */
    cspNonce: string;
  }
}
