/** One oracle node: core state, HTTP API, peer exchange, epoch timer and relayer, with one shutdown path. */
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import {
  type Chain,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  nonceManager,
  type PublicClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { type OracleNodeSettingsInput, oracleNodeSettingsSchema, parseOracleNodeOptions } from '#config/oracle-node';
import { chainFor } from '#protocol/chain';
import { RegistryView } from './chain';
import { relayerKeyFor } from './config';
import { OracleCore } from './core';
import { defaultClockRules } from './ingest-rules';
import { createNodeMetrics } from './metrics';
import { PeerNetwork } from './peers';
import { Relayer } from './relayer';
import { createNodeServer } from './server';

/**
 * The node's options: the one oracle node option schema (config/oracle-node.ts, shared with the standalone node's JSON
 * file and the demo's child processes) plus what cannot travel as JSON — keys, the logger, test and demo hooks.
 */
export type OracleNodeOptions = OracleNodeSettingsInput & {
  /** The committee signing key: signs attestations and reports, never pays gas. */
  privateKey: Hex;
  /**
   * The relayer's gas-paying key (I-4). It sits in a hot wallet that must hold ETH and sends transactions all day; the
   * signing key is the one whose theft lets an attacker vote in the committee. Kept apart, a drained or leaked gas
   * wallet costs gas money, not a committee seat, and the signing key can live somewhere stricter (an HSM later).
   * Required for a relaying node; only a local dev chain (31337) may fall back to the signing key (see relayerKey).
   */
  relayerPrivateKey?: Hex;
  /** The node's clock (tests only). */
  now?: () => number;
  prepareSubmission?: (epochEnd: number) => Promise<void>;
  log: Logger;
};

export type OracleNode = Awaited<ReturnType<typeof startOracleNode>>;

export async function startOracleNode(options: OracleNodeOptions) {
  const settings = parseOracleNodeOptions(oracleNodeSettingsSchema, options, 'the oracle node options');
  const account = privateKeyToAccount(options.privateKey);
  const log = options.log.child({ node: account.address.slice(0, 8) });
  const relayerKey = relayerKeyFor(
    {
      privateKey: options.privateKey,
      relayerPrivateKey: options.relayerPrivateKey,
      chainId: settings.chainId,
      relay: settings.relay,
    },
    log,
  );
  const relayerAccount = privateKeyToAccount(relayerKey, { nonceManager });
  const chain: Chain = chainFor(settings.chainId, settings.rpcUrl);
  const publicClient = createPublicClient({
    chain,
    // The relayer reads lastEpochOf for every cluster at once: one HTTP request instead of one per cluster.
    transport: http(settings.rpcUrl, { batch: true }),
    pollingInterval: 200,
  }) as PublicClient;
  const walletClient = createWalletClient({ account: relayerAccount, chain, transport: http(settings.rpcUrl) });
  const { epochSeconds, maxClockSkewMs } = settings;
  const metrics = createNodeMetrics(account.address);
  const clock = defaultClockRules(epochSeconds, maxClockSkewMs, settings.backfillSeconds);
  const core = await OracleCore.open(
    {
      privateKey: options.privateKey,
      committee: settings.committee,
      threshold: settings.threshold,
      epochSeconds,
      graceSeconds: settings.graceSeconds ?? clock.graceSeconds,
      maxClockSkewMs,
      backfillSeconds: clock.backfillSeconds,
      now: options.now,
      maxAttestationSeconds: settings.maxAttestationSeconds,
      journalPath: settings.journalPath,
      sampleRetentionDays: settings.sampleRetentionDays,
      compactJournalBytes: settings.compactJournalBytes,
      context: { chainId: settings.chainId, registry: settings.registry },
    },
    new RegistryView(publicClient, settings.registry),
    metrics,
    log,
  );
  const server = createNodeServer(core, log, undefined, {
    telemetryReaders: settings.telemetryReaders,
    batchGate: settings.batchGate,
  });
  const url = await server.listen({ host: settings.host, port: settings.port });
  const controller = new AbortController();
  // Every request to a peer or the chain races this signal (AbortSignal.any): many at once are expected, not a leak.
  setMaxListeners(0, controller.signal);
  const peers = new PeerNetwork(core, settings.peers, log, undefined, {
    pullDelayMs: settings.pullDelayMs,
    pullIntervalMs: settings.pullIntervalMs,
  });
  const running: Promise<unknown>[] = [peers.run(controller.signal), peers.runPull(controller.signal)];
  const relayer = new Relayer(core, {
    walletClient,
    publicClient,
    registry: settings.registry,
    liveMembers: () => peers.liveMembers(),
    intervalMs: settings.relayIntervalMs,
    takeoverMs: settings.takeoverMs,
    prepareSubmission: options.prepareSubmission,
    gatherMs: settings.gatherMs,
    maxEpochsPerSubmission: settings.maxEpochsPerSubmission,
    log,
  });
  if (settings.relay) running.push(relayer.run(controller.signal));
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
    url: `http://${settings.host}:${settings.port}`,
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
