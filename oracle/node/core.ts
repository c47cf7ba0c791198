/**
 * The state machine of one oracle node: verified inventories, accepted telemetry, finalized epochs, its own signed
 * reports and the peer signatures that match them. Nothing is acknowledged (a batch answered, a signature pushed or
 * relayed) before its journal record is durable, so a restart rebuilds everything that left the node. Not every change
 * is journaled before it is applied: some (an epoch closed and signed, a peer signature kept) are applied in memory
 * first and appended right after. A failed append is therefore fatal (fail-stop): the journal refuses everything after
 * it, the core reports it once through onFatal, and the node stops, to be restarted from what the journal holds. A
 * report it re-computes then is the same one (same telemetry, same deterministic signature). The node signs only
 * reports it computed from telemetry it verified itself, and never two different reports for one cluster and epoch.
 *
 * This class builds the one state its parts work on (node-state.ts), replays the journal into it (journal-records.ts)
 * and composes the parts: inventories.ts (held inventories and the GPUs they claim), ingest.ts (batches), epochs.ts
 * (closing and signing epochs), report-book.ts (what becomes of signed reports) and compaction.ts (snapshots).
 */
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex, keccak256, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Rejection } from '#protocol/base-error';
import { createRegistryHasher } from '#protocol/eip712';
import type { BatchBody } from '#protocol/wire';
import { type AttestationAnswer, AttestationDesk, type ChallengeRequest } from './attestation';
import type { RegistryView } from './chain';
import { Compaction, restoreLine } from './compaction';
import { DEFAULT_SAMPLE_RETENTION_DAYS, EpochSampleStore } from './epoch-samples';
import { finalizeDue } from './epochs';
import { ingestBatch, recordRejectedBatch, telemetryStatus } from './ingest';
import { checkClockRules, defaultClockRules } from './ingest-rules';
import { answerChallenge, expiredCandidate, followOnChain, forget, holdInventory, readFollowed } from './inventories';
import { Journal } from './journal';
import { type JournalRecord, REPLAYED_PAYLOAD, replayRecord } from './journal-records';
import type { NodeMetrics } from './metrics';
import type { CoreConfig, CoreState, ReportEntry } from './node-state';
import { markSubmitted, resign, retirePassed, unmarkSubmitted } from './report-book';
import { type PeerItem, reportKey, SignatureBook } from './signature-book';
import { readSnapshot, SnapshotMissingError } from './snapshot';

export type { CoreConfig, ReportEntry } from './node-state';
export { SUBMITTED_REPORTS_KEPT } from './report-book';

export class OracleCore {
  readonly address: Address;
  readonly committee: Address[];
  readonly reports: Map<string, ReportEntry>;
  readonly attestations: AttestationDesk;
  /** Peer signatures by report digest, verified on arrival (signature-book.ts). */
  readonly signatureBook: SignatureBook;
  /** Raw samples per cluster and epoch, for exports. */
  readonly samples: EpochSampleStore;
  /** Everything the parts of the core work on (node-state.ts). */
  private readonly state: CoreState;
  private readonly compaction: Compaction;
  private readonly fatalListeners = new Set<(error: Error) => void>();

