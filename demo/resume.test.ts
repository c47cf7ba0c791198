/**
 * Issue 12 point 7: an interrupted demo finishes on the next run with the chain it would have had uninterrupted. The
 * expected chain is computed from the plan's schedule: one report per cluster per hour from the origin to the
 * history's end, consecutive, and each week's deposit equal to the holders' share of what was reported through its end.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Address, PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterRegistryAbi, rackshareFactoryAbi, shareMarketAbi, shareTokenAbi } from '#contracts';
import { deployProtocol } from '#contracts/deploy';
import type { Deployment } from '#contracts/deployments';
import { hashOffer, marketDomain } from '#protocol/market';
import { DEV_ACCOUNT_COUNT, devAccount, devPrivateKey, devRoles } from '../devnet/accounts';
import { startAnvil } from '../devnet/anvil';
import { connectChain } from '../devnet/chain';
import { testPort } from '../devnet/ports';
import { GPU_MODELS } from '../oracle/simulator/model';
import { historySchedule } from './history';
import { DemoInterrupted, type DemoOptions, type DemoState, demoDirectory, readDemoState, runDemoHistory } from './run';
import { marketOf, plannedOffer, priceAt, salePrices, tradePlan } from './trading';

const ANVIL_PORT = testPort(8631);
const NODE_BASE_PORT = testPort(4431);
const HOUR = 3_600;
const DAY = 86_400;
const made: string[] = [];
const stops: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function chainWithProtocol(options: { stateFile: string | null; daysAgo: number }) {
  const directory = mkdtempSync(join(tmpdir(), 'rackshare-resume-'));
  made.push(directory);
  const anvil = await startAnvil({
    port: ANVIL_PORT,
    stateFile: options.stateFile && join(directory, options.stateFile),
    accounts: DEV_ACCOUNT_COUNT,
    genesisTimestamp: Math.floor(Date.now() / 1000) - options.daysAgo * DAY,
  });
  let stopAnvil = anvil.stop;
  stops.push(() => stopAnvil());
  const chain = connectChain(anvil.rpcUrl);
  const deployment = await deployProtocol(
    { publicClient: chain.publicClient as never, walletClient: chain.wallet(0) },
    {
      committee: {
        signers: devRoles.oracleNodes.map((index) => privateKeyToAccount(devPrivateKey(index)).address),
        threshold: 2,
        heartbeatSeconds: 3 * HOUR,
      },
      directory: join(directory, 'deployments'),
    },
  );
  const restart = async () => {
    await stopAnvil();
    const again = await startAnvil({
      port: ANVIL_PORT,
      stateFile: join(directory, options.stateFile!),
      accounts: DEV_ACCOUNT_COUNT,
    });
    stopAnvil = again.stop;
  };
  return { directory, chain, deployment, rpcUrl: anvil.rpcUrl, restart };
}

const demoOptions = (
  setup: { directory: string; deployment: Deployment; rpcUrl: string; chain: { publicClient: PublicClient } },
  historyDays: number,
  signal = new AbortController().signal,
  onStep?: (step: string) => void,
): DemoOptions => ({
  rpcUrl: setup.rpcUrl,
  chainId: 31_337,
  publicClient: setup.chain.publicClient,
  deployment: setup.deployment,
  dataDir: setup.directory,
  seed: 'resume-test',
  historyDays,
  clusterLimit: 2,
  nodeBasePort: NODE_BASE_PORT,
  simulatorPort: 0,
  log: pino({ level: process.env.DEMO_TEST_LOG ?? 'silent' }),
  signal,
  onStep,
  progress: { write: () => true, isTTY: false } as unknown as NodeJS.WriteStream,
});

/** Runs the demo and aborts it once `when` matches a recorded step; expects the interruption. */
async function interrupted(
  options: (signal: AbortSignal, onStep: (step: string) => void) => DemoOptions,
  when: RegExp,
) {
  const controller = new AbortController();
  const steps: string[] = [];
  const run = runDemoHistory(
    options(controller.signal, (step) => {
      steps.push(step);
      if (when.test(step)) controller.abort();
    }),
  );
  await expect(run).rejects.toBeInstanceOf(DemoInterrupted);
  return steps;
}

/** The chain's reports of every demo cluster equal the schedule's: one per hour from the origin, none missing or twice. */
async function expectScheduledChain(publicClient: PublicClient, deployment: Deployment, state: DemoState) {
  const registry = deployment.contracts.clusterRegistry;
  const logs = await publicClient.getContractEvents({
    address: registry,
    abi: clusterRegistryAbi,
    eventName: 'ReportSubmitted',
    fromBlock: 0n,
  });
  const origin = state.origin / 1000;
  // An epoch is named by its end: the first ends an hour after the origin, the last at the history's end.
  const expected = Array.from({ length: (state.historyEnd - origin) / HOUR }, (_, hour) =>
    BigInt(origin + (hour + 1) * HOUR),
  );
  expect(expected.length).toBeGreaterThan(24);
  expect(state.clusters).toHaveLength(2);
  for (const cluster of state.clusters) {
    const clusterId = BigInt(cluster.clusterId);
    const epochs = logs.filter((log) => log.args.clusterId === clusterId).map((log) => log.args.epoch!);
    expect(epochs).toEqual(expected);
    const last = await publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'lastEpochOf',
      args: [clusterId],
    });
    expect(last).toBe(expected.at(-1));
    // The record's clusters are the chain's.
    const token = await publicClient.readContract({
      address: deployment.contracts.factory,
      abi: rackshareFactoryAbi,
      functionName: 'tokenOf',
      args: [clusterId],
    });
    expect(token).toBe(cluster.token);
    const weeks = Math.floor((state.historyEnd - HOUR - origin) / (7 * DAY));
    const reported = logs
      .filter((log) => log.args.clusterId === clusterId && Number(log.args.epoch) <= origin + weeks * 7 * DAY)
      .reduce((sum, log) => sum + log.args.revenue!, 0n);
    const deposited = await publicClient.readContract({
      address: cluster.token as Address,
      abi: shareTokenAbi,
      functionName: 'totalDeposited',
    });
    // Both clusters are H100s (sel-0, sel-1): the operator keeps the model's cost share of what it reported.
    expect(deposited).toBe((reported * (10_000n - GPU_MODELS.H100.operatorCostShareBps)) / 10_000n);
    // Every investor holds their part once: no offering was bought twice.
    const holdings = await Promise.all(
      devRoles.investors.map((investor) =>
        publicClient.readContract({
          address: cluster.token as Address,
          abi: shareTokenAbi,
          functionName: 'balanceOf',
          args: [devAccount(investor).address],
        }),
      ),
    );
    // The chain's supply, all of it in the investors' hands (a second purchase would have failed or split it).
    const supply = await publicClient.readContract({
      address: cluster.token as Address,
      abi: shareTokenAbi,
      functionName: 'totalSupply',
    });
    expect(supply).toBeGreaterThan(0n);
    expect(holdings.reduce((sum, balance) => sum + balance, 0n)).toBe(supply);
  }
  await expectPlannedTrades(publicClient, deployment, state);
  return logs;
}

