/** One oracle node: core state, HTTP API, peer exchange, epoch timer and relayer, with one shutdown path. */
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
import { RegistryView } from './chain';
import { OracleCore } from './core';
import { createNodeMetrics } from './metrics';
import { type Peer, PeerNetwork } from './peers';
import { Relayer } from './relayer';
import { createNodeServer } from './server';

export type OracleNodeOptions = {
  privateKey: Hex;
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
  graceSeconds?: number;
  maxClockSkewMs?: number;
  maxAttestationSeconds?: number;
  relayIntervalMs?: number;
  takeoverMs?: number;
  /** Run the relayer (tests switch it off to play a node that only signs). */
  relay?: boolean;
  prepareSubmission?: (epochEnd: number) => Promise<void>;
  /** See RelayerOptions.gatherMs. */
  gatherMs?: number;
  /** See RelayerOptions.maxEpochsPerSubmission. */
  maxEpochsPerSubmission?: number;
  /** See CoreConfig.sampleRetentionDays. */
  sampleRetentionDays?: number;
  /** See CoreConfig.compactJournalBytes. */
  compactJournalBytes?: number;
  log: Logger;
};

export type OracleNode = Awaited<ReturnType<typeof startOracleNode>>;

export async function startOracleNode(options: OracleNodeOptions) {
  const account = privateKeyToAccount(options.privateKey, { nonceManager });
  const log = options.log.child({ node: account.address.slice(0, 8) });
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
  const walletClient = createWalletClient({ account, chain, transport: http(options.rpcUrl) });
  const epochSeconds = options.epochSeconds ?? 3_600;
  const metrics = createNodeMetrics(account.address);
  const core = await OracleCore.open(
    {
      privateKey: options.privateKey,
      committee: options.committee,
      threshold: options.threshold,
      epochSeconds,
      graceSeconds: options.graceSeconds ?? Math.max(15, Math.round(epochSeconds / 4)),
      maxClockSkewMs: options.maxClockSkewMs ?? 30_000,
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
  const server = createNodeServer(core, log);
  const url = await server.listen({ host: options.host ?? '127.0.0.1', port: options.port });
  const controller = new AbortController();
  const peers = new PeerNetwork(core, options.peers, log);
  const running: Promise<unknown>[] = [peers.run(controller.signal)];
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
  log.info({ url, address: account.address }, 'oracle node listening');
  let stopped = false;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${options.port}`,
    listenUrl: url,
    address: account.address,
    core,
    relayer,
    peers,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      controller.abort();
      await server.close();
      await Promise.allSettled(running);
      await core.close();
    },
  };
}
