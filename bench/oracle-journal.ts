/**
 * Journal, snapshots and per-epoch sample files of one oracle node (H-5): bytes per GPU per day and the restart time
 * after 30 simulated days of 16 clusters x 100 GPUs sampled every 10 s.
 *
 * Pushing 30 days (414 M readings) through the real ingest is not feasible in a bench, so:
 * 1. The real OracleCore (real journal, real signature checks, real per-epoch files) ingests FULL_HOURS of the
 *    workload at full fidelity (one batch per cluster and minute, 6 snapshots of 100 GPUs, pre-signed by the
 *    operator key), without compaction: the journal's size over that span gives the bytes journaled per GPU per day,
 *    the sample files' size the bytes kept for exports per GPU per day. A restart that replays that whole journal
 *    (no snapshot) gives the replay rate, from which the pre-fix restart (a full replay of 30 days) is extrapolated.
 * 2. The same core compacts, then receives one epoch report per cluster and hour for SPARSE_HOURS more (each
 *    submitted), so it holds the reports a 30-day node keeps (the newest 48 per cluster), and is then fed full-fidelity
 *    batches until its journal is just below the compaction bound: the worst journal a restart can meet.
 * 3. The per-epoch file tree is completed to 30 days x 24 epochs x 16 clusters (hard links to the measured files:
 *    the restart does not read them, pruning lists them), and a crashed node (no shutdown compaction) is reopened.
 * Also: `Journal.open` on a 600 MB journal (beyond V8's 512 MiB string limit, where the pre-fix reader threw).
 */
