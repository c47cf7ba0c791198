/**
 * Compaction (H-5): a node's state survives a snapshot plus a fresh journal segment, and a crash at any step of the
 * compaction (torn temporary files, before or after each rename, a torn journal tail) restarts into the same state,
 * signs nothing twice and keeps reporting.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rejection } from '../errors';
import { type OracleCore, SUBMITTED_REPORTS_KEPT } from './core';
import { type FixtureCluster, fixturePayload, openFixtureCore, signFixtureBatch } from './core-fixture';
import { simulatedUuids } from './harness';
import { toWireReport } from './protocol';
import { decodeState, encodeState, readSnapshot, SnapshotInvalidError, writeSnapshot } from './snapshot';

const HOUR = 3_600_000;
const clusters: FixtureCluster[] = [
  { clusterId: 1n, uuids: simulatedUuids('snapshot-a', 3) },
  { clusterId: 2n, uuids: simulatedUuids('snapshot-b', 2) },
];
// Epoch-aligned, a few hours back: every batch is in the past, epochs close on the next epoch's first sample.
const base = (Math.floor(Date.now() / HOUR) - 6) * HOUR;

let directory: string;
let journalPath: string;
const opened: OracleCore[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-snapshot-'));
  journalPath = join(directory, 'node.jsonl');
});
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close().catch(() => undefined);
  rmSync(directory, { recursive: true, force: true });
});

async function open(overrides = {}) {
  const core = await openFixtureCore(journalPath, clusters, overrides);
  opened.push(core);
  return core;
}

/** Stops without the shutdown path's compaction: what survives is what the files hold, as after a SIGKILL. */
async function crash(core: OracleCore) {
  opened.splice(opened.indexOf(core), 1);
  await core.close(false);
}

/** Batch `sequence` of a cluster: 30 minutes of 10-s snapshots, starting at `base + (sequence - 1) * 30 min`. */
async function deliver(core: OracleCore, cluster: FixtureCluster, sequence: number) {
  const payload = fixturePayload(cluster.uuids, base + (sequence - 1) * (HOUR / 2), 180);
  return core.ingestBatch(cluster.clusterId, await signFixtureBatch(cluster.clusterId, sequence, payload));
}

/** Everything observable of a node's state: cursors, epochs, every report with its signatures and status. */
function stateOf(core: OracleCore) {
  return {
    clusters: core.clusterSummaries(),
    reports: [...core.reports.values()]
      .map((entry) => ({
        report: toWireReport(entry.report),
        digest: entry.digest,
        signatures: [...entry.signatures].sort(),
        submitted: entry.submitted,
      }))
      .sort((a, b) => (`${a.report.clusterId}:${a.report.epoch}` < `${b.report.clusterId}:${b.report.epoch}` ? -1 : 1)),
  };
}

/** Three batches per cluster (epochs 1 and the first half of 2 of the span), the first report submitted. */
async function busyCore() {
  const core = await open();
  for (const sequence of [1, 2, 3]) for (const cluster of clusters) await deliver(core, cluster, sequence);
  await core.markSubmitted([...core.reports.values()].filter((entry) => entry.report.clusterId === 1n));
  return core;
}

describe('snapshot codec', () => {
  it('round-trips bigint, Map and Set at any depth', () => {
    const value = { a: 1n, m: new Map([['k', new Set([2n, 3n])]]), list: [{ b: 4n }] };
    expect(decodeState(encodeState(value))).toEqual(value);
  });

  it('refuses a snapshot cut at any byte (never starts from part of a state)', async () => {
    const path = join(directory, 'state.snapshot');
    await writeSnapshot(path, 'seg', [
      { type: 'x', n: 1n },
      { type: 'y', n: 2n },
    ]);
    const size = statSync(path).size;
    const whole = readFileSync(path);
    expect(readSnapshot(path, () => undefined)).toEqual({ segment: 'seg' });
    for (let length = 0; length < size; length++) {
      writeFileSync(path, whole.subarray(0, length));
      expect(() => readSnapshot(path, () => undefined)).toThrow(SnapshotInvalidError);
    }
  });
});

