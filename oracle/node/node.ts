/** One oracle node: core state, HTTP API, peer exchange, epoch timer and relayer, with one shutdown path. */
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import {
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  nonceManager,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { BatchGateOptions } from './batch-gate';
import { RegistryView } from './chain';
import { relayerKeyFor } from './config';
import { OracleCore } from './core';
import { defaultClockRules } from './ingest-rules';
import { createNodeMetrics } from './metrics';
import { type Peer, PeerNetwork } from './peers';
import { Relayer } from './relayer';
import { createNodeServer } from './server';

export type OracleNodeOptions = {
  /** The committee signing key: signs attestations and reports, never pays gas. */
  privateKey: Hex;
  /**
   * The relayer's gas-paying key (I-4). It sits in a hot wallet that must hold ETH and sends transactions all day; the
   * signing key is the one whose theft lets an attacker vote in the committee. Kept apart, a drained or leaked gas
   * wallet costs gas money, not a committee seat, and the signing key can live somewhere stricter (an HSM later).
   * Required for a relaying node; only a local dev chain (31337) may fall back to the signing key (see relayerKey).
   */
  relayerPrivateKey?: Hex;
  rpcUrl: string;
  chainId: number;
  registry: Address;
  committee: Address[];
  threshold: number;
  peers: Peer[];
  host?: string;
  port: number;
  journalPath: string;
  epochSeconds?: number;
  /** See CoreConfig.graceSeconds; defaults to the shortest checkClockRules allows. */
  graceSeconds?: number;
  maxClockSkewMs?: number;
  /** See CoreConfig.backfillSeconds (default three epochs). */
  backfillSeconds?: number;
  /** The node's clock (tests only). */
  now?: () => number;
  maxAttestationSeconds?: number;
  relayIntervalMs?: number;
  takeoverMs?: number;
  /** Addresses trusted to read every cluster's telemetry detail (the dashboard's reader key; telemetry-access.ts). */
  telemetryReaders?: Address[];
  /** Limits on unauthenticated batch rejections per client (batch-gate.ts). */
  batchGate?: BatchGateOptions;
  /** Run the relayer (tests switch it off to play a node that only signs). */
  relay?: boolean;
  prepareSubmission?: (epochEnd: number) => Promise<void>;
  /** See RelayerOptions.gatherMs. */
  gatherMs?: number;
  /** See RelayerOptions.maxEpochsPerSubmission. */
  maxEpochsPerSubmission?: number;
  /** See PullOptions. */
  pullDelayMs?: number;
  pullIntervalMs?: number;
  /** See CoreConfig.sampleRetentionDays. */
  sampleRetentionDays?: number;
  /** See CoreConfig.compactJournalBytes. */
  compactJournalBytes?: number;
  log: Logger;
};

export type OracleNode = Awaited<ReturnType<typeof startOracleNode>>;

export async function startOracleNode(options: OracleNodeOptions) {
  const account = privateKeyToAccount(options.privateKey);
  const log = options.log.child({ node: account.address.slice(0, 8) });
  const relayerKey = relayerKeyFor(options, log);
  const relayerAccount = privateKeyToAccount(relayerKey, { nonceManager });
  const chain: Chain = defineChain({
    id: options.chainId,
    name: `chain-${options.chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
  const publicClient = createPublicClient({
    chain,
    // The relayer reads lastEpochOf for every cluster at once: one HTTP request instead of one per cluster.
    transport: http(options.rpcUrl, { batch: true }),
    pollingInterval: 200,
  }) as PublicClient;
  const walletClient = createWalletClient({ account: relayerAccount, chain, transport: http(options.rpcUrl) });
  const epochSeconds = options.epochSeconds ?? 3_600;
  const metrics = createNodeMetrics(account.address);
  // 40 s: two honest clocks may each be 20 s off.
  const maxClockSkewMs = options.maxClockSkewMs ?? 40_000;
  const clock = defaultClockRules(epochSeconds, maxClockSkewMs, options.backfillSeconds);
  const core = await OracleCore.open(
    {
      privateKey: options.privateKey,
      committee: options.committee,
      threshold: options.threshold,
      epochSeconds,
      graceSeconds: options.graceSeconds ?? clock.graceSeconds,
      maxClockSkewMs,
      backfillSeconds: clock.backfillSeconds,
      now: options.now,
      maxAttestationSeconds: options.maxAttestationSeconds ?? 400 * 86_400,
      journalPath: options.journalPath,
      sampleRetentionDays: options.sampleRetentionDays,
      compactJournalBytes: options.compactJournalBytes,
      context: { chainId: options.chainId, registry: options.registry },
    },
    new RegistryView(publicClient, options.registry),
    metrics,
    log,
  );
  const server = createNodeServer(core, log, undefined, {
    telemetryReaders: options.telemetryReaders,
    batchGate: options.batchGate,
  });
  const url = await server.listen({ host: options.host ?? '127.0.0.1', port: options.port });
  const controller = new AbortController();
  // Every request to a peer or the chain races this signal (AbortSignal.any): many at once are expected, not a leak.
  setMaxListeners(0, controller.signal);
  const peers = new PeerNetwork(core, options.peers, log, undefined, {
    pullDelayMs: options.pullDelayMs,
    pullIntervalMs: options.pullIntervalMs,
  });
  const running: Promise<unknown>[] = [peers.run(controller.signal), peers.runPull(controller.signal)];
  const relayer = new Relayer(core, {
    walletClient,
    publicClient,
    registry: options.registry,
    liveMembers: () => peers.liveMembers(),
    intervalMs: options.relayIntervalMs,
    takeoverMs: options.takeoverMs,
    prepareSubmission: options.prepareSubmission,
    gatherMs: options.gatherMs,
    maxEpochsPerSubmission: options.maxEpochsPerSubmission,
    log,
  });
  if (options.relay !== false) running.push(relayer.run(controller.signal));
  const timer = setInterval(() => void core.tick().catch((error) => log.error({ err: error }, 'tick failed')), 1_000);
  log.info({ url, address: account.address, relayer: relayerAccount.address }, 'oracle node listening');
  let stopping: Promise<void> | undefined;
  let resolveStopped!: (fatal: Error | undefined) => void;
  const stopped = new Promise<Error | undefined>((resolve) => {
    resolveStopped = resolve;
  });
  // The one shutdown path, whoever asks: a signal (stop) or a failed journal append (fail-stop).
  const shutdown = () => {
    stopping ??= (async () => {
      clearInterval(timer);
      controller.abort();
      await server.close();
      await Promise.allSettled(running);
      // After a failed append memory may be ahead of the journal: no snapshot of it, the restart replays the journal.
      await core.close(core.fatal === undefined);
    })().finally(() => resolveStopped(core.fatal));
    return stopping;
  };
  core.onFatal(() => {
    void shutdown().catch((error) => log.error({ err: error }, 'stopping after a journal failure failed'));
  });
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${options.port}`,
    listenUrl: url,
    address: account.address,
    /** The account that pays for and sends this node's transactions. */
    relayerAddress: relayerAccount.address,
    core,
    relayer,
    peers,
    /**
     * Resolves once the node has stopped, for whatever reason, with the journal error that stopped it (undefined
     * after a plain stop): a standalone process then exits non-zero, so its supervisor restarts it from the journal.
     */
    stopped,
    stop: shutdown,
  };
}
