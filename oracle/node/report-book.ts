/**
 * The life of this node's signed reports after signing: re-signed for a new committee, marked submitted once the
 * chain is done with them (landed, or past their epoch), unmarked when the chain lost them, and retired from memory
 * beyond the newest SUBMITTED_REPORTS_KEPT epochs. Every change is journaled first. The peers' signatures over them
 * live in the SignatureBook (signature-book.ts).
 */
import type { Hex } from 'viem';
import { signDigest } from '#protocol/eip712';
import { toWireReport } from '#protocol/wire';
import { applySigned } from './epochs';
import type { JournalRecord } from './journal-records';
import { type CoreState, JOURNAL_CHUNK, type ReportEntry } from './node-state';
import { reportKey } from './signature-book';

/**
 * Submitted reports kept in memory per cluster (the newest epochs), for GET /clusters/:id/reports and peers still
 * pulling signatures; older ones are on chain (the indexer serves them) and their raw samples stay in the per-epoch
 * files. Unsubmitted reports are never dropped: the relayer still needs them.
 */
export const SUBMITTED_REPORTS_KEPT = 48;
/** Clusters whose reports one retire pass compares with the chain's last epochs (one batched read). */
const RETIRE_CLUSTERS_PER_PASS = 64;
/** Retire passes are at most this often: lastEpochOf moves once per epoch, a pass per tick would be wasted reads. */
const RETIRE_INTERVAL_MS = 10_000;

/**
 * Re-signs reports not yet on chain whose committee version is older than `committeeVersion`: the registry skips
 * those, so the same figures are signed again for the current committee (the only case in which this node signs
 * two messages for one cluster and epoch, and they differ in nothing but the version). Returns the new entries.
 */
export async function resign(state: CoreState, entries: ReportEntry[], committeeVersion: number) {
  const records: JournalRecord[] = [];
  const fresh: ReportEntry[] = [];
  for (const entry of entries) {
    if (entry.submitted || entry.inFlight || entry.report.committeeVersion >= committeeVersion) continue;
    const report = { ...entry.report, committeeVersion };
    const digest = state.hasher.report(report);
    const signature = await signDigest(digest, state.config.privateKey);
    records.push({ type: 'signed', report: toWireReport(report), signature });
    fresh.push(applySigned(state, report, signature, digest));
  }
  if (fresh.length === 0) return fresh;
  await state.journal.append(...records);
  state.log.info({ reports: fresh.length, committeeVersion }, 're-signed reports for the new committee');
  for (const listener of state.signedListeners) listener(fresh);
  return fresh;
}

/**
 * Records that the chain is done with `entries`: landed, or past their epoch (another report landed for it, or a
 * later epoch overtook it). Journaled first; `submitted` means exactly that on replay too. `hash`: the transaction
 * that landed them, when this node's relayer sent it; `block`: the block it was mined in (null: not known).
 */
export async function markSubmitted(state: CoreState, entries: ReportEntry[], hash?: Hex, block: bigint | null = null) {
  if (entries.length === 0) return;
  await state.journal.append(
    ...entries.map((entry) => ({
      type: 'submitted' as const,
      clusterId: entry.report.clusterId.toString(),
      epoch: entry.report.epoch.toString(),
      ...(hash ? { hash } : {}),
      block: block === null ? null : block.toString(),
    })),
  );
  for (const entry of entries) {
    entry.submitted = true;
    entry.submittedIn = hash;
    entry.submittedBlock = block;
    // Signatures parked for other figures or versions of a report on chain can never be used.
    state.signatureBook.forget(entry.report.clusterId, entry.report.epoch, entry.digest);
  }
  retireSubmitted(
    state,
    entries.map((entry) => entry.report.clusterId),
  );
}

/**
 * Undoes markSubmitted for reports the chain no longer has (see Relayer.recoverLost): they are relayed again. Their
 * signatures stayed with them; parked ones for other figures were dropped and are not needed.
 */
