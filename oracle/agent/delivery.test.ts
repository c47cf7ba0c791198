/**
 * Delivery against a `fetch` stub that follows the nodes' batch protocol (sequencing, operator signatures, and the
 * `sequenceConsumed` answer for content refused for good), so that the agent's side is tested without a chain.
 */
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type Hex, keccak256, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recoverSigner, telemetryBatchDigest } from '#protocol/eip712';
import type { BatchBody, BatchPayload } from '#protocol/wire';
import { devPrivateKey } from '../../devnet/accounts';
import { simulatedUuids } from '../node/harness.test-kit';
import { Agent, type AgentConfig, agentConfigSchema } from './agent';
import { ClusterSpool } from './spool';

const context = { chainId: 31_337, registry: '0x00000000000000000000000000000000000000aa' as const };
const log = pino({ level: 'silent' });
const uuids = simulatedUuids('delivery-test', 2);

type Answer = { status: number; body: unknown };
type Refusal = (clusterId: bigint, body: BatchBody, payload: BatchPayload) => Answer | undefined;

/** One node's batch endpoint, as the node protocol of issue 11 describes it. */
class StubNode {
  lastSequence = new Map<bigint, number>();
  operators = new Map<bigint, Hex>();
  accepted: { clusterId: bigint; sequence: number; payload: BatchPayload }[] = [];
  requests: { clusterId: bigint; sequence: number }[] = [];
  down = false;
  refuse: Refusal = () => undefined;

  constructor(readonly url: string) {}

  async handle(clusterId: bigint, body: BatchBody): Promise<Answer> {
    this.requests.push({ clusterId, sequence: body.sequence });
    const digest = telemetryBatchDigest(context, clusterId, BigInt(body.sequence), keccak256(toBytes(body.payload)));
    const signer = await recoverSigner(digest, body.signature as Hex);
    const operator = this.operators.get(clusterId);
    if (signer !== operator) return { status: 403, body: { error: { code: 'not_operator', message: 'x', signer } } };
    const last = this.lastSequence.get(clusterId) ?? 0;
    if (body.sequence <= last) {
      return { status: 409, body: { error: { code: 'batch_already_accepted', message: 'x', lastSequence: last } } };
    }
    if (body.sequence !== last + 1) {
      return { status: 409, body: { error: { code: 'sequence_gap', message: 'x', expectedSequence: last + 1 } } };
    }
    const payload = JSON.parse(body.payload) as BatchPayload;
    const refusal = this.refuse(clusterId, body, payload);
    if (refusal) {
      const error = (refusal.body as { error: { sequenceConsumed?: boolean } }).error;
      if (error.sequenceConsumed) this.lastSequence.set(clusterId, body.sequence);
      return refusal;
    }
    this.lastSequence.set(clusterId, body.sequence);
    this.accepted.push({ clusterId, sequence: body.sequence, payload });
    return { status: 202, body: { samples: 0, sequence: body.sequence } };
  }
}

const consumed = (code: string): Answer => ({
  status: 422,
  body: { error: { code, message: `refused: ${code}`, sequenceConsumed: true } },
});

function stubFetch(nodes: StubNode[]): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const node = nodes.find((entry) => url.startsWith(`${entry.url}/`));
    if (!node || node.down) throw new TypeError('fetch failed');
    const clusterId = BigInt(/clusters\/(\d+)\/batches$/.exec(url)![1]!);
    const answer = await node.handle(clusterId, JSON.parse(String(init!.body)) as BatchBody);
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
}

const reading = (uuid: string, utilizationPct = 50) => ({
  uuid,
  utilizationPct,
  memoryUsedMiB: 1_000,
  memoryTotalMiB: 80_000,
  temperatureC: 60,
  powerW: 300,
});
const payloadAt = (t: number, gpus = uuids.map((uuid) => reading(uuid))): BatchPayload => ({
  snapshots: [{ t, gpus }],
  leases: [],
});

let directory: string;
let agent: Agent | undefined;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-delivery-'));
});
afterEach(async () => {
  await agent?.close();
  agent = undefined;
  rmSync(directory, { recursive: true, force: true });
});

