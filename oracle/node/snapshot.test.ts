/**
 * Compaction (H-5): a node's state survives a snapshot plus a fresh journal segment, and a crash at any step of the
 * compaction (torn temporary files, before or after each rename, a torn journal tail) restarts into the same state,
 * signs nothing twice and keeps reporting.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { getAddress, type Hex } from 'viem';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rejection } from '#protocol/base-error';
import type { EpochReport } from '#protocol/eip712';
import { hardwareRoot } from '#protocol/hardware';
import { MAX_INVENTORY_GPUS, MAX_LEASES_PER_GPU, toWireReport, type WireLease } from '#protocol/wire';
import { type OracleCore, SUBMITTED_REPORTS_KEPT } from './core';
import { type FixtureCluster, fixturePayload, openFixtureCore, signFixtureBatch } from './core.test-kit';
import { simulatedUuids } from './harness.test-kit';
import { applyBatch } from './ingest';
import { applyClaim, applyInventory } from './inventories';
import { readLines } from './journal';
import type { CoreState } from './node-state';
import {
  decodeState,
  encodeState,
  readSnapshot,
  SnapshotInvalidError,
  SnapshotMissingError,
  writeSnapshot,
} from './snapshot';

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

async function open(overrides = {}, log = pino({ level: 'silent' })) {
  const core = await openFixtureCore(journalPath, clusters, overrides, log);
  opened.push(core);
  return core;
}

/** A logger whose error messages land in `messages`. */
function recordingLog() {
  const messages: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => messages.push(JSON.parse(line).msg) });
  return { log, messages };
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

/** The core's private state (node-state.ts), to build one far larger than batches through the API build quickly. */
const coreState = (core: OracleCore) => (core as unknown as { state: CoreState }).state;

/** A digest of a core's whole state (each collection entry by entry: it may not fit in one string). */
function fingerprint(core: OracleCore) {
  const internals = coreState(core);
  const hash = createHash('sha256');
  const add = (value: unknown) => {
    if (value instanceof Map || value instanceof Set || Array.isArray(value)) {
      hash.update(`<${value.constructor.name}>`);
      for (const entry of value) hash.update(encodeState(entry));
    } else hash.update(encodeState(value));
  };
  for (const cluster of internals.clusters.values()) {
    for (const [field, value] of Object.entries(cluster).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (field === 'queue' || field === 'telemetry') continue;
      hash.update(field);
      add(value);
    }
  }
  add(internals.uuidOwner);
  add(core.signatureBook.toJSON().digests);
  add(core.signatureBook.parkedSignatures);
  add(stateOf(core));
  return hash.digest('hex');
}

