/**
 * The demo on a fresh local chain, entirely through the real path: operators register clusters with a hardware
 * commitment from the simulated GPUs' UUIDs, prove their inventories to the oracle nodes (challenge-response, k of
 * n), tokenize; investors buy the offerings, which are finalized and withdrawn. Then history: the real IDC agents read
 * the simulator's DCGM / nvidia-smi endpoints and billing exports at simulated times (one snapshot per GPU per hour, a
 * batch per cluster per day), the oracle nodes (child processes) aggregate and sign hourly reports and their relayer
 * submits them, up to 12 consecutive epochs per transaction, while moving the chain's clock forward; operators
 * deposit each week's reported revenue, streamed over the next week, while the following days are sampled. What was
 * set up is recorded in `demo.json` so a later start goes live at once.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import {
  type Account,
  type Address,
  type Chain,
  createWalletClient,
  type Hash,
  http,
  maxUint256,
  nonceManager,
  type PublicClient,
  parseEventLogs,
  type Transport,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { devPrivateKey, devRoles } from '../../scripts/stack/dev-accounts';
import { Agent, type AgentConfig } from '../agent/agent';
import { attestCluster } from '../agent/attest';
import { hardwareRoot } from '../hardware';
import { localChain } from '../node/harness';
import { startCommittee } from './committee';
import { DEMO_IDCS, type IdcSpec, type SimCluster, Simulator } from './model';
import { createProgressBar } from './progress';
import { BillingExporter, startSimulatorServer } from './server';

const HOUR = 3_600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const SHARE = 10n ** 18n;
const SHARE_SUPPLY = 10_000n * SHARE;
/** Investors #4, #5, #6 take these parts of every offering (basis points). */
const INVESTOR_PARTS = [4_000n, 3_500n, 2_500n];

export type DemoCluster = { key: string; clusterId: string; token: Address; offering: Address };
export type DemoState = {
  registry: Address;
  seed: string;
  /** Unix ms: the simulator's origin (the live simulator must be the same world). */
  origin: number;
  clusterLimit: number | null;
  clusters: DemoCluster[];
  /** Unix s: revenue reported up to here has been deposited. */
  depositedThrough: number;
  /** Block from which reports not yet deposited are searched. */
  reportScanBlock: string;
  historyComplete: boolean;
};

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
};

export class DemoError extends Error {
  override name = 'DemoError';
}

export const demoDirectory = (dataDir: string, deployment: Deployment) =>
  join(dataDir, deployment.contracts.clusterRegistry.toLowerCase());

