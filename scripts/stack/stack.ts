/**
 * The whole stack as an ordered list of services. Each service starts, returns how to stop it, and is stopped in
 * reverse order when the shared AbortSignal fires (Ctrl-C) or a later service fails to start. Adding a background
 * service (oracle nodes, simulator, ...) is one more entry in `services`.
 */
import { join, resolve } from 'node:path';
import pino, { type Logger } from 'pino';
import { createPublicClient, createWalletClient, defineChain, type Hex, http, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { databaseTarget } from '#config/common';
import { checkProductionSettings } from '#config/production';
import type { StackEnv } from '#config/stack';
import type { WebSettings } from '#config/web';
import type { Deployment } from '#contracts/deployments';
import { redactingLoggerOptions, redactUrl, redactUrls } from '#contracts/redact';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '#db';
import { createIndexer, ensureChainIdentity, MirrorMismatchError } from '#db/indexer/indexer';
import { serveMetrics } from '#db/indexer/metrics';
import {
  committeeMembers,
  type DemoResult,
  type DemoState,
  demoDirectory,
  runDemoHistory,
} from '../../oracle/simulator/demo';
import { liveCommittee, startLiveSimulation } from '../../oracle/simulator/live';
import { startAnvil } from './anvil';
import { DeploymentRecordError, resolveDeployment } from './deployment';
import { DEV_ACCOUNT_COUNT, devAccount, devPrivateKey, devRoles } from './dev-accounts';
import { resetLocalChainIfContractsChanged } from './local-chain';
import { step } from './progress';
import { appBuildIsStale, buildApp, startWeb } from './web';

export type StackState = {
  env: StackEnv;
  log: Logger;
  signal: AbortSignal;
  rpcUrl?: string;
  chainId?: number;
  publicClient?: PublicClient;
  deployment?: Deployment;
  database?: DatabaseHandle;
  webUrl?: string;
  indexerMetricsUrl?: string;
  demo?: {
    state: DemoState;
    directory: string;
    skipped: boolean;
    resumed?: DemoResult['resumed'];
    nodeUrls?: string[];
    /** The dashboard's telemetry reader key the demo committee trusts. */
    readerKey?: Hex;
    simulatorUrl?: string;
  };
};

type Stop = () => Promise<void>;
type Service = {
  title: string;
  start: (state: StackState) => Promise<Stop | undefined>;
  detail?: (state: StackState) => string;
};

export class StartupError extends Error {
  override name = 'StartupError';
}

async function connectRpc(rpcUrl: string) {
  const probe = createPublicClient({ transport: http(rpcUrl, { timeout: 5_000, retryCount: 1 }) });
  try {
    return await probe.getChainId();
  } catch (error) {
    // viem's messages quote the whole URL, API key included (M-6).
    const reason = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
    throw new StartupError(`Cannot reach the chain at RPC_URL=${redactUrl(rpcUrl)}: ${redactUrls(reason)}`);
  }
}

const services: Service[] = [
  {
    title: 'Chain',
    async start(state) {
      let stop: Stop | undefined;
      if (state.env.RPC_URL) {
        state.rpcUrl = state.env.RPC_URL;
      } else {
        if (await resetLocalChainIfContractsChanged(state.env.DATA_DIR)) {
          state.log.warn('the contracts changed since the local chain was made: starting a fresh local chain');
        }
        const anvil = await startAnvil({
          port: state.env.ANVIL_PORT,
          stateFile: resolve(state.env.DATA_DIR, 'anvil', 'state.json'),
          accounts: DEV_ACCOUNT_COUNT,
          // The demo replays its history on a chain that starts that long ago (an hour more for the set-up).
          genesisTimestamp: state.env.demo
            ? Math.floor(Date.now() / 1000) - state.env.DEMO_HISTORY_DAYS * 86_400 - 3_600
            : undefined,
          log: (line) => state.log.debug({ service: 'anvil' }, line),
        });
        state.rpcUrl = anvil.rpcUrl;
        stop = anvil.stop;
      }
      state.chainId = await connectRpc(state.rpcUrl);
      const chain = defineChain({
        id: state.chainId,
        name: `chain-${state.chainId}`,
        nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
        rpcUrls: { default: { http: [state.rpcUrl] } },
      });
      state.publicClient = createPublicClient({
        chain,
        transport: http(state.rpcUrl),
        pollingInterval: 250,
      }) as PublicClient;
      return stop;
    },
    detail: (state) => `${redactUrl(state.rpcUrl!)} (chain id ${state.chainId})`,
  },
  {
    title: 'Contracts',
    async start(state) {
      const publicClient = state.publicClient!;
      const { env } = state;
      // Dev keys can be told from real ones only now that the chain id is known (H-1).
      checkProductionSettings(
        { ...env, ORACLE_READER_PRIVATE_KEY: env.web.settings.oracleReaderPrivateKey },
        { runtime: 'start', chainId: state.chainId! },
      );
      // With RPC_URL only the record `npm run deploy` wrote is read: a hiccup never redeploys a live chain (H-4).
      const result = await resolveDeployment({
        publicClient: publicClient as never,
        chainId: state.chainId!,
        localChain: env.localChain,
        directory: env.localChain ? join(env.DATA_DIR, 'deployments') : env.DEPLOYMENTS_DIR,
        wallet: () =>
          createWalletClient({
            account: privateKeyToAccount(env.deployerPrivateKey),
            chain: publicClient.chain!,
            transport: http(state.rpcUrl),
          }),
        deployOptions: () => {
          const signers = env.ORACLE_SIGNERS ?? devRoles.oracleNodes.map((index) => devAccount(index).address);
          return {
            committee: {
              signers,
              threshold: env.ORACLE_THRESHOLD ?? Math.floor(signers.length / 2) + 1,
              heartbeatSeconds: env.REPORT_HEARTBEAT_SECONDS,
            },
            owner: env.GOVERNANCE_ADDRESS,
            guardian: env.GUARDIAN_ADDRESS,
            timelockDelaySeconds: env.TIMELOCK_DELAY_SECONDS,
            stablecoin: env.STABLECOIN_ADDRESS,
          };
        },
      }).catch((error: unknown) => {
        throw error instanceof DeploymentRecordError ? new StartupError(error.message) : error;
      });
      state.deployment = result.deployment;
      state.log.debug({ reused: result.reused }, 'deployment ready');
      return undefined;
    },
    detail: (state) => `deployed at block ${state.deployment!.deployBlock}`,
  },
  {
    title: 'Demo history',
    async start(state) {
      if (!state.env.demo) return undefined;
      const { env } = state;
      const result = await runDemoHistory({
        rpcUrl: state.rpcUrl!,
        chainId: state.chainId!,
        publicClient: state.publicClient!,
        deployment: state.deployment!,
        dataDir: resolve(env.DATA_DIR, 'demo'),
        seed: env.DEMO_SEED,
        historyDays: env.DEMO_HISTORY_DAYS,
        nodeBasePort: env.ORACLE_NODE_BASE_PORT,
        simulatorPort: env.DEMO_SIMULATOR_PORT,
        log: state.log.child({ service: 'demo' }),
        signal: state.signal,
      });
      state.demo = {
        state: result.state,
        skipped: result.skipped,
        resumed: result.resumed,
        directory: demoDirectory(resolve(env.DATA_DIR, 'demo'), state.deployment!),
      };
      return undefined;
    },
    // `skipped` only ever means a complete history: an interrupted one is resumed (runDemoHistory reads the chain).
    detail: (state) =>
      !state.demo
        ? 'off'
        : state.demo.skipped
          ? `already set up: ${state.demo.state.clusters.length} clusters`
          : `${state.demo.state.clusters.length} clusters, ${state.env.DEMO_HISTORY_DAYS} days of hourly reports${
              state.demo.resumed
                ? ` (resumed at day ${state.demo.resumed.day} of ${state.demo.resumed.days} after an interruption)`
                : ''
            }`,
  },
  {
    title: 'Oracle nodes',
    async start(state) {
      if (!state.demo) return undefined;
      // The dashboard shows a signed-in operator why batches were rejected by reading the nodes with its own reader
      // key (oracle/node/telemetry-access.ts); the local nodes trust that key (an explicit one wins over the demo's).
      state.demo.readerKey = state.env.web.settings.oracleReaderPrivateKey ?? devPrivateKey(devRoles.dashboardReader);
      const reader = privateKeyToAccount(state.demo.readerKey).address;
      const committee = await liveCommittee({
        ...liveOptions(state),
        members: committeeMembers(state.env.ORACLE_NODE_BASE_PORT),
        telemetryReaders: [reader],
      });
      // The dashboard relays attestation requests to the committee and reads telemetry status and raw samples from it
      // (context.web.oracleNodeUrls, unless ORACLE_NODE_URLS names other nodes: see webSettings).
      state.demo.nodeUrls = committee.urls;
      return committee.stop;
    },
    detail: (state) =>
      state.demo?.nodeUrls
        ? `${state.demo.nodeUrls.join(', ')} (/metrics), k = ${state.deployment!.committee.threshold}`
        : 'off',
  },
  {
    title: 'Simulator and agents',
    async start(state) {
      if (!state.demo?.nodeUrls) return undefined;
      const simulation = await startLiveSimulation({ ...liveOptions(state), nodeUrls: state.demo.nodeUrls });
      state.demo.simulatorUrl = simulation.url;
      return simulation.stop;
    },
    detail: (state) =>
      state.demo?.simulatorUrl
        ? `${state.demo.simulatorUrl}, one epoch every ${state.env.DEMO_LIVE_EPOCH_SECONDS} s`
        : 'off',
  },
  {
    title: 'Database',
    async start(state) {
      const database = await openDatabase(databaseTarget(state.env));
      state.database = database;
      await migrateDatabase(database);
      const genesis = await state.publicClient!.getBlock({ blockNumber: 0n });
      const identity = {
        chainId: state.chainId!,
        genesisHash: genesis.hash,
        deployBlock: state.deployment!.deployBlock,
        deployBlockHash: state.deployment!.deployBlockHash,
      };
      // Only the local anvil chain is disposable; elsewhere a changed identity waits for `npm run db:reindex`.
      const wiped = await ensureChainIdentity(database.db, identity, {
        autoReset: state.env.RPC_URL === undefined,
      }).catch(async (error) => {
        await database.close();
        throw error instanceof MirrorMismatchError ? new StartupError(error.message) : error;
      });
      if (wiped) state.log.info('the local chain was reset: its mirror was emptied and re-indexes');
      return () => database.close();
    },
    detail: (state) =>
      state.database!.target.kind === 'pglite' ? `PGlite in ${state.env.DATA_DIR}/pglite` : 'PostgreSQL',
  },
  {
    title: 'Indexer',
    async start(state) {
      const settings = state.env.indexer;
      const controller = new AbortController();
      state.signal.addEventListener('abort', () => controller.abort(), { once: true });
      const indexer = createIndexer({
        db: state.database!.db,
        publicClient: state.publicClient!,
        chainId: state.chainId!,
        contracts: state.deployment!.contracts,
        deployBlock: state.deployment!.deployBlock,
        confirmations: settings.INDEXER_CONFIRMATIONS,
        maxBlockRange: settings.INDEXER_MAX_BLOCK_RANGE,
        pollIntervalMs: settings.INDEXER_POLL_INTERVAL_MS,
        signal: controller.signal,
        log: state.log.child({ service: 'indexer' }),
      });
      const metricsServer =
        settings.INDEXER_METRICS_PORT > 0
          ? await serveMetrics(indexer.metrics.registry, settings.INDEXER_METRICS_PORT)
          : undefined;
      state.indexerMetricsUrl = metricsServer?.url;
      const running = indexer.run();
      return async () => {
        controller.abort();
        await running;
        await metricsServer?.close();
      };
    },
    detail: (state) => (state.indexerMetricsUrl ? `metrics at ${state.indexerMetricsUrl}` : ''),
  },
  {
    title: 'Web app',
    async start(state) {
      if (appBuildIsStale()) buildApp();
      const web = await startWeb({
        port: state.env.PORT,
        host: state.env.web.host,
        context: {
          web: webSettings(state),
          db: state.database!.db,
          chain: {
            chainId: state.chainId!,
            publicRpcUrl: publicRpcUrl(state.env, state.rpcUrl!),
            publicClient: state.publicClient!,
            deployment: state.deployment!,
          },
        },
      });
      state.webUrl = web.url;
      return web.close;
    },
    detail: (state) => state.webUrl!,
  },
];

/** The app's settings: the parsed ones, with the demo committee's URLs and reader key where none are configured. */
export function webSettings(state: Pick<StackState, 'env' | 'demo'>): WebSettings {
  const { settings } = state.env.web;
  return {
    ...settings,
    oracleNodeUrls: settings.oracleNodeUrls.length > 0 ? settings.oracleNodeUrls : (state.demo?.nodeUrls ?? []),
    oracleReaderPrivateKey: settings.oracleReaderPrivateKey ?? state.demo?.readerKey,
  };
}

/**
 * The RPC URL every visitor's browser is handed. Only the local anvil's own URL may stand in for PUBLIC_RPC_URL: a
 * real chain's RPC_URL may carry an API key (review M-6), and the settings check already requires PUBLIC_RPC_URL there.
 */
export function publicRpcUrl(env: Pick<StackEnv, 'PUBLIC_RPC_URL' | 'localChain'>, rpcUrl: string): string {
  if (env.PUBLIC_RPC_URL) return env.PUBLIC_RPC_URL;
  if (env.localChain) return rpcUrl;
  throw new StartupError('PUBLIC_RPC_URL is required with RPC_URL: the private RPC URL is never sent to browsers.');
}

function liveOptions(state: StackState) {
  return {
    rpcUrl: state.rpcUrl!,
    chainId: state.chainId!,
    publicClient: state.publicClient!,
    deployment: state.deployment!,
    directory: state.demo!.directory,
    state: state.demo!.state,
    epochSeconds: state.env.DEMO_LIVE_EPOCH_SECONDS,
    nodeBasePort: state.env.ORACLE_NODE_BASE_PORT,
    simulatorPort: state.env.DEMO_SIMULATOR_PORT,
    log: state.log.child({ service: 'demo' }),
  };
}

export function createLogger(env: StackEnv) {
  return pino({
    level: env.LOG_LEVEL,
    ...redactingLoggerOptions,
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { destination: 2 } } } : {}),
  });
}

/** Starts every service in order; returns the state and a function that stops them all in reverse order. */
export async function startStack(env: StackEnv, signal: AbortSignal, log: Logger) {
  const state: StackState = { env, log, signal };
  const stops: Stop[] = [];
  const stopAll = async () => {
    while (stops.length > 0) {
      const stop = stops.pop()!;
      try {
        await stop();
      } catch (error) {
        log.error({ err: error }, 'a service failed to stop cleanly');
      }
    }
  };
  try {
    for (const [index, service] of services.entries()) {
      if (signal.aborted) break;
      const stop = await step(
        index + 1,
        services.length,
        service.title,
        () => service.start(state),
        () => (service.detail ? service.detail(state) : ''),
      );
      if (stop) stops.push(stop);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { state, stop: stopAll };
}
