/**
 * The demo on a fresh local chain, entirely through the real path: operators register clusters with a hardware
 * commitment from the simulated GPUs' UUIDs, prove their inventories to the oracle nodes (challenge-response, k of
 * n), tokenize; investors buy the offerings, which are finalized and withdrawn (demo-setup.ts). Then history: the real
 * IDC agents read the simulator's DCGM / nvidia-smi endpoints and billing exports at simulated times (one snapshot per
 * GPU per hour, a batch per cluster per day), the oracle nodes (child processes) aggregate and sign hourly reports and
 * their relayer submits them, up to 12 consecutive epochs per transaction, while moving the chain's clock forward;
 * operators deposit each week's reported revenue, streamed over the next week, while the following days are sampled.
 *
 * Every step can be interrupted and run again: the set-up does what the chain does not show yet, the history starts
 * at the first day the chain has not fully reported, the deposits top tokens up to what was reported (deposits.ts),
 * agents drop what their spool already holds and nodes what their journal already holds. `demo.json` (demo-state.ts)
 * holds the plan and, once `historyComplete`, lets a later start go live at once.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Address, PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { clusterRegistryAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { devPrivateKey, devRoles } from '../../scripts/stack/dev-accounts';
import { Agent, type AgentConfig } from '../agent/agent';
import { startCommittee } from './committee';
import { demoClustersOnChain, setUpDemo } from './demo-setup';
import { type DemoState, PLAN_FILE, readDemoState, writeDemoState } from './demo-state';
import { depositRevenue, freshLedger } from './deposits';
import { DEMO_IDCS, type IdcSpec, type SimCluster, Simulator } from './model';
import { createProgressBar } from './progress';
import { BillingExporter, startSimulatorServer } from './server';
import { DemoError, type DemoWallets, demoWallets } from './wallets';

export { type DemoCluster, type DemoState, readDemoState, writeDemoState } from './demo-state';
export { depositRevenue } from './deposits';
export { DemoError, demoWallets } from './wallets';

const HOUR = 3_600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export type DemoOptions = {
  rpcUrl: string;
  chainId: number;
  publicClient: PublicClient;
  deployment: Deployment;
  /** Root of the demo's files; each deployment gets its own folder under it. */
  dataDir: string;
  seed: string;
  historyDays: number;
  /** Use only the first N simulated clusters (tests). */
  clusterLimit?: number;
  nodeBasePort: number;
  simulatorPort: number;
  log: Logger;
  signal: AbortSignal;
  progress?: NodeJS.WriteStream;
  /** Called after each step whose transactions landed and whose progress is recorded (tests interrupt here). */
  onStep?: (step: string) => void;
};

/** The demo stopped because its signal fired; what landed stays, and the next run resumes from it. */
export class DemoInterrupted extends Error {
  override name = 'DemoInterrupted';
}

export type DemoResult = {
  state: DemoState;
  /** The history was complete already: nothing was done. */
  skipped: boolean;
  /** Where an interrupted history went on (1-based day of `days`); absent when it started from the beginning. */
  resumed?: { day: number; days: number };
};

export const demoDirectory = (dataDir: string, deployment: Deployment) =>
  join(dataDir, deployment.contracts.clusterRegistry.toLowerCase());

export function demoIdcs(limit?: number): IdcSpec[] {
  if (limit === undefined) return DEMO_IDCS;
  let left = limit;
  return DEMO_IDCS.map((idc) => {
    const clusters = idc.clusters.slice(0, Math.max(0, left));
    left -= clusters.length;
    return { ...idc, clusters };
  }).filter((idc) => idc.clusters.length > 0);
}

export const committeeMembers = (basePort: number) =>
  devRoles.oracleNodes.map((index, position) => ({
    address: privateKeyToAccount(devPrivateKey(index)).address,
    privateKey: devPrivateKey(index),
    relayerKey: devPrivateKey(devRoles.oracleRelayers[position]!),
    port: basePort + position,
  }));

const chainTime = async (publicClient: PublicClient) =>
  Number((await publicClient.getBlock({ blockTag: 'latest' })).timestamp);

