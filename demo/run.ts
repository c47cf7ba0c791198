/**
 * The demo on a fresh local chain, entirely through the real path: operators register clusters with a hardware
 * commitment from the simulated GPUs' UUIDs, prove their inventories to the oracle nodes (challenge-response, k of
 * n), tokenize; investors buy the offerings, which are finalized and withdrawn (setup.ts), except those of the
 * clusters that show the other states (roles.ts: one sale open, one upcoming, one failing). Then history: the real
 * IDC agents read the simulator's DCGM / nvidia-smi endpoints and billing exports at simulated times (one snapshot per
 * GPU per hour, a batch per cluster per day), the oracle nodes (child processes) aggregate and sign hourly reports and
 * their relayer submits them, up to 12 consecutive epochs per transaction, while moving the chain's clock forward;
 * operators deposit the holders' share of each week's reported revenue (economics.ts), streamed over the next week,
 * while the following days are sampled. The stale cluster's reports stop near the end; after the history the guardian
 * key suspends one cluster (suspend.ts).
 *
 * Every step can be interrupted and run again: the set-up does what the chain does not show yet, the history starts
 * at the first day the chain has not fully reported, the deposits top tokens up to the holders' share of what was
 * reported (deposits.ts), agents drop what their spool already holds and nodes what their journal already holds.
 * `demo.json` (state.ts) holds the plan and, once `historyComplete`, lets a later start go live at once.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Deployment } from '#contracts/deployments';
import { BaseError } from '#protocol/base-error';
import { devPrivateKey, devRoles } from '../devnet/accounts';
import { DEMO_IDCS, type IdcSpec, Simulator } from '../oracle/simulator/model';
import { startCommittee } from './committee';
import { historySchedule, replayHistory } from './history';
import { staleUntil } from './roles';
import { demoClustersOnChain, setUpDemo } from './setup';
import { type DemoState, PLAN_FILE, readDemoState, writeDemoState } from './state';
import { suspendDemoCluster } from './suspend';
import { chainTime, DemoError, demoWallets } from './wallets';

export { agentConfigs, historySchedule } from './history';
export { type DemoCluster, type DemoState, readDemoState, writeDemoState } from './state';
export { DemoError, demoWallets } from './wallets';

const HOUR = 3_600;
const DAY = 24 * HOUR;

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
export class DemoInterrupted extends BaseError {
  override name = 'DemoInterrupted';
  constructor(shortMessage: string) {
    super(shortMessage, { code: 'demo_interrupted' });
  }
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

/** The demo's record in `directory` (demo.json, else the plan written before anything landed), if readable. */
function readRecordedState(directory: string, log: Logger) {
  const unreadable = (file: string) => (reason: string) =>
    log.warn({ reason }, `the demo record ${file} could not be read: moved aside, the chain says what landed`);
  return (
    readDemoState(directory, unreadable('demo.json')) ?? readDemoState(directory, unreadable(PLAN_FILE), PLAN_FILE)
  );
}

/**
 * The state to go on from: the recorded one when its clusters are on chain (the clock set back to the chain's last
 * block), else a fresh plan in an emptied folder. Refuses a chain whose demo clusters lost their record.
 */
async function resumeOrPlan(options: DemoOptions, directory: string, recorded: DemoState | undefined) {
  const { publicClient, deployment, log } = options;
  let state = recorded;
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
  if (state && resuming) {
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
  if (state.historyEnd === 0) state.historyEnd = (await plan(options)).historyEnd;
  return state;
}

/** The oracle committee that reports the replayed history: child processes whose relayers warp the chain's clock. */
function startHistoryCommittee(options: DemoOptions, directory: string) {
  const { deployment, log } = options;
  return startCommittee({
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
}

/**
 * Runs the set-up and the history, or what the chain does not have of them yet; returns the recorded state.
 * Throws DemoInterrupted when the signal fires (between steps; what landed stays for the next run).
 */
export async function runDemoHistory(options: DemoOptions): Promise<DemoResult> {
  const { publicClient, deployment, log, signal } = options;
  const directory = demoDirectory(options.dataDir, deployment);
  mkdirSync(directory, { recursive: true });
  const recorded = readRecordedState(directory, log);
  if (recorded?.historyComplete) return { state: recorded, skipped: true };
  const current = await resumeOrPlan(options, directory, recorded);
  const simulator = new Simulator({
    seed: current.seed,
    origin: current.origin,
    idcs: demoIdcs(current.clusterLimit ?? undefined),
  });
  const committee = await startHistoryCommittee(options, directory);
  const wallets = demoWallets(options.rpcUrl);
  try {
    const clusters = await setUpDemo({
      rpcUrl: options.rpcUrl,
      chainId: options.chainId,
      publicClient,
      deployment,
      simulator,
      // The live simulator serves the documents on this port once the history is replayed.
      metadataBaseUrl: `http://127.0.0.1:${options.simulatorPort}`,
      nodeUrls: committee.urls,
      wallets,
      // The plan's origin is an hour or two after the set-up began.
      validFrom: current.origin / 1000 - 2 * HOUR,
      historyEnd: current.historyEnd,
      staleUntil: staleUntil(current, historySchedule(current).days),
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
    signal.throwIfAborted();
    await suspendDemoCluster({
      publicClient,
      deployment,
      wallets,
      clusters: current.clusters,
      historyEnd: current.historyEnd,
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