export function readDemoState(directory: string): DemoState | undefined {
  const path = join(directory, 'demo.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as DemoState) : undefined;
}

export function writeDemoState(directory: string, state: DemoState) {
  const path = join(directory, 'demo.json');
  writeFileSync(`${path}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

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

type Wallet = WalletClient<Transport, Chain, Account>;

export function demoWallets(rpcUrl: string) {
  const chain = localChain(rpcUrl);
  const cache = new Map<number, Wallet>();
  return (index: number) => {
    let wallet = cache.get(index);
    if (!wallet) {
      wallet = createWalletClient({
        account: privateKeyToAccount(devPrivateKey(index), { nonceManager }),
        chain,
        transport: http(rpcUrl),
      });
      cache.set(index, wallet);
    }
    return wallet;
  };
}

async function settle(publicClient: PublicClient, hashes: Hash[]) {
  const receipts = await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
  const failed = receipts.find((receipt) => receipt.status !== 'success');
  if (failed) throw new DemoError(`demo transaction ${failed.transactionHash} reverted`);
  return receipts;
}

const chainTime = async (publicClient: PublicClient) =>
  Number((await publicClient.getBlock({ blockTag: 'latest' })).timestamp);

/** Runs the set-up and the history unless this deployment already has them; returns the recorded state. */
export async function runDemoHistory(options: DemoOptions): Promise<{ state: DemoState; skipped: boolean }> {
  const { publicClient, deployment, log } = options;
  const directory = demoDirectory(options.dataDir, deployment);
  const recorded = readDemoState(directory);
  if (recorded) {
    if (!recorded.historyComplete) log.warn('the demo history was interrupted last time; going live with what landed');
    return { state: recorded, skipped: true };
  }
  const registered = await publicClient.readContract({
    address: deployment.contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: 'clusterCount',
  });
  if (registered > 0n) throw new DemoError('clusters exist on this chain but no demo record: not setting up a demo');
  mkdirSync(directory, { recursive: true });
  const wallet = demoWallets(options.rpcUrl);
  const contracts = deployment.contracts;
  const setupStart = await chainTime(publicClient);
  const simulator = new Simulator({
    seed: options.seed,
    origin: (Math.ceil(setupStart / HOUR) + 1) * HOUR * 1000,
    idcs: demoIdcs(options.clusterLimit),
  });
  const committee = await startCommittee({
    members: committeeMembers(options.nodeBasePort),
    rpcUrl: options.rpcUrl,
    chainId: options.chainId,
    registry: contracts.clusterRegistry,
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
  try {
    // ---- register, attest, tokenize (operators in parallel, each operator's transactions in order)
    const byOperator = new Map<number, SimCluster[]>();
    for (const cluster of simulator.clusters) {
      byOperator.set(cluster.idc.operatorIndex, [...(byOperator.get(cluster.idc.operatorIndex) ?? []), cluster]);
    }
    const clusterIds = new Map<string, bigint>();
    const demoClusters: DemoCluster[] = [];
    await Promise.all(
      [...byOperator].map(async ([operator, clusters]) => {
        const hashes: Hash[] = [];
        for (const cluster of clusters) {
          const uuids = cluster.gpus.map((gpu) => gpu.uuid);
          hashes.push(
            await wallet(operator).writeContract({
              address: contracts.clusterRegistry,
              abi: clusterRegistryAbi,
              functionName: 'registerCluster',
              args: [
                cluster.model.name,
                uuids.length,
                cluster.idc.location,
                hardwareRoot(uuids),
                `ipfs://rackshare-demo/${cluster.key}`,
                `0x${'00'.repeat(32)}`,
              ],
            }),
          );
        }
        const receipts = await settle(publicClient, hashes);
        receipts.forEach((receipt, position) => {
          const [event] = parseEventLogs({
            abi: clusterRegistryAbi,
            eventName: 'ClusterRegistered',
            logs: receipt.logs,
          });
          clusterIds.set(clusters[position]!.key, event!.args.clusterId);
        });
        for (const cluster of clusters) {
          await attestCluster({
            nodeUrls: committee.urls,
            context: { chainId: options.chainId, registry: contracts.clusterRegistry },
            operatorKey: devPrivateKey(operator),
            clusterId: clusterIds.get(cluster.key)!,
            uuids: cluster.gpus.map((gpu) => gpu.uuid),
            validUntil: setupStart + 365 * DAY,
            threshold: deployment.committee.threshold,
            walletClient: wallet(operator),
            publicClient,
          });
        }
        const now = await chainTime(publicClient);
        const tokenizeHashes: Hash[] = [];
        for (const [position, cluster] of clusters.entries()) {
          // Priced at about a year of list-price revenue per cluster.
          const valuation = cluster.model.pricePerHour * BigInt(cluster.gpus.length) * 24n * 365n;
          tokenizeHashes.push(
            await wallet(operator).writeContract({
              address: contracts.factory,
              abi: rackshareFactoryAbi,
              functionName: 'tokenize',
              args: [
                clusterIds.get(cluster.key)!,
                {
                  name: `Rackshare ${cluster.idc.location} ${cluster.model.key} #${position + 1}`,
                  symbol: `RS-${cluster.idc.key.toUpperCase()}${position + 1}`,
                  supply: SHARE_SUPPLY,
                  pricePerShare: (valuation * SHARE) / SHARE_SUPPLY,
                  start: now,
                  end: now + 30 * DAY,
                  softCap: SHARE_SUPPLY / 2n,
                  perBuyerCap: 0n,
                },
              ],
            }),
          );
        }
        for (const [position, receipt] of (await settle(publicClient, tokenizeHashes)).entries()) {
          const [event] = parseEventLogs({
            abi: rackshareFactoryAbi,
            eventName: 'ClusterTokenized',
            logs: receipt.logs,
          });
          demoClusters.push({
            key: clusters[position]!.key,
            clusterId: clusterIds.get(clusters[position]!.key)!.toString(),
            token: event!.args.token,
            offering: event!.args.offering,
          });
        }
        // Operators pay revenue into their tokens from here on.
        const approvals: Hash[] = [];
        for (const cluster of demoClusters.filter((entry) => clusters.some((c) => c.key === entry.key))) {
          approvals.push(
            await wallet(operator).writeContract({
              address: contracts.stablecoin,
              abi: testStablecoinAbi,
              functionName: 'approve',
              args: [cluster.token, maxUint256],
            }),
          );
        }
        await settle(publicClient, approvals);
      }),
    );
    demoClusters.sort((a, b) => Number(BigInt(a.clusterId) - BigInt(b.clusterId)));

    // ---- investors buy every offering out, then settle and withdraw
    const prices = await Promise.all(
      demoClusters.map((cluster) =>
        publicClient.readContract({ address: cluster.offering, abi: offeringAbi, functionName: 'terms' }),
      ),
    );
    await Promise.all(
      devRoles.investors.map(async (investor, position) => {
        const hashes: Hash[] = [];
        const part = INVESTOR_PARTS[position]!;
        // The last investor takes what rounding left, so every offering sells out.
        const amount =
          position === devRoles.investors.length - 1
            ? SHARE_SUPPLY - INVESTOR_PARTS.slice(0, -1).reduce((sum, bps) => sum + (SHARE_SUPPLY * bps) / 10_000n, 0n)
            : (SHARE_SUPPLY * part) / 10_000n;
        const shares = demoClusters.map(() => amount);
        const costs = shares.map((amount, index) => (amount * prices[index]!.pricePerShare + SHARE - 1n) / SHARE);
        hashes.push(
          await wallet(investor).writeContract({
            address: contracts.stablecoin,
            abi: testStablecoinAbi,
            functionName: 'mint',
            args: [wallet(investor).account.address, costs.reduce((sum, cost) => sum + cost, 0n)],
          }),
        );
        for (const [index, cluster] of demoClusters.entries()) {
          hashes.push(
            await wallet(investor).writeContract({
              address: contracts.stablecoin,
              abi: testStablecoinAbi,
              functionName: 'approve',
              args: [cluster.offering, costs[index]!],
            }),
          );
          hashes.push(
            await wallet(investor).writeContract({
              address: cluster.offering,
              abi: offeringAbi,
              functionName: 'buy',
              args: [shares[index]!, costs[index]!],
              // Three investors buy the same offerings at once: the first purchase of a sale writes its storage for
              // the first time and costs ~35k gas more, and which one is first is only known once mined.
              gas: 250_000n,
            }),
          );
        }
        await settle(publicClient, hashes);
      }),
    );
    const finalizeHashes: Hash[] = [];
    for (const cluster of demoClusters) {
      finalizeHashes.push(
        await wallet(devRoles.investors[0]).writeContract({
          address: cluster.offering,
          abi: offeringAbi,
          functionName: 'finalize',
        }),
      );
    }
    await settle(publicClient, finalizeHashes);
    await Promise.all(
      devRoles.investors.map(async (investor) => {
        const hashes: Hash[] = [];
        for (const cluster of demoClusters) {
          hashes.push(
            await wallet(investor).writeContract({
              address: cluster.offering,
              abi: offeringAbi,
              functionName: 'withdrawShares',
            }),
          );
        }
        await settle(publicClient, hashes);
      }),
    );

    const state: DemoState = {
      registry: contracts.clusterRegistry,
      seed: options.seed,
      origin: simulator.origin,
      clusterLimit: options.clusterLimit ?? null,
      clusters: demoClusters,
      depositedThrough: simulator.origin / 1000,
      reportScanBlock: (await publicClient.getBlockNumber()).toString(),
      historyComplete: false,
    };
    writeDemoState(directory, state);

    // ---- history
    await replayHistory({ ...options, directory, simulator, state, nodeUrls: committee.urls });
    state.historyComplete = true;
    writeDemoState(directory, state);
    return { state, skipped: false };
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