/** Sample times (Unix ms) of every day of the history: one per hour at the hour's middle, the last at its end. */
export function historySchedule(state: Pick<DemoState, 'origin' | 'historyEnd'>) {
  // Each sample closes the epoch before it; the last one, at the top of the history's last hour, closes that hour.
  const firstSample = state.origin + 1_800_000;
  const days = Math.max(1, Math.ceil((state.historyEnd * 1000 - firstSample) / (DAY * 1000)));
  const samplesOf = (day: number) => {
    const samples: number[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const t = firstSample + (day * 24 + hour) * HOUR * 1000;
      if (t > state.historyEnd * 1000) break;
      samples.push(t);
    }
    if (day === days - 1) samples.push(state.historyEnd * 1000);
    return samples;
  };
  return { days, samplesOf };
}

/** The plan of a new demo: the simulated world starts at the top of the hour after the next one, by chain time. */
async function plan(options: DemoOptions): Promise<DemoState> {
  const setupStart = await chainTime(options.publicClient);
  const origin = (Math.ceil(setupStart / HOUR) + 1) * HOUR * 1000;
  return {
    registry: options.deployment.contracts.clusterRegistry,
    seed: options.seed,
    origin,
    clusterLimit: options.clusterLimit ?? null,
    historyEnd: Math.min(origin / 1000 + options.historyDays * DAY, Math.floor(Date.now() / 1000 / HOUR) * HOUR),
    clusters: [],
    depositedThrough: origin / 1000,
    reportScanBlock: options.deployment.deployBlock.toString(),
    reported: {},
    historyDay: 0,
    historyComplete: false,
  };
}

/** Empties the demo's folder: journals, spools and billing files of a set-up the chain does not have. */
function clearDirectory(directory: string) {
  for (const entry of readdirSync(directory)) rmSync(join(directory, entry), { recursive: true, force: true });
}

/**
 * Runs the set-up and the history, or what the chain does not have of them yet; returns the recorded state.
 * Throws DemoInterrupted when the signal fires (between steps; what landed stays for the next run).
 */
export async function runDemoHistory(options: DemoOptions): Promise<DemoResult> {
  const { publicClient, deployment, log, signal } = options;
  const directory = demoDirectory(options.dataDir, deployment);
  mkdirSync(directory, { recursive: true });
  const unreadable = (file: string) => (reason: string) =>
    log.warn({ reason }, `the demo record ${file} could not be read: moved aside, the chain says what landed`);
  let state =
    readDemoState(directory, unreadable('demo.json')) ?? readDemoState(directory, unreadable(PLAN_FILE), PLAN_FILE);
  if (state?.historyComplete) return { state, skipped: true };
  const onChain = await demoClustersOnChain(publicClient, deployment);
  if (!state && onChain.size > 0) {
    throw new DemoError(
      'the demo clusters on this chain have lost their demo record: delete the data directory to start the demo over',
    );
  }
  const resuming = state !== undefined && onChain.size > 0;
  if (state && !resuming) {
    log.warn('the demo was interrupted before any of it landed on chain: starting it over');
  }
  if (resuming) {
    // A local chain reloaded from its state file runs on the wall clock again: the history goes on from its last
    // block's time, as it would have without the interruption (anvil allows setting the clock back while no block
    // was mined after it).
    await publicClient.request({
      method: 'evm_setTime' as never,
      params: [(await chainTime(publicClient)) + 1] as never,
    });
  } else {
    clearDirectory(directory);
    state = await plan(options);
    writeDemoState(directory, state, PLAN_FILE);
    writeDemoState(directory, state);
  }
  // Records of an earlier version carry no planned end: the one a fresh plan would have made.
  if (state!.historyEnd === 0) state!.historyEnd = (await plan(options)).historyEnd;
  const current = state!;
  const simulator = new Simulator({
    seed: current.seed,
    origin: current.origin,
    idcs: demoIdcs(current.clusterLimit ?? undefined),
  });
  const committee = await startCommittee({
    members: committeeMembers(options.nodeBasePort),
    rpcUrl: options.rpcUrl,
    chainId: options.chainId,
    registry: deployment.contracts.clusterRegistry,
    threshold: deployment.committee.threshold,
    directory,
    epochSeconds: HOUR,
    // History is replayed far faster than it happened: epochs close on later samples, never on the wall clock.
    graceSeconds: 10 * 365 * DAY,
    // The history is days old by the wall clock; the floor that matters is the attestation (on chain, before it).
    backfillSeconds: 9 * 365 * DAY,
    takeoverMs: 60_000,
    relayIntervalMs: 50,
    gatherMs: 20_000,
    // A day of epochs arrives at once: half a day per transaction keeps a block well under its gas limit.
    maxEpochsPerSubmission: 12,
    warpChain: true,
    log,
  });
  const wallets = demoWallets(options.rpcUrl);
  try {
    const clusters = await setUpDemo({
      rpcUrl: options.rpcUrl,
      chainId: options.chainId,
      publicClient,
      deployment,
      simulator,
      nodeUrls: committee.urls,
      wallets,
      // The plan's origin is an hour or two after the set-up began.
      validFrom: current.origin / 1000 - 2 * HOUR,
      signal,
      onStep: (step) => {
        writeDemoState(directory, current);
        options.onStep?.(step);
      },
    });
    current.clusters = clusters;
    writeDemoState(directory, current);
    signal.throwIfAborted();
    options.onStep?.('set up');

    // ---- history
    const resumed = await replayHistory({
      ...options,
      directory,
      simulator,
      state: current,
      nodeUrls: committee.urls,
      wallets,
    });
    current.historyComplete = true;
    writeDemoState(directory, current);
    return { state: current, skipped: false, resumed };
  } catch (error) {
    if (signal.aborted) throw new DemoInterrupted('the demo history was interrupted: the next start resumes it');
    throw error;
  } finally {
    await committee.stop();
  }
}