export async function unmarkSubmitted(state: CoreState, entries: ReportEntry[]) {
  if (entries.length === 0) return;
  await state.journal.append(
    ...entries.map((entry) => ({
      type: 'unsubmitted' as const,
      clusterId: entry.report.clusterId.toString(),
      epoch: entry.report.epoch.toString(),
    })),
  );
  for (const entry of entries) {
    entry.submitted = false;
    entry.submittedIn = undefined;
    entry.submittedBlock = undefined;
  }
}

/** Drops submitted reports beyond the newest SUBMITTED_REPORTS_KEPT epochs of each of `clusterIds` (one pass). */
export function retireSubmitted(state: CoreState, clusterIds: Iterable<bigint>) {
  const wanted = new Set(clusterIds);
  const submitted = new Map<bigint, ReportEntry[]>();
  for (const entry of state.reports.values()) {
    if (!entry.submitted || !wanted.has(entry.report.clusterId)) continue;
    const list = submitted.get(entry.report.clusterId) ?? [];
    list.push(entry);
    submitted.set(entry.report.clusterId, list);
  }
  for (const list of submitted.values()) {
    if (list.length <= SUBMITTED_REPORTS_KEPT) continue;
    list.sort((a, b) => (a.report.epoch < b.report.epoch ? 1 : -1));
    for (const entry of list.slice(SUBMITTED_REPORTS_KEPT)) {
      state.reports.delete(reportKey(entry.report.clusterId, entry.report.epoch));
      // Its own digest stayed in the book with the entry (markSubmitted keeps it); without the entry it is garbage.
      state.signatureBook.forget(entry.report.clusterId, entry.report.epoch);
    }
  }
}

/**
 * Retires every unsubmitted report the chain is past (epoch ≤ the cluster's lastEpochOf), as markSubmitted does for
 * what the relayer landed: the registry skips such a report, so nobody can ever land it. Only the relayer marked
 * reports before, and only those with k signatures, so a node that does not relay, and every report that never
 * reached k (a minority report, a catch-up after downtime, an epoch the chain skipped), stayed in memory forever with
 * its signature-book digest. Bounded per pass (RETIRE_CLUSTERS_PER_PASS clusters, round robin over those with
 * unsubmitted reports, one batched read) and at most one pass per RETIRE_INTERVAL_MS. Reports in flight are left to
 * the relayer's receipt. Returns the reports retired.
 */
export async function retirePassed(state: CoreState, now = state.now()) {
  if (now - state.lastRetirePass < RETIRE_INTERVAL_MS) return 0;
  state.lastRetirePass = now;
  if (state.retireQueue.length === 0) {
    const pending = new Set<bigint>();
    for (const entry of state.reports.values()) if (!entry.submitted) pending.add(entry.report.clusterId);
    state.retireQueue = [...pending];
  }
  const clusterIds = state.retireQueue.splice(0, RETIRE_CLUSTERS_PER_PASS);
  if (clusterIds.length === 0) return 0;
  let lastEpochs: Map<bigint, bigint>;
  try {
    lastEpochs = await state.registry.lastEpochs(clusterIds);
  } catch (error) {
    state.log.warn({ err: (error as Error).message }, 'cannot read the last epochs to retire reports');
    return 0;
  }
  const passed: ReportEntry[] = [];
  for (const entry of state.reports.values()) {
    if (entry.submitted || entry.inFlight) continue;
    const last = lastEpochs.get(entry.report.clusterId);
    if (last !== undefined && entry.report.epoch <= last) passed.push(entry);
  }
  for (let from = 0; from < passed.length; from += JOURNAL_CHUNK) {
    await markSubmitted(state, passed.slice(from, from + JOURNAL_CHUNK));
  }
  if (passed.length > 0) state.log.info({ reports: passed.length }, 'retired reports the chain is past');
  return passed.length;
}
