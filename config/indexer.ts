/** The indexer's settings, read by `npm start` and by the standalone indexer (`tsx db/indexer/cli.ts`). */
import { z } from 'zod';
import { chainFields, databaseFields, deploymentRecordFields, logFields } from './common';
import { documented, type EnvSource, parseEnv } from './env';

/** Blocks behind the head a real network's mirror stays by default: reorgs that deep are rare on the chains we target. */
export const REMOTE_CONFIRMATIONS = 12;

export const indexerFields = {
  INDEXER_CONFIRMATIONS: documented(
    z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).optional(),
    {
      description: 'Blocks behind the head the indexer stays: a shallower reorg never reaches the mirror.',
      default: `0 on the local chain, ${REMOTE_CONFIRMATIONS} with RPC_URL`,
    },
  ),
  INDEXER_MAX_BLOCK_RANGE: documented(z.coerce.number().int().min(1).default(2_000), {
    description: 'Blocks per eth_getLogs call (halved automatically when the RPC refuses a range).',
  }),
  INDEXER_POLL_INTERVAL_MS: documented(z.coerce.number().int().min(10).default(500), {
    description: 'Pause between polls once the indexer has caught up with the head.',
  }),
  INDEXER_METRICS_PORT: documented(z.coerce.number().int().min(0).max(65_535).default(9464), {
    description: "Port of the indexer's /health and Prometheus /metrics endpoint; 0 turns it off.",
  }),
  INDEXER_LOCK_POLL_MS: documented(z.coerce.number().int().min(100).max(60_000).default(2_000), {
    description:
      'PostgreSQL: how often a standby indexer tries to take the indexer lock while another indexer holds it (takeover delay).',
  }),
  INDEXER_LOCK_PROBE_TIMEOUT_MS: documented(z.coerce.number().int().min(100).max(600_000).default(10_000), {
    description:
      'PostgreSQL: how long one probe of the held indexer lock (every INDEXER_LOCK_POLL_MS) may go unanswered before it counts as missed.',
  }),
  INDEXER_LOCK_PROBE_MISSES: documented(z.coerce.number().int().min(1).max(10).default(3), {
    description:
      'PostgreSQL: missed probes in a row after which the indexer lock counts as lost (a closed connection is lost at once).',
  }),
  INDEXER_LOCK_RELEASE_TIMEOUT_MS: documented(z.coerce.number().int().min(100).max(60_000).default(3_000), {
    description: 'PostgreSQL: how long a stopping indexer waits to unlock cleanly before it drops the lock connection.',
  }),
  INDEXER_LOST_LOCK_GRACE_MS: documented(z.coerce.number().int().min(100).max(600_000).default(5_000), {
    description:
      'How long the indexing work may take to stop after a lost lock or a stop before the process goes on without it (its writes are fenced).',
  }),
  INDEXER_WRITE_STATEMENT_TIMEOUT_MS: documented(z.coerce.number().int().min(1_000).max(3_600_000).default(120_000), {
    description:
      "PostgreSQL: statement_timeout of the indexer's fenced write transactions; its pool's client-side query bound is this + 5 s.",
  }),
  INDEXER_WRITE_IDLE_TIMEOUT_MS: documented(z.coerce.number().int().min(1_000).max(3_600_000).default(30_000), {
    description:
      "PostgreSQL: idle_in_transaction_session_timeout of the fenced write transactions: how long a new lock holder may wait for a silent old holder's transaction.",
  }),
};

export const indexerEnvSchema = z.object(indexerFields);

export type IndexerSettings = {
  INDEXER_CONFIRMATIONS: number;
  INDEXER_MAX_BLOCK_RANGE: number;
  INDEXER_POLL_INTERVAL_MS: number;
  INDEXER_METRICS_PORT: number;
  INDEXER_LOCK_POLL_MS: number;
  INDEXER_LOCK_PROBE_TIMEOUT_MS: number;
  INDEXER_LOCK_PROBE_MISSES: number;
  INDEXER_LOCK_RELEASE_TIMEOUT_MS: number;
  INDEXER_LOST_LOCK_GRACE_MS: number;
  INDEXER_WRITE_STATEMENT_TIMEOUT_MS: number;
  INDEXER_WRITE_IDLE_TIMEOUT_MS: number;
};

/** The indexer lock's and its fenced writes' limits from the settings (db/indexer/lock.ts, supervisor.ts). */
export function indexerLockLimits(settings: IndexerSettings) {
  return {
    lock: {
      probeTimeoutMs: settings.INDEXER_LOCK_PROBE_TIMEOUT_MS,
      probeMisses: settings.INDEXER_LOCK_PROBE_MISSES,
      releaseMs: settings.INDEXER_LOCK_RELEASE_TIMEOUT_MS,
    },
    writes: {
      idleMs: settings.INDEXER_WRITE_IDLE_TIMEOUT_MS,
      statementMs: settings.INDEXER_WRITE_STATEMENT_TIMEOUT_MS,
    },
    graceMs: settings.INDEXER_LOST_LOCK_GRACE_MS,
  };
}

/** The indexer's own options from its settings: one mapping for the stack and the indexer CLI. */
export function indexerTuning(settings: IndexerSettings) {
  return {
    confirmations: settings.INDEXER_CONFIRMATIONS,
    maxBlockRange: settings.INDEXER_MAX_BLOCK_RANGE,
    pollIntervalMs: settings.INDEXER_POLL_INTERVAL_MS,
  };
}

/** `localChain`: no RPC_URL, i.e. the stack's own anvil, where nothing reorganizes by itself. */
export function parseIndexerEnv(source: EnvSource, options: { localChain: boolean }): IndexerSettings {
  const env = parseEnv(indexerEnvSchema, source);
  return {
    ...env,
    INDEXER_CONFIRMATIONS: env.INDEXER_CONFIRMATIONS ?? (options.localChain ? 0 : REMOTE_CONFIRMATIONS),
  };
}

/**
 * What the standalone indexer reads besides the indexer's own settings and the shared ones (DEPLOYMENTS_DIR is the
 * stack's too, documented with the deployment: common.ts).
 */
export const indexerCliFields = {};

export const indexerCliEnvSchema = z.object({
  ...chainFields,
  ...databaseFields,
  ...logFields,
  ...deploymentRecordFields,
  ...indexerCliFields,
});

export type IndexerCliEnv = z.output<typeof indexerCliEnvSchema> & {
  rpcUrl: string;
  /** Undefined: contracts/deployments, where `npm run deploy` records a real chain. */
  deploymentsDir: string | undefined;
  indexer: IndexerSettings;
};

/** The standalone indexer's settings: RPC_URL or the local anvil, the database, the deployment records. */
export function parseIndexerCliEnv(source: EnvSource): IndexerCliEnv {
  const env = parseEnv(indexerCliEnvSchema, source);
  return {
    ...env,
    rpcUrl: env.RPC_URL ?? `http://127.0.0.1:${env.ANVIL_PORT}`,
    // As the stack: the local chain's record under DATA_DIR, a real chain's where `npm run deploy` wrote it.
    deploymentsDir: env.DEPLOYMENTS_DIR ?? (env.RPC_URL === undefined ? `${env.DATA_DIR}/deployments` : undefined),
    indexer: parseIndexerEnv(source, { localChain: env.RPC_URL === undefined }),
  };
}
