/**
 * One oracle committee node as a child process of the demo (signing is the CPU cost: three nodes in three processes
 * use both cores). Configuration arrives as JSON in RACKSHARE_NODE_CONFIG, the signing key in RACKSHARE_NODE_KEY and the
 * relayer's gas key in RACKSHARE_RELAYER_KEY. With
 * `warpChain`, the relayer moves the local chain's clock to each epoch's end before submitting it, so reports on a
 * history replayed in seconds land at the times they describe. Stops on SIGINT/SIGTERM and when its parent goes away.
 */
import pino from 'pino';
import { createPublicClient, type Hex, http } from 'viem';
import { type OracleNodeProcessInput, oracleNodeProcessSchema, parseOracleNodeOptions } from '#config/oracle-node';
import { runUntilSignal } from '#config/process';
import { redactingLoggerOptions } from '#contracts/redact';
import { startOracleNode } from '../oracle/node/node';

/** What the parent (committee.ts) puts into RACKSHARE_NODE_CONFIG: the one oracle node option schema, plus demo switches. */
export type NodeProcessConfig = OracleNodeProcessInput;

const { warpChain, logLevel, ...settings } = parseOracleNodeOptions(
  oracleNodeProcessSchema,
  JSON.parse(process.env.RACKSHARE_NODE_CONFIG ?? '{}'),
  'RACKSHARE_NODE_CONFIG',
);
const privateKey = process.env.RACKSHARE_NODE_KEY as Hex;
const relayerPrivateKey = (process.env.RACKSHARE_RELAYER_KEY || undefined) as Hex | undefined;
const log = pino({ level: logLevel, ...redactingLoggerOptions }, pino.destination(2));

const chainClient = createPublicClient({ transport: http(settings.rpcUrl) });
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
  ...settings,
  privateKey,
  relayerPrivateKey,
  prepareSubmission: warpChain ? warpTo : undefined,
  log,
});

// A failed journal append stops the node (fail-stop): exit non-zero so the parent sees it died.
void node.stopped.then((fatal) => fatal && process.exit(1));
// The parent (committee.ts) escalates to SIGKILL on its own: a repeated signal changes nothing.
runUntilSignal(() => node.stop().catch((error) => log.error({ err: error }, 'node stop failed')), {
  repeat: 'ignore',
  watchParentMs: 500,
});
process.send?.({ ready: node.url });
