/**
 * Epoch finalization: an epoch is closed once a sample at or after its end arrived or the node's clock passed its end
 * by the grace; closing takes its snapshots out of the open ones (into the per-epoch sample file), prunes the leases
 * that can no longer change a report, and signs the epoch's report (applySigned files it in the report book).
 */
import type { Hex } from 'viem';
import { type EpochReport, signDigest } from '#protocol/eip712';
import { epochEndOf } from '#protocol/telemetry';
import { toWireReport } from '#protocol/wire';
import { aggregateEpoch } from './aggregate';
import { dueEpochs } from './ingest-rules';
import type { JournalRecord } from './journal-records';
import { type ClusterState, type CoreState, JOURNAL_CHUNK, type ReportEntry, uuidHash } from './node-state';
import { reportKey } from './signature-book';

/** Reports one finalizeDue call signs at most; the rest follow before the next batch or on the next tick. */
const MAX_REPORTS_PER_CALL = 64;

/** Closes every due epoch, a capped call at a time, letting the node serve requests between calls. */
export async function closeDue(state: CoreState, cluster: ClusterState, now: number) {
  while (await finalizeDue(state, cluster, now)) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Closes due epochs: an epoch is due once a sample at or after its end arrived (the agent sends in order, so every
 * node closes it on the same data), or once the node's clock passed its end by the grace, which checkClockRules puts
 * beyond the point where every node refuses the epoch's samples anyway. Runs of empty epochs are jumped with one
 * `skipped` record, not walked. Signs at most MAX_REPORTS_PER_CALL reports; returns true when more are due.
 */
export async function finalizeDue(state: CoreState, cluster: ClusterState, now: number): Promise<boolean> {
  if (cluster.firstSampleAt === null) return false;
  const { epochSeconds, graceSeconds } = state.config;
  const next = cluster.finalizedThrough
    ? cluster.finalizedThrough + epochSeconds
    : epochEndOf(cluster.firstSampleAt, epochSeconds);
  const byData = Math.floor(cluster.lastSampleAt / 1000 / epochSeconds) * epochSeconds;
  const byClock = Math.floor((now / 1000 - graceSeconds) / epochSeconds) * epochSeconds;
  const last = Math.max(byData, byClock);
  const ends = dueEpochs({
    epochSeconds,
    next,
    last,
    snapshotTimes: (function* () {
      for (const snapshot of cluster.snapshots) yield snapshot.t;
    })(),
    max: MAX_REPORTS_PER_CALL,
  });
  if (ends.length === 0) return false;
  const committeeVersion = await state.registry.committeeVersion();
  const records: JournalRecord[] = [];
  const entries: ReportEntry[] = [];
  for (const end of ends) {
    // Runs of epochs without any telemetry (agent down) collapse into one report at the end of the run.
    const emptyThrough = end - epochSeconds;
    if (emptyThrough > cluster.finalizedThrough && emptyThrough >= next) {
      records.push({ type: 'skipped', clusterId: cluster.clusterId.toString(), epochEnd: emptyThrough });
      // No report of this node will ever carry the peers' signatures parked for those epochs.
      state.signatureBook.forgetParked(cluster.clusterId, BigInt(cluster.finalizedThrough), BigInt(emptyThrough));
      cluster.finalizedThrough = emptyThrough;
    }
    const inEpoch = takeSnapshots(state, cluster, end);
    const existing = state.reports.get(reportKey(cluster.clusterId, BigInt(end)));
    cluster.finalizedThrough = end;
    if (existing) continue;
    const report = aggregateEpoch({
      clusterId: cluster.clusterId,
      epochEnd: end,
      epochSeconds,
      attestedGpuCount: cluster.uuids.size,
      snapshots: inEpoch,
      leases: cluster.leases.values(),
      uuidHash: (uuid) => uuidHash(state, uuid),
      committeeVersion,
    });
    const digest = state.hasher.report(report);
    const signature = await signDigest(digest, state.config.privateKey);
    records.push({ type: 'signed', report: toWireReport(report), signature });
    entries.push(applySigned(state, report, signature, digest));
  }
  pruneLeases(cluster);
  for (let from = 0; from < records.length; from += JOURNAL_CHUNK) {
    await state.journal.append(...records.slice(from, from + JOURNAL_CHUNK));
  }
  state.metrics.reportsSigned.inc(entries.length);
  for (const listener of state.signedListeners) listener(entries);
  return ends.at(-1)! < last;
}

function takeSnapshots(state: CoreState, cluster: ClusterState, epochEnd: number) {
  const endMs = epochEnd * 1000;
  let count = 0;
  while (count < cluster.snapshots.length && cluster.snapshots[count]!.t < endMs) count += 1;
  const taken = cluster.snapshots.splice(0, count);
  state.samples.record(cluster.clusterId, epochEnd, taken, (uuid) => uuidHash(state, uuid));
  return taken;
}

/** Leases that ended before the open epochs can no longer change a report. */
function pruneLeases(cluster: ClusterState) {
  const openFrom = cluster.finalizedThrough * 1000;
  for (const [key, lease] of cluster.leases) {
    if (lease.end === null || lease.end > openFrom) continue;
    cluster.leases.delete(key);
    const held = (cluster.leasesPerGpu.get(lease.gpuUuid) ?? 1) - 1;
    if (held > 0) cluster.leasesPerGpu.set(lease.gpuUuid, held);
    else cluster.leasesPerGpu.delete(lease.gpuUuid);
  }
}

export function closeEpoch(state: CoreState, cluster: ClusterState, epochEnd: number) {
  cluster.finalizedThrough = Math.max(cluster.finalizedThrough, epochEnd);
  takeSnapshots(state, cluster, epochEnd);
  pruneLeases(cluster);
}

export function applySigned(
  state: CoreState,
  report: EpochReport,
  signature: Hex,
  digest = state.hasher.report(report),
) {
  const key = reportKey(report.clusterId, report.epoch);
  const signatures = state.signatureBook.signaturesFor(report, digest);
  signatures.set(state.address, signature);
  const entry: ReportEntry = { report, digest, signatures, readyAt: null, submitted: false, inFlight: false };
  state.reports.set(key, entry);
  const cluster = state.clusters.get(report.clusterId);
  if (cluster) closeEpoch(state, cluster, Number(report.epoch));
  // Peers' signatures that arrived first are already in `signatures` (kept by digest); others for the epoch go.
  state.signatureBook.adopt(entry);
  state.signatureBook.markReady(entry);
  return entry;
}
