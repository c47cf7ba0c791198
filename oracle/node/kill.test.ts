/**
 * Crash recovery with real processes: three oracle nodes (k = 2) run as child processes, one is SIGKILLed right after
 * it acknowledged a batch mid-epoch and restarted on the same journal. Its report for that epoch must equal the
 * uninterrupted nodes' reports, hold every delivered sample, and land on chain exactly once. The same node compacts
 * its journal into a snapshot whenever it passes a few kB, and is SIGKILLed again right after one such compaction.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { createRegistryHasher, recoverSigner } from '#protocol/eip712';
import { gpuUuidHash } from '#protocol/hardware';
import { type TelemetryLeaf, telemetryRoot } from '#protocol/telemetry';
import { type BatchPayload, fromWireReport, type WireReport } from '#protocol/wire';
import { type Committee, startCommittee } from '../../demo/committee';
import { devPrivateKey } from '../../devnet/accounts';
import { attestCluster } from '../agent/attest';
import { signBatch } from '../agent/signing';
import { registerCluster, simulatedUuids, startTestChain, testPort } from './harness.test-kit';

const ANVIL_PORT = testPort(8750);
const HTTP_PORTS = [4600, 4601, 4602].map(testPort);
const EPOCH = 60;
const OPERATOR = 1;
const KILLED = 1;
/** The killed node compacts once its journal holds this much (any batch), the others never in this test. */
const COMPACT_BYTES = 500;
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
    compactJournalBytes: [undefined, COMPACT_BYTES, undefined],
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

  it('restarts right after a compaction into the same state, signs nothing twice and keeps reporting (H-5)', async () => {
    const journalPath = join(directory, `node-${KILLED}.jsonl`);
    const snapshotPath = `${journalPath}.snapshot`;
    const url = () => committee.urls[KILLED]!;
    const firstEpochSigned = await getJson<SignedReport>(`${url()}/reports/${clusterId}/${epochEnd}/signatures`);
    // The second epoch (its first snapshot came with batch 4) gets three more batches: the killed node's journal
    // passes its bound and its next tick compacts it.
    const secondEpoch = epochEnd + BigInt(EPOCH);
    const more = [payload(base + 70_000, 2), payload(base + 90_000, 2), payload(base + 110_000, 1)];
    for (const [index, body] of more.entries()) {
      for (const nodeUrl of committee.urls) expect((await postBatch(nodeUrl, 5 + index, body)).status).toBe(202);
    }
    const compactedAfter = Date.now();
    // Right after the compaction: a fresh snapshot and a journal holding only its segment header.
    await waitFor(async () => {
      if (!existsSync(snapshotPath) || statSync(snapshotPath).mtimeMs <= compactedAfter) return undefined;
      const journal = readFileSync(journalPath, 'utf8');
      return journal.split('\n').filter(Boolean).length === 1 && journal.includes('"segment"') ? true : undefined;
    });
    const pid = committee.pids[KILLED]!;
    process.kill(pid, 'SIGKILL');
    await waitFor(async () => (processGone(pid) ? true : undefined));
    await committee.restart(KILLED);

    // Same state: the cursor, the first epoch's report under the same single signature of this node.
    const cursor = await getJson<{ lastSequence: number }>(`${url()}/clusters/${clusterId}/cursor`);
    expect(cursor.body.lastSequence).toBe(7);
    const again = await getJson<SignedReport>(`${url()}/reports/${clusterId}/${epochEnd}/signatures`);
    expect(again.body.report).toStrictEqual(firstEpochSigned.body.report);
    const own = (answer: SignedReport) =>
      answer.signatures.filter((entry) => entry.signer === members[KILLED]!.address).map((entry) => entry.signature);
    expect(own(again.body)).toEqual(own(firstEpochSigned.body));
    expect(again.body.submitted).toBe(true);
    // A batch it already holds is refused as such: the open epoch's samples survived in the snapshot.
    expect((await postBatch(url(), 7, more[2]!)).body.error.code).toBe('batch_already_accepted');

    // Keeps reporting: the next batch closes the second epoch, whose report lands on chain once, equal everywhere.
    const closing = payload(base + 120_000, 1);
    for (const nodeUrl of committee.urls) expect((await postBatch(nodeUrl, 8, closing)).status).toBe(202);
    const registry = chain.deployment.contracts.clusterRegistry;
    await waitFor(async () => {
      const last = await chain.publicClient.readContract({
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'lastEpochOf',
        args: [clusterId],
      });
      return last === secondEpoch ? true : undefined;
    });
    const served = await Promise.all(
      committee.urls.map((nodeUrl) =>
        getJson<SignedReport>(`${nodeUrl}/reports/${clusterId}/${secondEpoch}/signatures`),
      ),
    );
    for (const answer of served) expect(answer.body.report).toStrictEqual(served[KILLED]!.body.report);
    // Batch 4's snapshot opened the epoch; the closing batch's belongs to the next one.
    const expectedLeaves = [payload(base + 60_000, 1), ...more].flatMap((body) =>
      body.snapshots.flatMap((snapshot) =>
        snapshot.gpus.map(
          (gpu) => [gpuUuidHash(gpu.uuid), BigInt(snapshot.t), Math.round(gpu.utilizationPct! * 1000)] as TelemetryLeaf,
        ),
      ),
    );
    expect(served[KILLED]!.body.report.telemetryRoot).toBe(telemetryRoot(expectedLeaves));
    const events = await chain.publicClient.getContractEvents({
      address: registry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId, epoch: secondEpoch },
      fromBlock: 0n,
    });
    expect(events).toHaveLength(1);
  }, 180_000);
});
