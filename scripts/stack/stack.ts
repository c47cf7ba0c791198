/**
 * The whole stack, started as one typed sequence: chain, contracts, the demo (history, oracle nodes, simulator and
 * agents), database, indexer, web app. Each step hands its output to the ones after it (the compiler checks the
 * order) and defers its stop onto one stop stack, unwound in reverse order when the shared AbortSignal fires (Ctrl-C)
 * or a later step fails. Adding a background service is one more step in `startStack`.
 */
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { type Chain, createPublicClient, createWalletClient, type Hex, http, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { databaseTarget } from '#config/common';
import { indexerLockLimits } from '#config/indexer';
import { checkProductionSettings } from '#config/production';
import type { StackEnv } from '#config/stack';
import type { WebSettings } from '#config/web';
import type { Deployment } from '#contracts/deployments';
import { redactUrl, redactUrls } from '#contracts/redact';
import { type DatabaseHandle, DEFAULT_POOL_TIMEOUTS, indexerPoolTimeouts, openDatabase } from '#db';
import { migrateShared } from '#db/indexer/lock';
import { monitorReplicas } from '#db/replicas';
import { ConfigError, UnavailableError } from '#protocol/base-error';
import { chainFor } from '#protocol/chain';
import type { ServiceContext } from '../../app/load-context';
import { type LiveOptions, liveCommittee, startLiveSimulation } from '../../demo/live';
import {
  committeeMembers,
  type DemoResult,
  demoDirectory,
  demoWallets,
  historySchedule,
  runDemoHistory,
} from '../../demo/run';
import { placeStandingOffers } from '../../demo/standing-offers';
import { DEV_ACCOUNT_COUNT, devAccount, devPrivateKey, devRoles } from '../../devnet/accounts';
import { startAnvil } from '../../devnet/anvil';
import { resolveDeployment } from './deployment';
import { startIndexer } from './indexer';
import { resetLocalChainIfContractsChanged } from './local-chain';
import { type Defer, StartSequence } from './steps';
import { appBuildIsStale, buildApp, startWeb } from './web';

/** The chain every later step talks to: the local anvil, or RPC_URL. */
export type ChainConnection = {
  rpcUrl: string;
  chainId: number;
  chain: Chain;
  publicClient: PublicClient;
};

/** The demo's history on the chain and where its records live. */
export type DemoHistory = Pick<DemoResult, 'state' | 'skipped' | 'resumed'> & { directory: string };

/** The local oracle committee the demo runs, as the app sees it. */
export type DemoCommittee = {
  nodeUrls: string[];
  /** The dashboard's telemetry reader key the demo committee trusts. */
  readerKey: Hex;
};

/** What `npm start` prints once everything runs, and how to stop it all. */
export type RunningStack = {
  chain: ChainConnection;
  deployment: Deployment;
  webUrl: string;
  stop: () => Promise<void>;
};

/** The number of steps `startStack` runs (the "[n/9]" of the progress lines). */
const STEP_COUNT = 9;

export async function connectRpc(rpcUrl: string) {
  const probe = createPublicClient({ transport: http(rpcUrl, { timeout: 5_000, retryCount: 1 }) });
  try {
    return await probe.getChainId();
  } catch (error) {
    // viem's messages quote the whole URL, API key included (M-6).
    const reason = (error as { shortMessage?: string }).shortMessage ?? (error as Error).message;
    throw new UnavailableError(`Cannot reach the chain at RPC_URL=${redactUrl(rpcUrl)}: ${redactUrls(reason)}`, {
      cause: error,
    });
  }
}

async function startChain(env: StackEnv, log: Logger, defer: Defer): Promise<ChainConnection> {
  let rpcUrl = env.RPC_URL;
  if (!rpcUrl) {
    if (await resetLocalChainIfContractsChanged(env.DATA_DIR)) {
      log.warn('the contracts changed since the local chain was made: starting a fresh local chain');
    }
    const anvil = await startAnvil({
      port: env.ANVIL_PORT,
      stateFile: resolve(env.DATA_DIR, 'anvil', 'state.json'),
      accounts: DEV_ACCOUNT_COUNT,
      // The demo replays its history on a chain that starts that long ago (an hour more for the set-up).
      genesisTimestamp: env.demo ? Math.floor(Date.now() / 1000) - env.DEMO_HISTORY_DAYS * 86_400 - 3_600 : undefined,
      log: (line) => log.debug({ service: 'anvil' }, line),
    });
    defer(anvil.stop);
    rpcUrl = anvil.rpcUrl;
  }
  const chainId = await connectRpc(rpcUrl);
  const chain = chainFor(chainId, rpcUrl);
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval: 250 }) as PublicClient;
  return { rpcUrl, chainId, chain, publicClient };
}