function configFor(nodes: StubNode[], clusterIds: bigint[], extra: Partial<AgentConfig> = {}): AgentConfig {
  return agentConfigSchema.parse({
    chainId: context.chainId,
    registry: context.registry,
    nodes: nodes.map((node) => node.url),
    spoolDir: join(directory, 'spool'),
    snapshotsPerBatch: 1,
    clusters: clusterIds.map((clusterId) => ({
      clusterId: clusterId.toString(),
      source: { kind: 'nvidia-smi-csv', file: '/nonexistent' },
      inventory: uuids,
    })),
    ...extra,
  });
}

const operatorKey = devPrivateKey(1);
const operator = privateKeyToAccount(operatorKey).address;

function stubNodes(count: number, clusterIds: bigint[]) {
  return Array.from({ length: count }, (_, index) => {
    const node = new StubNode(`http://node-${index}.test`);
    for (const clusterId of clusterIds) node.operators.set(clusterId, operator);
    return node;
  });
}

describe('H-6: a batch refused for good', () => {
  it('deliver() resolves when the node refuses batch 2 for good, and batch 3 is delivered', async () => {
    const [node] = stubNodes(1, [1n]);
    node!.refuse = (_clusterId, body) => (body.sequence === 2 ? consumed('utilization_out_of_range') : undefined);
    agent = await Agent.open(configFor([node!], [1n]), operatorKey, log, { fetch: stubFetch([node!]) });
    for (const t of [1_000, 2_000, 3_000]) await agent.spoolPayload(1n, payloadAt(t));

    await agent.deliver();

    // One attempt per batch: before the fix the agent looped 2, 3, 2, 3, … and deliver() never resolved.
    expect(node!.requests.map((request) => request.sequence)).toEqual([1, 2, 3]);
    expect(node!.accepted.map((batch) => batch.sequence)).toEqual([1, 3]);
    expect(node!.lastSequence.get(1n)).toBe(3);
    expect(agent.stats().refusedForGood).toEqual({ utilization_out_of_range: 1 });
    await agent.spoolPayload(1n, payloadAt(4_000));
    await agent.deliver();
    expect(node!.accepted.map((batch) => batch.sequence)).toEqual([1, 3, 4]);
  });

  it('a refusal that does not consume the sequence backs the pair off instead of looping', async () => {
    const [node] = stubNodes(1, [1n]);
    // A node that predates `sequenceConsumed`: the refusal keeps the sequence open.
    node!.refuse = (_clusterId, body) =>
      body.sequence === 2 ? { status: 422, body: { error: { code: 'unknown_gpu', message: 'x' } } } : undefined;
    agent = await Agent.open(configFor([node!], [1n]), operatorKey, log, { fetch: stubFetch([node!]) });
    for (const t of [1_000, 2_000, 3_000]) await agent.spoolPayload(1n, payloadAt(t));

    await agent.deliver();
    expect(node!.requests.map((request) => request.sequence)).toEqual([1, 2]);
    expect(agent.isBackingOff(node!.url, 1n)).toBe(true);
    await agent.deliver();
    // Backing off: the next pass sends nothing to that pair.
    expect(node!.requests).toHaveLength(2);
    expect(agent.stats().deferred).toEqual({ unknown_gpu: 1 });
  });
});

