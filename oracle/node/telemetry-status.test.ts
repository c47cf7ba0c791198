import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devPrivateKey } from '../../scripts/stack/dev-accounts';
import { attestCluster } from '../agent/attest';
import { signBatch } from '../agent/signing';
import { registerCluster, simulatedUuids, startTestChain, testPort } from './harness';
import { type OracleNode, startOracleNode } from './node';
import { type BatchPayload, RECENT_REJECTIONS_KEPT, type TelemetryStatus, telemetryStatusSchema } from './protocol';
import { ClusterTelemetryTally, MAX_REJECTION_MESSAGE_LENGTH } from './telemetry-status';

// Ports of their own: the other oracle tests use anvil 86xx-89xx and nodes 41xx-47xx.
const ANVIL_PORT = testPort(9710);
const HTTP_PORT = testPort(9701);
const EPOCH = 60;
const OPERATOR = 1;
const log = pino({ level: 'silent' });

describe('ClusterTelemetryTally', () => {
  it('keeps only the most recent rejections, newest first, and counts every one', () => {
    const tally = new ClusterTelemetryTally();
    for (let sequence = 1; sequence <= RECENT_REJECTIONS_KEPT + 5; sequence++) {
      tally.recordRejected({ code: 'sequence_gap', message: `expected batch ${sequence}` }, 2, sequence, sequence);
    }
    const view = tally.toJSON();
    expect(view.recentRejections).toHaveLength(RECENT_REJECTIONS_KEPT);
    expect(view.recentRejections[0]).toEqual({
      at: RECENT_REJECTIONS_KEPT + 5,
      code: 'sequence_gap',
      message: `expected batch ${RECENT_REJECTIONS_KEPT + 5}`,
      readings: 2,
      sequence: RECENT_REJECTIONS_KEPT + 5,
    });
    expect(view.recentRejections.at(-1)!.sequence).toBe(6);
    expect(view.rejectedBatches).toEqual({ sequence_gap: RECENT_REJECTIONS_KEPT + 5 });
    expect(view.rejectedSamples).toEqual({ sequence_gap: 2 * (RECENT_REJECTIONS_KEPT + 5) });
  });

  it('shortens a huge rejection message instead of holding it', () => {
    const tally = new ClusterTelemetryTally();
    tally.recordRejected({ code: 'invalid_body', message: 'x'.repeat(1_000_000) }, 0, null);
    const [kept] = tally.toJSON().recentRejections;
    expect(kept!.message).toHaveLength(MAX_REJECTION_MESSAGE_LENGTH);
    expect(kept!.message.endsWith('…')).toBe(true);
  });
});