async function resolveContracts(env: StackEnv, chain: ChainConnection, log: Logger): Promise<Deployment> {
  // Dev keys can be told from real ones only now that the chain id is known (H-1).
  checkProductionSettings(env.production, { runtime: 'start', chainId: chain.chainId });
  // With RPC_URL only the record `npm run deploy` wrote is read: a hiccup never redeploys a live chain (H-4).
  const result = await resolveDeployment({
    publicClient: chain.publicClient as never,
    chainId: chain.chainId,
    localChain: env.localChain,
    directory: env.localChain ? join(env.DATA_DIR, 'deployments') : env.DEPLOYMENTS_DIR,
    wallet: () =>
      createWalletClient({
        account: privateKeyToAccount(env.deployerPrivateKey),
        chain: chain.chain,
        transport: http(chain.rpcUrl),
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
  });
  log.debug({ reused: result.reused }, 'deployment ready');
  return result.deployment;
}

type DemoInput = { env: StackEnv; chain: ChainConnection; deployment: Deployment; log: Logger };

async function replayDemoHistory(
  { env, chain, deployment, log }: DemoInput,
  signal: AbortSignal,
): Promise<DemoHistory> {
  const dataDir = resolve(env.DATA_DIR, 'demo');
  const result = await runDemoHistory({
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    publicClient: chain.publicClient,
    deployment,
    dataDir,
    seed: env.DEMO_SEED,
    historyDays: env.DEMO_HISTORY_DAYS,
    nodeBasePort: env.ORACLE_NODE_BASE_PORT,
    simulatorPort: env.DEMO_SIMULATOR_PORT,
    log: log.child({ service: 'demo' }),
    signal,
  });
  const { state, skipped, resumed } = result;
  return { state, skipped, resumed, directory: demoDirectory(dataDir, deployment) };
}

// `skipped` only ever means a complete history: an interrupted one is resumed (runDemoHistory reads the chain).
function describeHistory(history: DemoHistory | undefined, env: StackEnv): string {
  if (!history) return 'off';
  const clusters = history.state.clusters.length;
  if (history.skipped) return `already set up: ${clusters} clusters`;
  const resumed = history.resumed
    ? ` (resumed at day ${history.resumed.day} of ${history.resumed.days} after an interruption)`
    : '';
  return `${clusters} clusters, ${env.DEMO_HISTORY_DAYS} days of hourly reports${resumed}`;
}

function liveOptions({ env, chain, deployment, log }: DemoInput, history: DemoHistory): LiveOptions {
  return {
    rpcUrl: chain.rpcUrl,
    chainId: chain.chainId,
    publicClient: chain.publicClient,
    deployment,
    directory: history.directory,
    state: history.state,
    epochSeconds: env.DEMO_LIVE_EPOCH_SECONDS,
    nodeBasePort: env.ORACLE_NODE_BASE_PORT,
    simulatorPort: env.DEMO_SIMULATOR_PORT,
    log: log.child({ service: 'demo' }),
  };
}

async function startDemoCommittee(input: DemoInput, history: DemoHistory, defer: Defer): Promise<DemoCommittee> {
  const { env } = input;
  // The dashboard shows a signed-in operator why batches were rejected by reading the nodes with its own reader
  // key (oracle/node/telemetry-access.ts); the local nodes trust that key (an explicit one wins over the demo's).
  const readerKey = env.web.settings.oracleReaderPrivateKey ?? devPrivateKey(devRoles.dashboardReader);
  const committee = await liveCommittee({
    ...liveOptions(input, history),
    members: committeeMembers(env.ORACLE_NODE_BASE_PORT),
    telemetryReaders: [privateKeyToAccount(readerKey).address],
  });
  defer(committee.stop);
  // The dashboard relays attestation requests to the committee and reads telemetry status and raw samples from it
  // (context.web.oracleNodeUrls, unless ORACLE_NODE_URLS names other nodes: see webSettings).
  return { nodeUrls: committee.urls, readerKey };
}

async function startSimulation(input: DemoInput, history: DemoHistory, committee: DemoCommittee, defer: Defer) {
  const simulation = await startLiveSimulation({ ...liveOptions(input, history), nodeUrls: committee.nodeUrls });
  defer(simulation.stop);
  return simulation.url;
}

/** How long role all's stop waits for each database handle to close (a hung connection never holds the exit). */
const DATABASE_CLOSE_MS = 5_000;

/**
 * Role all's databases: the web's handle, bounded as the web role's (WEB_DATABASE_STATEMENT_TIMEOUT_MS with a client
 * query timeout, the read replicas and their monitor), and the indexer's own pools (no statement bound: its COPY and
 * MERGE); one PGlite serves both (it is in-process). Each close at stop is bounded.
 */
export async function startDatabase(env: StackEnv, chain: ChainConnection, log: Logger, defer: Defer) {
  const closeWithin = (handle: DatabaseHandle) => async () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), DATABASE_CLOSE_MS);
    });
    const outcome = await Promise.race([handle.close().then(() => 'closed' as const), late]).finally(() =>
      clearTimeout(timer),
    );
    if (outcome === 'late') log.warn('a database connection did not close in time (it hangs); going on with the stop');
  };
  const target = databaseTarget(env);
  // DatabaseUnavailableError is an UnavailableError: start.ts prints its shortMessage as it is.
  const web = await openDatabase(target, {
    readUrls: env.web.databaseReadUrls,
    unreachableReplicas: 'out',
    timeouts: { ...DEFAULT_POOL_TIMEOUTS, statementMs: env.web.statementTimeoutMs },
  });
  defer(closeWithin(web));
  // The indexer's pools as the indexer role's: a client-side limit past its fenced writes' own (work left behind after a
  // lost lock never waits for ever on a server that does not answer).
  const indexer =
    target.kind === 'postgres'
      ? await openDatabase(target, {
          timeouts: indexerPoolTimeouts(indexerLockLimits(env.indexer).writes.statementMs),
        })
      : web;
  if (indexer !== web) defer(closeWithin(indexer));
  // As in the web role: a replica that fails or lags leaves the reads' rotation until it recovers (db/replicas.ts).
  const monitor = monitorReplicas(web, {
    chainId: chain.chainId,
    ...env.web.replicaMonitor,
    log: log.child({ service: 'replicas' }),
  });
  if (monitor) defer(async () => monitor.stop());
  // Under the migration lock on PostgreSQL, before the indexer lock (a standby still migrates): web roles starting
  // beside this process never apply a migration twice. The chain identity is checked by the indexer, under its lock.
  // Migrations on a pool of their own, unbounded (one may rewrite a large table), as the indexer role runs them.
  if (target.kind === 'postgres') {
    const migrator = await openDatabase(target);
    try {
      await migrateShared(migrator);
    } finally {
      await closeWithin(migrator)();
    }
  } else await migrateShared(indexer);
  return { target, replicaCount: web.replicaCount, web, indexer };
}