describe('backoff per node and cluster', () => {
  it('one cluster refused (hardware_changed) does not hold back another cluster, and resumes when cleared', async () => {
    const [node] = stubNodes(1, [1n, 2n]);
    let hardwareChanged = true;
    node!.refuse = (clusterId) =>
      clusterId === 1n && hardwareChanged
        ? { status: 409, body: { error: { code: 'hardware_changed', message: 'attest again' } } }
        : undefined;
    agent = await Agent.open(configFor([node!], [1n, 2n]), operatorKey, log, { fetch: stubFetch([node!]) });
    for (const t of [1_000, 2_000]) {
      await agent.spoolPayload(1n, payloadAt(t));
      await agent.spoolPayload(2n, payloadAt(t));
    }

    await agent.deliver();
    expect(node!.lastSequence.get(2n)).toBe(2);
    expect(node!.lastSequence.get(1n)).toBeUndefined();
    expect(node!.requests.filter((request) => request.clusterId === 1n)).toHaveLength(1);
    expect(agent.isBackingOff(node!.url, 1n)).toBe(true);

    await agent.spoolPayload(2n, payloadAt(3_000));
    await agent.deliver();
    expect(node!.lastSequence.get(2n)).toBe(3);
    expect(node!.requests.filter((request) => request.clusterId === 1n)).toHaveLength(1);

    hardwareChanged = false;
    agent.retryNow(1n);
    await agent.deliver();
    expect(node!.lastSequence.get(1n)).toBe(2);
    expect(agent.isBackingOff(node!.url, 1n)).toBe(false);
  });

  it('backs off exponentially with jitter, capped', async () => {
    const [node] = stubNodes(1, [1n]);
    node!.refuse = () => ({ status: 503, body: { error: { code: 'unavailable', message: 'x' } } });
    let now = 0;
    agent = await Agent.open(configFor([node!], [1n], { backoff: { baseMs: 1_000, maxMs: 4_000 } }), operatorKey, log, {
      fetch: stubFetch([node!]),
      now: () => now,
      random: () => 1,
    });
    await agent.spoolPayload(1n, payloadAt(1_000));
    const attemptsAt: number[] = [];
    for (now = 0; now <= 20_000; now += 500) {
      const before = node!.requests.length;
      await agent.deliver();
      if (node!.requests.length > before) attemptsAt.push(now);
    }
    // Delays 1 s, 2 s, 4 s, then capped at 4 s.
    expect(attemptsAt.slice(0, 6)).toEqual([0, 1_000, 3_000, 7_000, 11_000, 15_000]);
  });

  it('keeps a batch answered by a proxy page (200, HTML) spooled and retries it with backoff until the node answers', async () => {
    const [node] = stubNodes(1, [1n]);
    const throughNode = stubFetch([node!]);
    let proxyPage = true;
    const fetch = (async (input: string | URL | Request, init?: RequestInit) =>
      proxyPage
        ? new Response('<html>502 Bad Gateway</html>', { status: 200, headers: { 'content-type': 'text/html' } })
        : throughNode(input, init)) as typeof globalThis.fetch;
    agent = await Agent.open(configFor([node!], [1n]), operatorKey, log, { fetch });
    await agent.spoolPayload(1n, payloadAt(1_000));
    await agent.deliver();
    expect(node!.lastSequence.get(1n)).toBeUndefined();
    expect(agent.stats().deferred).toEqual({ unexpected_answer: 1 });
    expect(agent.isBackingOff(node!.url, 1n)).toBe(true);
    proxyPage = false;
    agent.retryNow(1n);
    await agent.deliver();
    expect(node!.lastSequence.get(1n)).toBe(1);
    expect(node!.accepted).toHaveLength(1);
  });

  it('an unreachable node does not stop delivery to the others', async () => {
    const [up, down] = stubNodes(2, [1n]);
    down!.down = true;
    agent = await Agent.open(configFor([up!, down!], [1n]), operatorKey, log, { fetch: stubFetch([up!, down!]) });
    for (const t of [1_000, 2_000]) await agent.spoolPayload(1n, payloadAt(t));
    await agent.deliver();
    expect(up!.lastSequence.get(1n)).toBe(2);
    expect(agent.stats().deferred).toEqual({ network: 1 });
    expect(down!.requests).toHaveLength(0);
    down!.down = false;
    await agent.deliver();
    // Still backing off (the node as a whole): nothing sent yet.
    expect(down!.lastSequence.get(1n)).toBeUndefined();
    agent.retryNow();
    await agent.deliver();
    expect(down!.lastSequence.get(1n)).toBe(2);
  });
});