/** The market's fills are the trade plan's, each planned offer filled exactly once and in full: none twice, none lost. */
async function expectPlannedTrades(publicClient: PublicClient, deployment: Deployment, state: DemoState) {
  const market = marketOf(deployment);
  const fills = await publicClient.getContractEvents({
    address: market,
    abi: shareMarketAbi,
    eventName: 'OfferFilled',
    fromBlock: 0n,
  });
  const plan = tradePlan(state, historySchedule(state).days);
  const prices = await salePrices(publicClient, state.clusters);
  const domain = marketDomain(31_337, market);
  const planned = plan.map((trade) => {
    const offer = plannedOffer(trade, priceAt(prices.get(trade.cluster.key)!, trade.priceBps), state);
    return [hashOffer(domain, offer), offer.amount];
  });
  expect(planned.length).toBeGreaterThan(0);
  expect(fills.map((log) => [log.args.offerHash, log.args.amount]).sort()).toEqual(planned.sort());
}

describe('a demo history interrupted and started again (issue 12 point 7)', () => {
  it('resumes after Ctrl-C and a chain restart at the day the chain stopped, with the chain of an uninterrupted run, past a half-written record', async () => {
    const setup = await chainWithProtocol({ stateFile: 'anvil/state.json', daysAgo: 10 });
    const steps = await interrupted((signal, onStep) => demoOptions(setup, 9, signal, onStep), /^deposited through/);
    expect(steps).toContain('set up');
    const directory = demoDirectory(setup.directory, setup.deployment);
    const before = readDemoState(directory)!;
    expect(before.historyComplete).toBe(false);
    // The chain dumps its state on the way out and reloads it (on the wall clock): as `npm start` after Ctrl-C.
    await setup.restart();
    // A crash mid-write left a temp file and a record cut short.
    writeFileSync(join(directory, 'demo.json.tmp'), '{"registry":');
    writeFileSync(join(directory, 'demo.json'), readFileSync(join(directory, 'demo.json'), 'utf8').slice(0, 40));

    const result = await runDemoHistory(demoOptions(setup, 9));
    expect(result.skipped).toBe(false);
    // The first week's deposit needed the first week's reports on chain: it resumed in the second week.
    expect(result.resumed!.day).toBeGreaterThanOrEqual(8);
    expect(result.resumed!.days).toBe(9);
    expect(result.state.origin).toBe(before.origin);
    expect(result.state.historyEnd).toBe(before.historyEnd);
    const logs = await expectScheduledChain(setup.chain.publicClient, setup.deployment, result.state);
    // Resumed reports landed at the time they describe, not at the wall clock the reloaded chain woke up on.
    const last = logs.at(-1)!;
    const block = await setup.chain.publicClient.getBlock({ blockNumber: last.blockNumber });
    expect(Number(block.timestamp) - Number(last.args.epoch)).toBeLessThan(2 * HOUR);
    expect(readDemoState(directory)?.historyComplete).toBe(true);
    // A third start has nothing to do.
    expect((await runDemoHistory(demoOptions(setup, 9))).skipped).toBe(true);
  }, 300_000);

  it('resumes from what the chain has when the record is ahead of it (the chain lost its last seconds)', async () => {
    const setup = await chainWithProtocol({ stateFile: null, daysAgo: 3 });
    const { publicClient } = setup.chain;
    let snapshot: Promise<unknown> | undefined;
    const steps = await interrupted(
      (signal, onStep) =>
        demoOptions(setup, 2, signal, (step) => {
          // The chain keeps the registrations only; the record goes on to the sold-out offerings.
          if (step.startsWith('registered')) snapshot ??= publicClient.request({ method: 'evm_snapshot' as never });
          onStep(step);
        }),
      /^set up$/,
    );
    expect(steps.some((step) => step.startsWith('attested'))).toBe(true);
    const directory = demoDirectory(setup.directory, setup.deployment);
    expect(readDemoState(directory)!.clusters).toHaveLength(2);
    expect(await publicClient.request({ method: 'evm_revert' as never, params: [await snapshot] as never })).toBe(true);

    const result = await runDemoHistory(demoOptions(setup, 2));
    expect(result.skipped).toBe(false);
    await expectScheduledChain(publicClient, setup.deployment, result.state);
  }, 300_000);
});
