/**
 * Agent figures (issue 11, H-5 and H-6): the spool's size and reopen time for a day of one 100-GPU cluster sampled
 * every 10 s (one batch a minute), and one delivery pass over a backlog in which some batches are refused for good.
 * Runs on its own (`npx tsx bench/oracle-agent.ts`) or from `npm run bench:oracle`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import type { BatchBody, BatchPayload } from '#protocol/wire';
import { devPrivateKey } from '../devnet/accounts';
import { simulatedUuids } from '../devnet/actions';
import { Agent, agentConfigSchema } from '../oracle/agent/agent';
import { DEFAULT_MAX_BATCHES_PER_PASS } from '../oracle/agent/delivery';
import { ClusterSpool } from '../oracle/agent/spool';

const GPUS = 100;
const SNAPSHOTS_PER_BATCH = 6;
const BATCHES_PER_DAY = 1_440;
const BACKLOG = 1_000;
const REFUSED_EVERY = 10;

const registry = '0x00000000000000000000000000000000000000aa';
const uuids = simulatedUuids('bench-agent', GPUS);

function payloadAt(t: number): BatchPayload {
  return {
    snapshots: Array.from({ length: SNAPSHOTS_PER_BATCH }, (_, index) => ({
      t: t + index * 10_000,
      gpus: uuids.map((uuid, gpu) => ({
        uuid,
        utilizationPct: (gpu * 7 + index) % 101,
        memoryUsedMiB: 40_123,
        memoryTotalMiB: 81_559,
        temperatureC: 64,
        powerW: 612.34,
      })),
    })),
    leases: [],
  };
}

export async function benchAgent(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'rackshare-bench-agent-'));
  const log = pino({ level: 'silent' });
  try {
    const config = agentConfigSchema.parse({
      chainId: 31_337,
      registry,
      nodes: ['http://bench-node.test'],
      spoolDir: join(directory, 'spool'),
      clusters: [{ clusterId: '1', source: { kind: 'nvidia-smi-csv', file: '/nonexistent' }, inventory: uuids }],
    });

    // A day of batches, spooled as the agent does (signed, fsync'ed), while the node is down.
    let agent = await Agent.open(config, devPrivateKey(1), log, {
      fetch: (() => Promise.reject(new TypeError('fetch failed'))) as typeof fetch,
    });
    const start = Date.now() - 86_400_000;
    for (let batch = 0; batch < BATCHES_PER_DAY; batch++)
      await agent.spoolPayload(1n, payloadAt(start + batch * 60_000));
    await agent.close();
    const opened = performance.now();
    const spool = await ClusterSpool.open(config.spoolDir, 1n);
    const reopenMs = performance.now() - opened;
    const bytes = spool.bytes;
    await spool.close();
    console.log(
      `agent spool bytes per GPU per day (undelivered): ${Math.round(bytes / GPUS)} B (target bounded by spool.maxBytes)`,
    );
    console.log(
      `agent spool reopen, 1 day of a ${GPUS}-GPU cluster (${(bytes / 2 ** 20).toFixed(1)} MiB, streamed): ${reopenMs.toFixed(0)} ms (target < 1000 ms)`,
    );

    // The node comes back; it refuses every tenth batch for good. One pass must deliver the whole backlog.
    let requests = 0;
    let expected = 1;
    const node = (async (_input: unknown, init?: RequestInit) => {
      requests++;
      const body = JSON.parse(String(init!.body)) as BatchBody;
      if (body.sequence !== expected) {
        return Response.json(
          { error: { code: 'sequence_gap', message: '', expectedSequence: expected } },
          { status: 409 },
        );
      }
      expected++;
      if (body.sequence % REFUSED_EVERY === 0) {
        return Response.json(
          { error: { code: 'utilization_out_of_range', message: '', sequenceConsumed: true } },
          { status: 422 },
        );
      }
      return Response.json({ samples: 0, sequence: body.sequence }, { status: 202 });
    }) as typeof fetch;
    const backlogDir = join(directory, 'backlog');
    const backlogConfig = { ...config, spoolDir: backlogDir };
    agent = await Agent.open(backlogConfig, devPrivateKey(1), log, { fetch: node });
    for (let batch = 0; batch < BACKLOG; batch++) {
      await agent.spoolPayload(1n, { snapshots: [{ t: start + batch * 60_000, gpus: [] }], leases: [] });
    }
    // A pass sends at most DEFAULT_MAX_BATCHES_PER_PASS per node and cluster: the backlog takes a few passes.
    const delivering = performance.now();
    let passes = 0;
    while (expected - 1 < BACKLOG && passes < 2 * Math.ceil(BACKLOG / DEFAULT_MAX_BATCHES_PER_PASS)) {
      await agent.deliver();
      passes++;
    }
    const deliverMs = performance.now() - delivering;
    console.log(
      `agent deliver() passes, ${BACKLOG} batches with every ${REFUSED_EVERY}th refused for good: ${deliverMs.toFixed(0)} ms, ${passes} passes, ${requests} requests, node at ${expected - 1} (target ${Math.ceil(BACKLOG / DEFAULT_MAX_BATCHES_PER_PASS)} passes, ${BACKLOG} requests, node at ${BACKLOG})`,
    );
    await agent.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchAgent();
