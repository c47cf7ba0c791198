/**
 * The stack's indexer step (`npm start`, role all): the indexer in the background with its /health and /metrics
 * (db/indexer/supervisor.ts, as the `indexer` role runs it). On PostgreSQL it first takes the indexer lock
 * (db/indexer/lock.ts), standing by while an indexer of another process holds it; the web app starts either way. The
 * step ends once the indexer checked the mirror's chain identity under the lock (emptying it on the local chain only:
 * what follows, the demo's offers, is never wiped after it), or stands by. On losing the lock it reports `lock lost`
 * (/health 503) and stands by again in this process, so the web keeps serving and the indexer resumes once it holds
 * the lock again.
 */
import type { Logger } from 'pino';
import type { StackEnv } from '#config/stack';
import type { Deployment } from '#contracts/deployments';
import type { DatabaseHandle } from '#db';
import { startIndexerSupervisor } from '#db/indexer/supervisor';
import type { ChainConnection } from './stack';
import type { Defer } from './steps';

/** Runs the indexer in the background; returns the URL of its /health and /metrics, if served. */
export async function startIndexer(
  env: Pick<StackEnv, 'indexer' | 'localChain'>,
  chain: Pick<ChainConnection, 'chainId' | 'publicClient'>,
  deployment: Deployment,
  database: DatabaseHandle,
  log: Logger,
  signal: AbortSignal,
  defer: Defer,
): Promise<string | undefined> {
  const supervisor = await startIndexerSupervisor({
    // The indexer reads its own writes (cursor, rows it re-reads on a reorg): the primary, never a replica.
    db: database.db.$primary,
    target: database.target,
    publicClient: chain.publicClient,
    chainId: chain.chainId,
    contracts: deployment.contracts,
    deployBlock: deployment.deployBlock,
    deployBlockHash: deployment.deployBlockHash,
    // Only the local anvil chain is disposable; elsewhere a changed identity waits for `npm run db:reindex`.
    autoReset: env.localChain,
    settings: env.indexer,
    role: 'all',
    // The web of this process keeps serving: wait for the lock again rather than end the whole stack.
    onLockLost: 'standby',
    // Polling ends at Ctrl-C already, not only when the stop stack reaches the indexer.
    signal,
    log: log.child({ service: 'indexer' }),
    upkeepLog: log.child({ service: 'market-upkeep' }),
  });
  defer(() => supervisor.stop());
  // A MirrorMismatchError (a ConfigError) stops the start: start.ts prints its one sentence.
  await supervisor.ready;
  // A later failure is on /health (503 `failed`) and in the log; the web app keeps serving.
  supervisor.done.catch((error: unknown) => log.error({ err: error }, 'the indexer stopped'));
  return supervisor.statusUrl;
}
