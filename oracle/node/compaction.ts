/**
 * Snapshots and compaction: the state a snapshot holds, as bounded lines (snapshotLines) and back (restoreLine), and
 * the Compaction that writes a snapshot and starts a fresh journal segment once the journal grew past its bounds,
 * with the pruning of the per-epoch sample files that rides on the same timer.
 */
import { randomBytes } from 'node:crypto';
import { toHex } from 'viem';
import type { Snapshot } from '#protocol/wire';
import type { ClusterState, CoreState, ReportEntry } from './node-state';
import { type BookState, reportKey } from './signature-book';
import {
  appendPart,
  SNAPSHOT_PART_ENTRIES,
  SnapshotInvalidError,
  type SnapshotLine,
  splitCollections,
  writeSnapshot,
} from './snapshot';
import { ClusterTelemetryTally } from './telemetry-status';

/**
 * After a failed compaction, the next try waits this long or until the journal doubled: a failure that repeats (a full
 * disk, a failing sample file) then costs an error log now and then, not a held node and a full re-encoding every tick.
 */
const COMPACT_RETRY_MS = 600_000;
/** How often the sample files are pruned to the retention. */
const SAMPLE_PRUNE_INTERVAL_MS = 3_600_000;

/**
 * The state a snapshot holds, as bounded lines. Clusters travel through the codec (a new ClusterState field needs no
 * code here): the scalars in one line, every collection (UUIDs, leases, per-GPU counts, any future Map, Set or array)
 * in parts of bounded size after it, the open snapshots in lines of bounded readings; what lives only in memory stays
 * out. The signature book goes by chunks of digests. No line grows with a cluster's or the book's size.
 */
export function* snapshotLines(state: CoreState): Generator<SnapshotLine> {
  for (const cluster of state.clusters.values()) {
    const { head, parts } = splitCollections(cluster, ['queue', 'telemetry', 'snapshots']);
    const clusterId = cluster.clusterId.toString();
    yield { type: 'cluster', cluster: { ...head, snapshots: [] } };
    for (const { field, entries } of parts()) yield { type: 'clusterPart', clusterId, field, entries };
    const { snapshots } = cluster;
    let chunk: Snapshot[] = [];
    let readings = 0;
    for (const snapshot of snapshots) {
      chunk.push(snapshot);
      readings += snapshot.gpus.length + 1;
      if (readings >= 20_000) {
        yield { $plain: true, type: 'snapshots', clusterId: cluster.clusterId.toString(), snapshots: chunk };
        chunk = [];
        readings = 0;
      }
    }
    if (chunk.length > 0) {
      yield { $plain: true, type: 'snapshots', clusterId: cluster.clusterId.toString(), snapshots: chunk };
    }
  }
  for (const entry of state.reports.values()) {
    const { inFlight: _inFlight, ...rest } = entry;
    yield { type: 'report', entry: rest };
  }
  // Every digest's signatures (reports' own again, and the parked ones), restored by appending: a chunk of digests
  // per line, each digest's signatures bounded by the committee.
  const { digests } = state.signatureBook.toJSON();
  const digestsPerLine = Math.max(1, Math.floor(SNAPSHOT_PART_ENTRIES / Math.max(1, state.committee.length)));
  for (let from = 0; from < digests.length; from += digestsPerLine) {
    yield { type: 'signatureBook', state: { digests: digests.slice(from, from + digestsPerLine) } };
  }
  let owners: [string, bigint][] = [];
  for (const owner of state.uuidOwner) {
    owners.push(owner);
    if (owners.length >= 10_000) {
      yield { type: 'owners', owners };
      owners = [];
    }
  }
  if (owners.length > 0) yield { type: 'owners', owners };
}

