/**
 * The billing export keeps history (attack review #4): the agent must sign only leases a node will take, or the node
 * refuses the whole batch for good (`too_many_leases`, sequence consumed) and every reading in it is lost. The agent's
 * batches go to a real node core with the production clock rules (backfill three 1-hour epochs).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rejection } from '#protocol/base-error';
import { type BatchBody, type BatchPayload, MAX_LEASES_PER_GPU, type WireLease } from '#protocol/wire';
import { fixtureContext, fixtureOperatorKey, fixturePayload, openFixtureCore } from '../node/core.test-kit';
import { simulatedUuids } from '../node/harness.test-kit';
import { Agent, agentConfigSchema } from './agent';

const uuids = simulatedUuids('agent-leases', 4);
const clusterId = 1n;
const hour = 3_600_000;
const day = 24 * hour;

let directory: string;
let agent: Agent | undefined;
let core: Awaited<ReturnType<typeof openFixtureCore>> | undefined;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-agent-leases-'));
});
afterEach(async () => {
  await agent?.close();
  await core?.close(false);
  agent = undefined;
  core = undefined;
  rmSync(directory, { recursive: true, force: true });
});

const lease = (index: number, start: number, end: number | null): WireLease => ({
  gpuUuid: uuids[0]!,
  leaseId: `lease-${index}`,
  tenantHash: `0x${'ab'.repeat(32)}`,
  pricePerHour: '2450000',
  start,
  end,
});

/** An agent whose one node is a real core; returns what the node answered to each batch. */
async function agentWithNode() {
  core = await openFixtureCore(join(directory, 'journal.jsonl'), [{ clusterId, uuids }], {
    backfillSeconds: undefined,
    graceSeconds: 3 * 3_600 + 60,
  });
  const node = core;
  const answers: { sequence: number; code: string; leases: string[] }[] = [];
  const fetchToCore = (async (_input: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init!.body)) as BatchBody;
    const leases = (JSON.parse(body.payload) as BatchPayload).leases.map((entry) => entry.leaseId);
    try {
      const result = await node.ingestBatch(clusterId, body);
      answers.push({ sequence: body.sequence, code: 'accepted', leases });
      return new Response(JSON.stringify(result), { status: 202 });
    } catch (error) {
      if (!(error instanceof Rejection)) throw error;
      answers.push({ sequence: body.sequence, code: error.code, leases });
      return new Response(JSON.stringify(error.toBody()), { status: error.status });
    }
  }) as typeof fetch;
  const warnings: { level: number; msg: string; dropped?: Record<string, number>; droppedLeases?: unknown[] }[] = [];
  const capture = pino({ level: 'debug' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
  const config = agentConfigSchema.parse({
    ...fixtureContext,
    nodes: ['http://node.test'],
    spoolDir: join(directory, 'spool'),
    clusters: [{ clusterId: '1', source: { kind: 'nvidia-smi-csv', file: '/nonexistent' }, inventory: uuids }],
  });
  agent = await Agent.open(config, fixtureOperatorKey, capture, { fetch: fetchToCore });
  return { agent, answers, warnings };
}

describe('leases from a billing export that keeps history', () => {
  it('five leases that ended weeks ago and one running on one GPU: only the running one is signed, and taken', async () => {
    const { agent, answers, warnings } = await agentWithNode();
    const now = Date.now();
    const month = 30 * day;
    // Five leases of five days each, the last one ended five days ago.
    const history = Array.from({ length: 5 }, (_, index) =>
      lease(index, now - month + index * 5 * day, now - month + (index + 1) * 5 * day - 1),
    );
    const export_ = [...history, lease(5, now - 2 * day, null)];
    for (const [batch, from] of [now - 120_000, now - 60_000].entries()) {
      await agent.spoolPayload(clusterId, { ...fixturePayload(uuids, from, 3), leases: export_ });
      await agent.deliver();
      expect(answers[batch]).toEqual({ sequence: batch + 1, code: 'accepted', leases: ['lease-5'] });
    }
    const warning = warnings.find((line) => line.msg === 'removed readings the nodes would refuse');
    expect(warning?.dropped).toEqual({ lease_ended_before_window: 5 });
    // Routine for an export that keeps its history: logged at debug, not as a warning on every batch.
    expect(warning?.level).toBe(20);
    expect(warning?.droppedLeases).toEqual(
      history.map((entry) => ({
        leaseId: entry.leaseId,
        gpuUuid: entry.gpuUuid,
        end: entry.end,
        reason: 'lease_ended_before_window',
      })),
    );
    expect(agent.stats().dropped).toEqual({ lease_ended_before_window: 10 });
  });

  it('six recent leases on one GPU: the most recent MAX_LEASES_PER_GPU are signed (the running one first)', async () => {
    const { agent, answers, warnings } = await agentWithNode();
    const now = Date.now();
    // Five short leases that ended within the last two hours (inside the nodes' open epochs), one running.
    const ended = Array.from({ length: 5 }, (_, index) =>
      lease(index, now - 2 * hour + index * 20 * 60_000, now - 2 * hour + (index + 1) * 20 * 60_000 - 1),
    );
    const export_ = [lease(5, now - 10 * 60_000, null), ...ended];
    for (const [batch, from] of [now - 120_000, now - 60_000].entries()) {
      await agent.spoolPayload(clusterId, { ...fixturePayload(uuids, from, 3), leases: export_ });
      await agent.deliver();
      expect(answers[batch]).toEqual({
        sequence: batch + 1,
        code: 'accepted',
        leases: ['lease-5', 'lease-2', 'lease-3', 'lease-4'],
      });
    }
    expect(MAX_LEASES_PER_GPU).toBe(4);
    const warning = warnings.find((line) => line.msg === 'removed readings the nodes would refuse');
    expect(warning?.dropped).toEqual({ lease_over_gpu_cap: 2 });
    expect(warning?.level).toBe(40);
    expect(warning?.droppedLeases).toEqual(
      ended.slice(0, 2).map((entry) => ({
        leaseId: entry.leaseId,
        gpuUuid: entry.gpuUuid,
        end: entry.end,
        reason: 'lease_over_gpu_cap',
      })),
    );
  });
});
