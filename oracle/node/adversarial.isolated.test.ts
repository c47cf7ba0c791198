/**
 * The committee under attack, with real processes: three oracle nodes (k = 2) on anvil serve two clusters whose
 * operator delivers telemetry every two seconds, while an outsider floods every node with what the public API lets
 * anyone send — forged peer signatures for the coming epochs (made up, and copied from the reports the nodes serve),
 * 100,000-UUID attestation answers, challenge requests and junk telemetry batches. Every cluster must still get its
 * report on chain for every epoch, in time, and every node must keep answering `/health` while the flood is in flight:
 * with every attack round, each node is probed alongside the round's requests, and each probe must be answered 200
 * while some of that round's requests to the node were still unanswered — a node stalled by the flood would answer
 * its health only once the flood had drained. No latency threshold is asserted (timings on a loaded machine are no
 * behaviour); the slowest probe per node is reported in the failure messages.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Hex, parseEventLogs, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import type { BatchPayload, WireReport } from '#protocol/wire';
import { type Committee, startCommittee } from '../../demo/committee';
import { devPrivateKey, devRoles } from '../../devnet/accounts';
import { attestCluster } from '../agent/attest';
import { signBatch } from '../agent/signing';
import { registerCluster, simulatedUuids, startTestChain, testPort } from './harness.test-kit';

const ANVIL_PORT = testPort(8760);
const HTTP_PORTS = [4630, 4631, 4632].map(testPort);
const EPOCH = 20;
/** Epochs the flood runs through; each must get its own report on chain. */
const EPOCHS_UNDER_ATTACK = 4;
const OPERATOR = 1;
const ATTACKER = 5;
const GPUS = 4;
const log = pino({ level: 'silent' });

const members = [7, 8, 9].map((index, position) => ({
  address: privateKeyToAccount(devPrivateKey(index)).address,
  privateKey: devPrivateKey(index),
  relayerKey: devPrivateKey(devRoles.oracleRelayers[position]!),
  port: HTTP_PORTS[position]!,
}));
const inventories = [simulatedUuids('adversarial-a', GPUS), simulatedUuids('adversarial-b', GPUS)];

let chain: Awaited<ReturnType<typeof startTestChain>>;
let committee: Committee;
let directory: string;
const clusterIds: bigint[] = [];
/** A cluster the attacker registered with 100,000 GPUs (root made up), so its answers pass the count check. */
let bigClusterId: bigint;

const registry = () => chain.deployment.contracts.clusterRegistry;
const context = () => ({ chainId: 31_337, registry: registry() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const currentEpochEnd = () => (Math.floor(Date.now() / 1000 / EPOCH) + 1) * EPOCH;

async function send(url: string, body: unknown, signal?: AbortSignal) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
}

/** The honest operator's agent: one snapshot of every GPU every two seconds, to every node, in sequence. */
async function runOperator(signal: AbortSignal, failures: string[]) {
  const sequences = clusterIds.map(() => 0);
  while (!signal.aborted) {
    const t = Date.now();
    for (const [position, clusterId] of clusterIds.entries()) {
      sequences[position]! += 1;
      const payload: BatchPayload = {
        snapshots: [
          {
            t,
            gpus: inventories[position]!.map((uuid, index) => ({
              uuid,
              utilizationPct: (index * 13 + Math.floor(t / 2_000)) % 101,
              memoryUsedMiB: 40_000,
              memoryTotalMiB: 81_559,
              temperatureC: 60,
              powerW: 500,
            })),
          },
        ],
        leases: [],
      };
      const signed = await signBatch(context(), devPrivateKey(OPERATOR), clusterId, sequences[position]!, payload);
      await Promise.all(
        committee.urls.map(async (url) => {
          const answer = await send(`${url}/clusters/${clusterId}/batches`, signed).catch((error: Error) => ({
            status: 0,
            body: error.message,
          }));
          if (answer.status !== 202 && !signal.aborted) {
            failures.push(`${url} cluster ${clusterId} batch ${sequences[position]}: ${answer.status}`);
          }
        }),
      );
    }
    await sleep(Math.max(0, 2_000 - (Date.now() - t)));
  }
}

/** What the `/health` probes sent with the attack rounds (see runAttacker) got back, per node. */
type HealthProbes = {
  /** Probes not answered 200 (a status, or the error), for the failure message. */
  failed: string[];
  /** Probes answered 200 while some of the same round's requests to that node were still unanswered. */
  amidFlood: number;
  /** Probes answered 200 in all. */
  answered: number;
  /** The slowest answer in ms: reported, never asserted. */
  slowestMs: number;
};

/**
 * `/health` of one node, sent with an attack round; `inFlight` counts that round's requests to the node not yet
 * answered. The 30 s abort only keeps a stalled node from hanging the test: the probe then counts as failed.
 */
async function probeHealth(url: string, inFlight: () => number, probes: HealthProbes) {
  const started = performance.now();
  const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(30_000) }).catch((error: Error) => error);
  if (response instanceof Error || response.status !== 200) {
    probes.failed.push(response instanceof Error ? response.message : String(response.status));
    return;
  }
  if (inFlight() > 0) probes.amidFlood += 1;
  probes.answered += 1;
  probes.slowestMs = Math.max(probes.slowestMs, Math.round(performance.now() - started));
  await response.body?.cancel();
}

