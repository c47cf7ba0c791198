import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { createRegistryHasher, type EpochReport, inventoryProofDigest, signDigest } from '#protocol/eip712';
import { hardwareRoot } from '#protocol/hardware';
import { NodeClient } from '#protocol/node-client';
import { type TelemetryLeaf, telemetryRoot } from '#protocol/telemetry';
import type { BatchPayload } from '#protocol/wire';
import { devPrivateKey } from '../../devnet/accounts';
import { attestCluster } from '../agent/attest';
import { signBatch } from '../agent/signing';
import { registerCluster, simulatedUuids, startTestChain, testPort } from './harness.test-kit';
import { type OracleNode, startOracleNode } from './node';
import { signPeerRequest } from './peer-auth';

const ANVIL_PORT = testPort(8711);
const HTTP_PORTS = [4111, 4112, 4113].map(testPort);
const EPOCH = 60;
const log = pino({ level: 'silent' });

let chain: Awaited<ReturnType<typeof startTestChain>>;
let directory: string;
const nodes: (OracleNode | undefined)[] = [];
const committee = [7, 8, 9].map((index) => ({
  index,
  key: devPrivateKey(index),
  address: privateKeyToAccount(devPrivateKey(index)).address,
}));

function nodeOptions(position: number, overrides: Partial<Parameters<typeof startOracleNode>[0]> = {}) {
  const member = committee[position]!;
  return {
    privateKey: member.key,
    rpcUrl: chain.rpcUrl,
    chainId: 31_337,
    registry: chain.deployment.contracts.clusterRegistry,
    committee: committee.map((entry) => entry.address),
    threshold: 2,
    peers: committee
      .map((entry, index) => ({ address: entry.address, url: `http://127.0.0.1:${HTTP_PORTS[index]}` }))
      .filter((_, index) => index !== position),
    port: HTTP_PORTS[position]!,
    journalPath: join(directory, `node-${position}.jsonl`),
    epochSeconds: EPOCH,
    // Telemetry an hour old must be taken (backfill), and epochs close on later samples, never on the clock (grace).
    backfillSeconds: 2 * 3_600,
    graceSeconds: 3 * 3_600,
    relayIntervalMs: 200,
    takeoverMs: 1_500,
    log,
    ...overrides,
  };
}

const context = () => ({ chainId: 31_337, registry: chain.deployment.contracts.clusterRegistry });

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string } & Record<string, unknown> } & Record<string, unknown>,
  };
}

type Member = (typeof committee)[number];