export function agentConfigs(options: {
  simulator: Simulator;
  state: DemoState;
  chainId: number;
  registry: Address;
  nodeUrls: string[];
  directory: string;
  sourceUrl: (cluster: SimCluster) => string;
  billing: BillingExporter;
  sampleIntervalSeconds: number;
  snapshotsPerBatch: number;
}) {
  const idcs = [...new Set(options.simulator.clusters.map((cluster) => cluster.idc))];
  return idcs.map((idc) => {
    const config: AgentConfig = {
      chainId: options.chainId,
      registry: options.registry,
      operatorKeyEnv: 'OPERATOR_PRIVATE_KEY',
      nodes: options.nodeUrls,
      spoolDir: join(options.directory, 'spool', idc.key),
      sampleIntervalSeconds: options.sampleIntervalSeconds,
      snapshotsPerBatch: options.snapshotsPerBatch,
      clusters: options.simulator.clusters
        .filter((cluster) => cluster.idc === idc)
        .map((cluster) => ({
          clusterId: BigInt(options.state.clusters.find((entry) => entry.key === cluster.key)!.clusterId),
          source:
            cluster.idc.source === 'dcgm'
              ? { kind: 'dcgm' as const, url: options.sourceUrl(cluster) }
              : { kind: 'nvidia-smi-csv' as const, url: options.sourceUrl(cluster) },
          billingFile: options.billing.path(cluster),
          // The inventory the demo attested: readings of any other GPU are dropped before signing.
          inventory: cluster.gpus.map((gpu) => gpu.uuid),
        })),
    };
    return { idc, config, operatorKey: devPrivateKey(idc.operatorIndex) };
  });
}

/**
 * Replays the history from the first day the chain has not fully reported; returns where it resumed, if it did.
 * Days before that are not sampled again: their batches are in the agents' spools (sent again from each node's cursor)
 * and their reports on chain.
 */