describe('sequence gaps', () => {
  it('resends from a node that lost batches, once per pass, and follows a node that is ahead', async () => {
    const [node] = stubNodes(1, [1n]);
    agent = await Agent.open(configFor([node!], [1n]), operatorKey, log, { fetch: stubFetch([node!]) });
    for (const t of [1_000, 2_000, 3_000]) await agent.spoolPayload(1n, payloadAt(t));
    await agent.deliver();
    expect(node!.lastSequence.get(1n)).toBe(3);

    // The node is restored from an older state: it has batch 1 only.
    node!.lastSequence.set(1n, 1);
    await agent.spoolPayload(1n, payloadAt(4_000));
    node!.requests = [];
    await agent.deliver();
    // 4 was tried once this pass (answered with the gap): it waits for the next pass.
    expect(node!.requests.map((request) => request.sequence)).toEqual([4, 2, 3]);
    expect(node!.lastSequence.get(1n)).toBe(3);
    await agent.deliver();
    expect(node!.lastSequence.get(1n)).toBe(4);

    // The node has more than this agent ever spooled: that is not taken on its word (see below); the operator says
    // where the nodes are (resumeAfterSequence) after losing the spool, and the next batch follows that.
    await agent.close();
    rmSync(join(directory, 'spool'), { recursive: true, force: true });
    node!.lastSequence.set(1n, 9);
    const config = configFor([node!], [1n]);
    config.clusters[0]!.resumeAfterSequence = 9;
    agent = await Agent.open(config, operatorKey, log, { fetch: stubFetch([node!]) });
    await agent.spoolPayload(1n, payloadAt(5_000));
    await agent.deliver();
    expect(node!.accepted.at(-1)!.sequence).toBe(10);
    // The node's cursor was lost with the spool: one empty batch (1) asked where it is, answered "already have 9".
    expect(node!.requests.slice(-2).map((request) => request.sequence)).toEqual([1, 10]);
    expect(agent.stats().voided).toBe(1);
  });
});

/** A faulty committee node: whatever it is sent, it claims to be at `claimed`. */
function faultyNode(url: string, claimed: number, code: 'sequence_gap' | 'batch_already_accepted' = 'sequence_gap') {
  const node = new StubNode(url);
  node.handle = async (clusterId, body) => {
    node.requests.push({ clusterId, sequence: body.sequence });
    const error =
      code === 'sequence_gap'
        ? { code, message: 'x', expectedSequence: claimed + 1 }
        : { code, message: 'x', lastSequence: claimed };
    return { status: 409, body: { error } };
  };
  return node;
}

/** A fetch that yields to timers before each answer, as a network does: a runaway pass cannot starve the test. */
const yielding =
  (inner: typeof fetch): typeof fetch =>
  async (...args) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    return inner(...args);
  };

