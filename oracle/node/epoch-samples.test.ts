/**
 * Raw samples for exports (H-5, M-2 node side): one small file per cluster and epoch, holding exactly the snapshots
 * the epoch's report aggregated, served by GET /clusters/:id/epochs/:epoch/samples without reading the journal, and
 * pruned past the retention.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TelemetryLeaf, telemetryRoot } from '#protocol/telemetry';
import type { OracleCore } from './core';
import { type FixtureCluster, fixturePayload, openFixtureCore, signFixtureBatch } from './core.test-kit';
import { EpochSampleStore, MAX_FAILED_SAMPLE_WRITES, SampleWriteError } from './epoch-samples';
import { simulatedUuids } from './harness.test-kit';
import { createNodeServer } from './server';

const HOUR = 3_600_000;
const cluster: FixtureCluster = { clusterId: 5n, uuids: simulatedUuids('epoch-samples', 3) };
const base = (Math.floor(Date.now() / HOUR) - 4) * HOUR;
const firstEpoch = base / 1000 + 3_600;

let directory: string;
let core: OracleCore;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-epoch-samples-'));
});
afterEach(async () => {
  await core?.close(false);
  rmSync(directory, { recursive: true, force: true });
});

async function deliver(sequence: number, from: number, count: number) {
  const payload = fixturePayload(cluster.uuids, from, count);
  await core.ingestBatch(cluster.clusterId, await signFixtureBatch(cluster.clusterId, sequence, payload));
  return payload;
}

const leafKeys = (leaves: TelemetryLeaf[]) => leaves.map((leaf) => leaf.join('/')).sort();

describe('per-epoch sample files', () => {
  it('hold exactly the leaves of the signed report, written when the epoch closes, and the route serves them without the journal', async () => {
    core = await openFixtureCore(join(directory, 'node.jsonl'), [cluster]);
    await deliver(1, base, 300);
    expect(existsSync(core.samples.path(cluster.clusterId, firstEpoch))).toBe(false);
    await deliver(2, base + 3_000_000, 100);
    await core.close(false);
    core = await openFixtureCore(join(directory, 'node.jsonl'), [cluster]);
    const report = core.report(cluster.clusterId, BigInt(firstEpoch))!.report;
    const leaves = core.samples.read(cluster.clusterId, firstEpoch)!;
    expect(leaves).toHaveLength(360 * 3);
    expect(telemetryRoot(leaves)).toBe(report.telemetryRoot);
    // The journal is not read: a node whose journal is gone still serves the file.
    writeFileSync(join(directory, 'node.jsonl'), '');
    const app = createNodeServer(core, pino({ level: 'silent' }));
    const answer = await app.inject({ url: `/clusters/${cluster.clusterId}/epochs/${firstEpoch}/samples` });
    expect(answer.statusCode).toBe(200);
    const body = answer.json() as { telemetryRoot: string; leaves: [string, string, number][] };
    expect(body.telemetryRoot).toBe(report.telemetryRoot);
    expect(body.leaves.map((leaf) => leaf.join('/')).sort()).toEqual(leafKeys(leaves));
    const open = await app.inject({ url: `/clusters/${cluster.clusterId}/epochs/${firstEpoch + 7_200}/samples` });
    expect(open.statusCode).toBe(404);
    expect(open.json().error.code).toBe('report_not_ready');
    await app.close();
  });

  it('leave out snapshots that arrived after the epoch closed (they never changed its report)', async () => {
    // A backfill reaching back past `base` (five hours), and the shortest grace it allows.
    core = await openFixtureCore(join(directory, 'node.jsonl'), [cluster], {
      backfillSeconds: 5 * 3_600,
      graceSeconds: 5 * 3_600 + 60,
    });
    const early = await deliver(1, base, 100);
    // The grace timeout closes the epoch (the agent was late: the node's clock is past its end by the grace); later
    // snapshots of the same hour are refused for good as too old, and change nothing.
    await core.tick(Date.now() + 3 * HOUR);
    await expect(deliver(2, base + 1_100_000, 50)).rejects.toMatchObject({
      code: 'timestamp_too_old',
      extra: { sequenceConsumed: true },
    });
    await core.samples.flush();
    const leaves = core.samples.read(cluster.clusterId, firstEpoch)!;
    expect(leaves).toHaveLength(100 * 3);
    expect(Math.max(...leaves.map((leaf) => Number(leaf[1])))).toBe(early.snapshots.at(-1)!.t);
    expect(telemetryRoot(leaves)).toBe(core.report(cluster.clusterId, BigInt(firstEpoch))!.report.telemetryRoot);
  });

  it('are pruned past the retention; the route then says the samples are gone', async () => {
    core = await openFixtureCore(join(directory, 'node.jsonl'), [cluster], { sampleRetentionDays: 1 });
    await deliver(1, base, 10);
    await deliver(2, base + HOUR, 10);
    await core.samples.flush();
    expect(core.samples.prune(firstEpoch + 86_400 - 1)).toBe(0);
    expect(core.samples.prune(firstEpoch + 86_400 + 1)).toBe(1);
    expect(readdirSync(join(core.samples.directory, cluster.clusterId.toString()))).toEqual([]);
    const app = createNodeServer(core, pino({ level: 'silent' }));
    const answer = await app.inject({ url: `/clusters/${cluster.clusterId}/epochs/${firstEpoch}/samples` });
    expect(answer.statusCode).toBe(404);
    expect(answer.json().error).toMatchObject({ code: 'samples_unavailable', retentionDays: 1 });
    await app.close();
  });
});

describe('a sample file that fails to write', () => {
  it('is retried by the next flush, which rejects while it still fails', async () => {
    let failures = 2;
    const written: string[] = [];
    const errors: Error[] = [];
    const store = new EpochSampleStore(
      directory,
      35,
      (error) => errors.push(error),
      async (path) => {
        if (failures-- > 0) throw new Error('EIO: disk failing');
        written.push(path);
      },
    );
    const snapshots = fixturePayload(cluster.uuids, base, 2).snapshots;
    store.record(cluster.clusterId, firstEpoch, snapshots, (uuid) => `0x${uuid.length.toString(16).padStart(64, '0')}`);
    // The first write fails (logged once), its retry too: still not durable.
    await expect(store.flush()).rejects.toThrow(SampleWriteError);
    expect(errors).toHaveLength(1);
    expect(store.failedWrites).toEqual({ pending: 1, lost: 0 });
    // The next retry writes it.
    await store.flush();
    expect(written).toEqual([store.path(cluster.clusterId, firstEpoch)]);
    expect(store.failedWrites).toEqual({ pending: 0, lost: 0 });
  });

  it('is kept for a retry only up to a bound; past it, flush rejects until a restart', async () => {
    const store = new EpochSampleStore(directory, 35, undefined, async () => {
      throw new Error('ENOSPC');
    });
    const snapshots = fixturePayload(cluster.uuids, base, 1).snapshots;
    for (let epoch = 0; epoch <= MAX_FAILED_SAMPLE_WRITES; epoch++) {
      store.record(cluster.clusterId, firstEpoch + epoch * 3_600, snapshots, () => `0x${'00'.repeat(32)}`);
    }
    await expect(store.flush()).rejects.toThrow(/256 epoch sample file\(s\) not written yet.*1 more beyond/);
    expect(store.failedWrites).toEqual({ pending: MAX_FAILED_SAMPLE_WRITES, lost: 1 });
  });

  it('keeps compaction from dropping its samples from the journal until it is written', async () => {
    const journalPath = join(directory, 'node.jsonl');
    core = await openFixtureCore(journalPath, [cluster]);
    // The writer cannot create the epoch file's temporary file.
    const blocker = `${core.samples.path(cluster.clusterId, firstEpoch)}.tmp`;
    mkdirSync(blocker, { recursive: true });
    await deliver(1, base, 300);
    await deliver(2, base + 3_000_000, 100);
    await expect(core.samples.flush()).rejects.toThrow(SampleWriteError);
    await expect(core.compact()).rejects.toThrow(SampleWriteError);
    expect(existsSync(`${journalPath}.snapshot`)).toBe(false);
    rmSync(blocker, { recursive: true });
    await core.compact();
    expect(existsSync(`${journalPath}.snapshot`)).toBe(true);
    const leaves = core.samples.read(cluster.clusterId, firstEpoch)!;
    expect(leaves).toHaveLength(360 * 3);
    expect(telemetryRoot(leaves)).toBe(core.report(cluster.clusterId, BigInt(firstEpoch))!.report.telemetryRoot);
  });
});
