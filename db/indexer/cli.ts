import pino from 'pino';
import { createPublicClient, http, type PublicClient } from 'viem';
import { databaseTarget } from '#config/common';
import { ConfigError, loadDotEnv } from '#config/env';
import { type IndexerCliEnv, indexerTuning, parseIndexerCliEnv } from '#config/indexer';
import { runUntilSignal } from '#config/process';
import { readDeployment } from '#contracts/deployments';
import { redactingLoggerOptions } from '#contracts/redact';
import { migrateDatabase, openDatabase } from '../database';
import { marketUpkeepHooks } from '../market/upkeep';
import { createIndexer, ensureChainIdentity, MirrorMismatchError } from './indexer';
import { serveMetrics } from './metrics';

loadDotEnv();
let env: IndexerCliEnv;
try {
  env = parseIndexerCliEnv(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`error: ${error.message}\n`);
  process.exit(1);
}
const settings = env.indexer;
const once = process.argv.includes('--once');
const log = pino({ level: env.LOG_LEVEL, ...redactingLoggerOptions });

const publicClient = createPublicClient({ transport: http(env.rpcUrl, { timeout: 10_000 }) }) as PublicClient;
const chainId = await publicClient.getChainId();
const deployment = readDeployment(chainId, env.deploymentsDir);
if (!deployment) throw new Error(`No deployment is recorded for chain ${chainId}.`);
const database = await openDatabase(databaseTarget(env));
await migrateDatabase(database);
const genesis = await publicClient.getBlock({ blockNumber: 0n });
try {
  await ensureChainIdentity(
    database.db,
    {
      chainId,
      genesisHash: genesis.hash,
      deployBlock: deployment.deployBlock,
      deployBlockHash: deployment.deployBlockHash,
    },
    { autoReset: false },
  );
} catch (error) {
  await database.close();
  if (!(error instanceof MirrorMismatchError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const controller = new AbortController();
const indexer = createIndexer({
  db: database.db,
  publicClient,
  chainId,
  contracts: deployment.contracts,
  deployBlock: deployment.deployBlock,
  ...indexerTuning(settings),
  signal: controller.signal,
  log,
  // The relayed offers' statuses and filled amounts follow each range written (db/market/upkeep.ts).
  ...marketUpkeepHooks({ db: database.db, publicClient, chainId, contracts: deployment.contracts, log }),
});
async function index() {
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
}
const indexing = index();
// A signal ends the indexing between two ranges; a second one kills the process as Node does by default.
runUntilSignal(
  async () => {
    controller.abort();
    await indexing;
  },
  { repeat: 'default' },
);
await indexing;
