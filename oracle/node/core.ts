/**
 * The state machine of one oracle node: verified inventories, accepted telemetry, finalized epochs, its own signed
 * reports and the peer signatures that match them. Nothing is acknowledged (a batch answered, a signature pushed or
 * relayed) before its journal record is durable, so a restart rebuilds everything that left the node. Not every change
 * is journaled before it is applied: some (an epoch closed and signed, a peer signature kept) are applied in memory
 * first and appended right after. A failed append is therefore fatal (fail-stop): the journal refuses everything after
 * it, the core reports it once through onFatal, and the node stops, to be restarted from what the journal holds. A
 * report it re-computes then is the same one (same telemetry, same deterministic signature). The node signs only
 * reports it computed from telemetry it verified itself, and never two different reports for one cluster and epoch.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex, keccak256, toBytes, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import {
  type Attestation,
  type ChainContext,
  createRegistryHasher,
  type EpochReport,
  recoverSigner,
  signDigest,
  telemetryBatchDigest,
} from '#protocol/eip712';
import { gpuUuidHash } from '#protocol/hardware';
import { epochEndOf } from '#protocol/telemetry';
import {
  type BatchBody,
  type BatchPayload,
  batchPayloadSchema,
  fromWireReport,
  type Snapshot,
  type TelemetryStatus,
  toWireReport,
  type WireLease,
  type WireReport,
} from '#protocol/wire';
import { Rejection } from '../errors';
import { aggregateEpoch } from './aggregate';
import { type AttestationAnswer, AttestationDesk, type ChallengeRequest } from './attestation';
import { checkPayloadHash } from './batch-gate';
import type { OnChainCluster, RegistryView } from './chain';
import { DEFAULT_SAMPLE_RETENTION_DAYS, EpochSampleStore } from './epoch-samples';
import { attestedOnChain, claimedElsewhere, claimGpus, releaseGpus } from './gpu-ownership';
import {
  checkClockRules,
  checkContent,
  checkNotInFuture,
  consumesSequence,
  DEFAULT_MAX_READINGS_PER_EPOCH,
  DEFAULT_MIN_SAMPLE_SPACING_MS,
  defaultClockRules,
  dueEpochs,
  leaseEndedBefore,
  leaseKey,
} from './ingest-rules';
import { Journal } from './journal';
import type { NodeMetrics } from './metrics';
import { type BookState, type PeerItem, type PeerRecord, reportKey, SignatureBook } from './signature-book';
import {
  appendPart,
  readSnapshot,
  SNAPSHOT_PART_ENTRIES,
  SnapshotInvalidError,
  type SnapshotLine,
  SnapshotMissingError,
  splitCollections,
  writeSnapshot,
} from './snapshot';
import { ClusterTelemetryTally } from './telemetry-status';

export type CoreConfig = {
  privateKey: Hex;
  /** Committee addresses (this node's among them). */
  committee: Address[];
  threshold: number;
  epochSeconds: number;
  /** An epoch is closed this long after its end even if the agent sent nothing newer. */
  graceSeconds: number;
  /** Samples may be at most this far ahead of the node's clock; also the largest difference between two clocks. */
  maxClockSkewMs: number;
  /**
   * Samples older than this by the node's clock are refused (`timestamp_too_old`). Defaults to three epochs; the grace
   * must be at least this plus twice the skew (see checkClockRules).
   */
  backfillSeconds?: number;
  /** The node's clock (Unix ms); injected so tests can run nodes whose clocks disagree. */
  now?: () => number;
  /** Longest attestation validity the node signs, from the chain's current time. */
  maxAttestationSeconds: number;
  journalPath: string;
  context: ChainContext;
  /** Compact (snapshot, fresh journal) once the journal holds this many bytes (default 64 MiB). */
  compactJournalBytes?: number;
  /** ... or this many records (default 200,000). */
  compactJournalRecords?: number;
  /** Days the per-epoch raw sample files are kept for exports (default 35). */
  sampleRetentionDays?: number;
  /** Least time (ms) between two snapshots of a cluster (default 1 s; see SampleLimits). */
  minSampleSpacingMs?: number;
  /** Most readings one cluster puts into one epoch (default 1,000,000; see SampleLimits). */
  maxReadingsPerEpoch?: number;
};

type JournalRecord =
  /** `heldSince`: when the node took it (node clock, ms); absent in journals of older versions. */
  | { type: 'inventory'; clusterId: string; uuids: string[]; hardwareRoot: Hex; heldSince?: number }
  /** `leaseFloor`: the lease floor (ms) the batch was judged by (leaseFloor); absent in journals of older versions. */
  | { type: 'batch'; clusterId: string; sequence: number; payload: string; leaseFloor?: number }
  /** A batch refused for good: its sequence is used up, nothing of it is stored. */
  | { type: 'refused'; clusterId: string; sequence: number; payloadHash: Hex; code: string }
  /** The chain shows the held inventory attested (at `attestedAt`, Unix s): it claims its GPUs from here on. */
  | { type: 'claimed'; clusterId: string; hardwareRoot: Hex; attestedAt: number }
  /** The cluster was suspended, retired or re-hardwared on chain: its GPUs are free. */
  | { type: 'released'; clusterId: string }
  /** A candidate the chain never attested within CANDIDATE_TTL_MS: the node forgets it. */
  | { type: 'forgotten'; clusterId: string }
  | { type: 'signed'; report: WireReport; signature: Hex }
  | PeerRecord
  | { type: 'skipped'; clusterId: string; epochEnd: number }
  /**
   * `hash`: the transaction of this node's relayer that landed it; absent when the chain was seen past it. `block`: the
   * block its landing was seen at, null when not known (the chain's word); absent in records of older versions, which
   * recovery leaves alone (see recover.ts).
   */
  | { type: 'submitted'; clusterId: string; epoch: string; hash?: Hex; block?: string | null }
  /** The chain lost what a `submitted` record said (a reorg, a node restarted from older state): submit it again. */
  | { type: 'unsubmitted'; clusterId: string; epoch: string }
  /** First record of a journal segment: the snapshot it continues. */
  | { type: 'segment'; id: string };

type ClusterState = {
  clusterId: bigint;
  uuids: Set<string>;
  hardwareRoot: Hex;
  lastSequence: number;
  lastPayloadHash: Hex | null;
  lastSampleAt: number;
  firstSampleAt: number | null;
  /** End (Unix s) of the newest finalized epoch; 0 before the first. */
  finalizedThrough: number;
  /** Snapshots not yet in a finalized epoch, ascending by time. */
  snapshots: Snapshot[];
  leases: Map<string, WireLease>;
  /** Held leases per GPU UUID (bounded by MAX_LEASES_PER_GPU). */
  leasesPerGpu: Map<string, number>;
  /**
   * On-chain attestation time (Unix s) of the held inventory once the chain shows it attested; null while it is only a
   * candidate (answered a challenge, nothing on chain yet) or after a release. Only a claimed inventory owns its GPUs
   * and takes telemetry, and no sample before this time is accepted.
   */
  attestedFrom: number | null;
  /** When (node clock, ms) this node took the current inventory; a candidate never attested is forgotten after a while. */
  heldSince: number;
  queue: Promise<unknown>;
  /** Lives and dies with the cluster's entry, so only clusters this node holds an inventory for cost memory. */
  telemetry: ClusterTelemetryTally;
};

