/**
 * The demo after its history: the simulator serves the same world at the wall clock, the real agents sample it every
 * few seconds (their own run loop) and deliver to the committee, which reports one epoch per DEMO_LIVE_EPOCH_SECONDS;
 * operators keep depositing the holders' share of each week's reported revenue when a week boundary passes on chain.
 * The stale and the suspended clusters (roles.ts) are not sampled: the one stays Stale, the other's reports would be
 * skipped. Nobody buys, settles or refunds here: the open, upcoming and failed sales stay as the set-up left them.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Address, PublicClient } from 'viem';
import type { Deployment } from '#contracts/deployments';
import { Agent } from '../oracle/agent/agent';
import { Simulator } from '../oracle/simulator/model';
import { BillingExporter, startSimulatorServer } from '../oracle/simulator/server';
import { startCommittee } from './committee';
import { depositRevenue } from './deposits';
import { sampledLive } from './roles';
import { agentConfigs, type DemoState, demoIdcs, writeDemoState } from './run';

const WEEK = 7 * 86_400;

export type LiveOptions = {
  rpcUrl: string;
  chainId: number;
  publicClient: PublicClient;
  deployment: Deployment;
  directory: string;
  state: DemoState;
  epochSeconds: number;
  nodeBasePort: number;
  simulatorPort: number;
  log: Logger;
};

export function liveCommittee(
  options: LiveOptions & { members: Parameters<typeof startCommittee>[0]['members']; telemetryReaders?: Address[] },
) {
  return startCommittee({
    members: options.members,
    rpcUrl: options.rpcUrl,
    chainId: options.chainId,
    registry: options.deployment.contracts.clusterRegistry,
    threshold: options.deployment.committee.threshold,
    directory: options.directory,
    epochSeconds: options.epochSeconds,
    // One transaction per epoch for all clusters, unless one of them is late.
    gatherMs: Math.min(10_000, options.epochSeconds * 250),
    warpChain: true,
    telemetryReaders: options.telemetryReaders,
    log: options.log,
  });
}

export async function startLiveSimulation(options: LiveOptions & { nodeUrls: string[] }) {
  const { state, log } = options;
  const simulator = new Simulator({
    seed: state.seed,
    origin: state.origin,
    idcs: demoIdcs(state.clusterLimit ?? undefined),
  });
  const server = await startSimulatorServer(simulator, Date.now, options.simulatorPort);
  const billing = new BillingExporter(simulator, join(options.directory, 'billing'));
  const sampleIntervalSeconds = Math.max(1, Math.round(options.epochSeconds / 6));
  billing.writeAll(Date.now());
  const agents = await Promise.all(
    agentConfigs({
      simulator,
      state,
      chainId: options.chainId,
      registry: options.deployment.contracts.clusterRegistry,
      nodeUrls: options.nodeUrls,
      directory: options.directory,
      sourceUrl: server.sourceUrl,
      billing,
      sampleIntervalSeconds,
      snapshotsPerBatch: 2,
      samples: (cluster) => sampledLive(cluster.key),
    }).map(({ config, operatorKey }) => Agent.open(config, operatorKey, log.child({ service: 'agent' }))),
  );
  const controller = new AbortController();
  const billingTimer = setInterval(() => billing.writeAll(Date.now()), sampleIntervalSeconds * 1000);
  const running = agents.map((agent) => agent.run(controller.signal));
  let depositing = Promise.resolve();
  const depositTimer = setInterval(() => {
    depositing = depositing.then(async () => {
      try {
        const latest = await options.publicClient.getBlock({ blockTag: 'latest' });
        const weekEnd = state.depositedThrough + WEEK;
        if (Number(latest.timestamp) < weekEnd + options.epochSeconds) return;
        await depositRevenue({ ...options, state, through: weekEnd });
        writeDemoState(options.directory, state);
        log.info({ through: weekEnd }, 'weekly revenue deposited');
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'weekly deposit failed; retrying later');
      }
    });
  }, 30_000);
  return {
    url: server.url,
    async stop() {
      clearInterval(billingTimer);
      clearInterval(depositTimer);
      controller.abort();
      await Promise.allSettled(running);
      await depositing;
      for (const agent of agents) await agent.close();
      await server.close();
    },
  };
}
