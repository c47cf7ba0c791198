/**
 * The stack's indexer step (`npm start`, role all): the indexer in the background with its /health and /metrics. On
 * PostgreSQL it first takes the indexer lock (db/indexer/lock.ts), standing by while an indexer of another process
 * holds it; the web app starts either way.
 */
import type { Logger } from 'pino';
import { indexerTuning } from '#config/indexer';
import type { StackEnv } from '#config/stack';
import type { Deployment } from '#contracts/deployments';
import type { DatabaseHandle } from '#db';
import { createIndexer } from '#db/indexer/indexer';
import { type IndexerState, indexWithLock } from '#db/indexer/lock';
import { marketUpkeepHooks } from '#db/market/upkeep';
import { serveStatus } from '#db/status';
import type { ChainConnection } from './stack';
import type { Defer } from './steps';

/** Runs the indexer in the background; returns the URL of its /health and /metrics, if served. */
export async function startIndexer(
  env: StackEnv,
  chain: ChainConnection,
  deployment: Deployment,
  database: DatabaseHandle,
  log: Logger,
  signal: AbortSignal,
  defer: Defer,
): Promise<string | undefined> {
  const settings = env.indexer;
  // Polling ends at Ctrl-C already, not only when the stop stack reaches the indexer.
  const controller = new AbortController();
  signal.addEventListener('abort', () => controller.abort(), { once: true });
  // The indexer reads its own writes (cursor, rows it re-reads on a reorg): the primary, never a replica.
  const indexer = createIndexer({
    db: database.db.$primary,
    publicClient: chain.publicClient,
    chainId: chain.chainId,
    contracts: deployment.contracts,
    deployBlock: deployment.deployBlock,
    ...indexerTuning(settings),
    signal: controller.signal,
    log: log.child({ service: 'indexer' }),
    // The relayed offers' statuses and filled amounts follow each range the indexer writes (db/market/upkeep.ts).
    ...marketUpkeepHooks({
      db: database.db.$primary,
      publicClient: chain.publicClient,
      chainId: chain.chainId,
      contracts: deployment.contracts,
      log: log.child({ service: 'market-upkeep' }),
    }),
  });
  let state: IndexerState = 'starting';
  const statusServer =
    settings.INDEXER_METRICS_PORT > 0
      ? await serveStatus({
          registry: indexer.metrics.registry,
          health: () => ({ ok: true, role: 'all', status: state }),
          port: settings.INDEXER_METRICS_PORT,
          portVariable: 'INDEXER_METRICS_PORT (0 = off)',
        })
      : undefined;
  // On PostgreSQL an indexer of another process may hold the lock: this one stands by (the web app still starts).
  const running = indexWithLock(
    {
      target: database.target,
      chainId: chain.chainId,
      controller,
      pollMs: settings.INDEXER_LOCK_POLL_MS,
      log: log.child({ service: 'indexer' }),
      onState: (next) => {
        state = next;
      },
    },
    async () => {
      state = 'indexing';
      await indexer.run();
    },
  ).catch((error: unknown) => log.error({ err: error }, 'the indexer stopped'));
  defer(async () => {
    controller.abort();
    await running;
    await statusServer?.close();
  });
  return statusServer?.url;
}