describe('compaction of the largest state (bounded lines)', () => {
  it('compacts a cluster at the largest inventory with every GPU holding the most leases (long ids) into lines far ' +
    'below the record bound, and restores the same state', async () => {
    const core = await open();
    const internals = coreState(core);
    const clusterId = 9n;
    const uuids = Array.from({ length: MAX_INVENTORY_GPUS }, (_, index) => `GPU-${index}-`.padEnd(64, 'u'));
    applyInventory(internals, clusterId, uuids, '0x01' as Hex);
    const cluster = internals.clusters.get(clusterId)!;
    applyClaim(internals, cluster, 1);
    for (let round = 0; round < MAX_LEASES_PER_GPU; round++) {
      const leases: WireLease[] = uuids.map((gpuUuid, index) => ({
        gpuUuid,
        leaseId: `lease-${round}-${index}-`.padEnd(128, 'l'),
        tenantHash: `0x${'ab'.repeat(32)}` as Hex,
        pricePerHour: '1000000000000000000',
        start: base,
        end: null,
      }));
      const snapshots = [{ t: base + round, gpus: [{ uuid: uuids[round]!, utilizationPct: 50 } as never] }];
      applyBatch(cluster, round + 1, '', { snapshots, leases }, `0x${'cd'.repeat(32)}` as Hex);
    }
    expect(core.leaseCount(clusterId)).toBe(MAX_INVENTORY_GPUS * MAX_LEASES_PER_GPU);
    // Parked peer signatures, more than one line of the signature book holds.
    const peer = getAddress('0x00000000000000000000000000000000000000b0');
    for (let epoch = 1; epoch <= 6_000; epoch++) {
      const report: EpochReport = {
        clusterId: 77n,
        epoch: BigInt(epoch * 3_600),
        gpuHoursMilli: 1_000n,
        utilizationBps: 100,
        gpusOnline: 1,
        revenue: 0n,
        telemetryRoot: `0x${'00'.repeat(32)}`,
        committeeVersion: 1,
      };
      core.signatureBook.keep(report, peer, `0x${'11'.repeat(65)}` as Hex);
    }
    const before = fingerprint(core);
    await core.compact();
    const counts = new Map<string, number>();
    let longest = 0;
    readLines(`${journalPath}.snapshot`, (line) => {
      longest = Math.max(longest, Buffer.byteLength(line));
      const type = (JSON.parse(line) as { type: string }).type;
      counts.set(type, (counts.get(type) ?? 0) + 1);
    });
    expect(longest).toBeLessThan(16 * 1024 * 1024);
    expect(counts.get('clusterPart')).toBeGreaterThan(MAX_LEASES_PER_GPU * 2);
    expect(counts.get('signatureBook')).toBeGreaterThan(1);
    await crash(core);
    const reopened = await open();
    expect(reopened.leaseCount(clusterId)).toBe(MAX_INVENTORY_GPUS * MAX_LEASES_PER_GPU);
    expect(reopened.gpuOwner(uuids.at(-1)!)).toBe(clusterId);
    expect(fingerprint(reopened)).toBe(before);
  }, 120_000);

  it('a failed compaction is logged and not retried on the next tick; it is retried after the back-off', async () => {
    let clock = Date.now();
    const { log, messages } = recordingLog();
    const core = await open({ compactJournalBytes: 10_000, now: () => clock }, log);
    await deliver(core, clusters[0]!, 1);
    // The snapshot writer cannot create its temporary file.
    mkdirSync(`${journalPath}.snapshot.tmp`);
    await core.tick(clock);
    expect(existsSync(`${journalPath}.snapshot`)).toBe(false);
    expect(messages.filter((message) => message.startsWith('compaction failed'))).toHaveLength(1);
    rmSync(`${journalPath}.snapshot.tmp`, { recursive: true });
    clock += 1_000;
    await core.tick(clock);
    expect(existsSync(`${journalPath}.snapshot`)).toBe(false);
    clock += 10 * 60_000;
    await core.tick(clock);
    expect(existsSync(`${journalPath}.snapshot`)).toBe(true);
    expect(statSync(journalPath).size).toBeLessThan(100);
    expect(messages.filter((message) => message.startsWith('compaction failed'))).toHaveLength(1);
  });

  it('after a failed compaction, a journal that doubled is compacted before the back-off ends', async () => {
    const clock = Date.now();
    const core = await open({ compactJournalBytes: 10_000, now: () => clock });
    await deliver(core, clusters[0]!, 1);
    mkdirSync(`${journalPath}.snapshot.tmp`);
    await core.tick(clock);
    rmSync(`${journalPath}.snapshot.tmp`, { recursive: true });
    const failedAt = statSync(journalPath).size;
    await deliver(core, clusters[0]!, 2);
    expect(statSync(journalPath).size).toBeLessThan(2 * failedAt);
    await core.tick(clock);
    expect(existsSync(`${journalPath}.snapshot`)).toBe(false);
    for (let sequence = 3; statSync(journalPath).size < 2 * failedAt; sequence++) {
      await deliver(core, clusters[0]!, sequence);
    }
    await core.tick(clock);
    expect(existsSync(`${journalPath}.snapshot`)).toBe(true);
  });
});

describe('a node data directory is whole or refused', () => {
  it('refuses to start when its journal continues a snapshot that is missing, and leaves the journal untouched', async () => {
    const core = await busyCore();
    await core.compact();
    await deliver(core, clusters[0]!, 4);
    await crash(core);
    rmSync(`${journalPath}.snapshot`);
    const journal = readFileSync(journalPath);
    const opening = openFixtureCore(journalPath, clusters);
    await expect(opening).rejects.toThrow(SnapshotMissingError);
    await expect(opening).rejects.toThrow(`${journalPath}.snapshot is missing`);
    await expect(opening).rejects.toThrow(`${journalPath}.samples/ together`);
    expect(readFileSync(journalPath).equals(journal)).toBe(true);
  });

  it("a candidate inventory's hour runs from when the node took it, across a restart", async () => {
    let clock = Date.now();
    const core = await open({ now: () => clock });
    // Another inventory than the chain's: a candidate nobody attests.
    const candidate = simulatedUuids('snapshot-candidate', 2);
    await core.holdInventory(1n, candidate, hardwareRoot(candidate));
    await crash(core);
    clock += 2 * HOUR;
    const restarted = await open({ now: () => clock });
    expect(restarted.clusterSummaries().map((cluster) => cluster.clusterId)).toContain('1');
    await restarted.tick(clock);
    expect(restarted.clusterSummaries().map((cluster) => cluster.clusterId)).not.toContain('1');
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