describe('compaction (H-5)', () => {
  it('a node reopened from its snapshot holds the same state as before, with an empty journal', async () => {
    const core = await busyCore();
    const before = stateOf(core);
    expect(before.reports.length).toBe(2);
    const journalBefore = statSync(journalPath).size;
    await core.compact();
    expect(statSync(journalPath).size).toBeLessThan(100);
    expect(journalBefore).toBeGreaterThan(100_000);
    await crash(core);
    const reopened = await open();
    expect(stateOf(reopened)).toEqual(before);
    // The open epoch's snapshots travelled too: the next batches close it with the report a node that never
    // compacted signs.
    await deliver(reopened, clusters[0]!, 4);
    await deliver(reopened, clusters[0]!, 5);
    const reference = join(directory, 'reference');
    const uncompacted = await openFixtureCore(join(reference, 'node.jsonl'), clusters);
    opened.push(uncompacted);
    for (const sequence of [1, 2, 3, 4, 5]) await deliver(uncompacted, clusters[0]!, sequence);
    const epoch = BigInt(base / 1000 + 7_200);
    expect(toWireReport(reopened.report(1n, epoch)!.report)).toEqual(
      toWireReport(uncompacted.report(1n, epoch)!.report),
    );
  });

  it('a crash at any step of a compaction restarts into the same state and signs nothing twice', async () => {
    const core = await busyCore();
    const before = stateOf(core);
    const oldJournal = readFileSync(journalPath);
    await core.compact();
    await crash(core);
    const snapshot = readFileSync(`${journalPath}.snapshot`);
    const newJournal = readFileSync(journalPath);
    const steps: [string, () => void][] = [
      [
        'torn snapshot tmp, before its rename',
        () => {
          rmSync(`${journalPath}.snapshot`);
          writeFileSync(journalPath, oldJournal);
          writeFileSync(`${journalPath}.snapshot.tmp`, snapshot.subarray(0, snapshot.length >> 1));
        },
      ],
      [
        'snapshot renamed, fresh journal torn in its tmp',
        () => {
          writeFileSync(`${journalPath}.snapshot`, snapshot);
          writeFileSync(journalPath, oldJournal);
          writeFileSync(`${journalPath}.next`, newJournal.subarray(0, 5));
        },
      ],
      [
        'snapshot renamed, fresh journal renamed, a torn record after it',
        () => {
          writeFileSync(`${journalPath}.snapshot`, snapshot);
          writeFileSync(journalPath, Buffer.concat([newJournal, Buffer.from('{"type":"batch","clu')]));
        },
      ],
    ];
    for (const [name, arrange] of steps) {
      arrange();
      const restarted = await open();
      expect(stateOf(restarted), name).toEqual(before);
      // The same batch again is refused as already accepted, and nothing new is signed for the closed epoch.
      const again = await deliver(restarted, clusters[0]!, 3).catch((error: Rejection) => error.code);
      expect(again, name).toBe('batch_already_accepted');
      expect(stateOf(restarted), name).toEqual(before);
      // And it keeps reporting: the next batch is accepted.
      await expect(deliver(restarted, clusters[1]!, 4), name).resolves.toMatchObject({ sequence: 4 });
      await crash(restarted);
      // Put the restarted node's own progress aside: every step starts from the same crash.
      rmSync(`${journalPath}.next`, { force: true });
      rmSync(`${journalPath}.snapshot.tmp`, { force: true });
    }
  });

  it('a torn journal tail after a snapshot loses only the unacknowledged record', async () => {
    const core = await busyCore();
    await core.compact();
    await deliver(core, clusters[0]!, 4);
    const afterFour = stateOf(core);
    await crash(core);
    const size = statSync(journalPath).size;
    // Every cut inside the last record: the record was never acknowledged, the rest is intact.
    const lastLine = readFileSync(journalPath, 'utf8').trimEnd().split('\n').at(-1)!;
    for (const cut of [1, 17, Math.floor(lastLine.length / 2), lastLine.length]) {
      copyFileSync(journalPath, `${journalPath}.keep`);
      truncateSync(journalPath, size - cut);
      const restarted = await open();
      expect(restarted.lastSequence(1n)).toBe(3);
      await crash(restarted);
      copyFileSync(`${journalPath}.keep`, journalPath);
    }
    const whole = await open();
    expect(stateOf(whole)).toEqual(afterFour);
  });

  it('compacts by itself once the journal passes its size bound, and at a clean shutdown', async () => {
    const core = await open({ compactJournalBytes: 10_000 });
    await deliver(core, clusters[0]!, 1);
    expect(existsSync(`${journalPath}.snapshot`)).toBe(false);
    await core.tick();
    expect(existsSync(`${journalPath}.snapshot`)).toBe(true);
    expect(statSync(journalPath).size).toBeLessThan(100);
    await deliver(core, clusters[0]!, 2);
    const before = stateOf(core);
    opened.splice(opened.indexOf(core), 1);
    await core.close();
    expect(statSync(journalPath).size).toBeLessThan(100);
    expect(stateOf(await open())).toEqual(before);
  });
});

describe('report retention (H-5)', () => {
  it('keeps every unsubmitted report and only the newest submitted epochs per cluster, also after a restart', async () => {
    const core = await open();
    const cluster = clusters[1]!;
    const epochs = SUBMITTED_REPORTS_KEPT + 6;
    // One batch per hour: each closes the previous epoch.
    const start = base - (epochs + 1) * HOUR;
    for (let sequence = 1; sequence <= epochs + 1; sequence++) {
      const payload = fixturePayload(cluster.uuids, start + (sequence - 1) * HOUR, 2);
      await core.ingestBatch(cluster.clusterId, await signFixtureBatch(cluster.clusterId, sequence, payload));
    }
    const all = [...core.reports.values()].filter((entry) => entry.report.clusterId === cluster.clusterId);
    expect(all.length).toBe(epochs);
    const newest = all.at(-1)!;
    await core.markSubmitted(all.slice(0, -1));
    const kept = [...core.reports.values()].filter((entry) => entry.report.clusterId === cluster.clusterId);
    expect(kept.filter((entry) => entry.submitted).length).toBe(SUBMITTED_REPORTS_KEPT);
    expect(kept.some((entry) => entry === newest && !entry.submitted)).toBe(true);
    const oldest = all[0]!.report.epoch;
    expect(core.report(cluster.clusterId, oldest)).toBeUndefined();
    // The dropped epoch's samples are still served from its file.
    expect(core.samples.read(cluster.clusterId, Number(oldest))?.length).toBe(2 * cluster.uuids.length);
    const before = stateOf(core);
    await crash(core);
    expect(stateOf(await open())).toEqual(before);
  });
});
