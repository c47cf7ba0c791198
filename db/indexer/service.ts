/**
 * The indexer as a process of its own: what `npm run indexer` (db/indexer/cli.ts) and `npm start -- --role indexer`
 * run. It reads the recorded deployment, opens the database, migrates (under the migration lock, before the indexer
 * lock: a new version standing by behind the old one still brings the schema up for its web roles), on PostgreSQL
 * waits for the indexer lock (lock.ts: exactly one indexer per chain, a second one stands by), checks the mirror's
 * chain identity under it and follows the chain until `signal` aborts, serving `/health` and `/metrics` throughout
 * (standby included): supervisor.ts, shared with role `all`.
 */
import type { Logger } from 'pino';
import { createPublicClient, http, type PublicClient } from 'viem';
import { databaseTarget } from '#config/common';
import { type IndexerCliEnv, indexerLockLimits } from '#config/indexer';
import { readDeployment } from '#contracts/deployments';
import { ConfigError } from '#protocol/base-error';
import { indexerPoolTimeouts, openDatabase } from '../database';
import { migrateShared, within } from './lock';
import { startIndexerSupervisor } from './supervisor';

/**
 * How long closing a PostgreSQL database may take once indexing ended (a pool connection stuck on a cut network never
 * ends).
 */
const CLOSE_TIMEOUT_MS = 5_000;

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
  const publicClient = createPublicClient({ transport: http(env.rpcUrl, { timeout: 10_000 }) }) as PublicClient;
  const chainId = await publicClient.getChainId();
  const deployment = readDeployment(chainId, env.deploymentsDir);
  if (!deployment) throw new ConfigError(`No deployment is recorded for chain ${chainId}.`);
  const target = databaseTarget(env);
  if (target.kind === 'postgres') {
    // Migrations on a pool of their own, without the indexer's client-side bound (one may rewrite a large table).
    const migrating = await openDatabase(target);
    try {
      await migrateShared(migrating);
    } finally {
      await migrating.close();
    }
  }
  // The indexer's pool: a client-side bound past the fenced statement limit (work abandoned after a lost lock).
  const database = await openDatabase(target, {
    timeouts: indexerPoolTimeouts(indexerLockLimits(env.indexer).writes.statementMs),
  });
  try {
    if (target.kind === 'pglite') await migrateShared(database);
    const supervisor = await startIndexerSupervisor({
      db: database.db.$primary,
      target: database.target,
      publicClient,
      chainId,
      contracts: deployment.contracts,
      deployBlock: deployment.deployBlock,
      settings: env.indexer,
      role: options.role ?? 'indexer',
      // Exit 1 for the process supervisor to restart it into standby.
      onLockLost: 'exit',
      once,
      signal,
      log,
      deployBlockHash: deployment.deployBlockHash,
      // Only the local anvil chain is disposable; this role never runs one (a changed identity needs db:reindex).
      autoReset: false,
    });
    try {
      await supervisor.done;
    } finally {
      await supervisor.stop();
    }
  } finally {
    // PostgreSQL only: PGlite must finish flushing its data directory (cut short, it is left dirty).
    if (database.target.kind === 'pglite') await database.close();
    else if ((await within(database.close(), CLOSE_TIMEOUT_MS)) === false) {
      log.warn(
        { timeoutMs: CLOSE_TIMEOUT_MS },
        'the database did not close in time (a connection hangs); exiting anyway',
      );
    }
  }
}
