/**
 * The ONE option schema of an oracle committee node. The library (`startOracleNode`, oracle/node/node.ts) parses its
 * options with it, the standalone node's JSON file (`npm run oracle -- node --config`, oracle/node/config.ts) is
 * this schema plus the names of the variables holding its keys, and the demo's child processes
 * (demo/node-process.ts) receive it as JSON plus two demo switches. A new option is added here once.
 */
import { type Address, getAddress, isAddress } from 'viem';
import { z } from 'zod';
import { ConfigError, predicate } from './env';

/** Days a node keeps each epoch's raw samples for exports (per-epoch files beside the journal). */
export const DEFAULT_SAMPLE_RETENTION_DAYS = 35;

const nodeAddress = z
  .string()
  .refine(isAddress, 'must be an address')
  .transform((value) => getAddress(value) as Address);

export const oracleNodeSettingsSchema = z.object({
  rpcUrl: z.url(),
  chainId: z.number().int().positive(),
  registry: nodeAddress,
  committee: z.array(nodeAddress).min(1),
  threshold: z.number().int().positive(),
  peers: z.array(z.object({ address: nodeAddress, url: z.url() })),
  /** Addresses trusted to read every cluster's telemetry detail: the dashboard's ORACLE_READER_PRIVATE_KEY account. */
  telemetryReaders: z.array(nodeAddress).default([]),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(1).max(65_535),
  journalPath: z.string().min(1),
  epochSeconds: z.number().int().positive().default(3_600),
  /** Closes an epoch the agent left without a later sample; at least backfillSeconds plus twice the clock skew. */
  graceSeconds: z.number().int().positive().optional(),
  /** Samples older than this are refused (default three epochs). */
  backfillSeconds: z.number().int().positive().optional(),
  /** Largest difference between two clocks (agent or node) the committee tolerates: two honest clocks 20 s off each. */
  maxClockSkewMs: z.number().int().positive().default(40_000),
  /** Longest attestation validity a node signs. */
  maxAttestationSeconds: z
    .number()
    .int()
    .positive()
    .default(400 * 86_400),
  /** Run the relayer (false: a node that only signs, and needs no relayer key). */
  relay: z.boolean().default(true),
  /** See RelayerOptions.intervalMs. */
  relayIntervalMs: z.number().int().positive().optional(),
  /** How long the next relayer in line waits for the one before it. */
  takeoverMs: z.number().int().positive().default(15_000),
  /** See RelayerOptions.gatherMs. */
  gatherMs: z.number().int().nonnegative().optional(),
  /** See RelayerOptions.maxEpochsPerSubmission. */
  maxEpochsPerSubmission: z.number().int().positive().optional(),
  /** See PullOptions (oracle/node/peers.ts). */
  pullDelayMs: z.number().int().nonnegative().optional(),
  pullIntervalMs: z.number().int().positive().optional(),
  /** Days the node keeps each epoch's raw samples for exports. */
  sampleRetentionDays: z.number().int().positive().default(DEFAULT_SAMPLE_RETENTION_DAYS),
  /** The journal is compacted into a snapshot once it holds this many bytes. */
  compactJournalBytes: z.number().int().positive().optional(),
  /** Limits on unauthenticated batch rejections per client (oracle/node/batch-gate.ts). */
  batchGate: z
    .object({
      burst: z.number().int().positive().optional(),
      refillPerSecond: z.number().positive().optional(),
      maxClients: z.number().int().positive().optional(),
      maxAgents: z.number().int().positive().optional(),
    })
    .optional(),
});

/** Options as a caller writes them (defaults may be left out). */
export type OracleNodeSettingsInput = z.input<typeof oracleNodeSettingsSchema>;
/** Options after parsing: addresses checksummed, defaults filled in. */
export type OracleNodeSettings = z.output<typeof oracleNodeSettingsSchema>;

/** The standalone node's JSON file: the options, and which environment variables hold its keys (never the keys). */
export const oracleNodeFileSchema = oracleNodeSettingsSchema.extend({
  /** Name of the environment variable that holds this node's signing key. */
  privateKeyEnv: z.string().min(1).default('ORACLE_NODE_PRIVATE_KEY'),
  /** Name of the environment variable that holds the relayer's gas-paying key (not the signing key, see I-4). */
  relayerKeyEnv: z.string().min(1).default('ORACLE_RELAYER_PRIVATE_KEY'),
});

/** A demo committee member's process: the options, plus the demo's chain warp and the child's log level. */
export const oracleNodeProcessSchema = oracleNodeSettingsSchema.extend({
  /** Move the local chain's clock to each epoch's end before submitting it (a history replayed in seconds). */
  warpChain: z.boolean().default(false),
  logLevel: z.string().default('warn'),
});
export type OracleNodeProcessInput = z.input<typeof oracleNodeProcessSchema>;

/** The first problem of `input` as one sentence naming the option (`where`: the file or variable it came from). */
export function parseOracleNodeOptions<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = issue.path.length > 0 ? issue.path.map(String).join('.') : 'the configuration';
  throw new ConfigError(`Invalid oracle node option in ${where}: ${name} ${predicate(issue)}.`);
}