async function replayHistory(
  options: DemoOptions & { directory: string; simulator: Simulator; state: DemoState; nodeUrls: string[] },
) {
  const { simulator, state, publicClient, deployment, log } = options;
  let simulatedNow = simulator.origin;
  const server = await startSimulatorServer(simulator, () => simulatedNow, 0);
  const billing = new BillingExporter(simulator, join(options.directory, 'billing'));
  const agents = await Promise.all(
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
      snapshotsPerBatch: 24,
    }).map(({ config, operatorKey }) => Agent.open(config, operatorKey, log.child({ service: 'agent' }))),
  );
  const clusterIds = state.clusters.map((cluster) => BigInt(cluster.clusterId));
  // One sample per hour, at the hour's middle: each closes the epoch before it. The last one, at the top of the
  // current hour, closes the last full hour.
  const firstSample = simulator.origin + 1_800_000;
  const historyEnd = Math.min(
    simulator.origin / 1000 + options.historyDays * DAY,
    Math.floor(Date.now() / 1000 / HOUR) * HOUR,
  );
  const days = Math.max(1, Math.ceil((historyEnd * 1000 - firstSample) / (DAY * 1000)));
  const bar = createProgressBar('history', days, options.progress);
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
    while (!options.signal.aborted) {
      const epochs = await lastEpochs();
      if (epochs.every((value) => value >= BigInt(epoch))) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  let delivering: Promise<unknown> = Promise.resolve();
  let depositing: Promise<void> = Promise.resolve();
  let depositScheduledThrough = state.depositedThrough;
  let reports = 0;
  try {
    for (let day = 0; day < days && !options.signal.aborted; day++) {
      const samples: number[] = [];
      for (let hour = 0; hour < 24; hour++) {
        const t = firstSample + (day * 24 + hour) * HOUR * 1000;
        if (t > historyEnd * 1000) break;
        samples.push(t);
      }
      if (day === days - 1) samples.push(historyEnd * 1000);
      if (samples.length !== 24) {
        // The last day: a batch of exactly what is left (fewer than 24 hours, or 24 plus the sample at the history's
        // end), so that agents batching 24 snapshots do not keep the remainder back unsealed.
        for (const agent of agents) await agent.close();
        agents.splice(
          0,
          agents.length,
          ...(await Promise.all(
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
              snapshotsPerBatch: samples.length,
            }).map(({ config, operatorKey }) => Agent.open(config, operatorKey, log.child({ service: 'agent' }))),
          )),
        );
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
      // That happens beside the sampling of the following days, which never waits for it.
      const closedThrough = Math.floor((samples.at(-1)! / 1000 - 1) / HOUR) * HOUR;
      if (closedThrough >= depositScheduledThrough + WEEK) {
        const weekEnd = depositScheduledThrough + WEEK;
        depositScheduledThrough = weekEnd;
        depositing = depositing.then(async () => {
          await waitForEpoch(weekEnd);
          if (options.signal.aborted) return;
          await depositRevenue({ ...options, state, through: weekEnd });
          writeDemoState(options.directory, state);
        });
        // Its failure surfaces where the history ends (awaited there), not as an unhandled rejection meanwhile.
        depositing.catch(() => undefined);
      }
      bar.update(day + 1, `day ${day + 1}/${days} · ${reports.toLocaleString('en-US')} cluster-hours`);
    }
    await delivering;
    await depositing;
    await waitForEpoch(Math.floor((historyEnd - 1) / HOUR) * HOUR);
    // The chain's clock catches up with the present: the last deposit went in beside the last reports, and only a
    // later block lets its stream (and the investors' claimable revenue) start to run.
    const present = Math.floor(Date.now() / 1000);
    if ((await chainTime(publicClient)) < present) {
      await publicClient.request({ method: 'evm_setNextBlockTimestamp' as never, params: [present] as never });
      await publicClient.request({ method: 'evm_mine' as never });
    }
    bar.finish(`${days} days · ${reports.toLocaleString('en-US')} cluster-hours`);
  } finally {
    for (const agent of agents) await agent.close();
    await server.close();
  }
}

