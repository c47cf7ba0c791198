/**
 * The indexer as a process of its own: what `npm run indexer` (db/indexer/cli.ts) and `npm start -- --role indexer`
 * run. It reads the recorded deployment, opens the database, on PostgreSQL waits for the indexer lock (lock.ts: exactly
 * one indexer per chain, a second one stands by), migrates, checks the mirror's chain identity and follows the chain
 * until `signal` aborts, serving `/health` and `/metrics` throughout (standby included).
 */
import type { Logger } from 'pino';
import { Gauge } from 'prom-client';
import { createPublicClient, http, type PublicClient } from 'viem';
import { databaseTarget } from '#config/common';
import { type IndexerCliEnv, indexerTuning } from '#config/indexer';
import { readDeployment } from '#contracts/deployments';
import { ConfigError, UnavailableError } from '#protocol/base-error';
import { openDatabase } from '../database';
import { marketUpkeepHooks } from '../market/upkeep';
import { type StatusServer, serveStatus } from '../status';
import { createIndexer, ensureChainIdentity } from './indexer';
import { type IndexerState, indexWithLock, migrateShared } from './lock';

export type IndexerServiceOptions = {
  env: IndexerCliEnv;
  /** Index up to the head once and return (no polling, no status server). */
  once?: boolean;
  signal: AbortSignal;
  log: Logger;
  /** The role name `/health` reports (`indexer`). */
  role?: string;
};

/** Runs the indexer until `signal` aborts (or once); rejects when it loses its lock, so a supervisor restarts it. */
export async function runIndexerService(options: IndexerServiceOptions): Promise<void> {
  const { env, signal, log, once = false } = options;
  const settings = env.indexer;
  const publicClient = createPublicClient({ transport: http(env.rpcUrl, { timeout: 10_000 }) }) as PublicClient;
  const chainId = await publicClient.getChainId();
  const deployment = readDeployment(chainId, env.deploymentsDir);
  if (!deployment) throw new ConfigError(`No deployment is recorded for chain ${chainId}.`);
  const database = await openDatabase(databaseTarget(env));
  // Aborted by the caller's signal or by the loss of the lock's connection.
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal.addEventListener('abort', onAbort, { once: true });
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
  let state: IndexerState = 'starting';
  const lockHeld = new Gauge({
    name: 'rackshare_indexer_lock_held',
    help: 'Whether this process holds the indexer lock and indexes (1), or stands by (0)',
    registers: [indexer.metrics.registry],
  });
  let server: StatusServer | undefined;
  let lostLock: Error | undefined;
  try {
    if (!once && settings.INDEXER_METRICS_PORT > 0) {
      server = await serveStatus({
        registry: indexer.metrics.registry,
        health: () => ({ ok: true, role: options.role ?? 'indexer', status: state }),
        port: settings.INDEXER_METRICS_PORT,
        portVariable: 'INDEXER_METRICS_PORT (0 = off)',
      });
      log.info({ url: server.url }, 'serving /health and /metrics');
    }
    const lockOptions = {
      target: database.target,
      chainId,
      controller,
      pollMs: settings.INDEXER_LOCK_POLL_MS,
      log,
      onState: (next: IndexerState) => {
        state = next;
        lockHeld.set(next === 'indexing' ? 1 : 0);
      },
    };
    lostLock = await indexWithLock(lockOptions, async () => {
      await migrateShared(database);
      const genesis = await publicClient.getBlock({ blockNumber: 0n });
      // A MirrorMismatchError is a ConfigError: the caller prints its one sentence.
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
      lockOptions.onState('indexing');
      if (once) {
        const { events, head } = await indexer.catchUp();
        log.info({ events, head: head.toString() }, 'caught up');
      } else {
        await indexer.run();
      }
    });
  } finally {
    signal.removeEventListener('abort', onAbort);
    await server?.close();
    await database.close();
  }
  if (lostLock) {
    throw new UnavailableError('Lost the indexer lock (the database connection dropped); restart to stand by again.', {
      cause: lostLock,
    });
  }
}
