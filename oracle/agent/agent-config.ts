/**
 * The agent's configuration file (one JSON document, parsed strictly) and where its operator keys come from: the
 * environment variables it names, never a key in the file.
 */
import { readFileSync } from 'node:fs';
import { type Address, getAddress, type Hex, isAddress } from 'viem';
import { z } from 'zod';
import { readOperatorKey } from './operator-key';
import { sourceSchema } from './sources';

export const agentConfigSchema = z.object({
  chainId: z.number().int().positive(),
  registry: z
    .string()
    .refine(isAddress)
    .transform((value) => getAddress(value) as Address),
  /** Name of the environment variable holding the operator's private key (never the key itself in a file). */
  operatorKeyEnv: z.string().default('OPERATOR_PRIVATE_KEY'),
  nodes: z.array(z.url()).min(1),
  spoolDir: z.string().min(1),
  sampleIntervalSeconds: z.number().positive().default(10),
  snapshotsPerBatch: z.number().int().positive().default(6),
  clusters: z
    .array(
      z.object({
        clusterId: z
          .union([z.string().regex(/^\d+$/), z.number().int().positive()])
          .transform((value) => BigInt(value)),
        source: sourceSchema,
        /** The operator's billing export in the documented rental CSV format (telemetry/rental.ts). */
        billingFile: z.string().optional(),
        /**
         * The GPU UUIDs of the cluster's attested inventory, until this agent attests one itself (then the recorded
         * one wins, see inventory.ts). Without either, readings are range-checked but not filtered by GPU.
         */
        inventory: z.array(z.string().max(64)).max(100_000).optional(),
        /** This cluster's operator key, where it is not the agent's default one (e.g. after a hand-over). */
        operatorKeyEnv: z.string().optional(),
        /**
         * After the spool was lost: the sequence the nodes hold for this cluster (its telemetry status'
         * `lastSequence`). The agent never takes that from a node's answer on its own (delivery.ts), so that one
         * faulty node cannot renumber every other node's batches.
         */
        resumeAfterSequence: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
      }),
    )
    .min(1),
  /** Optional (defaults in code) so that configs built in code, like the demo's, need not name them. */
  spool: z
    .object({
      segmentBatches: z.number().int().positive().optional(),
      segmentBytes: z.number().int().positive().optional(),
      /** Per cluster. When full, the oldest segments go first: see spool.ts. */
      maxBytes: z.number().int().positive().optional(),
    })
    .optional(),
  backoff: z.object({ baseMs: z.number().positive(), maxMs: z.number().positive() }).optional(),
  requestTimeoutMs: z.number().int().positive().optional(),
  /**
   * Leases that ended this long before a batch's first snapshot are not sent (sanitize.ts); the nodes' backfill window
   * by default (3 hours). Set it to the nodes' `backfillSeconds` where they run with another.
   */
  leaseHistorySeconds: z.number().int().positive().optional(),
  /** Per node and cluster and delivery pass: the rest waits for the next pass (see delivery.ts). */
  delivery: z
    .object({
      maxBatchesPerPass: z.number().int().positive().optional(),
      maxEmptyBatchesPerPass: z.number().int().positive().optional(),
    })
    .optional(),
});
export type AgentConfig = z.infer<typeof agentConfigSchema>;

/** The config, the default operator key and each cluster's own key where the config names one. */
export function loadAgentConfig(path: string, env = process.env) {
  const config = agentConfigSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const clusterKeys = new Map<bigint, Hex>();
  for (const cluster of config.clusters) {
    if (cluster.operatorKeyEnv) {
      clusterKeys.set(cluster.clusterId, readOperatorKey(env, cluster.operatorKeyEnv, config.chainId));
    }
  }
  return { config, operatorKey: readOperatorKey(env, config.operatorKeyEnv, config.chainId), clusterKeys };
}
