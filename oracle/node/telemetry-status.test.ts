import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TELEMETRY_VIEW_WINDOW_SECONDS, telemetryViewHeaders } from '#protocol/telemetry-view';
import { type BatchPayload, RECENT_REJECTIONS_KEPT, type TelemetryView, telemetryViewSchema } from '#protocol/wire';
import { devPrivateKey } from '../../devnet/accounts';
import { attestCluster } from '../agent/attest';
import { signBatch } from '../agent/signing';
import { batchByteLimit } from './batch-gate';
import { registerCluster, simulatedUuids, startTestChain, testPort } from './harness.test-kit';
import { type OracleNode, startOracleNode } from './node';
import { ClusterTelemetryTally, MAX_REJECTION_MESSAGE_LENGTH } from './telemetry-status';

// Ports of their own: the other oracle tests use anvil 86xx-89xx and nodes 41xx-47xx.
const ANVIL_PORT = testPort(9710);
const HTTP_PORT = testPort(9701);
const EPOCH = 60;
const OPERATOR = 1;
/** The dashboard's reader key in these tests (an otherwise unused dev account). */
const READER = 19;
const STRANGER = 3;
/** Small, so the rate limit shows within a short flood. */
const BURST = 5;
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

  /** Headers signed by dev account `signer` asking `nodeAddress` (this node by default) for `target`'s detail. */
  async function viewHeaders(signer: number, target: bigint, overrides: { node?: Hex; issuedAt?: number } = {}) {
    const account = privateKeyToAccount(devPrivateKey(signer));
    return telemetryViewHeaders(
      context(),
      {
        node: overrides.node ?? node!.address,
        clusterId: target,
        issuedAt: overrides.issuedAt ?? Math.floor(Date.now() / 1000),
      },
      (typed) => account.signTypedData(typed),
    );
  }

  async function telemetry(target: bigint | string, headers: Record<string, string> = {}) {
    const response = await fetch(`${node!.url}/clusters/${target}/telemetry`, { headers });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  /** The view as the signed-in operator sees it (or, with `signer: null`, as anyone does). */
  async function status(signer: number | null = OPERATOR): Promise<TelemetryView> {
    const answer = await telemetry(clusterId, signer === null ? {} : await viewHeaders(signer, clusterId));
    expect(answer.status).toBe(200);
    // What the dashboard will do with it: the schema is the contract.
    return telemetryViewSchema.parse(answer.body);
  }

  /** A POST from another local address (127.0.0.x): the node sees another client IP. */
  function postFrom(localAddress: string, target: bigint, body: unknown) {
    return new Promise<{ status: number; body: { error?: { code: string } } }>((resolve, reject) => {
      const text = JSON.stringify(body);
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: HTTP_PORT,
          localAddress,
          method: 'POST',
          path: `/clusters/${target}/batches`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) },
        },
        (response) => {
          let data = '';
          response.on('data', (chunk) => {
            data += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode!, body: JSON.parse(data) }));
        },
      );
      request.on('error', reject);
      request.end(text);
    });
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'rackshare-telemetry-status-'));
    chain = await startTestChain(ANVIL_PORT, { committee: [7], threshold: 1 });
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
      telemetryReaders: [privateKeyToAccount(devPrivateKey(READER)).address],
      batchGate: { burst: BURST, refillPerSecond: 0.01 },
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
      node: node!.address,
      view: 'operator',
      unauthenticatedBatches: {},
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
    expect(view.recentRejections![0]!.message).toMatch(/101%/);
    expect(view.recentRejections![0]!.at).toBeGreaterThanOrEqual(before);
    // Nothing of the rejected batch counts as accepted or moves the cluster's freshness; refused for good, it used up
    // its sequence (H-6).
    expect(view.lastSequence).toBe(2);
    for (const field of ['lastBatchAt', 'lastSampleAt', 'acceptedBatches', 'acceptedSamples'] as const) {
      expect(view[field]).toBe(accepted[field]);
    }

    // A replay of the accepted batch, then a body that is not a batch at all (no sequence, no readings): neither is
    // the operator's doing (anyone who saw batch 1 can resend it), so both are counted and neither is listed.
    const replay = await signBatch(context(), devPrivateKey(OPERATOR), clusterId, 1, snapshots(base, 3));
    expect((await postBatch(clusterId, replay)).body.error!.code).toBe('batch_already_accepted');
    expect((await postBatch(clusterId, { payload: 'not json' })).body.error!.code).toBe('invalid_body');

    const later = await status();
    expect(later.recentRejections).toEqual(view.recentRejections);
    expect(later.rejectedBatches).toEqual({ utilization_out_of_range: 1 });
    expect(later.unauthenticatedBatches).toEqual({ batch_already_accepted: 1, invalid_body: 1 });
    expect(later.acceptedBatches).toBe(accepted.acceptedBatches);
  });

  it('L-4: shows anyone the counts only, and the recent rejections only to the operator or a trusted reader', async () => {
    const detail = await status(OPERATOR);
    // Exactly the one batch the operator got refused above (101 % utilization), as the counts say: not "some".
    const operatorRefusals = Object.values(detail.rejectedBatches).reduce((sum, count) => sum + count, 0);
    expect(operatorRefusals).toBe(1);
    expect(detail.recentRejections).toHaveLength(operatorRefusals);
    expect(detail.recentRejections![0]!.message).toMatch(/101%/);

    const anonymous = await status(null);
    expect(anonymous.view).toBe('public');
    expect(anonymous).not.toHaveProperty('recentRejections');
    const { recentRejections: _hidden, view: _view, ...counts } = detail;
    expect(anonymous).toEqual({ ...counts, view: 'public' });

    // The dashboard's reader key, configured on the node, reads the detail of any cluster it holds.
    const reader = await status(READER);
    expect(reader.view).toBe('operator');
    expect(reader.recentRejections).toEqual(detail.recentRejections);

    // Someone else's signature, a signature meant for another node, and a stale one are refused, not downgraded.
    const refused = [
      [await viewHeaders(STRANGER, clusterId), 403, 'not_operator'],
      [
        await viewHeaders(OPERATOR, clusterId, { node: privateKeyToAccount(devPrivateKey(8)).address }),
        403,
        'not_operator',
      ],
      [await viewHeaders(OPERATOR, unattestedClusterId), 403, 'not_operator'],
      [
        await viewHeaders(OPERATOR, clusterId, {
          issuedAt: Math.floor(Date.now() / 1000) - TELEMETRY_VIEW_WINDOW_SECONDS - 5,
        }),
        401,
        'view_expired',
      ],
      [{ 'x-rackshare-view-signature': '0x1234', 'x-rackshare-view-issued-at': 'soon' }, 400, 'invalid_view_signature'],
    ] as const;
    for (const [headers, code, error] of refused) {
      const answer = await telemetry(clusterId, headers);
      expect(answer.status).toBe(code);
      expect(answer.body).toMatchObject({ error: { code: error } });
      expect(answer.body).not.toHaveProperty('recentRejections');
    }
  });

  it('L-4: a junk flood leaves the operator recent list unchanged, stays out of the queue, and the agent is accepted right after', async () => {
    const before = await status();
    const sequence = before.lastSequence + 1;
    const genuine = await signBatch(
      context(),
      devPrivateKey(OPERATOR),
      clusterId,
      sequence,
      snapshots(base + 60_000, 2),
    );
    const junk = [
      // Signed by someone who is not the operator, for the very sequence the agent sends next.
      await signBatch(context(), devPrivateKey(STRANGER), clusterId, sequence, snapshots(base + 60_000, 2)),
      // The operator's signature with another payload: the signer is the operator, the payload not the one signed.
      { ...genuine, payload: JSON.stringify(snapshots(base + 60_000, 1)) },
      { ...genuine, signature: `0x${'00'.repeat(65)}` },
      { clusterId: clusterId.toString(), sequence, payload: 'x'.repeat(1_000) },
    ];
    const FLOOD = 60; // well over RECENT_REJECTIONS_KEPT
    // Counts what reaches the cluster's serial queue (ingestBatch is its only door).
    const core = node!.core;
    const ingest = core.ingestBatch.bind(core);
    let queued = 0;
    core.ingestBatch = (...args) => {
      queued += 1;
      return ingest(...args);
    };
    // This address delivered the operator's batches. Had nothing been rejected from it lately, its first junk batch
    // would be checked by the core in the queue (one verification per genuine batch) and classified by its code;
    // from then on every batch from the address is checked before the queue.
    const codes = [(await postBatch(clusterId, junk[0])).body.error!.code];
    const queuedFirst = queued;
    expect(queuedFirst).toBeLessThanOrEqual(1);
    const rest = await Promise.all(
      Array.from(
        { length: FLOOD - 1 },
        async (_, index) => (await postBatch(clusterId, junk[(index + 1) % junk.length])).body.error!.code,
      ),
    );
    codes.push(...rest);
    expect(new Set(codes)).toEqual(
      new Set(['not_operator', 'invalid_payload_hash', 'invalid_signature', 'invalid_body']),
    );
    expect(queued).toBe(queuedFirst);

    const after = await status();
    expect(after.recentRejections).toEqual(before.recentRejections);
    expect(after.rejectedBatches).toEqual(before.rejectedBatches);
    const flooded = Object.values(after.unauthenticatedBatches).reduce((sum, count) => sum + count, 0);
    const had = Object.values(before.unauthenticatedBatches).reduce((sum, count) => sum + count, 0);
    expect(flooded - had).toBe(FLOOD);

    // #3 (ATTACK-9): that trust is for this cluster only, and the flood from the trusted address was charged all the
    // same: for any other cluster the address is now refused unread, like any client that sent only junk.
    const elsewhere = await signBatch(context(), devPrivateKey(2), unattestedClusterId, 1, snapshots(base, 1));
    const refused = await postBatch(unattestedClusterId, elsewhere);
    expect([refused.status, refused.body.error!.code]).toEqual([429, 'rate_limited']);

    // This address delivered the operator's batches before: the flood from it was answered, not rate-limited, and
    // the agent's next batch goes through at once.
    const accepted = await postBatch(clusterId, genuine);
    expect(accepted.status).toBe(202);
    expect(queued).toBe(queuedFirst + 1);
    core.ingestBatch = ingest;
    expect((await status()).lastSequence).toBe(sequence);
  });

  it('L-4: a quiet agent address goes straight to the core, and a stranger batch from it is still counted, not listed', async () => {
    const core = node!.core;
    const ingest = core.ingestBatch.bind(core);
    let queued = 0;
    core.ingestBatch = (...args) => {
      queued += 1;
      return ingest(...args);
    };
    try {
      const before = await status();
      const genuine = await signBatch(
        context(),
        devPrivateKey(OPERATOR),
        clusterId,
        before.lastSequence + 1,
        snapshots(base + 180_000, 1),
      );
      // A fresh address: checked before the queue, then queued and accepted; from now on a known, quiet agent.
      expect((await postFrom('127.0.0.3', clusterId, genuine)).status).toBe(202);
      expect(queued).toBe(1);
      const stranger = await signBatch(
        context(),
        devPrivateKey(STRANGER),
        clusterId,
        before.lastSequence + 2,
        snapshots(base + 190_000, 1),
      );
      expect((await postFrom('127.0.0.3', clusterId, stranger)).body.error!.code).toBe('not_operator');
      expect(queued).toBe(2);
      // The core refused it before any operator check: counted with the strangers', not listed.
      const after = await status();
      expect(after.recentRejections).toEqual(before.recentRejections);
      expect(after.unauthenticatedBatches.not_operator).toBe((before.unauthenticatedBatches.not_operator ?? 0) + 1);
      // No longer quiet: the next one is refused before the queue.
      expect((await postFrom('127.0.0.3', clusterId, stranger)).body.error!.code).toBe('not_operator');
      expect(queued).toBe(2);
    } finally {
      core.ingestBatch = ingest;
    }
  });

  it('L-4: rate-limits a client IP that only sends rejected batches, before reading its body', async () => {
    const junk = await signBatch(context(), devPrivateKey(STRANGER), clusterId, 99, snapshots(base + 300_000, 1));
    const before = await status();
    const answers = [];
    for (let index = 0; index < BURST + 3; index++) answers.push(await postFrom('127.0.0.2', clusterId, junk));
    expect(answers.slice(0, BURST).map((answer) => answer.body.error!.code)).toEqual(Array(BURST).fill('not_operator'));
    expect(answers.slice(BURST).map((answer) => [answer.status, answer.body.error!.code])).toEqual(
      Array(3).fill([429, 'rate_limited']),
    );
    // Limited per client: the agent's address (127.0.0.1) is still served.
    const view = await status();
    const next = await signBatch(
      context(),
      devPrivateKey(OPERATOR),
      clusterId,
      view.lastSequence + 1,
      snapshots(base + 300_000, 1),
    );
    expect((await postBatch(clusterId, next)).status).toBe(202);
    // Refused unread: only the burst was checked and counted against the cluster.
    expect((await status()).unauthenticatedBatches.not_operator).toBe(
      (before.unauthenticatedBatches.not_operator ?? 0) + BURST,
    );
  });

  /** Sends a batch body in `chunks`, 20 ms apart, from `localAddress`; resolves once answered, with what was unsent. */
  function sendPiecewise(localAddress: string, headers: Record<string, string | number>, chunks: string[]) {
    return new Promise<{ status: number; code: string; unsent: number }>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port: HTTP_PORT,
          localAddress,
          method: 'POST',
          path: `/clusters/${clusterId}/batches`,
          headers: { 'content-type': 'application/json', ...headers },
        },
        (response) => {
          let text = '';
          response.on('data', (chunk) => {
            text += chunk;
          });
          response.on('end', () => {
            resolve({ status: response.statusCode!, code: JSON.parse(text).error?.code, unsent: pending.length });
            request.destroy();
          });
        },
      );
      request.on('error', reject);
      const pending = [...chunks];
      const pump = () => {
        const chunk = pending.shift();
        if (chunk === undefined) return request.end();
        request.write(chunk);
        setTimeout(pump, 20);
      };
      pump();
    });
  }

  it("#2: refuses a batch larger than its cluster's GPU count allows with 413 body_too_large, before reading it", async () => {
    const limit = batchByteLimit(uuids.length);
    const before = await status();
    // A 2-GPU cluster: a few hundred KB at most, where a 16 MB body used to be read, parsed and hashed.
    const declared = await sendPiecewise(
      '127.0.0.5',
      { 'content-length': 10 * limit },
      Array.from({ length: 10 }, () => ' '.repeat(limit)),
    );
    expect(declared).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(declared.unsent).toBeGreaterThan(0);
    const streamed = await sendPiecewise(
      '127.0.0.5',
      { 'transfer-encoding': 'chunked' },
      Array.from({ length: 20 }, () => ' '.repeat(Math.ceil(limit / 10))),
    );
    expect(streamed).toMatchObject({ status: 413, code: 'body_too_large' });
    expect(streamed.unsent).toBeGreaterThan(0);
    // Counted with the strangers' batches, never listed for the operator.
    const after = await status();
    expect(after.unauthenticatedBatches.body_too_large).toBe((before.unauthenticatedBatches.body_too_large ?? 0) + 2);
    expect(after.recentRejections).toEqual(before.recentRejections);
    // Each refusal spent a token of the IP although no handler ran (charged on arrival, before any work): the rest of
    // its burst goes on any other refusal, and then it is refused unread.
    for (let index = 2; index < BURST; index++) {
      expect((await postFrom('127.0.0.5', clusterId, { payload: 'not a batch' })).status).toBe(400);
    }
    const limited = await postFrom('127.0.0.5', clusterId, { payload: 'not a batch' });
    expect([limited.status, limited.body.error!.code]).toEqual([429, 'rate_limited']);
  });

  it("#2: refuses the operator's signature sent with another payload, as a stranger's batch", async () => {
    const before = await status();
    const genuine = await signBatch(
      context(),
      devPrivateKey(OPERATOR),
      clusterId,
      before.lastSequence + 1,
      snapshots(base + 400_000, 1),
    );
    const swapped = { ...genuine, payload: JSON.stringify(snapshots(base + 400_000, 2)) };
    const answer = await postFrom('127.0.0.6', clusterId, swapped);
    expect([answer.status, answer.body.error!.code]).toEqual([400, 'invalid_payload_hash']);
    // A body without the hash (an agent from before it was required) is not a batch.
    const { payloadHash: _dropped, ...legacy } = genuine;
    expect((await postFrom('127.0.0.6', clusterId, legacy)).body.error!.code).toBe('invalid_body');
    const after = await status();
    expect(after.recentRejections).toEqual(before.recentRejections);
    expect(after.lastSequence).toBe(before.lastSequence);
    expect((await postFrom('127.0.0.6', clusterId, genuine)).status).toBe(202);
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
      // From an address with tokens left (127.0.0.1 spent its own on the junk floods above).
      expect((await postFrom('127.0.0.4', target, batch)).body.error!.code).toBe('cluster_not_attested');
      expect((await telemetry(target)).status).toBe(404);
    }
    // They went through the same recording path (Prometheus counted them) without creating a cluster entry.
    expect(await rejectedByMetrics('cluster_not_attested')).toBe(countedBefore + 2);
    const health = (await (await fetch(`${node!.url}/health`)).json()) as { clusters: { clusterId: string }[] };
    expect(health.clusters.map((cluster) => cluster.clusterId)).toEqual([clusterId.toString()]);
    expect((await status()).rejectedBatches).not.toHaveProperty('cluster_not_attested');
    expect((await status()).unauthenticatedBatches).not.toHaveProperty('cluster_not_attested');
  });

  async function rejectedByMetrics(code: string) {
    const text = await (await fetch(`${node!.url}/metrics`)).text();
    const line = new RegExp(`batches_rejected_total\\{[^}]*reason="${code}"[^}]*\\} (\\d+)`).exec(text);
    return Number(line?.[1] ?? 0);
  }
});