/**
 * The demo's standing offers (demo/standing-offers.ts), relayed through the app's own relay with the services the web
 * app gets, once the database is open: the ones the relay holds already are not sent again.
 */
function placeDemoOffers({ chain, deployment }: DemoInput, history: DemoHistory, services: ServiceContext) {
  return placeStandingOffers({
    context: services,
    publicClient: chain.publicClient,
    deployment,
    chainId: chain.chainId,
    wallets: demoWallets(chain.rpcUrl),
    state: history.state,
    days: historySchedule(history.state).days,
  });
}

/** The app's settings: the parsed ones, with the demo committee's URLs and reader key where none are configured. */
export function webSettings(input: { env: StackEnv; demo: Partial<DemoCommittee> | undefined }): WebSettings {
  const { settings } = input.env.web;
  return {
    ...settings,
    oracleNodeUrls: settings.oracleNodeUrls.length > 0 ? settings.oracleNodeUrls : (input.demo?.nodeUrls ?? []),
    oracleReaderPrivateKey: settings.oracleReaderPrivateKey ?? input.demo?.readerKey,
  };
}

/**
 * The RPC URL every visitor's browser is handed. Only the local anvil's own URL may stand in for PUBLIC_RPC_URL: a
 * real chain's RPC_URL may carry an API key (review M-6), and the settings check already requires PUBLIC_RPC_URL there.
 */