const junkSignature = () => toHex(randomBytes(65));

/** Peer-signature items for the coming epochs of every cluster, in every member's name, with made-up signatures. */
function forgedItems() {
  const next = currentEpochEnd();
  const items = [];
  for (const clusterId of [...clusterIds, bigClusterId])
    for (let ahead = -1; ahead <= 3; ahead++)
      for (const member of members)
        for (let copy = 0; copy < 20; copy++)
          items.push({
            report: {
              clusterId: clusterId.toString(),
              epoch: String(next + ahead * EPOCH),
              gpuHoursMilli: String(copy),
              utilizationBps: copy,
              gpusOnline: GPUS,
              revenue: '0',
              telemetryRoot: toHex(randomBytes(32)),
              committeeVersion: 1,
            },
            signer: member.address,
            signature: junkSignature(),
          });
  return items;
}

/** The reports the nodes serve publicly, posted back with the genuine signers' names and forged signatures. */
async function copiedItems(url: string) {
  const items = [];
  const last = currentEpochEnd() - EPOCH;
  for (const clusterId of clusterIds) {
    for (const epoch of [last, last - EPOCH]) {
      const response = await fetch(`${url}/reports/${clusterId}/${epoch}/signatures`).catch(() => undefined);
      if (!response?.ok) continue;
      const served = (await response.json()) as { report: WireReport };
      for (const member of members)
        items.push({ report: served.report, signer: member.address, signature: junkSignature() });
    }
  }
  return items;
}

/** One made-up UUID list of 100,000 GPUs (about 4.3 MB of JSON), reused for every answer. */
const hugeInventory = Array.from({ length: 100_000 }, () => `GPU-${randomUUID()}`);

async function attestationAnswer(url: string, clusterId: bigint, signal: AbortSignal) {
  const issued = await send(`${url}/clusters/${clusterId}/attestation/challenge`, {}, signal);
  const challenge = (issued.body as { challenge?: Hex } | null)?.challenge ?? toHex(randomBytes(32));
  const now = Math.floor(Date.now() / 1000);
  return send(
    `${url}/clusters/${clusterId}/attestation`,
    JSON.stringify({
      challenge,
      uuids: hugeInventory,
      issuedAt: now,
      validUntil: now + 86_400,
      committeeVersion: 1,
      signature: junkSignature(),
    }),
    signal,
  );
}

async function junkBatch(url: string, clusterId: bigint, signal: AbortSignal) {
  return send(
    `${url}/clusters/${clusterId}/batches`,
    {
      clusterId: clusterId.toString(),
      sequence: 1 + Math.floor(Math.random() * 1_000),
      payload: JSON.stringify({ snapshots: [{ t: Date.now(), gpus: [] }], leases: [] }),
      signature: junkSignature(),
    },
    signal,
  );
}

