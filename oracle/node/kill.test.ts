/**
 * Crash recovery with real processes: three oracle nodes (k = 2) run as child processes, one is SIGKILLed right after
 * it acknowledged a batch mid-epoch and restarted on the same journal. Its report for that epoch must equal the
 * uninterrupted nodes' reports, hold every delivered sample, and land on chain exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { devPrivateKey } from '../../scripts/stack/dev-accounts';
import { attestCluster } from '../agent/attest';
import { signBatch } from '../agent/signing';
import { createRegistryHasher, recoverSigner } from '../eip712';
import { gpuUuidHash, type TelemetryLeaf, telemetryRoot } from '../hardware';
import { type Committee, startCommittee } from '../simulator/committee';
import { registerCluster, simulatedUuids, startTestChain, testPort } from './harness';
import { type BatchPayload, fromWireReport, type WireReport } from './protocol';

const ANVIL_PORT = testPort(8750);
const HTTP_PORTS = [4600, 4601, 4602].map(testPort);
const EPOCH = 60;
const OPERATOR = 1;
const KILLED = 1;
const log = pino({ level: 'silent' });

const members = [7, 8, 9].map((index, position) => ({
  address: privateKeyToAccount(devPrivateKey(index)).address,
  privateKey: devPrivateKey(index),
  port: HTTP_PORTS[position]!,
}));
const uuids = simulatedUuids('kill-test', 4);
// Aligned to an epoch boundary half an hour back: the epoch closes when the next one's first sample arrives, long
// before the grace timeout would close it on its own.
const base = (Math.floor(Date.now() / 1000 / EPOCH) - 30) * EPOCH * 1000;
const epochEnd = BigInt(base / 1000 + EPOCH);
const leases: BatchPayload['leases'] = [
  {
    gpuUuid: uuids[0]!,
    leaseId: 'lease-kill',
    tenantHash: `0x${'22'.repeat(32)}` as Hex,
    pricePerHour: '3600000',
    start: base - 3_600_000,
    end: null,
  },
];

let chain: Awaited<ReturnType<typeof startTestChain>>;
let committee: Committee;
let directory: string;
let clusterId: bigint;

const context = () => ({ chainId: 31_337, registry: chain.deployment.contracts.clusterRegistry });

/** `count` snapshots 10 s apart from `from`, every GPU's utilization distinct per snapshot. */
function payload(from: number, count: number): BatchPayload {
  return {
    snapshots: Array.from({ length: count }, (_, step) => ({
      t: from + step * 10_000,
      gpus: uuids.map((uuid, index) => ({
        uuid,
        utilizationPct: (index * 17 + ((from - base) / 10_000 + step) * 7) % 101,
        memoryUsedMiB: 1000,
        memoryTotalMiB: 81559,
        temperatureC: 60,
        powerW: 500,
      })),
    })),
    leases,
  };
}

async function postBatch(url: string, sequence: number, body: BatchPayload) {
  const signed = await signBatch(context(), devPrivateKey(OPERATOR), clusterId, sequence, body);
  const response = await fetch(`${url}/clusters/${clusterId}/batches`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signed),
  });
  return { status: response.status, body: await response.json() };
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

function processGone(pid: number) {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

type SignedReport = { report: WireReport; signatures: { signer: Hex; signature: Hex }[]; submitted: boolean };

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-oracle-kill-'));
  chain = await startTestChain(ANVIL_PORT);
  clusterId = await registerCluster(chain, chain.deployment.contracts.clusterRegistry, OPERATOR, uuids);
  committee = await startCommittee({
    members,
    rpcUrl: chain.rpcUrl,
    chainId: 31_337,
    registry: chain.deployment.contracts.clusterRegistry,
    threshold: 2,
    directory,
    epochSeconds: EPOCH,
    backfillSeconds: 3_000,
    graceSeconds: 3_600,
    takeoverMs: 1_500,
    relayIntervalMs: 200,
    warpChain: false,
    log,
  });
  await attestCluster({
    nodeUrls: committee.urls,
    context: context(),
    operatorKey: devPrivateKey(OPERATOR),
    clusterId,
    uuids,
    validUntil: Math.floor(Date.now() / 1000) + 30 * 86_400,
    threshold: 2,
    walletClient: chain.wallet(OPERATOR),
    publicClient: chain.publicClient,
  });
  // Attested in the chain's past (before the telemetry); the epoch's report needs chain time now to land.
  await chain.catchUp();
}, 180_000);