export type ReportEntry = {
  report: EpochReport;
  digest: Hex;
  /** Signatures by signer (this node's own included) over exactly `report`: the SignatureBook's map for `digest`. */
  signatures: Map<Address, Hex>;
  readyAt: number | null;
  submitted: boolean;
  /** The transaction of this node's relayer that landed it (see recover.ts). */
  submittedIn?: Hex;
  /**
   * The block its landing was seen at (the receipt's); null when marked from the chain's word, undefined when marked
   * by a version that did not journal it (see recover.ts).
   */
  submittedBlock?: bigint | null;
  inFlight: boolean;
};

/** Reports one finalizeDue call signs at most; the rest follow before the next batch or on the next tick. */
const MAX_REPORTS_PER_CALL = 64;
/** Records per journal append (one write each): a long run never becomes one giant argument list. */
const JOURNAL_CHUNK = 512;
/** Clusters whose on-chain status one tick compares with the held inventory (round robin, cached reads). */
const FOLLOWED_PER_TICK = 64;
/** Candidates overlapping an answered inventory that one answer reads fresh from the chain (claimLandedCandidates). */
const MAX_OVERLAP_READS = 16;
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
/** Stands for a replayed batch's payload hash until the replay ends (see OracleCore.open). */
const REPLAYED_PAYLOAD = '0xreplayed' as Hex;
/**
 * After a failed compaction, the next try waits this long or until the journal doubled: a failure that repeats (a full
 * disk, a failing sample file) then costs an error log now and then, not a held node and a full re-encoding every tick.
 */
const COMPACT_RETRY_MS = 600_000;
/** How often the sample files are pruned to the retention. */
const SAMPLE_PRUNE_INTERVAL_MS = 3_600_000;
/**
 * How long a candidate inventory (answered, never attested on chain, no telemetry) is kept: an honest operator submits
 * the attestation right after collecting the signatures. Bounds what answering challenges without attesting can hold.
 */
const CANDIDATE_TTL_MS = 3_600_000;

export class OracleCore {
  readonly address: Address;
  readonly committee: Address[];
  private readonly hasher;
  private readonly clusters = new Map<bigint, ClusterState>();
  private readonly uuidOwner = new Map<string, bigint>();
  private readonly uuidHashes = new Map<string, Hex>();
  readonly reports = new Map<string, ReportEntry>();
  readonly attestations: AttestationDesk;
  /** Peer signatures by report digest, verified on arrival (signature-book.ts). */
  readonly signatureBook: SignatureBook;
  private readonly listeners = new Set<(entries: ReportEntry[]) => void>();
  private readonly now: () => number;
  private readonly backfillSeconds: number;
  /** Clusters still to compare with the chain in the current round of ticks. */
  private followQueue: bigint[] = [];
  private journal!: Journal<JournalRecord>;
  /** Raw samples per cluster and epoch, for exports. */
  readonly samples: EpochSampleStore;
  private compacting: Promise<void> | undefined;
  /** Set by a failed compaction in `maintain`: no new try before `at` (node clock, ms) unless the journal reaches `bytes`. */
  private compactRetry: { at: number; bytes: number } | undefined;
  private lastSamplePrune = 0;

  private constructor(
    readonly config: CoreConfig,
    readonly registry: RegistryView,
    readonly metrics: NodeMetrics,
    private readonly log: Logger,
  ) {
    this.address = privateKeyToAccount(config.privateKey).address;
    this.committee = config.committee.map((member) => getAddress(member));
    this.hasher = createRegistryHasher(config.context);
    this.now = config.now ?? Date.now;
    this.backfillSeconds = defaultClockRules(
      config.epochSeconds,
      config.maxClockSkewMs,
      config.backfillSeconds,
    ).backfillSeconds;
    this.attestations = new AttestationDesk(registry, {
      ...config,
      now: this.now,
      node: this.address,
      held: (clusterId) => {
        const cluster = this.clusters.get(clusterId);
        return cluster && { uuids: cluster.uuids, root: cluster.hardwareRoot };
      },
    });
    this.signatureBook = new SignatureBook({
      address: this.address,
      committee: this.committee,
      threshold: config.threshold,
      epochSeconds: config.epochSeconds,
      registry,
      hash: (report) => this.hasher.report(report),
      finalizedThrough: (clusterId) => this.clusters.get(clusterId)?.finalizedThrough,
      entry: (clusterId, epoch) => this.reports.get(reportKey(clusterId, epoch)),
      journal: (records) => this.journal.append(...records),
      metrics,
      log,
    });
    this.samples = new EpochSampleStore(
      `${config.journalPath}.samples`,
      config.sampleRetentionDays ?? DEFAULT_SAMPLE_RETENTION_DAYS,
      (error) => this.log.error({ err: error }, 'writing an epoch sample file failed'),
    );
  }

  get snapshotPath() {
    return `${this.config.journalPath}.snapshot`;
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
    const snapshot = readSnapshot(core.snapshotPath, (line) => core.restoreLine(line));
    let first = true;
    let stale = false;
    let records = 0;
    const lastPayloads = new Map<bigint, string>();
    core.journal = await Journal.openWith<JournalRecord>(
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
        core.replay([record]);
      },
      { onAppendError: (error) => core.fail(error) },
    );
    if (snapshot && (first || stale)) await core.journal.rotate({ type: 'segment', id: snapshot.segment });
    for (const [clusterId, payload] of lastPayloads) {
      const cluster = core.clusters.get(clusterId);
      if (cluster?.lastPayloadHash === REPLAYED_PAYLOAD) cluster.lastPayloadHash = keccak256(toBytes(payload));
    }
    log.info(
      {
        snapshot: snapshot !== undefined,
        records,
        staleJournalSkipped: stale,
        clusters: core.clusters.size,
        reports: core.reports.size,
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
      await this.compact().catch((error: Error) => this.log.error({ err: error }, 'compaction at shutdown failed'));
    }
    // A sample file that still fails is rewritten from the journal at the next start (no compaction dropped it).
    await this.samples.flush().catch((error: Error) => this.log.error({ err: error }, 'sample files not written'));
    return this.journal.close();
  }