/**
 * The outsider: every node, every second, everything the public API accepts from anyone. Each round also probes every
 * node's `/health` alongside its requests (`health`, per node).
 */
async function runAttacker(signal: AbortSignal, answered: Map<string, number>, health: HealthProbes[]) {
  const count = (kind: string, status: number) => {
    const key = `${kind} ${status}`;
    answered.set(key, (answered.get(key) ?? 0) + 1);
  };
  let round = 0;
  while (!signal.aborted) {
    const started = Date.now();
    round += 1;
    await Promise.all(
      committee.urls.map(async (url, position) => {
        const attempts: Promise<unknown>[] = [
          send(`${url}/signatures`, { items: forgedItems() }, signal).then((answer) => count('forged', answer.status)),
          copiedItems(url).then(async (items) => {
            if (items.length > 0) count('copied', (await send(`${url}/signatures`, { items }, signal)).status);
          }),
          ...Array.from({ length: 20 }, (_, index) =>
            send(`${url}/clusters/${clusterIds[index % clusterIds.length]}/attestation/challenge`, {}, signal).then(
              (answer) => count('challenge', answer.status),
            ),
          ),
          ...Array.from({ length: 20 }, (_, index) =>
            junkBatch(url, clusterIds[index % clusterIds.length]!, signal).then((answer) =>
              count('junk batch', answer.status),
            ),
          ),
        ];
        // The heavy answers every other round: a 4.3 MB body each, for a cluster of 4 GPUs and one of 100,000.
        if (round % 2 === 1) {
          attempts.push(
            attestationAnswer(url, clusterIds[0]!, signal).then((answer) =>
              count('huge answer (4 GPUs)', answer.status),
            ),
            attestationAnswer(url, bigClusterId, signal).then((answer) =>
              count('huge answer (100k GPUs)', answer.status),
            ),
          );
        }
        let inFlight = attempts.length;
        for (const attempt of attempts) attempt.finally(() => (inFlight -= 1)).catch(() => {});
        await Promise.allSettled([...attempts, probeHealth(url, () => inFlight, health[position]!)]);
      }),
    );
    await sleep(Math.max(0, 1_000 - (Date.now() - started)));
  }
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-oracle-adversarial-'));
  chain = await startTestChain(ANVIL_PORT);
  for (const uuids of inventories) clusterIds.push(await registerCluster(chain, registry(), OPERATOR, uuids));
  const hash = await chain.wallet(ATTACKER).writeContract({
    address: registry(),
    abi: clusterRegistryAbi,
    functionName: 'registerCluster',
    args: [
      'NVIDIA H100 80GB HBM3',
      100_000,
      'XX-NOWHERE',
      toHex(randomBytes(32)),
      'ipfs://made-up',
      toHex(randomBytes(32)),
    ],
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  bigClusterId = parseEventLogs({ abi: clusterRegistryAbi, eventName: 'ClusterRegistered', logs: receipt.logs })[0]!
    .args.clusterId;
  committee = await startCommittee({
    members,
    rpcUrl: chain.rpcUrl,
    chainId: 31_337,
    registry: registry(),
    threshold: 2,
    directory,
    epochSeconds: EPOCH,
    takeoverMs: 3_000,
    relayIntervalMs: 250,
    warpChain: false,
    log,
  });
  for (const [position, clusterId] of clusterIds.entries()) {
    await attestCluster({
      nodeUrls: committee.urls,
      context: context(),
      operatorKey: devPrivateKey(OPERATOR),
      clusterId,
      uuids: inventories[position]!,
      validUntil: Math.floor(Date.now() / 1000) + 30 * 86_400,
      threshold: 2,
      walletClient: chain.wallet(OPERATOR),
      publicClient: chain.publicClient,
    });
  }
  // Reports of the live epochs below land only once chain time has reached them.
  await chain.catchUp();
}, 180_000);

afterAll(async () => {
  await committee?.stop();
  await chain?.anvil.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe('an outsider flooding every node', () => {
  it('delays no report and leaves /health answering amid the flood', async () => {
    const operatorStop = new AbortController();
    const operatorFailures: string[] = [];
    const operator = runOperator(operatorStop.signal, operatorFailures);
    // Reporting runs before the flood starts: the first epoch under attack is the next full one.
    await sleep(2_500);
    const attack = new AbortController();
    const health = committee.urls.map((): HealthProbes => ({ failed: [], amidFlood: 0, answered: 0, slowestMs: 0 }));
    const answered = new Map<string, number>();
    const attacking = runAttacker(attack.signal, answered, health);
    const firstEpoch = currentEpochEnd();
    const lastEpoch = firstEpoch + (EPOCHS_UNDER_ATTACK - 1) * EPOCH;

    const lastEpochOf = (clusterId: bigint) =>
      chain.publicClient.readContract({
        address: registry(),
        abi: clusterRegistryAbi,
        functionName: 'lastEpochOf',
        args: [clusterId],
      });
    const deadline = Date.now() + (lastEpoch - Date.now() / 1000 + 3 * EPOCH) * 1000;
    while (Date.now() < deadline) {
      const landed = await Promise.all(clusterIds.map(lastEpochOf));
      if (landed.every((epoch) => epoch >= BigInt(lastEpoch))) break;
      await sleep(500);
    }
    attack.abort();
    operatorStop.abort();
    await Promise.allSettled([attacking, operator]);

    // What the outsider got back, for the failure messages below.
    const summary = JSON.stringify({ answered: Object.fromEntries(answered), health });
    // The flood reached the nodes (it is not a test of an idle committee).
    for (const kind of ['forged', 'challenge', 'junk batch', 'huge answer (4 GPUs)', 'huge answer (100k GPUs)']) {
      const total = [...answered.entries()]
        .filter(([key]) => key.startsWith(`${kind} `))
        .reduce((sum, [, value]) => sum + value, 0);
      expect(total, `${kind}: ${summary}`).toBeGreaterThanOrEqual(EPOCHS_UNDER_ATTACK);
    }
    // Nothing the outsider sent was taken: no signature stored, no attestation signed, no batch accepted (a challenge
    // is handed to anyone: it is the first step of an attestation, and signs nothing).
    for (const [key] of answered) if (!key.startsWith('challenge ')) expect(key, key).toMatch(/ 4\d\d$/);

    // Every epoch under attack has its own report for every cluster, landed before the next epoch after it ended.
    const events = await chain.publicClient.getContractEvents({
      address: registry(),
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      fromBlock: 0n,
    });
    for (const clusterId of clusterIds) {
      for (let epoch = firstEpoch; epoch <= lastEpoch; epoch += EPOCH) {
        const event = events.find((entry) => entry.args.clusterId === clusterId && entry.args.epoch === BigInt(epoch));
        expect(event, `cluster ${clusterId} epoch ${epoch}: ${summary}`).toBeDefined();
        const block = await chain.publicClient.getBlock({ blockNumber: event!.blockNumber });
        expect(Number(block.timestamp), `cluster ${clusterId} epoch ${epoch} landed late`).toBeLessThan(
          epoch + 2 * EPOCH,
        );
        expect(event!.args.gpusOnline).toBe(GPUS);
      }
    }
    expect(operatorFailures).toEqual([]);
    // Every node answered every health probe, and kept answering while the flood to it was in flight (not only once it
    // had drained): at least once per epoch under attack, out of about one probe per second.
    for (const [position, probes] of health.entries()) {
      expect(probes.failed, `health probes of node ${position}: ${summary}`).toEqual([]);
      expect(probes.amidFlood, `health of node ${position} amid the flood: ${summary}`).toBeGreaterThanOrEqual(
        EPOCHS_UNDER_ATTACK,
      );
    }
  }, 300_000);
});