afterAll(async () => {
  await committee?.stop();
  await chain?.anvil.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('a node killed mid-epoch', () => {
  it('restarts on its journal, loses no sample and signs the same report as the uninterrupted nodes', async () => {
    // The epoch's six snapshots in three batches; batch 4 opens the next epoch and so closes this one.
    const batches = [payload(base, 2), payload(base + 20_000, 2), payload(base + 40_000, 2), payload(base + 60_000, 1)];
    for (const [index, body] of batches.entries()) {
      const sequence = index + 1;
      for (const url of committee.urls) {
        const answer = await postBatch(url, sequence, body);
        expect(answer).toEqual({ status: 202, body: { samples: body.snapshots.length * uuids.length, sequence } });
      }
      if (sequence === 2) {
        // A crash right after the acknowledgement: no shutdown path runs, only what the journal holds survives.
        const pid = committee.pids[KILLED]!;
        process.kill(pid, 'SIGKILL');
        await waitFor(async () => (processGone(pid) ? true : undefined));
        await committee.restart(KILLED);
        expect(committee.pids[KILLED]).not.toBe(pid);
        const cursor = await getJson<{ lastSequence: number }>(
          `${committee.urls[KILLED]}/clusters/${clusterId}/cursor`,
        );
        expect(cursor.body.lastSequence).toBe(2);
      }
    }

    const registry = chain.deployment.contracts.clusterRegistry;
    const lastEpochOf = () =>
      chain.publicClient.readContract({
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'lastEpochOf',
        args: [clusterId],
      });
    await waitFor(async () => ((await lastEpochOf()) === epochEnd ? true : undefined));
    // Every relayer has seen the report land: none of them is still about to send it.
    const served = await waitFor(async () => {
      const answers = await Promise.all(
        committee.urls.map((url) => getJson<SignedReport>(`${url}/reports/${clusterId}/${epochEnd}/signatures`)),
      );
      return answers.every((answer) => answer.status === 200 && answer.body.submitted)
        ? answers.map((answer) => answer.body)
        : undefined;
    });

    // (1) The restarted node's signed report equals each uninterrupted node's, field by field, under its own key.
    const restarted = served[KILLED]!;
    for (const [position, other] of served.entries()) {
      if (position !== KILLED) expect(restarted.report).toStrictEqual(other.report);
    }
    const hasher = createRegistryHasher(context());
    const own = restarted.signatures.find((entry) => entry.signer === members[KILLED]!.address);
    expect(own).toBeDefined();
    expect(await recoverSigner(hasher.report(fromWireReport(restarted.report)), own!.signature)).toBe(
      members[KILLED]!.address,
    );

    // (2) No accepted sample lost: the root covers every reading delivered for the epoch, and the restarted node
    // serves all of them back from its journal.
    const delivered: TelemetryLeaf[] = batches
      .slice(0, 3)
      .flatMap((body) =>
        body.snapshots.flatMap((snapshot) =>
          snapshot.gpus.map(
            (gpu) =>
              [gpuUuidHash(gpu.uuid), BigInt(snapshot.t), Math.round(gpu.utilizationPct! * 1000)] as TelemetryLeaf,
          ),
        ),
      );
    expect(delivered).toHaveLength(6 * uuids.length);
    expect(restarted.report.telemetryRoot).toBe(telemetryRoot(delivered));
    const samples = await getJson<{ telemetryRoot: Hex; leaves: [Hex, string, number][] }>(
      `${committee.urls[KILLED]}/clusters/${clusterId}/epochs/${epochEnd}/samples`,
    );
    expect(samples.status).toBe(200);
    const servedLeaves = samples.body.leaves.map(([hash, time, milliPct]) => `${hash}/${time}/${milliPct}`).sort();
    expect(servedLeaves).toEqual(delivered.map(([hash, time, milliPct]) => `${hash}/${time}/${milliPct}`).sort());
    expect(restarted.report).toMatchObject({ gpusOnline: 4, gpuHoursMilli: '16', revenue: '60000' });

    // (3) On chain once, and what landed is that report.
    expect(await lastEpochOf()).toBe(epochEnd);
    const events = await chain.publicClient.getContractEvents({
      address: registry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId, epoch: epochEnd },
      fromBlock: 0n,
    });
    expect(events).toHaveLength(1);
    expect(fromWireReport(restarted.report)).toMatchObject({
      epoch: events[0]!.args.epoch,
      gpuHoursMilli: events[0]!.args.gpuHoursMilli,
      utilizationBps: events[0]!.args.utilizationBps,
      gpusOnline: events[0]!.args.gpusOnline,
      revenue: events[0]!.args.revenue,
      telemetryRoot: events[0]!.args.telemetryRoot,
    });
  }, 180_000);
});