/**
 * A deposit may neither slow down nor shorten the stream already running (revenue already deposited keeps its
 * schedule), so a week's revenue that is smaller than last week's cannot be spread over a full week while last week's
 * is still streaming: it then streams at the running rate for as long as it lasts. The chain's clock moves on between
 * reading the limits and the deposit landing (the demo warps it), hence the margin and the retry with fresh limits.
 */
async function depositOverAWeek(
  publicClient: PublicClient,
  wallet: Wallet,
  token: Address,
  amount: bigint,
): Promise<Hash> {
  for (let attempt = 1; ; attempt += 1) {
    const [minDuration, maxDuration] = await publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'depositLimits',
      args: [wallet.account.address, amount],
    });
    const ceiling = maxDuration > BigInt(DAY) + minDuration ? maxDuration - BigInt(DAY) : minDuration;
    const duration = BigInt(WEEK) < minDuration ? minDuration : BigInt(WEEK) > ceiling ? ceiling : BigInt(WEEK);
    const call = {
      address: token,
      abi: shareTokenAbi,
      functionName: 'depositRevenue',
      args: [amount, duration],
    } as const;
    try {
      // Simulated first: a refused write would still have used up a nonce of the wallet's nonce manager.
      await publicClient.simulateContract({ ...call, account: wallet.account });
    } catch (error) {
      if (attempt >= 3) throw error;
      continue;
    }
    return wallet.writeContract(call);
  }
}