describe('GET /clusters/:clusterId/telemetry', () => {
  let chain: Awaited<ReturnType<typeof startTestChain>>;
  let directory: string;
  let node: OracleNode | undefined;
  let clusterId: bigint;
  /** Registered on chain but never attested to this node: it holds no inventory for it. */
  let unattestedClusterId: bigint;
  const uuids = simulatedUuids('telemetry-status', 2);
  // An hour in the past, on an epoch boundary, so every snapshot is plausible (not ahead of the node's clock).
  const base = (Math.floor(Date.now() / 1000 / EPOCH) - 60) * EPOCH * 1000;
  const context = () => ({ chainId: 31_337, registry: chain.deployment.contracts.clusterRegistry });

  const snapshots = (from: number, count: number): BatchPayload => ({
    snapshots: Array.from({ length: count }, (_, step) => ({
      t: from + step * 10_000,
      gpus: uuids.map((uuid) => ({
        uuid,
        utilizationPct: 50,
        memoryUsedMiB: 1000,
        memoryTotalMiB: 81559,
        temperatureC: 60,
        powerW: 500,
      })),
    })),
    leases: [],
  });

  async function postBatch(target: bigint, body: unknown) {
    const response = await fetch(`${node!.url}/clusters/${target}/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
  }

  async function telemetry(target: bigint | string) {
    const response = await fetch(`${node!.url}/clusters/${target}/telemetry`);
    return { status: response.status, body: (await response.json()) as unknown };
  }

  async function status(): Promise<TelemetryStatus> {
    const answer = await telemetry(clusterId);
    expect(answer.status).toBe(200);
    // What the dashboard will do with it: the schema is the contract.
    return telemetryStatusSchema.parse(answer.body);
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'rackshare-telemetry-status-'));
    chain = await startTestChain(ANVIL_PORT, [7], 1);
    const registry = chain.deployment.contracts.clusterRegistry;
    clusterId = await registerCluster(chain, registry, OPERATOR, uuids);
    unattestedClusterId = await registerCluster(chain, registry, 2, simulatedUuids('telemetry-status-other', 2));
    node = await startOracleNode({
      privateKey: devPrivateKey(7),
      rpcUrl: chain.rpcUrl,
      chainId: 31_337,
      registry,
      committee: [privateKeyToAccount(devPrivateKey(7)).address],
      threshold: 1,
      peers: [],
      port: HTTP_PORT,
      journalPath: join(directory, 'node.jsonl'),
      epochSeconds: EPOCH,
      backfillSeconds: 2 * 3_600,
      graceSeconds: 3 * 3_600,
      log,
    });
    await attestCluster({
      nodeUrls: [node.url],
      context: context(),
      operatorKey: devPrivateKey(OPERATOR),
      clusterId,
      uuids,
      validUntil: Math.floor(Date.now() / 1000) + 86_400,
      threshold: 1,
      walletClient: chain.wallet(OPERATOR),
      publicClient: chain.publicClient,
    });
  }, 120_000);

  afterAll(async () => {
    await node?.stop();
    await chain?.anvil.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('starts empty for an attested cluster', async () => {
    expect(await status()).toEqual({
      clusterId: clusterId.toString(),
      gpus: 2,
      lastSequence: 0,
      lastBatchAt: null,
      lastSampleAt: null,
      acceptedBatches: 0,
      acceptedSamples: 0,
      rejectedBatches: {},
      rejectedSamples: {},
      recentRejections: [],
    });
  });

  it('counts an accepted batch and dates it', async () => {
    const before = Date.now();
    const answer = await postBatch(
      clusterId,
      await signBatch(context(), devPrivateKey(OPERATOR), clusterId, 1, snapshots(base, 3)),
    );
    const after = Date.now();
    expect(answer.status).toBe(202);
    const view = await status();
    expect(view).toMatchObject({
      lastSequence: 1,
      acceptedBatches: 1,
      acceptedSamples: 6, // 3 snapshots x 2 GPUs
      lastSampleAt: base + 20_000,
      rejectedBatches: {},
      recentRejections: [],
    });
    expect(view.lastBatchAt).toBeGreaterThanOrEqual(before);
    expect(view.lastBatchAt).toBeLessThanOrEqual(after);
  });

  it('records rejected batches by code, newest first, with message, readings and sequence, and accepts nothing', async () => {
    const accepted = await status();
    const implausible = snapshots(base + 30_000, 2);
    implausible.snapshots[1]!.gpus[0]!.utilizationPct = 101;
    const before = Date.now();
    const rejected = await postBatch(
      clusterId,
      await signBatch(context(), devPrivateKey(OPERATOR), clusterId, 2, implausible),
    );
    expect(rejected.status).toBe(422);
    expect(rejected.body.error!.code).toBe('utilization_out_of_range');

    const view = await status();
    expect(view.rejectedBatches).toEqual({ utilization_out_of_range: 1 });
    expect(view.rejectedSamples).toEqual({ utilization_out_of_range: 4 });
    expect(view.recentRejections).toEqual([
      {
        at: expect.any(Number),
        code: 'utilization_out_of_range',
        // The operator reads the same explanation the agent was answered with.
        message: rejected.body.error!.message,
        readings: 4,
        sequence: 2,
      },
    ]);
    expect(view.recentRejections[0]!.message).toMatch(/101%/);
    expect(view.recentRejections[0]!.at).toBeGreaterThanOrEqual(before);
    // Nothing of the rejected batch counts as accepted or moves the cluster's freshness; refused for good, it used up
    // its sequence (H-6).
    expect(view.lastSequence).toBe(2);
    for (const field of ['lastBatchAt', 'lastSampleAt', 'acceptedBatches', 'acceptedSamples'] as const) {
      expect(view[field]).toBe(accepted[field]);
    }

    // A replay of the accepted batch, then a body that is not a batch at all (no sequence, no readings).
    const replay = await signBatch(context(), devPrivateKey(OPERATOR), clusterId, 1, snapshots(base, 3));
    expect((await postBatch(clusterId, replay)).body.error!.code).toBe('batch_already_accepted');
    expect((await postBatch(clusterId, { payload: 'not json' })).body.error!.code).toBe('invalid_body');

    const later = await status();
    expect(later.recentRejections.map(({ code, readings, sequence }) => ({ code, readings, sequence }))).toEqual([
      { code: 'invalid_body', readings: 0, sequence: null },
      { code: 'batch_already_accepted', readings: 6, sequence: 1 },
      { code: 'utilization_out_of_range', readings: 4, sequence: 2 },
    ]);
    expect(later.rejectedBatches).toEqual({ utilization_out_of_range: 1, batch_already_accepted: 1, invalid_body: 1 });
    expect(later.rejectedSamples).toEqual({ utilization_out_of_range: 4, batch_already_accepted: 6, invalid_body: 0 });
    expect(later.acceptedBatches).toBe(accepted.acceptedBatches);
  });

  it('answers 404 unknown_cluster for a cluster the node holds no inventory for, and 400 for an invalid id', async () => {
    for (const target of [unattestedClusterId, 987_654_321n]) {
      const answer = await telemetry(target);
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ error: { code: 'unknown_cluster' } });
    }
    const invalid = await telemetry('not-a-cluster');
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { code: 'invalid_body' } });
  });

  it('keeps no entry for batches posted to a cluster the node does not hold', async () => {
    const countedBefore = await rejectedByMetrics('cluster_not_attested');
    for (const target of [unattestedClusterId, 987_654_321n]) {
      const batch = await signBatch(context(), devPrivateKey(2), target, 1, snapshots(base, 1));
      expect((await postBatch(target, batch)).body.error!.code).toBe('cluster_not_attested');
      expect((await telemetry(target)).status).toBe(404);
    }
    // They went through the same recording path (Prometheus counted them) without creating a cluster entry.
    expect(await rejectedByMetrics('cluster_not_attested')).toBe(countedBefore + 2);
    const health = (await (await fetch(`${node!.url}/health`)).json()) as { clusters: { clusterId: string }[] };
    expect(health.clusters.map((cluster) => cluster.clusterId)).toEqual([clusterId.toString()]);
    expect((await status()).rejectedBatches).not.toHaveProperty('cluster_not_attested');
  });

  async function rejectedByMetrics(code: string) {
    const text = await (await fetch(`${node!.url}/metrics`)).text();
    const line = new RegExp(`batches_rejected_total\\{[^}]*reason="${code}"[^}]*\\} (\\d+)`).exec(text);
    return Number(line?.[1] ?? 0);
  }
});