  private constructor(
    readonly config: CoreConfig,
    readonly registry: RegistryView,
    readonly metrics: NodeMetrics,
    log: Logger,
  ) {
    const address = privateKeyToAccount(config.privateKey).address;
    const committee = config.committee.map((member) => getAddress(member));
    const hasher = createRegistryHasher(config.context);
    const now = config.now ?? Date.now;
    const clusters: CoreState['clusters'] = new Map();
    const reports: CoreState['reports'] = new Map();
    const signatureBook = new SignatureBook({
      address,
      committee,
      threshold: config.threshold,
      epochSeconds: config.epochSeconds,
      registry,
      hash: (report) => hasher.report(report),
      finalizedThrough: (clusterId) => clusters.get(clusterId)?.finalizedThrough,
      entry: (clusterId, epoch) => reports.get(reportKey(clusterId, epoch)),
      journal: (records) => this.state.journal.append(...records),
      metrics,
      log,
    });
    const samples = new EpochSampleStore(
      `${config.journalPath}.samples`,
      config.sampleRetentionDays ?? DEFAULT_SAMPLE_RETENTION_DAYS,
      (error) => log.error({ err: error }, 'writing an epoch sample file failed'),
    );
    this.state = {
      config,
      registry,
      metrics,
      log,
      address,
      committee,
      hasher,
      now,
      backfillSeconds: defaultClockRules(config.epochSeconds, config.maxClockSkewMs, config.backfillSeconds)
        .backfillSeconds,
      clusters,
      uuidOwner: new Map(),
      uuidHashes: new Map(),
      reports,
      signatureBook,
      samples,
      signedListeners: new Set(),
      // Opened by `open`, which replays it before anyone can call in.
      journal: undefined as unknown as Journal<JournalRecord>,
      followQueue: [],
      retireQueue: [],
      lastRetirePass: Number.NEGATIVE_INFINITY,
      fatalError: undefined,
    };
    this.address = address;
    this.committee = committee;
    this.reports = reports;
    this.signatureBook = signatureBook;
    this.samples = samples;
    this.compaction = new Compaction(this.state, `${config.journalPath}.snapshot`);
    this.attestations = new AttestationDesk(registry, {
      ...config,
      now,
      node: address,
      held: (clusterId) => {
        const cluster = clusters.get(clusterId);
        return cluster && { uuids: cluster.uuids, root: cluster.hardwareRoot };
      },
    });
  }

  get snapshotPath() {
    return this.compaction.snapshotPath;
  }

  /** The journal (tests close its file to play a failing disk). */
  private get journal() {
    return this.state.journal;
  }

  /**
   * Loads the newest snapshot, then replays the journal segment that continues it. A journal whose segment is not the
   * snapshot's predates it (a crash between writing the snapshot and starting the fresh journal): everything it holds
   * is in the snapshot, so it is skipped and replaced. A journal without a snapshot (or from before snapshots) is
   * replayed whole, unless it starts with a segment record: it continues a snapshot that is gone, and replaying it
   * alone would start the node from part of its history, so the node refuses to start (SnapshotMissingError).
   */
  static async open(config: CoreConfig, registry: RegistryView, metrics: NodeMetrics, log: Logger) {
    // Refuse a clock configuration under which honest nodes could sign different reports before touching the journal.
    checkClockRules({
      ...config,
      backfillSeconds: defaultClockRules(config.epochSeconds, config.maxClockSkewMs, config.backfillSeconds)
        .backfillSeconds,
    });
    const core = new OracleCore(config, registry, metrics, log);
    const snapshot = readSnapshot(core.snapshotPath, (line) => restoreLine(core.state, line));
    let first = true;
    let stale = false;
    let records = 0;
    const lastPayloads = new Map<bigint, string>();
    core.state.journal = await Journal.openWith<JournalRecord>(
      config.journalPath,
      (record) => {
        if (first) {
          first = false;
          if (!snapshot && record.type === 'segment') {
            throw new SnapshotMissingError(config.journalPath, core.snapshotPath, record.id);
          }
          stale = snapshot !== undefined && (record.type !== 'segment' || record.id !== snapshot.segment);
        }
        if (stale || record.type === 'segment') return;
        records += 1;
        if (record.type === 'batch') lastPayloads.set(BigInt(record.clusterId), record.payload);
        replayRecord(core.state, record);
      },
      { onAppendError: (error) => core.fail(error) },
    );
    if (snapshot && (first || stale)) await core.state.journal.rotate({ type: 'segment', id: snapshot.segment });
    for (const [clusterId, payload] of lastPayloads) {
      const cluster = core.state.clusters.get(clusterId);
      if (cluster?.lastPayloadHash === REPLAYED_PAYLOAD) cluster.lastPayloadHash = keccak256(toBytes(payload));
    }
    log.info(
      {
        snapshot: snapshot !== undefined,
        records,
        staleJournalSkipped: stale,
        clusters: core.state.clusters.size,
        reports: core.state.reports.size,
      },
      'state restored',
    );
    return core;
  }

