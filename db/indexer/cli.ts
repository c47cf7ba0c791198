/**
 * Runs the indexer on its own: `tsx db/indexer/cli.ts [--once]`. Reads RPC_URL, DATABASE_URL (or the PGlite data
 * directory DATA_DIR/pglite) and the deployment record of the chain (DEPLOYMENTS_DIR, default DATA_DIR/deployments).
 * `--once` stops when caught up (re-index: wipe the database, then run with --once). Used by the crash tests too.
 */
import { join, resolve } from 'node:path';
import pino from 'pino';
import { createPublicClient, http, type PublicClient } from 'viem';
import { z } from 'zod';
import { LOCAL_CHAIN_ID } from '#contracts/deploy';
import { readDeployment } from '#contracts/deployments';
import { migrateDatabase, openDatabase } from '../index';
import { readIndexerEnv } from './env';
import { createIndexer } from './index';
import { serveMetrics } from './metrics';

const env = z
  .object({
    RPC_URL: z.string().url().default('http://127.0.0.1:8545'),
    DATABASE_URL: z.string().optional(),
    DATA_DIR: z.string().default('.data'),
    DEPLOYMENTS_DIR: z.string().optional(),
    LOG_LEVEL: z.string().default('info'),
  })
  .parse(process.env);
const once = process.argv.includes('--once');
const log = pino({ level: env.LOG_LEVEL });

const publicClient = createPublicClient({ transport: http(env.RPC_URL, { timeout: 10_000 }) }) as PublicClient;
const chainId = await publicClient.getChainId();
// Confirmations default to 0 only on the local anvil chain (12 elsewhere); see readIndexerEnv.
const settings = readIndexerEnv({ localChain: chainId === LOCAL_CHAIN_ID });
const deployment = readDeployment(chainId, env.DEPLOYMENTS_DIR ?? join(env.DATA_DIR, 'deployments'));
if (!deployment) throw new Error(`No deployment is recorded for chain ${chainId}.`);
const database = await openDatabase(
  env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'pglite', dataDir: resolve(env.DATA_DIR, 'pglite') },
);
await migrateDatabase(database);
const controller = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
const indexer = createIndexer({
  db: database.db,
  publicClient,
  chainId,
  contracts: deployment.contracts,
  deployBlock: deployment.deployBlock,
  confirmations: settings.INDEXER_CONFIRMATIONS,
  maxBlockRange: settings.INDEXER_MAX_BLOCK_RANGE,
  pollIntervalMs: settings.INDEXER_POLL_INTERVAL_MS,
  signal: controller.signal,
  log,
});
if (once) {
  const { events, head } = await indexer.catchUp();
  log.info({ events, head: head.toString() }, 'caught up');
} else {
  const server =
    settings.INDEXER_METRICS_PORT > 0
      ? await serveMetrics(indexer.metrics.registry, settings.INDEXER_METRICS_PORT)
      : undefined;
  await indexer.run();
  await server?.close();
}
await database.close();
