/**
 * The demo's history: the IDC agents sample the simulator at simulated hours, a batch per cluster per day, and deliver
 * to the committee, whose relayer lands the hourly reports; operators deposit the holders' share of each week's
 * reported revenue. Where the chain already has reports (an interrupted run), it starts at the first day the chain
 * has not fully reported. The stale cluster (roles.ts) is no longer sampled from `staleFromDay` on: its reports stop.
 */
import { join } from 'node:path';
import type { Address } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { devPrivateKey } from '../devnet/accounts';
import { Agent, type AgentConfig } from '../oracle/agent/agent';
import type { SimCluster, Simulator } from '../oracle/simulator/model';
import { BillingExporter, startSimulatorServer } from '../oracle/simulator/server';
import { depositRevenue, freshLedger } from './deposits';
import { createProgressBar } from './progress';
import { demoRoleOf, staleFromDay, staleLastEpoch } from './roles';
import type { DemoOptions, DemoResult } from './run';
import { type DemoState, writeDemoState } from './state';
import { startDemoTrading } from './trading';
import { chainTime, type DemoWallets } from './wallets';

const HOUR = 3_600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

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
  /** Whether the agents sample this cluster (default: all): the stale cluster's reports stop, roles.ts. */
  samples?: (cluster: SimCluster) => boolean;
}) {
  const sampled = options.simulator.clusters.filter(options.samples ?? (() => true));
  const idcs = [...new Set(sampled.map((cluster) => cluster.idc))];
  return idcs.map((idc) => {
    const config: AgentConfig = {
      chainId: options.chainId,
      registry: options.registry,
      operatorKeyEnv: 'OPERATOR_PRIVATE_KEY',
      nodes: options.nodeUrls,
      spoolDir: join(options.directory, 'spool', idc.key),
      sampleIntervalSeconds: options.sampleIntervalSeconds,
      snapshotsPerBatch: options.snapshotsPerBatch,
      clusters: sampled
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
export async function replayHistory(
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
  const { days, samplesOf } = historySchedule(state);
  const stopDay = staleFromDay(days);
  const openAgents = (snapshotsPerBatch: number, day: number) =>
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
        samples: (cluster) => day < stopDay || demoRoleOf(cluster.key) !== 'stale',
      }).map(({ config, operatorKey }) => Agent.open(config, operatorKey, log.child({ service: 'agent' }))),
    );
  const agents: Agent[] = [];
  const clusterIds = state.clusters.map((cluster) => BigInt(cluster.clusterId));
  // The epoch each cluster is reported through at most: the stale one's stop, the others' the history's end.
  const ceilings = state.clusters.map((cluster) =>
    demoRoleOf(cluster.key) === 'stale' ? staleLastEpoch(state, days) : Number.POSITIVE_INFINITY,
  );
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
      if (epochs.every((value, index) => Number(value) >= Math.min(epoch, ceilings[index]!))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // The chain, not the record, says where the history stands: the day of the oldest last report among the clusters
  // (a day it covers in part is sampled again; the agents drop what they spooled already).
  // A cluster reported through its ceiling (the stale one, stopped) holds nothing back.
  const reportedThrough = Math.min(
    ...(await lastEpochs()).map((value, index) =>
      Number(value) >= ceilings[index]! ? Number.POSITIVE_INFINITY : Number(value),
    ),
  );
  const startDay = Math.min(days - 1, Math.max(0, Math.floor((reportedThrough - simulator.origin / 1000) / DAY)));
  const resumed = startDay > 0 ? { day: startDay + 1, days } : undefined;
  // The deposits' ledger is rebuilt from the chain: weeks already deposited deposit nothing again.
  freshLedger(state, deployment);
  // The investors' trades on the market, a few per cluster spread over the days (trading.ts).
  const tradeThrough = await startDemoTrading({ ...options, state }, days);
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
    agents.push(...(await openAgents(24, startDay)));
    let opened = { batch: 24, withStale: startDay < stopDay };
    for (let day = startDay; day < days && !signal.aborted; day++) {
      const samples = samplesOf(day);
      // The last day: a batch of exactly what is left (fewer than 24 hours, or 24 plus the sample at the history's
      // end), so that agents batching 24 snapshots do not keep the remainder back unsealed. From the stale cluster's
      // stop on, agents without it (a day's batches are sealed at its end, so nothing of it is left unsent).
      const wanted = { batch: samples.length, withStale: day < stopDay };
      if (wanted.batch !== opened.batch || wanted.withStale !== opened.withStale) {
        // Closing an agent aborts its delivery: the previous day's batches go out first (a cut delivery left some
        // clusters' batches with fewer nodes than the threshold, and their reports never came).
        await delivering;
        for (const agent of agents) await agent.close();
        agents.splice(0, agents.length, ...(await openAgents(samples.length, day)));
        opened = wanted;
      }
      for (const [position, t] of samples.entries()) {
        // A day takes seconds: Ctrl-C is honoured between samples (the day is sampled again on resume).
        if (signal.aborted) break;
        simulatedNow = t;
        // The billing system's export as of the batch's last sample goes into the batch.
        if (position === samples.length - 1) billing.writeAll(t);
        await Promise.all(agents.map((agent) => agent.sampleOnce(t)));
      }
      if (signal.aborted) break;
      await delivering;
      delivering = Promise.all(agents.map((agent) => agent.deliver()));
      reports += samples.length * clusterIds.length;
      // Weekly: once the week's reports are on chain, each operator deposits the holders' share of what it reported,
      // over the next week. That happens beside the sampling of the following days, which never waits for it. A
      // resumed history catches up the weeks before it first (those already deposited deposit nothing).
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
      await tradeThrough(day);
      state.historyDay = day + 1;
      writeDemoState(options.directory, state);
      bar.update(day + 1, `day ${day + 1}/${days} · ${reports.toLocaleString('en-US')} cluster-hours`);
      options.onStep?.(`sampled day ${day + 1} of ${days}`);
    }
    await delivering;
    await depositing;
    // Through the epoch that ends at the history's end (the sample taken at that second closes it): waiting for the
    // one before returned while the last report could still be in flight, and a caller that read the chain then
    // (the resume test under load) missed it.
    await waitForEpoch(Math.floor(state.historyEnd / HOUR) * HOUR);
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