  /**
   * A clean shutdown leaves a snapshot and an empty journal behind, so the next start replays nothing (`compact`
   * false: close the files only, as tests do to play a crash).
   */
  async close(compact = true) {
    if (compact) {
      await this.compaction
        .compact()
        .catch((error: Error) => this.state.log.error({ err: error }, 'compaction at shutdown failed'));
    }
    // A sample file that still fails is rewritten from the journal at the next start (no compaction dropped it).
    await this.state.samples
      .flush()
      .catch((error: Error) => this.state.log.error({ err: error }, 'sample files not written'));
    return this.state.journal.close();
  }

  /** Called with newly signed reports (to push them to peers). */
  onSigned(listener: (entries: ReportEntry[]) => void) {
    this.state.signedListeners.add(listener);
    return () => this.state.signedListeners.delete(listener);
  }

  /**
   * Writes a snapshot of the whole state and starts a fresh journal segment continuing it (see Compaction.compact).
   */
  compact(): Promise<void> {
    return this.compaction.compact();
  }

  // ---------------------------------------------------------------- attestation (inventories.ts)

  /** Anyone may ask (see AttestationDesk for the bounds); the registry read is the cached one. */
  issueChallenge(clusterId: bigint, from?: { ip?: string; request?: ChallengeRequest }) {
    return this.attestations.issue(clusterId, from);
  }

  /** Verifies an operator-signed inventory answering this node's challenge; stores it and signs the attestation. */
  answerChallenge(clusterId: bigint, body: AttestationAnswer) {
    return answerChallenge(this.state, this.attestations, clusterId, body);
  }

  /** The GPU-ownership part of answering a challenge (see inventories.ts holdInventory). */
  holdInventory(clusterId: bigint, uuids: string[], root: Hex) {
    return holdInventory(this.state, clusterId, uuids, root);
  }

  /** Leases held for a cluster (bounded by its GPU count times MAX_LEASES_PER_GPU); undefined for an unknown cluster. */
  leaseCount(clusterId: bigint) {
    return this.state.clusters.get(clusterId)?.leases.size;
  }

  /** Which cluster claims a GPU on this node (only inventories the chain shows attested claim any). */
  gpuOwner(uuid: string) {
    return this.state.uuidOwner.get(uuid);
  }

  // ---------------------------------------------------------------- telemetry (ingest.ts)

  lastSequence(clusterId: bigint) {
    return this.state.clusters.get(clusterId)?.lastSequence ?? 0;
  }

  /** Whether `payloadHash` is that of the cluster's last accepted (or refused) batch: a resend, not a stranger's. */
  isLastPayload(clusterId: bigint, payloadHash: Hex) {
    return this.state.clusters.get(clusterId)?.lastPayloadHash === payloadHash;
  }

  /** Verifies, persists and applies one operator-signed batch; resolves once it is durable. */
  ingestBatch(clusterId: bigint, body: BatchBody): Promise<{ samples: number; sequence: number }> {
    return ingestBatch(this.state, clusterId, body);
  }

  /** Counts a rejected batch wherever it was rejected (see ingest.ts recordRejectedBatch). */
  recordRejectedBatch(clusterId: bigint | null, rejection: Rejection, readings: number, sequence: number | null) {
    recordRejectedBatch(this.state, clusterId, rejection, readings, sequence);
  }

  /** The operator's view of a cluster's telemetry; undefined for a cluster this node holds no inventory for. */
  telemetryStatus(clusterId: bigint) {
    return telemetryStatus(this.state, clusterId);
  }

  // ---------------------------------------------------------------- epochs and reports (epochs.ts, report-book.ts)

