/**
 * `npm start -- --role web`: the dashboard alone, against a deployment already recorded and the PostgreSQL database
 * an indexer fills. It deploys nothing and indexes nothing, so any number of them can run side by side (behind a load
 * balancer); each serves `/health` (503 while its database does not answer) and `/metrics` on STATUS_PORT.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { createPublicClient, http, type PublicClient } from 'viem';
import { databaseTarget } from '#config/common';
import { checkProductionSettings } from '#config/production';
import type { StackEnv } from '#config/stack';
import { readDeployment } from '#contracts/deployments';
import { openDatabase } from '#db';
import { migrateShared } from '#db/indexer/lock';
import { serveStatus } from '#db/status';
import { ConfigError } from '#protocol/base-error';
import { chainFor } from '#protocol/chain';
import type { ServiceContext } from '../../app/load-context';
import { connectRpc, publicRpcUrl, webSettings } from '../stack/stack';
import { appBuildIsStale, buildApp, startWeb } from '../stack/web';

export type RunningRole = { url: string; stop: () => Promise<void> };

/** Starts the web role; what started is stopped again when a later part fails. */
export async function startWebRole(env: StackEnv, log: Logger): Promise<RunningRole> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (let next = stops.pop(); next; next = stops.pop()) await next().catch((error) => log.error({ err: error }));
  };
  try {
    const rpcUrl = env.RPC_URL ?? `http://127.0.0.1:${env.ANVIL_PORT}`;
    const chainId = await connectRpc(rpcUrl);
    checkProductionSettings(env.production, { runtime: 'start', chainId });
    // As the standalone indexer: DEPLOYMENTS_DIR, else the local chain's record under DATA_DIR.
    const directory = env.DEPLOYMENTS_DIR ?? (env.localChain ? join(env.DATA_DIR, 'deployments') : undefined);
    const deployment = readDeployment(chainId, directory);
    if (!deployment) {
      throw new ConfigError(
        `No deployment is recorded for chain ${chainId}: run \`npm run deploy\` (or --role all once) before --role web.`,
      );
    }
    const chain = chainFor(chainId, rpcUrl);
    const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 250 }) as PublicClient;
    // Loaders read from DATABASE_READ_URLS when set (one replica per request); writes go to the primary.
    const database = await openDatabase(databaseTarget(env), { readUrls: env.web.databaseReadUrls });
    stops.push(() => database.close());
    // The schema this code reads, even when the web tier is deployed before the indexer restarts.
    await migrateShared(database);
    const context: ServiceContext = {
      web: webSettings({ env, demo: undefined }),
      log: log.child({ service: 'web' }),
      db: database.db,
      chain: {
        chainId,
        publicRpcUrl: publicRpcUrl(env, rpcUrl),
        localChain: env.localChain,
        publicClient,
        deployment,
      },
    };
    if (env.STATUS_PORT > 0) {
      const registry = new Registry();
      collectDefaultMetrics({ register: registry, prefix: 'rackshare_web_' });
      const status = await serveStatus({
        registry,
        health: async () => {
          const ok = await database.db.execute(sql`select 1`).then(
            () => true,
            () => false,
          );
          return { ok, role: 'web', status: ok ? 'serving' : 'database unavailable' };
        },
        port: env.STATUS_PORT,
        portVariable: 'STATUS_PORT (0 = off)',
      });
      stops.push(status.close);
      log.info({ url: status.url }, 'serving /health and /metrics');
    }
    if (appBuildIsStale()) buildApp();
    const web = await startWeb({ port: env.PORT, host: env.web.host, context });
    stops.push(web.close);
    return { url: web.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
