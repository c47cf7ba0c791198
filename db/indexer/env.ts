/** The indexer's settings from the environment (zod-validated; one sentence per bad value; an empty value is unset). */
import { z } from 'zod';

/** Confirmations on a real chain: a reorg of Ethereum's head is rarely deeper than a few blocks. */
export const REMOTE_CONFIRMATIONS = 12;

const integer = (min: number) => z.coerce.number().int().min(min);

function indexerEnvSchema(localChain: boolean) {
  return z.object({
    /** Blocks behind the head that are treated as final enough to index (0 on a local chain, 12 on a real one). */
    INDEXER_CONFIRMATIONS: integer(0).default(localChain ? 0 : REMOTE_CONFIRMATIONS),
    /** Largest block range fetched in one eth_getLogs call (halved automatically when the RPC refuses it). */
    INDEXER_MAX_BLOCK_RANGE: integer(1).default(2_000),
    /** Pause between polls once caught up with the head. */
    INDEXER_POLL_INTERVAL_MS: integer(10).default(500),
    /** Port of the Prometheus `/metrics` endpoint; 0 turns it off. */
    INDEXER_METRICS_PORT: integer(0).pipe(z.number().max(65_535)).default(9464),
  });
}

export type IndexerEnv = z.infer<ReturnType<typeof indexerEnvSchema>>;

/**
 * `localChain`: the chain is the local anvil (no RPC_URL), where blocks never reorganize unless a test asks for it;
 * anywhere else the indexer stays REMOTE_CONFIRMATIONS behind the head unless told otherwise (review M-5).
 */
export function readIndexerEnv(
  options: { localChain: boolean },
  source: Record<string, string | undefined> = process.env,
): IndexerEnv {
  // `INDEXER_CONFIRMATIONS=` (a copied .env.example) means unset, not 0 confirmations on a real chain.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = indexerEnvSchema(options.localChain).safeParse(set);
  if (!parsed.success) throw new Error(`Invalid indexer configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