async function replayHistory(
  options: DemoOptions & {
    directory: string;
    simulator: Simulator;
    state: DemoState;
    nodeUrls: string[];
    wallets: DemoWallets;
  },
): Promise<DemoResult['resumed']> {
  const { simulator, state, publicClient, deployment, log, signal } = options;
  let simulatedNow = simulator.origin;
  const server = await startSimulatorServer(simulator, () => simulatedNow, 0);
  const billing = new BillingExporter(simulator, join(options.directory, 'billing'));
  const openAgents = (snapshotsPerBatch: number) =>
    Promise.all(
      agentConfigs({
        simulator,
        state,
        chainId: options.chainId,
        registry: deployment.contracts.clusterRegistry,
        nodeUrls: options.nodeUrls,
        directory: options.directory,
        sourceUrl: server.sourceUrl,
        billing,
        sampleIntervalSeconds: HOUR,
        snapshotsPerBatch,
      }).map(({ config, operatorKey }) => Agent.open(config, operatorKey, log.child({ service: 'agent' }))),
    );
  const agents: Agent[] = [];
  const clusterIds = state.clusters.map((cluster) => BigInt(cluster.clusterId));
  const { days, samplesOf } = historySchedule(state);
  const lastEpochs = () =>
    Promise.all(
      clusterIds.map((clusterId) =>
        publicClient.readContract({
          address: deployment.contracts.clusterRegistry,
          abi: clusterRegistryAbi,
          functionName: 'lastEpochOf',
          args: [clusterId],
        }),
      ),
    );
  const waitForEpoch = async (epoch: number) => {
    while (!signal.aborted) {
      const epochs = await lastEpochs();
      if (epochs.every((value) => value >= BigInt(epoch))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // The chain, not the record, says where the history stands: the day of the oldest last report among the clusters
  // (a day it covers in part is sampled again; the agents drop what they spooled already).
  const reportedThrough = Math.min(...(await lastEpochs()).map(Number));
  const startDay = Math.min(days - 1, Math.max(0, Math.floor((reportedThrough - simulator.origin / 1000) / DAY)));
  const resumed = startDay > 0 ? { day: startDay + 1, days } : undefined;
  // The deposits' ledger is rebuilt from the chain: weeks already deposited deposit nothing again.
  freshLedger(state, deployment);
  const bar = createProgressBar('history', days, options.progress);
  if (resumed) {
    log.info(resumed, 'resuming the demo history');
    bar.update(startDay, `resuming at day ${resumed.day} of ${days}`);
  }
  let delivering: Promise<unknown> = Promise.resolve();
  let depositing: Promise<void> = Promise.resolve();
  let depositScheduledThrough = state.depositedThrough;
  let reports = 0;
  try {
    agents.push(...(await openAgents(24)));
    for (let day = startDay; day < days && !signal.aborted; day++) {
      const samples = samplesOf(day);
      if (samples.length !== 24) {
        // The last day: a batch of exactly what is left (fewer than 24 hours, or 24 plus the sample at the history's
        // end), so that agents batching 24 snapshots do not keep the remainder back unsealed.
        for (const agent of agents) await agent.close();
        agents.splice(0, agents.length, ...(await openAgents(samples.length)));
      }
      for (const [position, t] of samples.entries()) {
        simulatedNow = t;
        // The billing system's export as of the batch's last sample goes into the batch.
        if (position === samples.length - 1) billing.writeAll(t);
        await Promise.all(agents.map((agent) => agent.sampleOnce(t)));
      }
      await delivering;
      delivering = Promise.all(agents.map((agent) => agent.deliver()));
      reports += samples.length * clusterIds.length;
      // Weekly: once the week's reports are on chain, each operator deposits what they report, over the next week.
      // That happens beside the sampling of the following days, which never waits for it. A resumed history catches
      // up the weeks before it first (those already deposited deposit nothing).
      const closedThrough = Math.floor((samples.at(-1)! / 1000 - 1) / HOUR) * HOUR;
      while (closedThrough >= depositScheduledThrough + WEEK) {
        const weekEnd = depositScheduledThrough + WEEK;
        depositScheduledThrough = weekEnd;
        depositing = depositing.then(async () => {
          await waitForEpoch(weekEnd);
          if (signal.aborted) return;
          await depositRevenue({ ...options, state, through: weekEnd });
          writeDemoState(options.directory, state);
          options.onStep?.(`deposited through ${weekEnd}`);
        });
        // Its failure surfaces where the history ends (awaited there), not as an unhandled rejection meanwhile.
        depositing.catch(() => undefined);
      }
      state.historyDay = day + 1;
      writeDemoState(options.directory, state);
      bar.update(day + 1, `day ${day + 1}/${days} · ${reports.toLocaleString('en-US')} cluster-hours`);
      options.onStep?.(`sampled day ${day + 1} of ${days}`);
    }
    await delivering;
    await depositing;
    await waitForEpoch(Math.floor((state.historyEnd - 1) / HOUR) * HOUR);
    signal.throwIfAborted();
    // The chain's clock catches up with the present: the last deposit went in beside the last reports, and only a
    // later block lets its stream (and the investors' claimable revenue) start to run.
    const present = Math.floor(Date.now() / 1000);
    if ((await chainTime(publicClient)) < present) {
      await publicClient.request({ method: 'evm_setNextBlockTimestamp' as never, params: [present] as never });
      await publicClient.request({ method: 'evm_mine' as never });
    }
    bar.finish(`${days} days · ${reports.toLocaleString('en-US')} cluster-hours`);
    return resumed;
  } finally {
    for (const agent of agents) await agent.close();
    await server.close();
  }
}