  /** Called with newly signed reports (to push them to peers). */
  onSigned(listener: (entries: ReportEntry[]) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private uuidHash(uuid: string) {
    let hash = this.uuidHashes.get(uuid);
    if (!hash) {
      hash = gpuUuidHash(uuid);
      this.uuidHashes.set(uuid, hash);
    }
    return hash;
  }

  private replay(records: Iterable<JournalRecord>) {
    for (const record of records) {
      switch (record.type) {
        case 'inventory': {
          const clusterId = BigInt(record.clusterId);
          const renewal = this.clusters.get(clusterId)?.hardwareRoot === record.hardwareRoot;
          this.applyInventory(clusterId, record.uuids, record.hardwareRoot);
          // A candidate's hour runs from when the node took it, not from this restart (a renewal keeps its time).
          if (!renewal && record.heldSince !== undefined) this.clusters.get(clusterId)!.heldSince = record.heldSince;
          break;
        }
        case 'batch': {
          const cluster = this.clusters.get(BigInt(record.clusterId));
          if (cluster)
            this.applyBatch(
              cluster,
              record.sequence,
              record.payload,
              batchPayloadSchema.parse(JSON.parse(record.payload)),
              // Hashing every payload would dominate a replay; only each cluster's last one matters (see open).
              REPLAYED_PAYLOAD,
              record.leaseFloor ?? cluster.finalizedThrough * 1000,
            );
          break;
        }
        case 'refused': {
          const cluster = this.clusters.get(BigInt(record.clusterId));
          if (cluster) {
            cluster.lastSequence = record.sequence;
            cluster.lastPayloadHash = record.payloadHash;
          }
          break;
        }
        case 'claimed': {
          const cluster = this.clusters.get(BigInt(record.clusterId));
          if (cluster && cluster.hardwareRoot === record.hardwareRoot) this.applyClaim(cluster, record.attestedAt);
          break;
        }
        case 'released': {
          const cluster = this.clusters.get(BigInt(record.clusterId));
          if (cluster) this.releaseClaim(cluster);
          break;
        }
        case 'forgotten':
          this.clusters.delete(BigInt(record.clusterId));
          break;
        case 'signed': {
          // After a compaction the snapshot may already hold it (signed, then journaled into the new segment), with
          // peers' signatures a fresh entry would lose.
          const report = fromWireReport(record.report);
          const known = this.reports.get(reportKey(report.clusterId, report.epoch));
          if (known?.signatures.get(this.address) !== record.signature) this.applySigned(report, record.signature);
          break;
        }
        case 'peer':
          // Checked before it was journaled (journals of older versions: re-checked if the registry refuses it).
          this.signatureBook.keep(fromWireReport(record.report), record.signer, record.signature);
          break;
        case 'skipped': {
          const cluster = this.clusters.get(BigInt(record.clusterId));
          const from = BigInt(cluster?.finalizedThrough ?? 0);
          if (cluster) this.closeEpoch(cluster, record.epochEnd);
          this.signatureBook.forgetParked(BigInt(record.clusterId), from, BigInt(record.epochEnd));
          break;
        }
        case 'submitted': {
          const entry = this.reports.get(`${record.clusterId}:${record.epoch}`);
          if (entry) {
            entry.submitted = true;
            entry.submittedIn = record.hash;
            entry.submittedBlock =
              record.block === undefined ? undefined : record.block === null ? null : BigInt(record.block);
          }
          this.retireSubmitted([BigInt(record.clusterId)]);
          break;
        }
        case 'unsubmitted': {
          const entry = this.reports.get(`${record.clusterId}:${record.epoch}`);
          if (entry) {
            entry.submitted = false;
            entry.submittedIn = undefined;
            entry.submittedBlock = undefined;
          }
          break;
        }
      }
    }
  }

  // ---------------------------------------------------------------- snapshots and compaction

  /**
   * The state a snapshot holds, as bounded lines. Clusters travel through the codec (a new ClusterState field needs no
   * code here): the scalars in one line, every collection (UUIDs, leases, per-GPU counts, any future Map, Set or array)
   * in parts of bounded size after it, the open snapshots in lines of bounded readings; what lives only in memory stays
   * out. The signature book goes by chunks of digests. No line grows with a cluster's or the book's size.
   */
  private *snapshotLines(): Generator<SnapshotLine> {
    for (const cluster of this.clusters.values()) {
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
    for (const entry of this.reports.values()) {
      const { inFlight: _inFlight, ...rest } = entry;
      yield { type: 'report', entry: rest };
    }
    // Every digest's signatures (reports' own again, and the parked ones), restored by appending: a chunk of digests
    // per line, each digest's signatures bounded by the committee.
    const { digests } = this.signatureBook.toJSON();
    const digestsPerLine = Math.max(1, Math.floor(SNAPSHOT_PART_ENTRIES / Math.max(1, this.committee.length)));
    for (let from = 0; from < digests.length; from += digestsPerLine) {
      yield { type: 'signatureBook', state: { digests: digests.slice(from, from + digestsPerLine) } };
    }
    let owners: [string, bigint][] = [];
    for (const owner of this.uuidOwner) {
      owners.push(owner);
      if (owners.length >= 10_000) {
        yield { type: 'owners', owners };
        owners = [];
      }
    }
    if (owners.length > 0) yield { type: 'owners', owners };
  }

  private restoreLine(line: SnapshotLine) {
    switch (line.type) {
      case 'cluster': {
        const cluster = line.cluster as Omit<ClusterState, 'queue' | 'telemetry'>;
        this.clusters.set(cluster.clusterId, {
          ...cluster,
          queue: Promise.resolve(),
          telemetry: new ClusterTelemetryTally(),
        });
        break;
      }
      case 'clusterPart': {
        const cluster = this.clusters.get(BigInt(line.clusterId as string));
        if (!cluster)
          throw new SnapshotInvalidError(`snapshot part of cluster ${line.clusterId} before its cluster line`);
        appendPart(cluster, line.field as string, line.entries as unknown[]);
        break;
      }
      case 'snapshots':
        this.clusters.get(BigInt(line.clusterId as string))?.snapshots.push(...(line.snapshots as Snapshot[]));
        break;
      case 'report': {
        const saved = line.entry as Omit<ReportEntry, 'inFlight'>;
        // The entry's signatures live in the signature book (shared by digest), as applySigned builds them.
        const signatures = this.signatureBook.signaturesFor(saved.report, saved.digest);
        for (const [signer, signature] of saved.signatures) signatures.set(signer, signature);
        const entry: ReportEntry = { ...saved, signatures, inFlight: false };
        this.reports.set(reportKey(entry.report.clusterId, entry.report.epoch), entry);
        this.signatureBook.adopt(entry);
        break;
      }
      case 'signatureBook':
        this.signatureBook.fromJSON(line.state as BookState);
        break;
      case 'owners':
        for (const [uuid, clusterId] of line.owners as [string, bigint][]) this.uuidOwner.set(uuid, clusterId);
        break;
      default:
        throw new Error(`unknown snapshot line ${line.type}`);
    }
  }

  /** Journal size and the age of the sample files, checked on the epoch timer. */
  private async maintain(now: number) {
    const bytes = this.config.compactJournalBytes ?? 64 * 1024 * 1024;
    const records = this.config.compactJournalRecords ?? 200_000;
    const due = this.journal.bytes >= bytes || this.journal.appended >= records;
    const retry = this.compactRetry;
    const waiting = retry !== undefined && now < retry.at && this.journal.bytes < retry.bytes;
    if (due && !waiting) {
      try {
        await this.compact();
        this.compactRetry = undefined;
      } catch (error) {
        this.compactRetry = { at: now + COMPACT_RETRY_MS, bytes: 2 * this.journal.bytes };
        this.log.error(
          { err: error, journalBytes: this.journal.bytes, retryInMs: COMPACT_RETRY_MS },
          'compaction failed: the journal keeps growing until a later try succeeds',
        );
      }
    }
    if (now - this.lastSamplePrune >= SAMPLE_PRUNE_INTERVAL_MS) {
      this.lastSamplePrune = now;
      const removed = this.samples.prune(Math.floor(now / 1000));
      if (removed > 0) this.log.info({ removed }, 'pruned epoch sample files past the retention');
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
      const idle = [...this.clusters.values()].map((cluster) => {
        const before = cluster.queue;
        cluster.queue = before.then(() => gate);
        return before;
      });
      try {
        await Promise.all(idle);
        await this.journal.exclusive(async () => {
          // The snapshot drops the closed epochs' samples: their export files must be durable first.
          await this.samples.flush();
          const segment = toHex(randomBytes(16));
          const started = performance.now();
          await writeSnapshot(this.snapshotPath, segment, this.snapshotLines());
          await this.journal.rotate({ type: 'segment', id: segment });
          this.log.info(
            { ms: Math.round(performance.now() - started), clusters: this.clusters.size, reports: this.reports.size },
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

  /** Drops submitted reports beyond the newest SUBMITTED_REPORTS_KEPT epochs of each of `clusterIds` (one pass). */
  private retireSubmitted(clusterIds: Iterable<bigint>) {
    const wanted = new Set(clusterIds);
    const submitted = new Map<bigint, ReportEntry[]>();
    for (const entry of this.reports.values()) {
      if (!entry.submitted || !wanted.has(entry.report.clusterId)) continue;
      const list = submitted.get(entry.report.clusterId) ?? [];
      list.push(entry);
      submitted.set(entry.report.clusterId, list);
    }
    for (const list of submitted.values()) {
      if (list.length <= SUBMITTED_REPORTS_KEPT) continue;
      list.sort((a, b) => (a.report.epoch < b.report.epoch ? 1 : -1));
      for (const entry of list.slice(SUBMITTED_REPORTS_KEPT)) {
        this.reports.delete(reportKey(entry.report.clusterId, entry.report.epoch));
        // Its own digest stayed in the book with the entry (markSubmitted keeps it); without the entry it is garbage.
        this.signatureBook.forget(entry.report.clusterId, entry.report.epoch);
      }
    }
  }

  // ---------------------------------------------------------------- attestation

  /** Anyone may ask (see AttestationDesk for the bounds); the registry read is the cached one. */
  issueChallenge(clusterId: bigint, from?: { ip?: string; request?: ChallengeRequest }) {
    return this.attestations.issue(clusterId, from);
  }

  /** Verifies an operator-signed inventory answering this node's challenge; stores it and signs the attestation. */
  async answerChallenge(clusterId: bigint, body: AttestationAnswer) {
    const { uuids, root, onChain, committeeVersion } = await this.attestations.verify(clusterId, body);
    await this.holdInventory(clusterId, uuids, root);
    const attestation: Attestation = {
      clusterId,
      hardwareRoot: root,
      gpuCount: uuids.length,
      issuedAt: BigInt(body.issuedAt),
      validUntil: BigInt(body.validUntil),
      nonce: onChain.attestationNonce,
      committeeVersion,
    };
    const signature = await signDigest(this.hasher.attestation(attestation), this.config.privateKey);
    this.metrics.attestationsSigned.inc();
    return {
      attestation: {
        ...attestation,
        clusterId: clusterId.toString(),
        issuedAt: body.issuedAt,
        validUntil: body.validUntil,
      },
      signer: this.address,
      signature,
    };
  }

  /**
   * The GPU-ownership part of answering a challenge. Only GPUs claimed by an inventory the chain shows attested are
   * refused; a candidate (an inventory answered but never attested on chain) claims nothing, so whoever learns a
   * cluster's UUIDs cannot lock its operator out by answering a challenge of their own (L-6). Called by
   * answerChallenge once the inventory is verified, before it signs; resolves once the inventory is journaled.
   */
  async holdInventory(clusterId: bigint, uuids: string[], root: Hex) {
    await this.claimLandedCandidates(clusterId, uuids);
    const taken = claimedElsewhere(this.uuidOwner, clusterId, uuids);
    if (taken) {
      throw new Rejection('gpu_in_other_cluster', `GPU ${taken.uuid} belongs to cluster ${taken.owner}`, 409, {
        uuid: taken.uuid,
        otherClusterId: taken.owner.toString(),
      });
    }
    // The inventory held already (a renewal, or the same answer again): nothing to journal or change (finding 6).
    if (this.clusters.get(clusterId)?.hardwareRoot === root) return;
    await this.journal.append({
      type: 'inventory',
      clusterId: clusterId.toString(),
      uuids,
      hardwareRoot: root,
      heldSince: this.now(),
    });
    this.applyInventory(clusterId, uuids, root);
  }

  /**
   * Candidates sharing a GPU with an answered inventory whose attestation may have landed since the last tick looked:
   * read fresh, they claim their GPUs now, before a second cluster can be attested with one of them. Bounded: at most
   * MAX_OVERLAP_READS fresh reads per answer (answers are rate-limited per cluster).
   */
  private async claimLandedCandidates(clusterId: bigint, uuids: string[]) {
    const answered = new Set(uuids);
    let reads = 0;
    for (const other of this.clusters.values()) {
      if (other.clusterId === clusterId || other.attestedFrom !== null) continue;
      let overlaps = false;
      for (const uuid of other.uuids) {
        if (answered.has(uuid)) {
          overlaps = true;
          break;
        }
      }
      if (!overlaps) continue;
      if (++reads > MAX_OVERLAP_READS) break;
      const onChain = await this.registry.cluster(other.clusterId, true).catch(() => undefined);
      if (onChain) await this.followOnChain(other, onChain);
    }
  }

  /** Holds an inventory as a candidate; the same inventory again (a renewal) keeps its claim. */
  private applyInventory(clusterId: bigint, uuids: string[], root: Hex) {
    const existing = this.clusters.get(clusterId);
    if (existing) {
      if (existing.hardwareRoot === root) return;
      this.releaseClaim(existing);
      existing.uuids = new Set(uuids);
      existing.hardwareRoot = root;
      existing.heldSince = this.now();
      return;
    }
    this.clusters.set(clusterId, {
      clusterId,
      uuids: new Set(uuids),
      hardwareRoot: root,
      lastSequence: 0,
      lastPayloadHash: null,
      lastSampleAt: 0,
      firstSampleAt: null,
      finalizedThrough: 0,
      snapshots: [],
      leases: new Map(),
      leasesPerGpu: new Map(),
      attestedFrom: null,
      heldSince: this.now(),
      queue: Promise.resolve(),
      telemetry: new ClusterTelemetryTally(),
    });
  }

  private applyClaim(cluster: ClusterState, attestedAt: number) {
    claimGpus(this.uuidOwner, cluster.clusterId, cluster.uuids);
    cluster.attestedFrom = attestedAt;
  }

  private releaseClaim(cluster: ClusterState) {
    if (cluster.attestedFrom === null) return;
    releaseGpus(this.uuidOwner, cluster.clusterId, cluster.uuids);
    cluster.attestedFrom = null;
  }

  /**
   * Makes GPU ownership follow the chain: a candidate whose attestation landed claims its GPUs (unless another attested
   * cluster holds one: the incumbent keeps it until the chain releases it), a claimed cluster that was suspended,
   * retired or re-hardwared releases them. Runs in the cluster's queue; journals only changes.
   */
  private async followOnChain(cluster: ClusterState, onChain: OnChainCluster) {
    const claimable = attestedOnChain(cluster.hardwareRoot, onChain);
    if (cluster.attestedFrom !== null && !claimable) {
      await this.journal.append({ type: 'released', clusterId: cluster.clusterId.toString() });
      this.releaseClaim(cluster);
      this.log.info(
        { clusterId: cluster.clusterId, status: onChain.status },
        'GPUs released: the chain no longer attests the inventory',
      );
      return;
    }
    if (cluster.attestedFrom !== null || !claimable) return;
    const taken = claimedElsewhere(this.uuidOwner, cluster.clusterId, cluster.uuids);
    if (taken) {
      this.log.warn(
        { clusterId: cluster.clusterId, ...taken },
        'attested inventory holds a GPU another attested cluster claims',
      );
      return;
    }
    await this.journal.append({
      type: 'claimed',
      clusterId: cluster.clusterId.toString(),
      hardwareRoot: cluster.hardwareRoot,
      attestedAt: onChain.attestedAt,
    });
    this.applyClaim(cluster, onChain.attestedAt);
  }

  /**
   * On-chain reads of the next few clusters in a round robin over every held one (a bounded cost per tick): cached for
   * claimed clusters, fresh for candidates, whose attestation may have landed since they answered the challenge.
   */
  private async readFollowed() {
    if (this.followQueue.length === 0) this.followQueue = [...this.clusters.keys()];
    const ids = this.followQueue.splice(0, FOLLOWED_PER_TICK);
    const reads = await Promise.all(
      ids.map((clusterId) =>
        this.registry.cluster(clusterId, this.clusters.get(clusterId)?.attestedFrom === null).catch((error: Error) => {
          this.log.warn({ clusterId, err: error.message }, 'cannot read a held cluster from the registry');
          return undefined;
        }),
      ),
    );
    return new Map(ids.flatMap((clusterId, index) => (reads[index] ? [[clusterId, reads[index]] as const] : [])));
  }

  /** A candidate nobody attested on chain in time, that never took telemetry (nothing of it is worth keeping). */
  private expiredCandidate(cluster: ClusterState, now: number) {
    return cluster.attestedFrom === null && cluster.lastSequence === 0 && now - cluster.heldSince > CANDIDATE_TTL_MS;
  }

  private async forget(cluster: ClusterState) {
    await this.journal.append({ type: 'forgotten', clusterId: cluster.clusterId.toString() });
    this.clusters.delete(cluster.clusterId);
    this.log.info({ clusterId: cluster.clusterId }, 'forgot a candidate inventory the chain never attested');
  }

  /** Leases held for a cluster (bounded by its GPU count times MAX_LEASES_PER_GPU); undefined for an unknown cluster. */
  leaseCount(clusterId: bigint) {
    return this.clusters.get(clusterId)?.leases.size;
  }

  /** Which cluster claims a GPU on this node (only inventories the chain shows attested claim any). */
  gpuOwner(uuid: string) {
    return this.uuidOwner.get(uuid);
  }

  // ---------------------------------------------------------------- telemetry

  lastSequence(clusterId: bigint) {
    return this.clusters.get(clusterId)?.lastSequence ?? 0;
  }

  /** Whether `payloadHash` is that of the cluster's last accepted (or refused) batch: a resend, not a stranger's. */
  isLastPayload(clusterId: bigint, payloadHash: Hex) {
    return this.clusters.get(clusterId)?.lastPayloadHash === payloadHash;
  }

  /** Verifies, persists and applies one operator-signed batch; resolves once it is durable. */
  ingestBatch(clusterId: bigint, body: BatchBody): Promise<{ samples: number; sequence: number }> {
    const cluster = this.clusters.get(clusterId);
    if (!cluster) {
      return Promise.reject(
        new Rejection('cluster_not_attested', `this node holds no verified inventory for cluster ${clusterId}`, 409),
      );
    }
    const run = cluster.queue.then(() => this.ingestInOrder(cluster, body));
    cluster.queue = run.catch(() => undefined);
    return run;
  }

  private async ingestInOrder(cluster: ClusterState, body: BatchBody) {
    if (BigInt(body.clusterId) !== cluster.clusterId) {
      throw new Rejection('cluster_mismatch', 'the batch names another cluster than the URL', 400);
    }
    // Recovered from the hash the body carries; the payload itself is hashed only once the signer is the operator.
    const payloadHash = body.payloadHash.toLowerCase() as Hex;
    const digest = telemetryBatchDigest(this.config.context, cluster.clusterId, BigInt(body.sequence), payloadHash);
    const signer = await recoverSigner(digest, body.signature as Hex).catch(() => undefined);
    if (!signer) throw new Rejection('invalid_signature', 'the batch signature does not recover', 401);
    let onChain = await this.registry.cluster(cluster.clusterId);
    // The operator's first batch can follow its attestation's transaction by milliseconds: a candidate looks at the
    // chain afresh, but only for a batch its (cached) operator signed, so outsiders cannot make the node read the chain.
    if (
      signer === onChain.operator &&
      cluster.attestedFrom === null &&
      !attestedOnChain(cluster.hardwareRoot, onChain)
    ) {
      onChain = await this.registry.cluster(cluster.clusterId, true);
    }
    if (signer !== onChain.operator) {
      throw new Rejection('not_operator', 'the batch is not signed by the cluster operator', 403, {
        signer,
        operator: onChain.operator,
      });
    }
    checkPayloadHash(body);
    await this.followOnChain(cluster, onChain);
    if (onChain.hardwareRoot !== cluster.hardwareRoot) {
      throw new Rejection(
        'hardware_changed',
        'the on-chain hardware commitment changed: attest the cluster again',
        409,
      );
    }
    if (cluster.attestedFrom === null) {
      throw new Rejection(
        'cluster_not_attested',
        `the chain does not show cluster ${cluster.clusterId} attested with the inventory this node holds (not yet attested, suspended, retired, or its GPUs are claimed by another cluster)`,
        409,
      );
    }
    if (body.sequence <= cluster.lastSequence) {
      throw new Rejection('batch_already_accepted', `batch ${body.sequence} was already accepted`, 409, {
        lastSequence: cluster.lastSequence,
        identical: body.sequence === cluster.lastSequence && payloadHash === cluster.lastPayloadHash,
      });
    }
    if (body.sequence !== cluster.lastSequence + 1) {
      throw new Rejection('sequence_gap', `expected batch ${cluster.lastSequence + 1}`, 409, {
        expectedSequence: cluster.lastSequence + 1,
      });
    }
    const now = this.now();
    // Epochs the clock closed (or a capped earlier call left) close before this batch is judged or applied, as they
    // would have on a node whose tick came first.
    await this.closeDue(cluster, now);
    let payload: BatchPayload;
    try {
      payload = batchPayloadSchema.parse(JSON.parse(body.payload));
    } catch (error) {
      return this.refuse(
        cluster,
        body.sequence,
        payloadHash,
        new Rejection('invalid_payload', `the payload is not a telemetry batch: ${(error as Error).message}`, 422),
      );
    }
    checkNotInFuture(payload, now, this.config.maxClockSkewMs);
    let leaseFloorMs: number;
    try {
      ({ leaseFloorMs } = checkContent(
        {
          uuids: cluster.uuids,
          ownerOf: (uuid) => this.uuidOwner.get(uuid),
          lastSampleAt: cluster.lastSampleAt,
          attestedFromMs: cluster.attestedFrom * 1000,
          finalizedThrough: cluster.finalizedThrough,
          attestedCount: onChain.gpuCount,
          leases: cluster.leases,
          leasesPerGpu: cluster.leasesPerGpu,
          snapshots: cluster.snapshots,
        },
        payload,
        now,
        this.backfillSeconds,
        {
          epochSeconds: this.config.epochSeconds,
          minSampleSpacingMs: this.config.minSampleSpacingMs ?? DEFAULT_MIN_SAMPLE_SPACING_MS,
          maxReadingsPerEpoch: this.config.maxReadingsPerEpoch ?? DEFAULT_MAX_READINGS_PER_EPOCH,
        },
      ));
    } catch (error) {
      if (error instanceof Rejection && consumesSequence(error)) {
        return this.refuse(cluster, body.sequence, payloadHash, error);
      }
      throw error;
    }
    await this.journal.append({
      type: 'batch',
      clusterId: cluster.clusterId.toString(),
      sequence: body.sequence,
      payload: body.payload,
      leaseFloor: leaseFloorMs,
    });
    const samples = this.applyBatch(cluster, body.sequence, body.payload, payload, payloadHash, leaseFloorMs);
    this.metrics.samplesAccepted.inc(samples);
    cluster.telemetry.recordAccepted(samples);
    await this.closeDue(cluster, now);
    return { samples, sequence: body.sequence };
  }

  /**
   * Records a batch refused for good (H-6): its sequence is used up so the agent's next batch is accepted, and the
   * refusal survives a restart (replay gives the same cursor). Nothing of the batch is stored.
   */
  private async refuse(
    cluster: ClusterState,
    sequence: number,
    payloadHash: Hex,
    rejection: Rejection,
  ): Promise<never> {
    await this.journal.append({
      type: 'refused',
      clusterId: cluster.clusterId.toString(),
      sequence,
      payloadHash,
      code: rejection.code,
    });
    cluster.lastSequence = sequence;
    cluster.lastPayloadHash = payloadHash;
    throw new Rejection(rejection.code, rejection.message, 422, { ...rejection.details, sequenceConsumed: true });
  }

  /**
   * The one place a rejected batch is counted, wherever it was rejected (URL, body schema or the core's checks): the
   * Prometheus counters for every sender, the per-cluster view only for a cluster this node holds, so batches for
   * made-up cluster ids cannot grow memory. `clusterId` is null when the URL did not name a valid one.
   */
  recordRejectedBatch(clusterId: bigint | null, rejection: Rejection, readings: number, sequence: number | null) {
    this.metrics.batchesRejected.inc({ reason: rejection.code });
    if (readings > 0) this.metrics.samplesRejected.inc({ reason: rejection.code }, readings);
    if (clusterId === null) return;
    this.clusters.get(clusterId)?.telemetry.recordRejected(rejection, readings, sequence);
  }

  /** The operator's view of a cluster's telemetry; undefined for a cluster this node holds no inventory for. */
  telemetryStatus(clusterId: bigint): TelemetryStatus | undefined {
    const cluster = this.clusters.get(clusterId);
    if (!cluster) return undefined;
    return {
      clusterId: cluster.clusterId.toString(),
      gpus: cluster.uuids.size,
      lastSequence: cluster.lastSequence,
      lastSampleAt: cluster.firstSampleAt === null ? null : cluster.lastSampleAt,
      ...cluster.telemetry.toJSON(),
    };
  }

  /**
   * `leaseFloorMs`: leases that ended by then change no report (leaseFloor): not stored, and a held one whose export
   * now shows it ended so is dropped, as pruneLeases would. Defaults to the closed epochs (pruneLeases' own rule).
   */
  private applyBatch(
    cluster: ClusterState,
    sequence: number,
    text: string,
    payload: BatchPayload,
    hash?: Hex,
    leaseFloorMs = cluster.finalizedThrough * 1000,
  ) {
    cluster.lastSequence = sequence;
    cluster.lastPayloadHash = hash ?? keccak256(toBytes(text));
    let samples = 0;
    for (const snapshot of payload.snapshots) {
      samples += snapshot.gpus.length;
      cluster.firstSampleAt ??= snapshot.t;
      cluster.lastSampleAt = snapshot.t;
      // Samples of a closed epoch are refused now; journals from before that may hold some, which change nothing.
      if (snapshot.t >= cluster.finalizedThrough * 1000) cluster.snapshots.push(snapshot);
    }
    for (const lease of payload.leases) {
      const key = leaseKey(lease);
      if (leaseEndedBefore(lease, leaseFloorMs)) {
        if (cluster.leases.delete(key)) {
          const held = (cluster.leasesPerGpu.get(lease.gpuUuid) ?? 1) - 1;
          if (held > 0) cluster.leasesPerGpu.set(lease.gpuUuid, held);
          else cluster.leasesPerGpu.delete(lease.gpuUuid);
        }
        continue;
      }
      if (!cluster.leases.has(key))
        cluster.leasesPerGpu.set(lease.gpuUuid, (cluster.leasesPerGpu.get(lease.gpuUuid) ?? 0) + 1);
      cluster.leases.set(key, lease);
    }
    return samples;
  }

  // ---------------------------------------------------------------- epochs and reports

  /** Finalizes every cluster's due epochs (called on a timer for the grace timeout). */
  async tick(now = this.now()) {
    // Fail-stop: memory may be ahead of the journal; nothing more is signed before the restart.
    if (this.fatalError) return;
    const followed = await this.readFollowed();
    for (const cluster of this.clusters.values()) {
      const onChain = followed.get(cluster.clusterId);
      const run = cluster.queue.then(async () => {
        if (onChain) await this.followOnChain(cluster, onChain);
        if (onChain && this.expiredCandidate(cluster, now)) return this.forget(cluster);
        await this.finalizeDue(cluster, now);
      });
      cluster.queue = run.catch((error) => this.log.error({ err: error }, 'finalizing epochs failed'));
      await cluster.queue;
    }
    // Every node re-signs for a new committee, relaying or not: its signature is one of the k a relayer needs.
    const committeeVersion = await this.registry.committeeVersion().catch((error: Error) => {
      this.log.warn({ err: error.message }, 'cannot read the committee version');
      return undefined;
    });
    if (committeeVersion !== undefined) {
      const outdated = [...this.reports.values()].filter(
        (entry) => !entry.submitted && !entry.inFlight && entry.report.committeeVersion < committeeVersion,
      );
      if (outdated.length > 0) await this.resign(outdated, committeeVersion);
    }
    await this.retirePassed(now);
    let lag = 0;
    for (const cluster of this.clusters.values()) {
      if (cluster.finalizedThrough > 0) lag = Math.max(lag, now / 1000 - cluster.finalizedThrough);
    }
    this.metrics.epochLag.set(lag);
    await this.maintain(now);
  }

  /** Closes every due epoch, a capped call at a time, letting the node serve requests between calls. */
  private async closeDue(cluster: ClusterState, now: number) {
    while (await this.finalizeDue(cluster, now)) await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * Closes due epochs: an epoch is due once a sample at or after its end arrived (the agent sends in order, so every
   * node closes it on the same data), or once the node's clock passed its end by the grace, which checkClockRules puts
   * beyond the point where every node refuses the epoch's samples anyway. Runs of empty epochs are jumped with one
   * `skipped` record, not walked. Signs at most MAX_REPORTS_PER_CALL reports; returns true when more are due.
   */
  private async finalizeDue(cluster: ClusterState, now: number): Promise<boolean> {
    if (cluster.firstSampleAt === null) return false;
    const { epochSeconds, graceSeconds } = this.config;
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
    const committeeVersion = await this.registry.committeeVersion();
    const records: JournalRecord[] = [];
    const entries: ReportEntry[] = [];
    for (const end of ends) {
      // Runs of epochs without any telemetry (agent down) collapse into one report at the end of the run.
      const emptyThrough = end - epochSeconds;
      if (emptyThrough > cluster.finalizedThrough && emptyThrough >= next) {
        records.push({ type: 'skipped', clusterId: cluster.clusterId.toString(), epochEnd: emptyThrough });
        // No report of this node will ever carry the peers' signatures parked for those epochs.
        this.signatureBook.forgetParked(cluster.clusterId, BigInt(cluster.finalizedThrough), BigInt(emptyThrough));
        cluster.finalizedThrough = emptyThrough;
      }
      const inEpoch = this.takeSnapshots(cluster, end);
      const existing = this.reports.get(reportKey(cluster.clusterId, BigInt(end)));
      cluster.finalizedThrough = end;
      if (existing) continue;
      const report = aggregateEpoch({
        clusterId: cluster.clusterId,
        epochEnd: end,
        epochSeconds,
        attestedGpuCount: cluster.uuids.size,
        snapshots: inEpoch,
        leases: cluster.leases.values(),
        uuidHash: (uuid) => this.uuidHash(uuid),
        committeeVersion,
      });
      const digest = this.hasher.report(report);
      const signature = await signDigest(digest, this.config.privateKey);
      records.push({ type: 'signed', report: toWireReport(report), signature });
      entries.push(this.applySigned(report, signature, digest));
    }
    this.pruneLeases(cluster);
    for (let from = 0; from < records.length; from += JOURNAL_CHUNK) {
      await this.journal.append(...records.slice(from, from + JOURNAL_CHUNK));
    }
    this.metrics.reportsSigned.inc(entries.length);
    for (const listener of this.listeners) listener(entries);
    return ends.at(-1)! < last;
  }

  private takeSnapshots(cluster: ClusterState, epochEnd: number) {
    const endMs = epochEnd * 1000;
    let count = 0;
    while (count < cluster.snapshots.length && cluster.snapshots[count]!.t < endMs) count += 1;
    const taken = cluster.snapshots.splice(0, count);
    this.samples.record(cluster.clusterId, epochEnd, taken, (uuid) => this.uuidHash(uuid));
    return taken;
  }

  /** Leases that ended before the open epochs can no longer change a report. */
  private pruneLeases(cluster: ClusterState) {
    const openFrom = cluster.finalizedThrough * 1000;
    for (const [key, lease] of cluster.leases) {
      if (lease.end === null || lease.end > openFrom) continue;
      cluster.leases.delete(key);
      const held = (cluster.leasesPerGpu.get(lease.gpuUuid) ?? 1) - 1;
      if (held > 0) cluster.leasesPerGpu.set(lease.gpuUuid, held);
      else cluster.leasesPerGpu.delete(lease.gpuUuid);
    }
  }

  private closeEpoch(cluster: ClusterState, epochEnd: number) {
    cluster.finalizedThrough = Math.max(cluster.finalizedThrough, epochEnd);
    this.takeSnapshots(cluster, epochEnd);
    this.pruneLeases(cluster);
  }

  private applySigned(report: EpochReport, signature: Hex, digest = this.hasher.report(report)) {
    const key = reportKey(report.clusterId, report.epoch);
    const signatures = this.signatureBook.signaturesFor(report, digest);
    signatures.set(this.address, signature);
    const entry: ReportEntry = { report, digest, signatures, readyAt: null, submitted: false, inFlight: false };
    this.reports.set(key, entry);
    const cluster = this.clusters.get(report.clusterId);
    if (cluster) this.closeEpoch(cluster, Number(report.epoch));
    // Peers' signatures that arrived first are already in `signatures` (kept by digest); others for the epoch go.
    this.signatureBook.adopt(entry);
    this.signatureBook.markReady(entry);
    return entry;
  }

  /**
   * Re-signs reports not yet on chain whose committee version is older than `committeeVersion`: the registry skips
   * those, so the same figures are signed again for the current committee (the only case in which this node signs
   * two messages for one cluster and epoch, and they differ in nothing but the version). Returns the new entries.
   */
  async resign(entries: ReportEntry[], committeeVersion: number) {
    const records: JournalRecord[] = [];
    const fresh: ReportEntry[] = [];
    for (const entry of entries) {
      if (entry.submitted || entry.inFlight || entry.report.committeeVersion >= committeeVersion) continue;
      const report = { ...entry.report, committeeVersion };
      const digest = this.hasher.report(report);
      const signature = await signDigest(digest, this.config.privateKey);
      records.push({ type: 'signed', report: toWireReport(report), signature });
      fresh.push(this.applySigned(report, signature, digest));
    }
    if (fresh.length === 0) return fresh;
    await this.journal.append(...records);
    this.log.info({ reports: fresh.length, committeeVersion }, 're-signed reports for the new committee');
    for (const listener of this.listeners) listener(fresh);
    return fresh;
  }

  /** Records peers' signatures after checking each (see SignatureBook.add); one result per item. */
  addPeerSignatures(items: PeerItem[]) {
    return this.signatureBook.add(items);
  }

  /** The relayer's simulation failed on signatures: drops `signer`'s only if the registry would refuse it too. */
  dropSignature(entry: ReportEntry, signer: Address) {
    return this.signatureBook.drop(entry, signer);
  }

  /**
   * Records that the chain is done with `entries`: landed, or past their epoch (another report landed for it, or a
   * later epoch overtook it). Journaled first; `submitted` means exactly that on replay too. `hash`: the transaction
   * that landed them, when this node's relayer sent it; `block`: the block it was mined in (null: not known).
   */
  async markSubmitted(entries: ReportEntry[], hash?: Hex, block: bigint | null = null) {
    if (entries.length === 0) return;
    await this.journal.append(
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
      this.signatureBook.forget(entry.report.clusterId, entry.report.epoch, entry.digest);
    }
    this.retireSubmitted(entries.map((entry) => entry.report.clusterId));
  }

  /**
   * Undoes markSubmitted for reports the chain no longer has (see Relayer.recoverLost): they are relayed again. Their
   * signatures stayed with them; parked ones for other figures were dropped and are not needed.
   */
  async unmarkSubmitted(entries: ReportEntry[]) {
    if (entries.length === 0) return;
    await this.journal.append(
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

  /** Clusters still to compare with the chain's last epochs in the current round of retire passes. */
  private retireQueue: bigint[] = [];
  private lastRetirePass = Number.NEGATIVE_INFINITY;

  /**
   * Retires every unsubmitted report the chain is past (epoch ≤ the cluster's lastEpochOf), as markSubmitted does for
   * what the relayer landed: the registry skips such a report, so nobody can ever land it. Only the relayer marked
   * reports before, and only those with k signatures, so a node that does not relay, and every report that never
   * reached k (a minority report, a catch-up after downtime, an epoch the chain skipped), stayed in memory forever with
   * its signature-book digest. Bounded per pass (RETIRE_CLUSTERS_PER_PASS clusters, round robin over those with
   * unsubmitted reports, one batched read) and at most one pass per RETIRE_INTERVAL_MS. Reports in flight are left to
   * the relayer's receipt. Returns the reports retired.
   */
  async retirePassed(now = this.now()) {
    if (now - this.lastRetirePass < RETIRE_INTERVAL_MS) return 0;
    this.lastRetirePass = now;
    if (this.retireQueue.length === 0) {
      const pending = new Set<bigint>();
      for (const entry of this.reports.values()) if (!entry.submitted) pending.add(entry.report.clusterId);
      this.retireQueue = [...pending];
    }
    const clusterIds = this.retireQueue.splice(0, RETIRE_CLUSTERS_PER_PASS);
    if (clusterIds.length === 0) return 0;
    let lastEpochs: Map<bigint, bigint>;
    try {
      lastEpochs = await this.registry.lastEpochs(clusterIds);
    } catch (error) {
      this.log.warn({ err: (error as Error).message }, 'cannot read the last epochs to retire reports');
      return 0;
    }
    const passed: ReportEntry[] = [];
    for (const entry of this.reports.values()) {
      if (entry.submitted || entry.inFlight) continue;
      const last = lastEpochs.get(entry.report.clusterId);
      if (last !== undefined && entry.report.epoch <= last) passed.push(entry);
    }
    for (let from = 0; from < passed.length; from += JOURNAL_CHUNK) {
      await this.markSubmitted(passed.slice(from, from + JOURNAL_CHUNK));
    }
    if (passed.length > 0) this.log.info({ reports: passed.length }, 'retired reports the chain is past');
    return passed.length;
  }

  private fatalError: Error | undefined;
  private readonly fatalListeners = new Set<(error: Error) => void>();

  /**
   * Called once, with the first journal append that failed (see the header: fail-stop). The node stops on it; a
   * listener added after the failure is called at once.
   */
  onFatal(listener: (error: Error) => void) {
    if (this.fatalError) listener(this.fatalError);
    else this.fatalListeners.add(listener);
  }

  /** The error that stopped this core, if one did. */
  get fatal() {
    return this.fatalError;
  }

  private fail(error: Error) {
    if (this.fatalError) return;
    this.fatalError = error;
    this.log.fatal({ err: error }, 'a journal append failed: memory may be ahead of the journal, the node stops');
    for (const listener of this.fatalListeners) listener(error);
    this.fatalListeners.clear();
  }

  report(clusterId: bigint, epoch: bigint) {
    return this.reports.get(reportKey(clusterId, epoch));
  }

  clusterSummaries() {
    return [...this.clusters.values()].map((cluster) => ({
      clusterId: cluster.clusterId.toString(),
      gpus: cluster.uuids.size,
      lastSequence: cluster.lastSequence,
      lastSampleAt: cluster.lastSampleAt,
      finalizedThrough: cluster.finalizedThrough,
    }));
  }
}
