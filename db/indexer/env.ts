/** The indexer's settings from the environment (zod-validated; one sentence per bad value). */
import { z } from 'zod';

const indexerEnvSchema = z.object({
  /** Blocks behind the head that are treated as final enough to index (0 on a local chain). */
  INDEXER_CONFIRMATIONS: z.coerce.number().int().min(0).default(0),
  /** Largest block range fetched in one eth_getLogs call (halved automatically when the RPC refuses it). */
  INDEXER_MAX_BLOCK_RANGE: z.coerce.number().int().min(1).default(2_000),
  /** Pause between polls once caught up with the head. */
  INDEXER_POLL_INTERVAL_MS: z.coerce.number().int().min(10).default(500),
  /** Port of the Prometheus `/metrics` endpoint; 0 turns it off. */
  INDEXER_METRICS_PORT: z.coerce.number().int().min(0).max(65_535).default(9464),
});

export type IndexerEnv = z.infer<typeof indexerEnvSchema>;

export function readIndexerEnv(source: NodeJS.ProcessEnv = process.env): IndexerEnv {
  const parsed = indexerEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid indexer configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