export function publicRpcUrl(env: Pick<StackEnv, 'PUBLIC_RPC_URL' | 'localChain'>, rpcUrl: string): string {
  if (env.PUBLIC_RPC_URL) return env.PUBLIC_RPC_URL;
  if (env.localChain) return rpcUrl;
  throw new ConfigError('PUBLIC_RPC_URL is required with RPC_URL: the private RPC URL is never sent to browsers.');
}

/**
 * Starts every service in order, one progress line each. When `signal` fires between two steps, or a step fails,
 * what already runs is stopped in reverse order and the abort reason or the failure is thrown.
 */
export async function startStack(env: StackEnv, signal: AbortSignal, log: Logger): Promise<RunningStack> {
  const sequence = new StartSequence(STEP_COUNT, signal, log);
  try {
    const chain = await sequence.step(
      'Chain',
      (defer) => startChain(env, log, defer),
      ({ rpcUrl, chainId }) => `${redactUrl(rpcUrl)} (chain id ${chainId})`,
    );
    const deployment = await sequence.step(
      'Contracts',
      () => resolveContracts(env, chain, log),
      ({ deployBlock }) => `deployed at block ${deployBlock}`,
    );
    const demo: DemoInput = { env, chain, deployment, log };
    const history = await sequence.step(
      'Demo history',
      () => (env.demo ? replayDemoHistory(demo, signal) : undefined),
      (history) => describeHistory(history, env),
    );
    const committee = await sequence.step(
      'Oracle nodes',
      async (defer) => (history ? startDemoCommittee(demo, history, defer) : undefined),
      (committee) =>
        committee ? `${committee.nodeUrls.join(', ')} (/metrics), k = ${deployment.committee.threshold}` : 'off',
    );
    await sequence.step(
      'Simulator and agents',
      async (defer) => (history && committee ? startSimulation(demo, history, committee, defer) : undefined),
      (url) => (url ? `${url}, one epoch every ${env.DEMO_LIVE_EPOCH_SECONDS} s` : 'off'),
    );
    const database = await sequence.step(
      'Database',
      (defer) => startDatabase(env, chain, log, defer),
      ({ target, replicaCount }) =>
        target.kind === 'pglite'
          ? `PGlite in ${env.DATA_DIR}/pglite`
          : `PostgreSQL${replicaCount > 0 ? `, ${replicaCount} read replica${replicaCount > 1 ? 's' : ''}` : ''}`,
    );
    await sequence.step(
      'Indexer',
      (defer) => startIndexer(env, chain, deployment, database.indexer, log, signal, defer),
      (statusUrl) => (statusUrl ? `/health and /metrics at ${statusUrl}` : ''),
    );
    const services: ServiceContext = {
      web: webSettings({ env, demo: committee }),
      log: log.child({ service: 'web' }),
      db: database.web.db,
      chain: {
        chainId: chain.chainId,
        publicRpcUrl: publicRpcUrl(env, chain.rpcUrl),
        localChain: env.localChain,
        publicClient: chain.publicClient,
        deployment,
      },
    };
    await sequence.step(
      'Demo offers',
      async () => (history ? placeDemoOffers(demo, history, services) : undefined),
      (offers) => (offers ? `${offers.length} standing offers on the book` : 'off'),
    );
    const webUrl = await sequence.step(
      'Web app',
      async (defer) => {
        if (appBuildIsStale()) buildApp();
        const web = await startWeb({ port: env.PORT, host: env.web.host, context: services });
        defer(web.close);
        return web.url;
      },
      (url) => url,
    );
    return { chain, deployment, webUrl, stop: () => sequence.stopAll() };
  } catch (error) {
    await sequence.stopAll();
    throw error;
  }
}
