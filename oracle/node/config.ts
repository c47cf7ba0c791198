/** Configuration file of a standalone oracle node (`npm run oracle -- node --config node.json`), zod-validated. */
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem';
import { z } from 'zod';
import { LOCAL_CHAIN_ID } from '#contracts/deploy';
import { DEFAULT_SAMPLE_RETENTION_DAYS } from './epoch-samples';
import { checkClockRules, defaultClockRules } from './ingest-rules';

const address = z
  .string()
  .refine(isAddress, 'must be an address')
  .transform((value) => getAddress(value) as Address);

export const nodeConfigSchema = z.object({
  rpcUrl: z.url(),
  chainId: z.number().int().positive(),
  registry: address,
  committee: z.array(address).min(1),
  threshold: z.number().int().positive(),
  /** Name of the environment variable that holds this node's signing key. */
  privateKeyEnv: z.string().default('ORACLE_NODE_PRIVATE_KEY'),
  /** Name of the environment variable that holds the relayer's gas-paying key (not the signing key, see I-4). */
  relayerKeyEnv: z.string().default('ORACLE_RELAYER_PRIVATE_KEY'),
  /** Submit what the committee signed (false: a node that only signs, and needs no relayer key). */
  relay: z.boolean().default(true),
  peers: z.array(z.object({ address, url: z.url() })),
  /** Addresses trusted to read every cluster's telemetry detail: the dashboard's ORACLE_READER_PRIVATE_KEY account. */
  telemetryReaders: z.array(address).default([]),
  host: z.string().default('127.0.0.1'),
  port: z.number().int().min(1).max(65_535),
  journalPath: z.string().min(1),
  epochSeconds: z.number().int().positive().default(3_600),
  /** Closes an epoch the agent left without a later sample; at least backfillSeconds plus twice the clock skew. */
  graceSeconds: z.number().int().positive().optional(),
  /** Samples older than this are refused (default three epochs). */
  backfillSeconds: z.number().int().positive().optional(),
  /** Largest difference between two clocks (agent or node) the committee tolerates. */
  maxClockSkewMs: z.number().int().positive().default(40_000),
  takeoverMs: z.number().int().positive().default(15_000),
  /** Days the node keeps each epoch's raw samples for exports (per-epoch files beside the journal). */
  sampleRetentionDays: z.number().int().positive().default(DEFAULT_SAMPLE_RETENTION_DAYS),
  /** The journal is compacted into a snapshot once it holds this many bytes. */
  compactJournalBytes: z.number().int().positive().optional(),
});

const isPrivateKey = (key: string | undefined): key is Hex => !!key && isHex(key) && key.length === 66;

export function loadNodeConfig(path: string, env = process.env) {
  const config = nodeConfigSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  // A grace too short for the clock skew lets honest nodes sign different reports: refuse to start with it.
  const clock = defaultClockRules(config.epochSeconds, config.maxClockSkewMs, config.backfillSeconds);
  checkClockRules({ ...config, ...clock, graceSeconds: config.graceSeconds ?? clock.graceSeconds });
  const key = env[config.privateKeyEnv];
  if (!isPrivateKey(key)) {
    throw new Error(`${config.privateKeyEnv} must hold this node's 0x-prefixed 32-byte private key`);
  }
  const relayerKey = env[config.relayerKeyEnv];
  if (config.relay && relayerKey !== undefined && !isPrivateKey(relayerKey)) {
    throw new Error(`${config.relayerKeyEnv} must hold the relayer's 0x-prefixed 32-byte private key`);
  }
  return {
    config,
    privateKey: key,
    relayerPrivateKey: config.relay && relayerKey !== undefined ? (relayerKey as Hex) : undefined,
  };
}

/**
 * The key a relaying node pays gas with. Outside a local dev chain it must be given and must differ from the signing
 * key: a node whose committee key also sits in a funded hot wallet turns every gas-wallet incident into a committee
 * compromise. On 31337 (anvil's public dev keys anyway) a missing or shared key is allowed with a warning, so a quick
 * local node needs one key only.
 */
export function relayerKeyFor(
  options: { privateKey: Hex; relayerPrivateKey?: Hex; chainId: number; relay?: boolean },
  log: Pick<Logger, 'warn'>,
): Hex {
  const relaying = options.relay !== false;
  const shared = options.relayerPrivateKey === undefined || options.relayerPrivateKey === options.privateKey;
  if (!shared) return options.relayerPrivateKey!;
  if (!relaying) return options.privateKey; // never sends a transaction
  if (options.chainId !== LOCAL_CHAIN_ID) {
    throw new Error(
      options.relayerPrivateKey === undefined
        ? 'a relaying node needs its own gas-paying relayer key (relayerKeyEnv), apart from the committee signing key'
        : 'the relayer key must differ from the committee signing key',
    );
  }
  log.warn('the relayer pays gas with the committee signing key (allowed on the local dev chain only)');
  return options.privateKey;
}
