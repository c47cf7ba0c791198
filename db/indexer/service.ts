/**
 * The indexer as a process of its own: what `npm run indexer` (db/indexer/cli.ts) and `npm start -- --role indexer`
 * run. It reads the recorded deployment, opens the database, on PostgreSQL waits for the indexer lock (lock.ts: exactly
 * one indexer per chain, a second one stands by), migrates, checks the mirror's chain identity and follows the chain
 * until `signal` aborts, serving `/health` and `/metrics` throughout (standby included): supervisor.ts, shared with
 * role `all`.
 */
import type { Logger } from 'pino';
import { createPublicClient, http, type PublicClient } from 'viem';
import { databaseTarget } from '#config/common';
import type { IndexerCliEnv } from '#config/indexer';
import { readDeployment } from '#contracts/deployments';
import { ConfigError } from '#protocol/base-error';
import { openDatabase } from '../database';
import { ensureChainIdentity } from './indexer';
import { migrateShared } from './lock';
import { startIndexerSupervisor } from './supervisor';

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
  const database = await openDatabase(databaseTarget(env));
  try {
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
      prepare: async () => {
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
      },
    });
    try {
      await supervisor.done;
    } finally {
      await supervisor.stop();
    }
  } finally {
    await database.close();
  }
}