describe('a node that claims sequences this agent never signed (attack review #1)', () => {
  it('after a faulty node claims sequence 1e300, delivery to the honest node ends and spooling goes on', async () => {
    const [honest] = stubNodes(1, [1n]);
    const evil = faultyNode('http://evil.test', 1e300);
    const warnings: { msg: string; nodeUrl?: string }[] = [];
    const capture = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    // The faulty node first: its answer must not renumber the batches before the honest node is served.
    agent = await Agent.open(configFor([evil, honest!], [1n]), operatorKey, capture, {
      fetch: yielding(stubFetch([honest!, evil])),
    });
    for (const t of [1_000, 2_000]) await agent.spoolPayload(1n, payloadAt(t));
    const outcome = await Promise.race([
      agent.deliver().then(() => 'resolved'),
      new Promise((resolve) => setTimeout(() => resolve('still running after 5 s'), 5_000)),
    ]);
    expect(outcome).toBe('resolved');
    expect(await agent.spoolPayload(1n, payloadAt(3_000))).toBe(3);
    agent.retryNow();
    await agent.deliver();
    expect(honest!.accepted.map((batch) => batch.sequence)).toEqual([1, 2, 3]);
    expect(agent.stats().voided).toBe(0);
    expect(agent.isBackingOff(evil.url, 1n)).toBe(true);
    expect(agent.stats().deferred.claims_unsigned_sequence).toBe(2);
    const claims = warnings.filter((line) => line.msg.startsWith('node claims a sequence'));
    expect(claims.map((line) => line.nodeUrl)).toEqual([evil.url, evil.url]);
  }, 30_000);

  it('after a faulty node claims sequence 500, the honest node gets the next real batch and no empty ones', async () => {
    for (const code of ['sequence_gap', 'batch_already_accepted'] as const) {
      const [honest] = stubNodes(1, [1n]);
      const evil = faultyNode('http://evil.test', 500, code);
      agent = await Agent.open(configFor([honest!, evil], [1n]), operatorKey, log, {
        fetch: yielding(stubFetch([honest!, evil])),
      });
      for (const t of [1_000, 2_000]) await agent.spoolPayload(1n, payloadAt(t));
      await agent.deliver();
      await agent.spoolPayload(1n, payloadAt(3_000));
      agent.retryNow();
      await agent.deliver();
      expect(agent.lastSpooled(1n)).toBe(3);
      expect(honest!.accepted.map((batch) => batch.payload.snapshots.length)).toEqual([1, 1, 1]);
      expect(honest!.accepted.map((batch) => batch.sequence)).toEqual([1, 2, 3]);
      // The faulty node's cursor did not move either: its claim is not an acknowledgement.
      expect(evil.requests.map((request) => request.sequence)).toEqual([1, 1]);
      await agent.close();
      agent = undefined;
      rmSync(join(directory, 'spool'), { recursive: true, force: true });
    }
  });

  it('one warning per node and pass, whatever the number of clusters it lies about', async () => {
    const [honest] = stubNodes(1, [1n, 2n]);
    const evil = faultyNode('http://evil.test', 500);
    const warnings: { msg: string }[] = [];
    const capture = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    agent = await Agent.open(configFor([honest!, evil], [1n, 2n]), operatorKey, capture, {
      fetch: stubFetch([honest!, evil]),
    });
    for (const clusterId of [1n, 2n]) await agent.spoolPayload(clusterId, payloadAt(1_000));
    await agent.deliver();
    expect(warnings.filter((line) => line.msg.startsWith('node claims a sequence'))).toHaveLength(1);
    expect(agent.isBackingOff(evil.url, 1n) && agent.isBackingOff(evil.url, 2n)).toBe(true);
    expect(honest!.lastSequence.get(1n)).toBe(1);
    expect(honest!.lastSequence.get(2n)).toBe(1);
  });

  it('a pass sends at most maxBatchesPerPass batches (and maxEmptyBatchesPerPass empty ones) to a node behind', async () => {
    const [node] = stubNodes(1, [1n]);
    node!.down = true;
    const config = configFor([node!], [1n], { delivery: { maxBatchesPerPass: 4, maxEmptyBatchesPerPass: 2 } });
    config.clusters[0]!.resumeAfterSequence = 5;
    agent = await Agent.open(config, operatorKey, log, { fetch: stubFetch([node!]) });
    // Sequences 1-5 were signed before the spool was lost: a node behind gets them as empty batches.
    for (let t = 1; t <= 5; t++) await agent.spoolPayload(1n, payloadAt(t * 1_000));
    node!.down = false;
    const sent = async () => {
      node!.requests = [];
      await agent!.deliver();
      return node!.requests.map((request) => request.sequence);
    };
    expect(await sent()).toEqual([1, 2]);
    expect(await sent()).toEqual([3, 4]);
    expect(await sent()).toEqual([5, 6, 7, 8]);
    expect(await sent()).toEqual([9, 10]);
    expect(node!.accepted.map((batch) => batch.payload.snapshots.length)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(agent.isBackingOff(node!.url, 1n)).toBe(false);
  });
});

describe('operator hand-over', () => {
  it('backs off on not_operator, then re-signs the pending batches with the new key (same sequence)', async () => {
    const [node] = stubNodes(1, [1n]);
    agent = await Agent.open(configFor([node!], [1n]), operatorKey, log, { fetch: stubFetch([node!]) });
    await agent.spoolPayload(1n, payloadAt(1_000));
    await agent.deliver();
    const newKey = devPrivateKey(2);
    node!.operators.set(1n, privateKeyToAccount(newKey).address);
    for (const t of [2_000, 3_000]) await agent.spoolPayload(1n, payloadAt(t));
    await agent.deliver();
    expect(agent.stats().deferred).toEqual({ not_operator: 1 });
    expect(node!.lastSequence.get(1n)).toBe(1);

    agent.setOperatorKey(1n, newKey);
    await agent.deliver();
    expect(node!.lastSequence.get(1n)).toBe(3);
    expect(agent.stats().resigned).toBe(2);
    expect(node!.accepted.map((batch) => batch.payload.snapshots[0]!.t)).toEqual([1_000, 2_000, 3_000]);
  });
});

describe('filtering before signing', () => {
  it('drops readings of GPUs outside the attested inventory and nulls out-of-range fields', async () => {
    const [node] = stubNodes(1, [1n]);
    const warnings: unknown[] = [];
    const capture = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    agent = await Agent.open(configFor([node!], [1n]), operatorKey, capture, { fetch: stubFetch([node!]) });
    const stranger = simulatedUuids('stranger', 1)[0]!;
    await agent.spoolPayload(1n, {
      snapshots: [
        {
          t: 1_000,
          gpus: [
            { ...reading(uuids[0]!, 101), powerW: -1, memoryUsedMiB: Number.NaN },
            { ...reading(uuids[1]!), memoryUsedMiB: 90_000 },
            reading(stranger),
            reading(uuids[1]!),
          ],
        },
        { t: 1_000, gpus: [reading(uuids[0]!)] },
      ],
      leases: [
        { gpuUuid: stranger, leaseId: 'a', tenantHash: `0x${'11'.repeat(32)}`, pricePerHour: '1', start: 0, end: null },
        { gpuUuid: uuids[0]!, leaseId: 'b', tenantHash: `0x${'11'.repeat(32)}`, pricePerHour: '1', start: 5, end: 5 },
        { gpuUuid: uuids[0]!, leaseId: 'c', tenantHash: `0x${'11'.repeat(32)}`, pricePerHour: '1', start: 5, end: 9 },
      ],
    });
    await agent.deliver();
    const [batch] = node!.accepted;
    expect(batch!.payload.snapshots).toHaveLength(1);
    expect(batch!.payload.snapshots[0]!.gpus).toEqual([
      { ...reading(uuids[0]!), utilizationPct: null, powerW: null, memoryUsedMiB: null },
      { ...reading(uuids[1]!), memoryUsedMiB: null },
    ]);
    expect(batch!.payload.leases.map((lease) => lease.leaseId)).toEqual(['c']);
    const expected = {
      gpu_not_attested: 1,
      duplicate_gpu: 1,
      utilization_out_of_range: 1,
      negative_measurement: 1,
      not_finite: 1,
      memory_used_above_total: 1,
      timestamp_out_of_order: 1,
      lease_gpu_not_attested: 1,
      lease_ends_before_start: 1,
    };
    expect(agent.stats().dropped).toEqual(expected);
    // One warning for the batch, with counts by reason.
    expect(warnings).toEqual([expect.objectContaining({ clusterId: 1, dropped: expected })]);
  });
});

describe('the attested inventory', () => {
  it('survives a restart; a changed config list is newer and wins', async () => {
    const [node] = stubNodes(1, [1n]);
    const stranger = simulatedUuids('stranger', 1)[0]!;
    const config = configFor([node!], [1n]);
    const open = () => Agent.open(config, operatorKey, log, { fetch: stubFetch([node!]) });
    const spooledUuids = async (t: number) => {
      await agent!.spoolPayload(
        1n,
        payloadAt(
          t,
          [...uuids, stranger].map((uuid) => reading(uuid)),
        ),
      );
      await agent!.deliver();
      return node!.accepted.at(-1)!.payload.snapshots[0]!.gpus.map((gpu) => gpu.uuid);
    };
    agent = await open();
    expect(await spooledUuids(1_000)).toEqual(uuids);
    // Attested with a swapped GPU: the second one is replaced by `stranger`.
    agent.setInventory(1n, [uuids[0]!, stranger]);
    expect(await spooledUuids(2_000)).toEqual([uuids[0], stranger]);
    await agent.close();
    agent = await open();
    expect(await spooledUuids(3_000)).toEqual([uuids[0], stranger]);
    await agent.close();
    agent = await Agent.open(
      { ...config, clusters: [{ ...config.clusters[0]!, inventory: [uuids[1]!] }] },
      operatorKey,
      log,
      {
        fetch: stubFetch([node!]),
      },
    );
    expect(await spooledUuids(4_000)).toEqual([uuids[1]]);
  });
});

describe('spool (H-5)', () => {
  it('is trimmed below the lowest node cursor and read back from disk after a restart', async () => {
    const [fast, slow] = stubNodes(2, [1n]);
    const config = configFor([fast!, slow!], [1n], { spool: { segmentBatches: 2 } });
    const fetchStub = stubFetch([fast!, slow!]);
    agent = await Agent.open(config, operatorKey, log, { fetch: fetchStub });
    slow!.down = true;
    for (let t = 1; t <= 5; t++) await agent.spoolPayload(1n, payloadAt(t * 1_000));
    await agent.deliver();
    const segments = () => readdirSync(join(directory, 'spool', 'cluster-1')).sort();
    // The slow node has nothing yet: every segment stays.
    expect(segments()).toEqual(['000000000001.jsonl', '000000000003.jsonl', '000000000005.jsonl']);

    await agent.close();
    agent = await Agent.open(config, operatorKey, log, { fetch: fetchStub });
    slow!.down = false;
    slow!.refuse = (_clusterId, body) =>
      body.sequence === 4 ? { status: 503, body: { error: { code: 'busy' } } } : undefined;
    await agent.deliver();
    expect(slow!.lastSequence.get(1n)).toBe(3);
    // Both nodes have 1-3: the segment of 1-2 goes; the one of 3-4 stays for the slow node.
    expect(segments()).toEqual(['000000000003.jsonl', '000000000005.jsonl']);

    slow!.refuse = () => undefined;
    agent.retryNow();
    await agent.spoolPayload(1n, payloadAt(6_000));
    await agent.deliver();
    expect(slow!.accepted.map((batch) => batch.payload.snapshots[0]!.t)).toEqual(
      [1, 2, 3, 4, 5, 6].map((t) => t * 1_000),
    );
    // Only the segment being written stays.
    expect(segments()).toEqual(['000000000006.jsonl']);
    await agent.close();
    agent = await Agent.open(config, operatorKey, log, { fetch: fetchStub });
    await agent.spoolPayload(1n, payloadAt(7_000));
    await agent.deliver();
    expect(fast!.lastSequence.get(1n)).toBe(7);
  });

  it('is bounded: past maxBytes the oldest batches go, and a node behind gets empty batches for them', async () => {
    const [node] = stubNodes(1, [1n]);
    node!.down = true;
    const config = configFor([node!], [1n], { spool: { segmentBatches: 1, maxBytes: 2_500 } });
    agent = await Agent.open(config, operatorKey, log, { fetch: stubFetch([node!]) });
    for (let t = 1; t <= 6; t++) await agent.spoolPayload(1n, payloadAt(t * 1_000));
    const dropped = agent.stats().spoolDropped;
    expect(dropped).toBeGreaterThan(0);
    node!.down = false;
    // The spool on disk is what a restarted agent reads back.
    await agent.close();
    agent = await Agent.open(config, operatorKey, log, { fetch: stubFetch([node!]) });
    await agent.deliver();
    expect(node!.lastSequence.get(1n)).toBe(6);
    const times = node!.accepted.map((batch) => batch.payload.snapshots[0]?.t ?? null);
    expect(times.slice(0, dropped)).toEqual(Array(dropped).fill(null));
    expect(times.slice(dropped)).toEqual(
      Array.from({ length: 6 - dropped }, (_, index) => (dropped + index + 1) * 1_000),
    );
    expect(agent.stats().voided).toBe(dropped);
  });

  it('a cursor file above what was spooled (an older agent followed a faulty node) does not renumber batches', async () => {
    const { signBatch } = await import('./signing');
    const spoolDir = join(directory, 'spool');
    let spool = await ClusterSpool.open(spoolDir, 1n);
    await spool.append(await signBatch(context, operatorKey, 1n, 1, payloadAt(1_000)));
    spool.setCursor('http://node-0.test', 1);
    expect(() => spool.setCursor('http://node-0.test', 2)).toThrow(/outside 0\.\.1/);
    await spool.close();
    const cursorFile = readdirSync(spoolDir).find((name) => name.startsWith('cursor-1-'))!;
    writeFileSync(join(spoolDir, cursorFile), '1e300');
    spool = await ClusterSpool.open(spoolDir, 1n);
    expect(spool.lastSequence).toBe(1);
    expect(spool.cursor('http://node-0.test')).toBe(0);
    await spool.close();
    writeFileSync(join(spoolDir, cursorFile), '500');
    spool = await ClusterSpool.open(spoolDir, 1n);
    expect(spool.lastSequence).toBe(1);
    expect(spool.cursor('http://node-0.test')).toBe(1);
    await spool.close();
  });

  it('cuts off a torn last line left by a crash and appends after it', async () => {
    const { signBatch } = await import('./signing');
    const spoolDir = join(directory, 'spool');
    let spool = await ClusterSpool.open(spoolDir, 1n);
    for (const sequence of [1, 2]) {
      await spool.append(await signBatch(context, operatorKey, 1n, sequence, payloadAt(sequence * 1_000)));
    }
    await spool.close();
    appendFileSync(join(spoolDir, 'cluster-1', '000000000001.jsonl'), '{"clusterId":"1","sequence":3,"payl');
    spool = await ClusterSpool.open(spoolDir, 1n);
    expect(spool.lastSequence).toBe(2);
    await spool.append(await signBatch(context, operatorKey, 1n, 3, payloadAt(3_000)));
    expect(JSON.parse((await spool.batch(3))!.payload)).toEqual(payloadAt(3_000));
    expect(JSON.parse((await spool.batch(2))!.payload)).toEqual(payloadAt(2_000));
    await spool.close();
  });

  it('reads a spool written before segments (one file) and moves it into segments', async () => {
    const legacy = await import('../node/journal');
    const { journal } = await legacy.Journal.open<BatchBody>(join(directory, 'spool', 'cluster-1.jsonl'));
    const { signBatch } = await import('./signing');
    for (const sequence of [1, 2]) {
      await journal.append(await signBatch(context, operatorKey, 1n, sequence, payloadAt(sequence * 1_000)));
    }
    await journal.close();
    const spool = await ClusterSpool.open(join(directory, 'spool'), 1n);
    expect(spool.lastSequence).toBe(2);
    expect((await spool.batch(2))!.sequence).toBe(2);
    expect(readdirSync(join(directory, 'spool'))).not.toContain('cluster-1.jsonl');
    await spool.close();
  });
});

describe('sampling', () => {
  it('run() keeps sampling every cluster while a node never answers', async () => {
    const source = join(directory, 'smi.csv');
    writeFileSync(
      source,
      uuids
        .map((uuid, index) => `${index}, ${uuid}, NVIDIA H100 80GB HBM3, 1652021034${index}, 40, 1000, 81559, 64, 300`)
        .join('\n'),
    );
    let hanging = 0;
    const neverAnswers = ((_input: unknown, init?: RequestInit) => {
      hanging++;
      return new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    }) as typeof fetch;
    const config = agentConfigSchema.parse({
      chainId: context.chainId,
      registry: context.registry,
      nodes: ['http://node-0.test'],
      spoolDir: join(directory, 'spool'),
      sampleIntervalSeconds: 0.02,
      snapshotsPerBatch: 1,
      requestTimeoutMs: 3_600_000,
      clusters: [1n, 2n].map((clusterId) => ({
        clusterId: clusterId.toString(),
        source: { kind: 'nvidia-smi-csv', file: source },
        inventory: uuids,
      })),
    });
    agent = await Agent.open(config, operatorKey, log, { fetch: neverAnswers });
    const controller = new AbortController();
    const running = agent.run(controller.signal);
    // Before the fix, run() awaited each delivery pass: the first hanging request stopped every cluster's sampling.
    while (agent.lastSpooled(1n) < 5 || agent.lastSpooled(2n) < 5)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hanging).toBe(2);
    controller.abort();
    // Stopping aborts the request in flight: run() ends instead of waiting out the request timeout.
    await running;
  });
});