import { createWriteStream, linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { keccak256, toBytes } from 'viem';
import { simulatedUuids } from '../devnet/actions';
import type { OracleCore } from '../oracle/node/core';
import { type FixtureCluster, fixturePayload, openFixtureCore, signFixtureBatch } from '../oracle/node/core.test-kit';
import { Journal, readLines } from '../oracle/node/journal';

const CLUSTERS = 16;
const GPUS = 100;
const STEP_MS = 10_000;
const SNAPSHOTS_PER_BATCH = 6;
const FULL_HOURS = Number(process.env.BENCH_JOURNAL_HOURS ?? 2);
const SPARSE_HOURS = 50;
const DAYS = 30;
const HOUR = 3_600_000;
const COMPACT_BYTES = 64 * 1024 * 1024;
const RETENTION_DAYS = 35;

const clusters: FixtureCluster[] = Array.from({ length: CLUSTERS }, (_, index) => ({
  clusterId: BigInt(index + 1),
  uuids: simulatedUuids(`bench-journal-${index}`, GPUS),
}));

function sizeOf(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** One batch per cluster covering [from, from + SNAPSHOTS_PER_BATCH * STEP_MS), all clusters at once. */
async function round(core: OracleCore, sequences: number[], from: number, snapshots = SNAPSHOTS_PER_BATCH) {
  const bodies = await Promise.all(
    clusters.map((cluster, index) =>
      signFixtureBatch(cluster.clusterId, sequences[index]! + 1, fixturePayload(cluster.uuids, from, snapshots)),
    ),
  );
  await Promise.all(
    clusters.map(async (cluster, index) => {
      await core.ingestBatch(cluster.clusterId, bodies[index]!);
      sequences[index]! += 1;
    }),
  );
}

/** The relayer's part: every signed report lands. */
async function submitAll(core: OracleCore) {
  await core.markSubmitted([...core.reports.values()].filter((entry) => !entry.submitted));
}

async function bigJournal(directory: string) {
  const path = join(directory, 'big.jsonl');
  const line = `${JSON.stringify({ type: 'batch', clusterId: '1', sequence: 1, payload: 'x'.repeat(4_000) })}\n`;
  const target = 600 * 1000 * 1000;
  const stream = createWriteStream(path);
  const block = line.repeat(256);
  let written = 0;
  while (written < target) {
    if (!stream.write(block)) await new Promise((resolve) => stream.once('drain', () => resolve(undefined)));
    written += block.length;
  }
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
  const started = performance.now();
  let records = 0;
  const journal = await Journal.openWith(path, () => {
    records += 1;
  });
  await journal.close();
  const seconds = (performance.now() - started) / 1000;
  rmSync(path);
  return { bytes: written, records, seconds };
}

export async function benchJournal(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'rackshare-bench-journal-'));
  try {
    const big = await bigJournal(directory);
    console.log(
      `Journal.open on a ${mb(big.bytes)} MiB journal (${big.records} records, streamed): ${big.seconds.toFixed(1)} s (target: opens; before the fix ERR_STRING_TOO_LONG above 512 MiB)`,
    );

    const journalPath = join(directory, 'node', 'node.jsonl');
    const fillHours = 2;
    // Everything lies in the recent past: epochs close on the next epoch's first sample, at full speed.
    const base = (Math.floor(Date.now() / HOUR) - (FULL_HOURS + 1 + SPARSE_HOURS + fillHours + 1)) * HOUR;
    const sequences = clusters.map(() => 0);

    // 1. Full fidelity, no compaction.
    let core = await openFixtureCore(journalPath, clusters, {
      compactJournalBytes: Number.MAX_SAFE_INTEGER,
      compactJournalRecords: Number.MAX_SAFE_INTEGER,
      sampleRetentionDays: RETENTION_DAYS,
    });
    const batchMs = SNAPSHOTS_PER_BATCH * STEP_MS;
    const ingestStarted = performance.now();
    for (let from = base; from < base + FULL_HOURS * HOUR; from += batchMs) {
      await round(core, sequences, from);
      if ((from - base) % HOUR === HOUR - batchMs) await submitAll(core);
    }
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;
    // One snapshot of the next hour closes the span's last epoch, so every hour of it has its sample file.
    await round(core, sequences, base + FULL_HOURS * HOUR, 1);
    await submitAll(core);
    await core.samples.flush();
    const gpuDays = (CLUSTERS * GPUS * FULL_HOURS) / 24;
    const journalBytes = sizeOf(journalPath);
    const sampleBytes = sizeOf(core.samples.directory);
    const sampleBytesPerGpuDay = sampleBytes / gpuDays;
    await core.close(false);
    // The pre-fix replay also hashed every batch's payload (now only each cluster's last one): timed on its own.
    const hashStarted = performance.now();
    readLines(journalPath, (line) => {
      const record = JSON.parse(line) as { type: string; payload?: string };
      if (record.type === 'batch') keccak256(toBytes(record.payload!));
    });
    const hashSeconds = (performance.now() - hashStarted) / 1000;

    const replayStarted = performance.now();
    core = await openFixtureCore(journalPath, clusters, {
      compactJournalBytes: COMPACT_BYTES,
      sampleRetentionDays: RETENTION_DAYS,
    });
    const replaySeconds = (performance.now() - replayStarted) / 1000;
    const bytesPer30Days = (journalBytes / FULL_HOURS) * 24 * DAYS;
    const fullReplaySeconds = ((replaySeconds + hashSeconds) * bytesPer30Days) / journalBytes;

    // 2. Compaction, 30 days' worth of retained reports, then a journal just below the compaction bound.
    await core.compact();
    const sparseFrom = base + (FULL_HOURS + 1) * HOUR;
    for (let hour = 0; hour < SPARSE_HOURS; hour++) {
      await round(core, sequences, sparseFrom + hour * HOUR, 1);
      await submitAll(core);
      await core.tick(sparseFrom + hour * HOUR);
    }
    // The live workload again, with the epoch timer's compactions, for over an hour; it stops where the journal is
    // just below the bound (the longest replay a restart can meet) and the snapshot holds the open epoch's samples as
    // of the last compaction.
    const fillFrom = sparseFrom + SPARSE_HOURS * HOUR;
    let from = fillFrom;
    for (; from < fillFrom + HOUR || statSync(journalPath).size < COMPACT_BYTES * 0.97; from += batchMs) {
      await round(core, sequences, from);
      if ((from - fillFrom) % HOUR === 0) await submitAll(core);
      if (statSync(journalPath).size >= COMPACT_BYTES) await core.tick(from);
    }
    await core.samples.flush();

    // 3. Thirty days of sample files, then a crash and a restart.
    const samplesDirectory = core.samples.directory;
    const firstEpoch = base / 1000 + 3_600;
    for (const cluster of clusters) {
      const folder = join(samplesDirectory, cluster.clusterId.toString());
      const source = join(folder, `${firstEpoch}.jsonl`);
      const present = new Set(readdirSync(folder));
      const lastEpoch = fillFrom / 1000;
      for (let epoch = lastEpoch - DAYS * 86_400 + 3_600; epoch <= lastEpoch; epoch += 3_600) {
        if (!present.has(`${epoch}.jsonl`)) linkSync(source, join(folder, `${epoch}.jsonl`));
      }
    }
    const sampleFiles = readdirSync(samplesDirectory).reduce(
      (sum, folder) => sum + readdirSync(join(samplesDirectory, folder)).length,
      0,
    );
    await core.close(false);
    const journalAtRestart = sizeOf(journalPath);
    const snapshotAtRestart = sizeOf(`${journalPath}.snapshot`);
    mkdirSync(samplesDirectory, { recursive: true });
    const restartStarted = performance.now();
    core = await openFixtureCore(journalPath, clusters, {
      compactJournalBytes: COMPACT_BYTES,
      sampleRetentionDays: RETENTION_DAYS,
    });
    const restartSeconds = (performance.now() - restartStarted) / 1000;
    const reportsKept = core.reports.size;
    const pruneStarted = performance.now();
    core.samples.prune(Math.floor(Date.now() / 1000));
    const pruneMs = performance.now() - pruneStarted;
    await core.close(false);

    console.log(
      `full-fidelity span: ${FULL_HOURS} h of ${CLUSTERS} clusters x ${GPUS} GPUs at 10 s, ${(FULL_HOURS * 360 * CLUSTERS * GPUS).toLocaleString('en-US')} readings ingested in ${ingestSeconds.toFixed(1)} s`,
    );
    console.log(
      `journal bytes per GPU per day: ${Math.round(journalBytes / gpuDays)} B (written; compacted into a snapshot at ${mb(COMPACT_BYTES)} MiB, so the journal on disk stays <= ${mb(COMPACT_BYTES)} MiB, target bounded)`,
    );
    console.log(
      `per-epoch sample files per GPU per day: ${Math.round(sampleBytesPerGpuDay)} B (retention ${RETENTION_DAYS} days, ${mb(sampleBytesPerGpuDay * CLUSTERS * GPUS * RETENTION_DAYS)} MiB for the whole fleet at most)`,
    );
    console.log(
      `state at restart: snapshot ${mb(snapshotAtRestart)} MiB, journal ${mb(journalAtRestart)} MiB (worst case, just below the bound), ${reportsKept} reports kept, ${sampleFiles} per-epoch files (prune pass ${pruneMs.toFixed(0)} ms)`,
    );
    console.log(
      `restart after 30 simulated days (16 clusters x 100 GPUs, 10 s sampling): ${restartSeconds.toFixed(2)} s (target <= 10 s)`,
    );
    console.log(
      `restart after 30 simulated days with the pre-fix full-journal replay: ${fullReplaySeconds.toFixed(0)} s estimated (replaying ${mb(journalBytes)} MiB took ${replaySeconds.toFixed(2)} s plus ${hashSeconds.toFixed(2)} s of the per-payload hashing it did then, x ${(bytesPer30Days / journalBytes).toFixed(0)} for ${(bytesPer30Days / 1e9).toFixed(1)} GB; the pre-fix reader cannot open it at all past 512 MiB, about ${((512 * 1024 * 1024 * FULL_HOURS) / journalBytes).toFixed(1)} h of this fleet)`,
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await benchJournal();
