/**
 * `npm start -- --role web`: the dashboard alone, against a deployment already recorded and the PostgreSQL database
 * an indexer fills. It deploys nothing and indexes nothing, so any number of them can run side by side (behind a load
 * balancer); each serves `/health` (503 while its primary database does not answer; 200 `degraded` while a read
 * replica is out of rotation, db/replicas.ts) and `/metrics` on STATUS_PORT.
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
import { DEFAULT_POOL_TIMEOUTS, openDatabase, pendingMigrations } from '#db';
import { migrateShared } from '#db/indexer/lock';
import { monitorReplicas } from '#db/replicas';
import { type Health, serveStatus } from '#db/status';
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
    // The schema this code reads, even when the web tier is deployed before the indexer restarts (WEB_MIGRATE=auto),
    // on connections of its own: a migration is never cut by the statement timeout of the pages' connections. With
    // off, a web process without DDL rights never migrates, nor waits behind a long migration: it refuses.
    if (env.web.migrate === 'auto') {
      const migrating = await openDatabase(databaseTarget(env));
      try {
        await migrateShared(migrating);
      } finally {
        await migrating.close();
      }
    }
    // Loaders read from DATABASE_READ_URLS when set (one replica per request); writes go to the primary. Statements
    // end after WEB_DATABASE_STATEMENT_TIMEOUT_MS, and every connection has TCP keep-alives (db/database.ts).
    // A replica down at start starts out of rotation (the monitor below puts it back): it never keeps a web down.
    const database = await openDatabase(databaseTarget(env), {
      readUrls: env.web.databaseReadUrls,
      unreachableReplicas: 'out',
      timeouts: { ...DEFAULT_POOL_TIMEOUTS, statementMs: env.web.statementTimeoutMs },
    });
    stops.push(() => database.close());
    if (env.web.migrate === 'off') {
      const pending = await pendingMigrations(database);
      if (pending > 0) {
        throw new ConfigError(
          `The database is ${pending} migration${pending === 1 ? '' : 's'} behind this version and WEB_MIGRATE=off: start this version's indexer (it migrates even in standby) or run with WEB_MIGRATE=auto once.`,
        );
      }
    }
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
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'rackshare_web_' });
    // Replicas that fail or lag are taken out of the reads' rotation until they recover (db/replicas.ts).
    const monitor = monitorReplicas(database, {
      chainId,
      ...env.web.replicaMonitor,
      log: context.log,
      registry,
      prefix: 'rackshare_web_',
    });
    if (monitor) stops.push(async () => monitor.stop());
    if (env.STATUS_PORT > 0) {
      const status = await serveStatus({
        registry,
        // Only the primary takes the process out: a replica out of rotation degrades it (reads go elsewhere).
        health: async (): Promise<Health> => {
          const ok = await database.db.$primary.execute(sql`select 1`).then(
            () => true,
            () => false,
          );
          if (!ok) return { ok, role: 'web', status: 'database unavailable' };
          const out = monitor?.out() ?? [];
          if (out.length === 0) return { ok, role: 'web', status: 'serving' };
          return {
            ok,
            role: 'web',
            status: 'degraded',
            replicasOut: out.map((state) => ({ replica: state.index, reason: state.reason ?? 'down' })),
          };
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
