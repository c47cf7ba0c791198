/**
 * One oracle committee node as a child process of the demo (signing is the CPU cost: three nodes in three processes
 * use both cores). Configuration arrives as JSON in RACKSHARE_NODE_CONFIG, the signing key in RACKSHARE_NODE_KEY and the
 * relayer's gas key in RACKSHARE_RELAYER_KEY. With
 * `warpChain`, the relayer moves the local chain's clock to each epoch's end before submitting it, so reports on a
 * history replayed in seconds land at the times they describe. Stops on SIGINT/SIGTERM and when its parent goes away.
 */
import pino from 'pino';
import { type Address, createPublicClient, type Hex, http } from 'viem';
import { z } from 'zod';
import { startOracleNode } from '../node/node';

export const nodeProcessConfigSchema = z.object({
  rpcUrl: z.string(),
  chainId: z.number().int(),
  registry: z.string(),
  committee: z.array(z.string()),
  threshold: z.number().int().positive(),
  peers: z.array(z.object({ address: z.string(), url: z.string() })),
  port: z.number().int(),
  journalPath: z.string(),
  epochSeconds: z.number().int().positive(),
  graceSeconds: z.number().int().positive().optional(),
  backfillSeconds: z.number().int().positive().optional(),
  takeoverMs: z.number().int().positive().optional(),
  relayIntervalMs: z.number().int().positive().optional(),
  gatherMs: z.number().int().nonnegative().optional(),
  maxEpochsPerSubmission: z.number().int().positive().optional(),
  warpChain: z.boolean(),
  telemetryReaders: z.array(z.string()).default([]),
  compactJournalBytes: z.number().int().positive().optional(),
  logLevel: z.string().default('warn'),
});
export type NodeProcessConfig = z.infer<typeof nodeProcessConfigSchema>;

const config = nodeProcessConfigSchema.parse(JSON.parse(process.env.RACKSHARE_NODE_CONFIG ?? '{}'));
const privateKey = process.env.RACKSHARE_NODE_KEY as Hex;
const relayerPrivateKey = (process.env.RACKSHARE_RELAYER_KEY || undefined) as Hex | undefined;
const log = pino({ level: config.logLevel }, pino.destination(2));

const chainClient = createPublicClient({ transport: http(config.rpcUrl) });
async function warpTo(epochEnd: number) {
  const latest = await chainClient.getBlock({ blockTag: 'latest' });
  if (latest.timestamp >= BigInt(epochEnd)) return;
  // Another sender may have mined in between; a refused warp only means time already moved on. The block is mined
  // at once: the registry refuses an epoch that ends after the block's time, and the relayer simulates its call
  // against the latest block before sending it.
  await chainClient
    .request({ method: 'evm_setNextBlockTimestamp' as never, params: [`0x${(epochEnd + 1).toString(16)}`] as never })
    .then(() => chainClient.request({ method: 'evm_mine' as never, params: [] as never }))
    .catch(() => undefined);
}

const node = await startOracleNode({
  privateKey,
  relayerPrivateKey,
  rpcUrl: config.rpcUrl,
  chainId: config.chainId,
  registry: config.registry as Address,
  committee: config.committee as Address[],
  threshold: config.threshold,
  peers: config.peers.map((peer) => ({ address: peer.address as Address, url: peer.url })),
  port: config.port,
  journalPath: config.journalPath,
  epochSeconds: config.epochSeconds,
  graceSeconds: config.graceSeconds,
  backfillSeconds: config.backfillSeconds,
  takeoverMs: config.takeoverMs,
  relayIntervalMs: config.relayIntervalMs,
  gatherMs: config.gatherMs,
  maxEpochsPerSubmission: config.maxEpochsPerSubmission,
  compactJournalBytes: config.compactJournalBytes,
  prepareSubmission: config.warpChain ? warpTo : undefined,
  telemetryReaders: config.telemetryReaders as Address[],
  log,
});

let stopping = false;
async function shutdown() {
  if (stopping) return;
  stopping = true;
  await node.stop().catch((error) => log.error({ err: error }, 'node stop failed'));
  process.exit(0);
}
// A failed journal append stops the node (fail-stop): exit non-zero so the parent sees it died.
void node.stopped.then((fatal) => fatal && process.exit(1));
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
const parentPid = process.ppid;
setInterval(() => process.ppid !== parentPid && void shutdown(), 500).unref();
process.send?.({ ready: node.url });