/** A POST signed like a peer's: `sender`'s committee key, addressed to the node at `position`. */
async function peerPost(position: number, path: string, body: unknown, sender: Member, time?: number) {
  const text = JSON.stringify(body);
  const auth = await signPeerRequest(context(), sender.key, sender.address, {
    method: 'POST',
    path,
    recipient: committee[position]!.address,
    body: text,
    time,
  });
  const response = await fetch(`${nodes[position]!.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: text,
  });
  return {
    status: response.status,
    body: (await response.json()) as { error: { code: string } & Record<string, unknown> } & Record<string, unknown>,
  };
}

/** A payload of `count` one-per-`stepMs` snapshots starting at `from`, utilization following the GPU index. */
function payload(
  uuids: string[],
  from: number,
  count: number,
  stepMs: number,
  leases: BatchPayload['leases'] = [],
): BatchPayload {
  return {
    snapshots: Array.from({ length: count }, (_, step) => ({
      t: from + step * stepMs,
      gpus: uuids.map((uuid, index) => ({
        uuid,
        utilizationPct: (index * 10 + step) % 101,
        memoryUsedMiB: 1000,
        memoryTotalMiB: 81559,
        temperatureC: 60,
        powerW: 500,
      })),
    })),
    leases,
  };
}

async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

const lastEpochOf = (clusterId: bigint) =>
  chain.publicClient.readContract({
    address: chain.deployment.contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: 'lastEpochOf',
    args: [clusterId],
  });

let clusterA: bigint;
let clusterB: bigint;
const uuidsA = simulatedUuids('test-a', 4);
const uuidsB = simulatedUuids('test-b', 2);
// Aligned to an epoch boundary, an hour in the past, so epochs close as soon as later samples arrive.
const base = (Math.floor(Date.now() / 1000 / EPOCH) - 60) * EPOCH * 1000;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-oracle-'));
  chain = await startTestChain(ANVIL_PORT);
  clusterA = await registerCluster(chain, chain.deployment.contracts.clusterRegistry, 1, uuidsA);
  clusterB = await registerCluster(chain, chain.deployment.contracts.clusterRegistry, 2, uuidsB);
  for (let position = 0; position < 3; position++) nodes[position] = await startOracleNode(nodeOptions(position));
  const now = Math.floor(Date.now() / 1000);
  for (const [clusterId, uuids, operator] of [
    [clusterA, uuidsA, 1],
    [clusterB, uuidsB, 2],
  ] as const) {
    await attestCluster({
      nodeUrls: nodes.map((node) => node!.url),
      context: context(),
      operatorKey: devPrivateKey(operator),
      clusterId,
      uuids,
      validUntil: now + 30 * 86_400,
      threshold: 2,
      walletClient: chain.wallet(operator),
      publicClient: chain.publicClient,
    });
  }
  // Attested in the chain's past (before the telemetry below); reports of recent epochs need chain time now.
  await chain.catchUp();
  // An inventory claims its GPUs once a node sees its attestation on chain (L-6).
  await waitFor(async () =>
    nodes.every((node) => node!.core.gpuOwner(uuidsA[0]!) === clusterA && node!.core.gpuOwner(uuidsB[0]!) === clusterB)
      ? true
      : undefined,
  );
}, 120_000);

afterAll(async () => {
  for (const node of nodes) await node?.stop();
  await chain?.anvil.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('EIP-712 messages', () => {
  it('hash exactly like ClusterRegistry', async () => {
    const hasher = createRegistryHasher(context());
    const report: EpochReport = {
      clusterId: 3n,
      epoch: 1_700_000_060n,
      gpuHoursMilli: 12_345n,
      utilizationBps: 8_765,
      gpusOnline: 7,
      revenue: 10n ** 20n + 1n,
      telemetryRoot: `0x${'ab'.repeat(32)}`,
      committeeVersion: 3,
    };
    const read = (functionName: 'hashReport' | 'hashAttestation' | 'domainSeparator', args: unknown[]) =>
      chain.publicClient.readContract({
        address: context().registry,
        abi: clusterRegistryAbi,
        functionName,
        args,
      } as never);
    expect(await read('hashReport', [report])).toBe(hasher.report(report));
    const attestation = {
      clusterId: 1n,
      hardwareRoot: `0x${'cd'.repeat(32)}` as Hex,
      gpuCount: 8,
      issuedAt: 1_799_000_000n,
      validUntil: 1_800_000_000n,
      nonce: 4,
      committeeVersion: 2,
    };
    expect(await read('hashAttestation', [attestation])).toBe(hasher.attestation(attestation));
    expect(await read('domainSeparator', [])).toBe(hasher.domainSeparator);
  });
});

describe('attestation', () => {
  it('landed on chain with k node signatures and the nodes hold the inventory', async () => {
    const info = await chain.publicClient.readContract({
      address: context().registry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [clusterA],
    });
    expect(info.status).toBe(2); // Attested
    const health = await new NodeClient(nodes[0]!.url).health();
    expect(health.clusters.map((cluster) => cluster.clusterId).sort()).toEqual(['1', '2']);
  });

  it('refuses an inventory that does not match the on-chain root, signed or not over that root', async () => {
    const { signInventory } = await import('../agent/signing');
    const other = simulatedUuids('other', 4);
    const head = Number((await chain.publicClient.getBlock({ blockTag: 'latest' })).timestamp);
    const challengeFor = async () =>
      (await post(`${nodes[0]!.url}/clusters/${clusterA}/attestation/challenge`, {})).body.challenge as Hex;
    // Signed over its own root: the signature over the on-chain root does not recover to the operator.
    const ownRoot = await signInventory(
      context(),
      devPrivateKey(1),
      clusterA,
      other,
      await challengeFor(),
      head + 86_400,
    );
    const unsigned = await post(`${nodes[0]!.url}/clusters/${clusterA}/attestation`, {
      ...ownRoot,
      issuedAt: head,
      committeeVersion: 1,
    });
    expect(unsigned.status).toBe(403);
    expect(unsigned.body.error.code).toBe('not_operator');
    // Signed over the on-chain root and count, but listing other GPUs: the tree gives them away.
    const challenge = await challengeFor();
    const digest = inventoryProofDigest(context(), {
      clusterId: clusterA,
      hardwareRoot: hardwareRoot(uuidsA),
      gpuCount: 4,
      challenge,
      validUntil: BigInt(head + 86_400),
    });
    const answer = await post(`${nodes[0]!.url}/clusters/${clusterA}/attestation`, {
      challenge,
      uuids: other,
      validUntil: head + 86_400,
      signature: await signDigest(digest, devPrivateKey(1)),
      issuedAt: head,
      committeeVersion: 1,
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('hardware_root_mismatch');
  });

  it('signs only for the current committee and for recent chain time (what every node must sign alike)', async () => {
    const { signInventory } = await import('../agent/signing');
    const head = Number((await chain.publicClient.getBlock({ blockTag: 'latest' })).timestamp);
    const attempt = async (terms: { issuedAt: number; committeeVersion: number }) => {
      const { challenge } = (await post(`${nodes[0]!.url}/clusters/${clusterA}/attestation/challenge`, {})).body;
      const answer = await signInventory(
        context(),
        devPrivateKey(1),
        clusterA,
        uuidsA,
        challenge as Hex,
        head + 86_400,
      );
      return post(`${nodes[0]!.url}/clusters/${clusterA}/attestation`, { ...answer, ...terms });
    };
    const stale = await attempt({ issuedAt: head, committeeVersion: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'committee_version_mismatch', committeeVersion: 1 });
    const backdated = await attempt({ issuedAt: head - 3_600, committeeVersion: 1 });
    expect(backdated.status).toBe(422);
    expect(backdated.body.error).toMatchObject({ code: 'invalid_issued_at', windowSeconds: 600 });
    const ahead = await attempt({ issuedAt: head + 3_600, committeeVersion: 1 });
    expect(ahead.body.error.code).toBe('invalid_issued_at');
  });
});

describe('telemetry ingestion', () => {
  const url = () => `${nodes[0]!.url}/clusters/${clusterB}/batches`;
  let sequence = 0;

  it('accepts a signed batch once and rejects its replay', async () => {
    const batch = await signBatch(context(), devPrivateKey(2), clusterB, ++sequence, payload(uuidsB, base, 2, 10_000));
    const first = await post(url(), batch);
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ samples: 4, sequence: 1 });
    const replay = await post(url(), batch);
    expect(replay.status).toBe(409);
    expect(replay.body.error).toMatchObject({ code: 'batch_already_accepted', lastSequence: 1, identical: true });
  });

  it.each([
    [
      'utilization_out_of_range',
      (p: BatchPayload) => {
        p.snapshots[0]!.gpus[0]!.utilizationPct = 101;
      },
    ],
    [
      'timestamp_in_future',
      (p: BatchPayload) => {
        p.snapshots[0]!.t = Date.now() + 3_600_000;
      },
    ],
    [
      'timestamp_out_of_order',
      (p: BatchPayload) => {
        p.snapshots[0]!.t = base;
      },
    ],
    [
      'unknown_gpu',
      (p: BatchPayload) => {
        p.snapshots[0]!.gpus[0]!.uuid = simulatedUuids('nowhere', 1)[0]!;
      },
    ],
    [
      'gpu_in_other_cluster',
      (p: BatchPayload) => {
        p.snapshots[0]!.gpus[0]!.uuid = uuidsA[0]!;
      },
    ],
    [
      'too_many_gpus',
      (p: BatchPayload) => void p.snapshots[0]!.gpus.push({ ...p.snapshots[0]!.gpus[0]!, uuid: uuidsA[1]! }),
    ],
  ])(
    'rejects %s with nothing stored; a refusal for good uses up the sequence (H-6), a transient one does not',
    async (code, mutate) => {
      const body = payload(uuidsB, base + 30_000, 1, 10_000);
      mutate(body);
      const answer = await post(url(), await signBatch(context(), devPrivateKey(2), clusterB, sequence + 1, body));
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe(code);
      const consumed = code !== 'timestamp_in_future';
      expect(answer.body.error.sequenceConsumed).toBe(consumed ? true : undefined);
      if (consumed) sequence += 1;
      expect((await new NodeClient(nodes[0]!.url).cursor(clusterB)).lastSequence).toBe(sequence);
      // Nothing of it was stored: the next batch continues right after the last accepted sample.
      expect(nodes[0]!.core.telemetryStatus(clusterB)!.lastSampleAt).toBe(base + 10_000);
    },
  );

  it('accepts the batch after a refused one (H-6: a refused batch consumes its sequence)', async () => {
    const answer = await post(
      url(),
      await signBatch(context(), devPrivateKey(2), clusterB, ++sequence, payload(uuidsB, base + 30_000, 1, 10_000)),
    );
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ samples: 2, sequence });
  });

  it('rejects a batch signed by another operator, and one signed for another cluster', async () => {
    const body = payload(uuidsB, base + 30_000, 1, 10_000);
    const foreign = await post(url(), await signBatch(context(), devPrivateKey(1), clusterB, sequence + 1, body));
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('not_operator');
    const forA = await signBatch(context(), devPrivateKey(2), clusterA, sequence + 1, body);
    const moved = await post(url(), { ...forA, clusterId: clusterB.toString() });
    expect(moved.status).toBe(403);
    const mismatched = await post(url(), forA);
    expect(mismatched.status).toBe(400);
    expect(mismatched.body.error.code).toBe('cluster_mismatch');
  });

  it('rejects a sequence gap and an oversized or malformed body', async () => {
    const gap = await post(
      url(),
      await signBatch(context(), devPrivateKey(2), clusterB, sequence + 2, payload(uuidsB, base + 30_000, 1, 10_000)),
    );
    expect(gap.body.error).toMatchObject({ code: 'sequence_gap', expectedSequence: sequence + 1 });
    const malformed = await post(url(), { clusterId: 'x' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_body');
  });
});

describe('k-of-n reports', () => {
  it('land on chain while one node is down, and a restarted node loses nothing', async () => {
    await nodes[2]!.stop();
    nodes[2] = undefined;
    const leases = [
      {
        gpuUuid: uuidsA[0]!,
        leaseId: 'lease-1',
        tenantHash: `0x${'11'.repeat(32)}` as Hex,
        pricePerHour: '2000000',
        start: base - 3_600_000,
        end: null,
      },
    ];
    // Epoch 1 (60 s) in two batches, then one sample of epoch 2 closes it.
    const batches = [
      payload(uuidsA, base, 3, 10_000, leases),
      payload(uuidsA, base + 30_000, 3, 10_000, leases),
      payload(uuidsA, base + 60_000, 1, 10_000, leases),
    ];
    for (const [index, body] of batches.entries()) {
      const signed = await signBatch(context(), devPrivateKey(1), clusterA, index + 1, body);
      for (const node of nodes.filter(Boolean))
        expect((await post(`${node!.url}/clusters/${clusterA}/batches`, signed)).status).toBe(202);
      if (index === 0) {
        // Node 1 restarts mid-epoch: what it acknowledged is in its journal.
        await nodes[1]!.stop();
        nodes[1] = await startOracleNode(nodeOptions(1));
      }
    }
    const epochEnd = BigInt(base / 1000 + EPOCH);
    await waitFor(async () => ((await lastEpochOf(clusterA)) === epochEnd ? true : undefined));
    const [event] = await chain.publicClient.getContractEvents({
      address: context().registry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId: clusterA },
      fromBlock: 0n,
    });
    // 4 GPUs x 6 snapshots; GPU 0 leased for the whole epoch at 2 USDC/h and online in every snapshot.
    expect(event!.args).toMatchObject({
      epoch: epochEnd,
      gpuHoursMilli: 16n, // 60 s = 16.67 milli-hours, floored
      revenue: 33_333n, // 2,000,000 / 60, floored
      gpusOnline: 4,
    });
    const fromZero = nodes[0]!.core.report(clusterA, epochEnd)!.report;
    expect(nodes[1]!.core.report(clusterA, epochEnd)!.report).toEqual(fromZero);
    // utilization: steps 0..2 in each batch, GPU i at 10*i + step: mean (1 + 11 + 21 + 31) / 4 = 16%
    expect(fromZero.utilizationBps).toBe(1_600);
  });

  it('serves the raw samples of a reported epoch, hashing to the on-chain telemetry root', async () => {
    const epochEnd = BigInt(base / 1000 + EPOCH);
    const [event] = await chain.publicClient.getContractEvents({
      address: context().registry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId: clusterA, epoch: epochEnd },
      fromBlock: 0n,
    });
    // Node 1 restarted mid-epoch: its samples come back from the journal all the same.
    for (const node of nodes.filter(Boolean)) {
      const response = await fetch(`${node!.url}/clusters/${clusterA}/epochs/${epochEnd}/samples`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { telemetryRoot: Hex; leaves: [Hex, string, number][] };
      // 4 GPUs x 6 snapshots in the epoch.
      expect(body.leaves).toHaveLength(24);
      const leaves = body.leaves.map(([hash, time, milliPct]) => [hash, BigInt(time), milliPct] as TelemetryLeaf);
      expect(telemetryRoot(leaves)).toBe(event!.args.telemetryRoot);
      expect(body.telemetryRoot).toBe(event!.args.telemetryRoot);
    }
    const unknown = await fetch(`${nodes[0]!.url}/clusters/${clusterA}/epochs/${epochEnd + 3_600n}/samples`);
    expect(unknown.status).toBe(404);
  });

  it('a single compromised node cannot get a report on chain', async () => {
    const rogue = committee[2]!;
    nodes[2] = await startOracleNode(nodeOptions(2, { relay: false }));
    const epochEnd = BigInt(base / 1000 + 2 * EPOCH);
    const forged = {
      clusterId: clusterA.toString(),
      epoch: epochEnd.toString(),
      gpuHoursMilli: '999999',
      utilizationBps: 10_000,
      gpusOnline: 4,
      revenue: (10n ** 12n).toString(),
      telemetryRoot: `0x${'ee'.repeat(32)}` as Hex,
      committeeVersion: 1,
    };
    const hasher = createRegistryHasher(context());
    const { signDigest, recoverSigner } = await import('#protocol/eip712');
    const { fromWireReport } = await import('#protocol/wire');
    const signature = await signDigest(hasher.report(fromWireReport(forged)), rogue.key);
    expect(await recoverSigner(hasher.report(fromWireReport(forged)), signature)).toBe(rogue.address);
    for (const position of [0, 1]) {
      const answer = await peerPost(
        position,
        '/signatures',
        { items: [{ report: forged, signer: rogue.address, signature }] },
        rogue,
      );
      expect(answer.body.results).toEqual(['pending']);
    }
    // Honest data for epoch 2 arrives; the honest nodes compute their own report and ignore the forgery.
    const signed = await signBatch(context(), devPrivateKey(1), clusterA, 4, payload(uuidsA, base + 70_000, 6, 10_000));
    for (const node of nodes.slice(0, 2))
      expect((await post(`${node!.url}/clusters/${clusterA}/batches`, signed)).status).toBe(202);
    await waitFor(async () => ((await lastEpochOf(clusterA)) === epochEnd ? true : undefined));
    const events = await chain.publicClient.getContractEvents({
      address: context().registry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId: clusterA },
      fromBlock: 0n,
    });
    // What landed is the honest aggregate (the open lease again), not the forgery.
    expect(events.at(-1)!.args).toMatchObject({ epoch: epochEnd, gpuHoursMilli: 16n, revenue: 33_333n, gpusOnline: 4 });
    expect(
      Number(
        await (await fetch(`${nodes[0]!.url}/metrics`))
          .text()
          .then((text) => /peer_report_mismatches_total\{[^}]*\} (\d+)/.exec(text)?.[1]),
      ),
    ).toBe(1);
  });
  it('refuses a signature that does not recover to its claimed signer, or is for a committee the chain has not reached', async () => {
    const epochEnd = BigInt(base / 1000 + 20 * EPOCH);
    const report = {
      clusterId: clusterA.toString(),
      epoch: epochEnd.toString(),
      gpuHoursMilli: '1',
      utilizationBps: 1,
      gpusOnline: 1,
      revenue: '1',
      telemetryRoot: `0x${'aa'.repeat(32)}` as Hex,
      committeeVersion: 1,
    };
    const hasher = createRegistryHasher(context());
    const { signDigest } = await import('#protocol/eip712');
    const { fromWireReport } = await import('#protocol/wire');
    // An outsider's signature claiming to be committee member 1's: it would push out member 1's genuine one.
    const forged = await signDigest(hasher.report(fromWireReport(report)), devPrivateKey(3));
    const ahead = { ...report, committeeVersion: 2 ** 32 - 1 };
    const aheadSigned = await signDigest(hasher.report(fromWireReport(ahead)), committee[1]!.key);
    const answer = await peerPost(
      0,
      '/signatures',
      {
        items: [
          { report, signer: committee[1]!.address, signature: forged },
          { report: ahead, signer: committee[1]!.address, signature: aheadSigned },
        ],
      },
      committee[1]!,
    );
    expect(answer.body.results).toEqual(['invalid_signature', 'unknown_committee_version']);
    expect(nodes[0]!.core.report(clusterA, epochEnd)).toBeUndefined();
  });

  it('refuses, before any signature recovery, what no honest peer sends: unknown clusters, epochs not ended, unaligned or closed, oversized batches', async () => {
    const { MAX_SIGNATURES_PER_REQUEST, fromWireReport } = await import('#protocol/wire');
    const { signDigest } = await import('#protocol/eip712');
    const nextEpochEnd = (Math.floor(Date.now() / 1000 / EPOCH) + 1) * EPOCH;
    const report = {
      clusterId: clusterA.toString(),
      epoch: String(nextEpochEnd + 10 * EPOCH),
      gpuHoursMilli: '1',
      utilizationBps: 1,
      gpusOnline: 1,
      revenue: '1',
      telemetryRoot: `0x${'aa'.repeat(32)}` as Hex,
      committeeVersion: 1,
    };
    const junk = `0x${'11'.repeat(65)}` as Hex;
    const signer = committee[1]!.address;
    const answer = await peerPost(
      0,
      '/signatures',
      {
        items: [
          { report, signer, signature: junk },
          { report: { ...report, clusterId: '999999', epoch: String(base / 1000) }, signer, signature: junk },
          { report: { ...report, epoch: String(base / 1000 + 1) }, signer, signature: junk },
          // Long before the cluster's first sample: closed by this node, which will never report it.
          { report: { ...report, epoch: String(base / 1000 - 50 * EPOCH) }, signer, signature: junk },
        ],
      },
      committee[1]!,
    );
    expect(answer.body.results).toEqual(['epoch_in_future', 'unknown_cluster', 'epoch_not_aligned', 'epoch_closed']);
    expect(nodes[0]!.core.report(clusterA, BigInt(report.epoch))).toBeUndefined();

    // The epoch under way: a member's genuine signature waits for this node's own report. Behind a junk signature in
    // the same request it is not even recovered (one recovery per signer and request); sent alone, it is kept.
    const open = { ...report, epoch: String(nextEpochEnd) };
    const genuine = await signDigest(createRegistryHasher(context()).report(fromWireReport(open)), committee[1]!.key);
    const mixed = await peerPost(
      0,
      '/signatures',
      {
        items: [
          { report: open, signer, signature: junk },
          { report: open, signer, signature: genuine },
        ],
      },
      committee[1]!,
    );
    expect(mixed.body.results).toEqual(['invalid_signature', 'invalid_signature']);
    const alone = await peerPost(
      0,
      '/signatures',
      { items: [{ report: open, signer, signature: genuine }] },
      committee[1]!,
    );
    expect(alone.body.results).toEqual(['pending']);

    const oversized = await peerPost(
      0,
      '/signatures',
      { items: Array.from({ length: MAX_SIGNATURES_PER_REQUEST + 1 }, () => ({ report, signer, signature: junk })) },
      committee[1]!,
    );
    expect(oversized.status).toBe(400);
  });

  it('a committee change voids the signatures in flight: every node re-signs and the report still lands', async () => {
    // Reports of epoch 3 are signed for committee version 1 while no node relays.
    for (const position of [0, 1]) {
      await nodes[position]!.stop();
      nodes[position] = await startOracleNode(nodeOptions(position, { relay: false }));
    }
    const epochEnd = BigInt(base / 1000 + 3 * EPOCH);
    const signed = await signBatch(
      context(),
      devPrivateKey(1),
      clusterA,
      5,
      payload(uuidsA, base + 130_000, 6, 10_000),
    );
    for (const node of nodes.slice(0, 2))
      expect((await post(`${node!.url}/clusters/${clusterA}/batches`, signed)).status).toBe(202);
    const pending = await waitFor(async () => {
      const entry = nodes[0]!.core.report(clusterA, epochEnd);
      return entry && entry.readyAt !== null ? entry : undefined;
    });
    expect(pending.report.committeeVersion).toBe(1);
    // Governance changes the committee (the threshold is set again): version 2, the old signatures are void.
    await chain.publicClient.waitForTransactionReceipt({
      hash: await chain.wallet(0).writeContract({
        address: context().registry,
        abi: clusterRegistryAbi,
        functionName: 'setThreshold',
        args: [2n],
      }),
    });
    const version = await chain.publicClient.readContract({
      address: context().registry,
      abi: clusterRegistryAbi,
      functionName: 'committeeVersion',
    });
    expect(version).toBe(2);
    for (const position of [0, 1]) {
      await nodes[position]!.stop();
      nodes[position] = await startOracleNode(nodeOptions(position));
    }
    await waitFor(async () => ((await lastEpochOf(clusterA)) === epochEnd ? true : undefined));
    const [landed] = await chain.publicClient.getContractEvents({
      address: context().registry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId: clusterA, epoch: epochEnd },
      fromBlock: 0n,
    });
    // The same figures as signed for version 1, now signed for version 2 by both nodes.
    const resigned = nodes[0]!.core.report(clusterA, epochEnd)!.report;
    expect(resigned).toEqual({ ...pending.report, committeeVersion: 2 });
    expect(nodes[1]!.core.report(clusterA, epochEnd)!.report).toEqual(resigned);
    expect(landed!.args).toMatchObject({
      epoch: epochEnd,
      revenue: resigned.revenue,
      telemetryRoot: resigned.telemetryRoot,
    });
  });
});

describe('peer signatures (H-2)', () => {
  const junk = `0x${'11'.repeat(65)}` as Hex;
  const epochEnd = (index: number) => BigInt(base / 1000 + index * EPOCH);
  let sequence = 5;

  /** Sends clusterA's next batch (six 10-s samples from `from`) to nodes 0 and 1. */
  async function feed(from: number) {
    const signed = await signBatch(context(), devPrivateKey(1), clusterA, ++sequence, payload(uuidsA, from, 6, 10_000));
    for (const node of nodes.slice(0, 2))
      expect((await post(`${node!.url}/clusters/${clusterA}/batches`, signed)).status).toBe(202);
  }

  async function landed(epoch: bigint) {
    await waitFor(async () => ((await lastEpochOf(clusterA)) === epoch ? true : undefined));
    const events = await chain.publicClient.getContractEvents({
      address: context().registry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId: clusterA, epoch },
      fromBlock: 0n,
    });
    expect(events).toHaveLength(1);
  }

  /** Every signature node `position` holds for its report of `epoch`, each checked against its signer. */
  async function validSigners(position: number, epoch: bigint) {
    const { strictSigner } = await import('./signature-book');
    const entry = nodes[position]!.core.report(clusterA, epoch)!;
    const signers = [];
    for (const [signer, signature] of entry.signatures) {
      expect(await strictSigner(entry.digest, signature)).toBe(signer);
      signers.push(signer);
    }
    return signers.sort();
  }

  const reportOf = (epoch: bigint, overrides: Record<string, unknown> = {}) => ({
    clusterId: clusterA.toString(),
    epoch: epoch.toString(),
    gpuHoursMilli: '1',
    utilizationBps: 1,
    gpusOnline: 1,
    revenue: '1',
    telemetryRoot: `0x${'aa'.repeat(32)}` as Hex,
    committeeVersion: 2,
    ...overrides,
  });

  it('refuses an unauthenticated, wrongly signed, expired or misaddressed POST with 401 before looking at any item', async () => {
    const { vi } = await import('vitest');
    const spy = vi.spyOn(nodes[0]!.core, 'addPeerSignatures');
    const body = { items: [{ report: reportOf(epochEnd(4)), signer: committee[1]!.address, signature: junk }] };
    const outsider = { index: 3, key: devPrivateKey(3), address: privateKeyToAccount(devPrivateKey(3)).address };
    const unsigned = await post(`${nodes[0]!.url}/signatures`, body);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.code).toBe('peer_auth_missing');
    expect((await peerPost(0, '/signatures', body, outsider)).body.error.code).toBe('peer_not_member');
    // An outsider claiming to be member 1, and member 1's request made for node 1, or an hour old.
    const text = JSON.stringify(body);
    const { signPeerRequest: sign } = await import('./peer-auth');
    const impostor = await sign(context(), outsider.key, committee[1]!.address, {
      method: 'POST',
      path: '/signatures',
      recipient: committee[0]!.address,
      body: text,
    });
    const forNode1 = await sign(context(), committee[1]!.key, committee[1]!.address, {
      method: 'POST',
      path: '/signatures',
      recipient: committee[1]!.address,
      body: text,
    });
    for (const [headers, code] of [
      [impostor, 'peer_auth_invalid'],
      [forNode1, 'peer_auth_invalid'],
    ] as const) {
      const response = await fetch(`${nodes[0]!.url}/signatures`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: text,
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
    const old = await peerPost(0, '/signatures', body, committee[1]!, Date.now() - 3_600_000);
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('peer_auth_expired');
    const perReport = await post(`${nodes[0]!.url}/reports/${clusterA}/${epochEnd(4)}/signatures`, body.items[0]);
    expect(perReport.status).toBe(401);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('refuses a replayed request', async () => {
    const body = { items: [{ report: reportOf(epochEnd(4)), signer: committee[1]!.address, signature: junk }] };
    const text = JSON.stringify(body);
    const headers = {
      'content-type': 'application/json',
      ...(await signPeerRequest(context(), committee[1]!.key, committee[1]!.address, {
        method: 'POST',
        path: '/signatures',
        recipient: committee[0]!.address,
        body: text,
      })),
    };
    const send = () => fetch(`${nodes[0]!.url}/signatures`, { method: 'POST', headers, body: text });
    const first = await send();
    expect(first.status).toBe(200);
    expect(((await first.json()) as { results: string[] }).results).toEqual(['invalid_signature']);
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('peer_auth_replayed');
  });

  it('a junk or forged signature posted for signer B before the epoch closes does not keep B out: the report lands with two valid signatures', async () => {
    const E = epochEnd(4);
    const B = committee[1]!;
    const { signDigest } = await import('#protocol/eip712');
    const { fromWireReport, toWireReport: toWire } = await import('#protocol/wire');
    const hasher = createRegistryHasher(context());
    const other = reportOf(E);
    // A buggy member C relays junk for B; B itself (buggy) signs other figures first: neither takes B's place.
    const otherSigned = await signDigest(hasher.report(fromWireReport(other)), B.key);
    const parkedBefore = nodes[0]!.core.signatureBook.parkedSignatures;
    const answer = await peerPost(
      0,
      '/signatures',
      {
        items: [
          { report: other, signer: B.address, signature: junk },
          { report: { ...other, revenue: '2' }, signer: B.address, signature: junk },
        ],
      },
      committee[2]!,
    );
    expect(answer.body.results).toEqual(['invalid_signature', 'invalid_signature']);
    const buggy = await peerPost(
      0,
      '/signatures',
      { items: [{ report: other, signer: B.address, signature: otherSigned }] },
      B,
    );
    expect(buggy.body.results).toEqual(['pending']);
    expect(nodes[0]!.core.signatureBook.parkedSignatures).toBe(parkedBefore + 1);
    await feed(base + 190_000);
    await landed(E);
    expect(await validSigners(0, E)).toEqual([committee[0]!.address, B.address].sort());
    // What B signed for other figures was dropped when node 0 computed its own report.
    expect(nodes[0]!.core.signatureBook.parkedSignatures).toBe(parkedBefore);
    // B's genuine signature, copied and malleated (it recovers to B too, the registry refuses it), replaces nothing.
    const entry = nodes[0]!.core.report(clusterA, E)!;
    const kept = entry.signatures.get(B.address)!;
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const s = (n - BigInt(`0x${kept.slice(66, 130)}`)).toString(16).padStart(64, '0');
    const malleated = `${kept.slice(0, 66)}${s}${kept.slice(130) === '1b' ? '1c' : '1b'}` as Hex;
    const copy = await peerPost(
      0,
      '/signatures',
      { items: [{ report: toWire(entry.report), signer: B.address, signature: malleated }] },
      committee[2]!,
    );
    expect(copy.body.results).toEqual(['duplicate']);
    expect(entry.signatures.get(B.address)).toBe(kept);
  });

  it('a flood of forged signatures for the coming epochs (every cluster, every signer) does not keep a report off the chain', async () => {
    const E = epochEnd(5);
    const nextEpochEnd = (Math.floor(Date.now() / 1000 / EPOCH) + 1) * EPOCH;
    const items: { report: ReturnType<typeof reportOf>; signer: string; signature: Hex }[] = [];
    for (const clusterId of [clusterA, clusterB])
      for (const member of committee)
        for (const epoch of [E, ...Array.from({ length: 40 }, (_, index) => BigInt(nextEpochEnd + index * EPOCH))])
          items.push({
            report: { ...reportOf(epoch), clusterId: clusterId.toString() },
            signer: member.address,
            signature: junk,
          });
    let stop = false;
    const statuses: number[] = [];
    const parkedBefore = [0, 1].map((position) => nodes[position]!.core.signatureBook.parkedSignatures);
    // Outsiders (no key) and a buggy member (a valid request, junk items) hammer both nodes until the report lands.
    const flood = Promise.all(
      [0, 1].map(async (position) => {
        while (!stop) {
          statuses.push((await post(`${nodes[position]!.url}/signatures`, { items })).status);
          const member = await peerPost(position, '/signatures', { items }, committee[2]!);
          expect(member.status).toBe(200);
        }
      }),
    );
    await feed(base + 250_000);
    try {
      await landed(E);
    } finally {
      stop = true;
      await flood;
    }
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(await validSigners(0, E)).toEqual([committee[0]!.address, committee[1]!.address].sort());
    // Nothing of the flood was kept.
    expect([0, 1].map((position) => nodes[position]!.core.signatureBook.parkedSignatures)).toEqual(parkedBefore);
  });

  it('a push lost on the way is recovered by the pull', async () => {
    const E = epochEnd(6);
    // Node 1 signs but never relays, and its pushes to node 0 go nowhere: node 0 only has node 1's signature if it
    // pulls it.
    await nodes[0]!.stop();
    nodes[0] = await startOracleNode(nodeOptions(0, { pullDelayMs: 300, pullIntervalMs: 300 }));
    await nodes[1]!.stop();
    const nowhere = `http://127.0.0.1:${testPort(4119)}`;
    const options = nodeOptions(1, { relay: false });
    nodes[1] = await startOracleNode({
      ...options,
      peers: options.peers.map((peer) => (peer.address === committee[0]!.address ? { ...peer, url: nowhere } : peer)),
    });
    await feed(base + 310_000);
    await landed(E);
    expect(await validSigners(0, E)).toEqual([committee[0]!.address, committee[1]!.address].sort());
    await nodes[1]!.stop();
    nodes[1] = await startOracleNode(nodeOptions(1));
  });
});