/** Each operator deposits the revenue its clusters reported in (depositedThrough, through], streamed over a week. */
export async function depositRevenue(options: {
  rpcUrl: string;
  publicClient: PublicClient;
  deployment: Deployment;
  state: DemoState;
  through: number;
}) {
  const { publicClient, deployment, state } = options;
  const wallet = demoWallets(options.rpcUrl);
  const logs = await publicClient.getContractEvents({
    address: deployment.contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    eventName: 'ReportSubmitted',
    fromBlock: BigInt(state.reportScanBlock),
  });
  let nextScan = await publicClient.getBlockNumber();
  const revenue = new Map<string, bigint>();
  for (const log of logs) {
    const epoch = Number(log.args.epoch);
    if (epoch > options.through && log.blockNumber < nextScan) nextScan = log.blockNumber;
    if (epoch <= state.depositedThrough || epoch > options.through) continue;
    const key = log.args.clusterId!.toString();
    revenue.set(key, (revenue.get(key) ?? 0n) + log.args.revenue!);
  }
  const operators = await Promise.all(
    state.clusters.map((cluster) =>
      publicClient.readContract({ address: cluster.token, abi: shareTokenAbi, functionName: 'operator' }),
    ),
  );
  const indexOf = (address: Address) =>
    devRoles.operators.find((index) => wallet(index).account.address === address) ?? devRoles.operators[0];
  const byOperator = new Map<number, { token: Address; amount: bigint }[]>();
  state.clusters.forEach((cluster, position) => {
    const amount = revenue.get(cluster.clusterId) ?? 0n;
    if (amount === 0n) return;
    const operator = indexOf(operators[position]!);
    byOperator.set(operator, [...(byOperator.get(operator) ?? []), { token: cluster.token, amount }]);
  });
  await Promise.all(
    [...byOperator].map(async ([operator, deposits]) => {
      const hashes: Hash[] = [];
      // The tenants' payments: the test stablecoin's faucet stands in for the operator's bank.
      hashes.push(
        await wallet(operator).writeContract({
          address: deployment.contracts.stablecoin,
          abi: testStablecoinAbi,
          functionName: 'mint',
          args: [wallet(operator).account.address, deposits.reduce((sum, entry) => sum + entry.amount, 0n)],
        }),
      );
      // Mined first: the deposits read their limits and must see the stablecoin.
      await settle(publicClient, hashes);
      const depositHashes: Hash[] = [];
      for (const { token, amount } of deposits) {
        depositHashes.push(await depositOverAWeek(publicClient, wallet(operator), token, amount));
      }
      await settle(publicClient, depositHashes);
    }),
  );
  state.depositedThrough = options.through;
  state.reportScanBlock = nextScan.toString();
}