  /** Finalizes every cluster's due epochs (called on a timer for the grace timeout). */
  async tick(now = this.state.now()) {
    // Fail-stop: memory may be ahead of the journal; nothing more is signed before the restart.
    if (this.state.fatalError) return;
    const followed = await readFollowed(this.state);
    for (const cluster of this.state.clusters.values()) {
      const onChain = followed.get(cluster.clusterId);
      const run = cluster.queue.then(async () => {
        if (onChain) await followOnChain(this.state, cluster, onChain);
        if (onChain && expiredCandidate(cluster, now)) return forget(this.state, cluster);
        await finalizeDue(this.state, cluster, now);
      });
      cluster.queue = run.catch((error) => this.state.log.error({ err: error }, 'finalizing epochs failed'));
      await cluster.queue;
    }
    // Every node re-signs for a new committee, relaying or not: its signature is one of the k a relayer needs.
    const committeeVersion = await this.state.registry.committeeVersion().catch((error: Error) => {
      this.state.log.warn({ err: error.message }, 'cannot read the committee version');
      return undefined;
    });
    if (committeeVersion !== undefined) {
      const outdated = [...this.state.reports.values()].filter(
        (entry) => !entry.submitted && !entry.inFlight && entry.report.committeeVersion < committeeVersion,
      );
      if (outdated.length > 0) await resign(this.state, outdated, committeeVersion);
    }
    await retirePassed(this.state, now);
    let lag = 0;
    for (const cluster of this.state.clusters.values()) {
      if (cluster.finalizedThrough > 0) lag = Math.max(lag, now / 1000 - cluster.finalizedThrough);
    }
    this.state.metrics.epochLag.set(lag);
    await this.compaction.maintain(now);
  }

  /** Re-signs reports not yet on chain for the current committee (see report-book.ts resign). */
  resign(entries: ReportEntry[], committeeVersion: number) {
    return resign(this.state, entries, committeeVersion);
  }

  /** Records peers' signatures after checking each (see SignatureBook.add); one result per item. */
  addPeerSignatures(items: PeerItem[]) {
    return this.state.signatureBook.add(items);
  }

  /** The relayer's simulation failed on signatures: drops `signer`'s only if the registry would refuse it too. */
  dropSignature(entry: ReportEntry, signer: Address) {
    return this.state.signatureBook.drop(entry, signer);
  }

  /** Records that the chain is done with `entries` (see report-book.ts markSubmitted). */
  markSubmitted(entries: ReportEntry[], hash?: Hex, block: bigint | null = null) {
    return markSubmitted(this.state, entries, hash, block);
  }

  /** Undoes markSubmitted for reports the chain no longer has (see Relayer.recoverLost): they are relayed again. */
  unmarkSubmitted(entries: ReportEntry[]) {
    return unmarkSubmitted(this.state, entries);
  }

  /** Retires every unsubmitted report the chain is past (see report-book.ts retirePassed); returns how many. */
  retirePassed(now = this.state.now()) {
    return retirePassed(this.state, now);
  }

  /**
   * Called once, with the first journal append that failed (see the header: fail-stop). The node stops on it; a
   * listener added after the failure is called at once.
   */
  onFatal(listener: (error: Error) => void) {
    if (this.state.fatalError) listener(this.state.fatalError);
    else this.fatalListeners.add(listener);
  }

  /** The error that stopped this core, if one did. */
  get fatal() {
    return this.state.fatalError;
  }

  private fail(error: Error) {
    if (this.state.fatalError) return;
    this.state.fatalError = error;
    this.state.log.fatal({ err: error }, 'a journal append failed: memory may be ahead of the journal, the node stops');
    for (const listener of this.fatalListeners) listener(error);
    this.fatalListeners.clear();
  }

  report(clusterId: bigint, epoch: bigint) {
    return this.state.reports.get(reportKey(clusterId, epoch));
  }

  clusterSummaries() {
    return [...this.state.clusters.values()].map((cluster) => ({
      clusterId: cluster.clusterId.toString(),
      gpus: cluster.uuids.size,
      lastSequence: cluster.lastSequence,
      lastSampleAt: cluster.lastSampleAt,
      finalizedThrough: cluster.finalizedThrough,
    }));
  }
}