export function restoreLine(state: CoreState, line: SnapshotLine) {
  switch (line.type) {
    case 'cluster': {
      const cluster = line.cluster as Omit<ClusterState, 'queue' | 'telemetry'>;
      state.clusters.set(cluster.clusterId, {
        ...cluster,
        queue: Promise.resolve(),
        telemetry: new ClusterTelemetryTally(),
      });
      break;
    }
    case 'clusterPart': {
      const cluster = state.clusters.get(BigInt(line.clusterId as string));
      if (!cluster)
        throw new SnapshotInvalidError(`snapshot part of cluster ${line.clusterId} before its cluster line`);
      appendPart(cluster, line.field as string, line.entries as unknown[]);
      break;
    }
    case 'snapshots':
      state.clusters.get(BigInt(line.clusterId as string))?.snapshots.push(...(line.snapshots as Snapshot[]));
      break;
    case 'report': {
      const saved = line.entry as Omit<ReportEntry, 'inFlight'>;
      // The entry's signatures live in the signature book (shared by digest), as applySigned builds them.
      const signatures = state.signatureBook.signaturesFor(saved.report, saved.digest);
      for (const [signer, signature] of saved.signatures) signatures.set(signer, signature);
      const entry: ReportEntry = { ...saved, signatures, inFlight: false };
      state.reports.set(reportKey(entry.report.clusterId, entry.report.epoch), entry);
      state.signatureBook.adopt(entry);
      break;
    }
    case 'signatureBook':
      state.signatureBook.fromJSON(line.state as BookState);
      break;
    case 'owners':
      for (const [uuid, clusterId] of line.owners as [string, bigint][]) state.uuidOwner.set(uuid, clusterId);
      break;
    default:
      throw new SnapshotInvalidError(`unknown snapshot line ${line.type}`);
  }
}

export class Compaction {
  private compacting: Promise<void> | undefined;
  /** Set by a failed compaction in `maintain`: no new try before `at` (node clock, ms) unless the journal reaches `bytes`. */
  private compactRetry: { at: number; bytes: number } | undefined;
  private lastSamplePrune = 0;

  constructor(
    private readonly state: CoreState,
    readonly snapshotPath: string,
  ) {}

  /** Journal size and the age of the sample files, checked on the epoch timer. */
  async maintain(now: number) {
    const bytes = this.state.config.compactJournalBytes ?? 64 * 1024 * 1024;
    const records = this.state.config.compactJournalRecords ?? 200_000;
    const due = this.state.journal.bytes >= bytes || this.state.journal.appended >= records;
    const retry = this.compactRetry;
    const waiting = retry !== undefined && now < retry.at && this.state.journal.bytes < retry.bytes;
    if (due && !waiting) {
      try {
        await this.compact();
        this.compactRetry = undefined;
      } catch (error) {
        this.compactRetry = { at: now + COMPACT_RETRY_MS, bytes: 2 * this.state.journal.bytes };
        this.state.log.error(
          { err: error, journalBytes: this.state.journal.bytes, retryInMs: COMPACT_RETRY_MS },
          'compaction failed: the journal keeps growing until a later try succeeds',
        );
      }
    }
    if (now - this.lastSamplePrune >= SAMPLE_PRUNE_INTERVAL_MS) {
      this.lastSamplePrune = now;
      const removed = this.state.samples.prune(Math.floor(now / 1000));
      if (removed > 0) this.state.log.info({ removed }, 'pruned epoch sample files past the retention');
    }
  }

  /**
   * Writes a snapshot of the whole state and starts a fresh journal segment continuing it. Ingest waits meanwhile:
   * every cluster's queue is held, then the journal, so the snapshot matches exactly what the old segment holds (plus
   * what callers applied before journaling it, which the new segment then repeats harmlessly).
   */
  compact(): Promise<void> {
    this.compacting ??= (async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const idle = [...this.state.clusters.values()].map((cluster) => {
        const before = cluster.queue;
        cluster.queue = before.then(() => gate);
        return before;
      });
      try {
        await Promise.all(idle);
        await this.state.journal.exclusive(async () => {
          // The snapshot drops the closed epochs' samples: their export files must be durable first.
          await this.state.samples.flush();
          const segment = toHex(randomBytes(16));
          const started = performance.now();
          await writeSnapshot(this.snapshotPath, segment, snapshotLines(this.state));
          await this.state.journal.rotate({ type: 'segment', id: segment });
          this.state.log.info(
            {
              ms: Math.round(performance.now() - started),
              clusters: this.state.clusters.size,
              reports: this.state.reports.size,
            },
            'journal compacted into a snapshot',
          );
        });
      } finally {
        release();
        this.compacting = undefined;
      }
    })();
    return this.compacting;
  }
}
