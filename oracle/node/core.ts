/**
 * The state machine of one oracle node: verified inventories, accepted telemetry, finalized epochs, its own signed
 * reports and the peer signatures that match them. Everything that changes state goes through the journal first, so
 * a restart rebuilds exactly what was acknowledged. The node signs only reports it computed from telemetry it
 * verified itself, and never two different reports for one cluster and epoch.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex, keccak256, toBytes, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { clusterRegistryClusterStatus as ClusterStatus } from '#contracts';
import {
  type Attestation,
  type ChainContext,
  createRegistryHasher,
  type EpochReport,
  inventoryProofDigest,
  recoverSigner,
  signDigest,
  telemetryBatchDigest,
} from '../eip712';
import { Rejection } from '../errors';
import { gpuUuidHash, hardwareRoot } from '../hardware';
import { canonicalGpuUuid } from '../telemetry/types';
import { aggregateEpoch, epochEndOf } from './aggregate';
import type { RegistryView } from './chain';
import { DEFAULT_SAMPLE_RETENTION_DAYS, EpochSampleStore } from './epoch-samples';
import { Journal } from './journal';
import type { NodeMetrics } from './metrics';
import {
  ATTESTATION_ISSUED_AT_WINDOW_SECONDS,
  type AttestationBody,
  type BatchBody,
  type BatchPayload,
  batchPayloadSchema,
  fromWireReport,
  type Snapshot,
  sameFigures,
  sameReport,
  type TelemetryStatus,
  toWireReport,
  type WireLease,
  type WireReport,
} from './protocol';
import { readSnapshot, type SnapshotLine, writeSnapshot } from './snapshot';
import { ClusterTelemetryTally } from './telemetry-status';

export type CoreConfig = {
  privateKey: Hex;
  /** Committee addresses (this node's among them). */
  committee: Address[];
  threshold: number;
  epochSeconds: number;
  /** An epoch is closed this long after its end even if the agent sent nothing newer. */
  graceSeconds: number;
  /** Samples may be at most this far ahead of the node's clock. */
  maxClockSkewMs: number;
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
};

type JournalRecord =
  | { type: 'inventory'; clusterId: string; uuids: string[]; hardwareRoot: Hex }
  | { type: 'batch'; clusterId: string; sequence: number; payload: string }
  | { type: 'signed'; report: WireReport; signature: Hex }
  | { type: 'peer'; report: WireReport; signer: Address; signature: Hex }
  | { type: 'skipped'; clusterId: string; epochEnd: number }
  | { type: 'submitted'; clusterId: string; epoch: string }
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
  queue: Promise<unknown>;
  /** Lives and dies with the cluster's entry, so only clusters this node holds an inventory for cost memory. */
  telemetry: ClusterTelemetryTally;
};

export type ReportEntry = {
  report: EpochReport;
  digest: Hex;
  /** Signatures by signer (this node's own included) over exactly `report`. */
  signatures: Map<Address, Hex>;
  readyAt: number | null;
  submitted: boolean;
  inFlight: boolean;
};

const reportKey = (clusterId: bigint, epoch: bigint) => `${clusterId}:${epoch}`;

/**
 * Submitted reports kept in memory per cluster (the newest epochs), for GET /clusters/:id/reports and peers still
 * pulling signatures; older ones are on chain (the indexer serves them) and their raw samples stay in the per-epoch
 * files. Unsubmitted reports are never dropped: the relayer still needs them.
 */
export const SUBMITTED_REPORTS_KEPT = 48;
/** Stands for a replayed batch's payload hash until the replay ends (see OracleCore.open). */
const REPLAYED_PAYLOAD = '0xreplayed' as Hex;
/** How often the sample files are pruned to the retention. */
const SAMPLE_PRUNE_INTERVAL_MS = 3_600_000;

/** How far an attestation's `issuedAt` may be ahead of this node's view of chain time (RPC nodes lag each other). */
const ISSUED_AT_SKEW_SECONDS = 60;
/**
 * Reports (cluster and epoch) peers' signatures may wait for before this node computes its own. The honest need is
 * the clusters held times the epochs a node can lag its peers; past it a request is answered `busy`, not remembered.
 */
const MAX_PENDING_PEER_REPORTS = 10_000;

export class OracleCore {
  readonly address: Address;
  readonly committee: Address[];
  private readonly hasher;
  private readonly clusters = new Map<bigint, ClusterState>();
  private readonly uuidOwner = new Map<string, bigint>();
  private readonly uuidHashes = new Map<string, Hex>();
  readonly reports = new Map<string, ReportEntry>();
  private readonly pendingPeer = new Map<string, { report: EpochReport; signer: Address; signature: Hex }[]>();
  private readonly challenges = new Map<Hex, { clusterId: bigint; expiresAt: number }>();
  private readonly listeners = new Set<(entries: ReportEntry[]) => void>();
  private journal!: Journal<JournalRecord>;
  /** Raw samples per cluster and epoch, for exports. */
  readonly samples: EpochSampleStore;
  private compacting: Promise<void> | undefined;
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
   * replayed whole.
   */
  static async open(config: CoreConfig, registry: RegistryView, metrics: NodeMetrics, log: Logger) {
    const core = new OracleCore(config, registry, metrics, log);
    const snapshot = readSnapshot(core.snapshotPath, (line) => core.restoreLine(line));
    let first = true;
    let stale = false;
    let records = 0;
    const lastPayloads = new Map<bigint, string>();
    core.journal = await Journal.openWith<JournalRecord>(config.journalPath, (record) => {
      if (first) {
        first = false;
        stale = snapshot !== undefined && (record.type !== 'segment' || record.id !== snapshot.segment);
      }
      if (stale || record.type === 'segment') return;
      records += 1;
      if (record.type === 'batch') lastPayloads.set(BigInt(record.clusterId), record.payload);
      core.replay([record]);
    });
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
    await this.samples.flush();
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
        case 'inventory':
          this.applyInventory(BigInt(record.clusterId), record.uuids, record.hardwareRoot);
          break;
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
            );
          break;
        }
        case 'signed': {
          // After a compaction the snapshot may already hold it (signed, then journaled into the new segment), with
          // peers' signatures a fresh entry would lose.
          const report = fromWireReport(record.report);
          const known = this.reports.get(reportKey(report.clusterId, report.epoch));
          if (known?.signatures.get(this.address) !== record.signature) this.applySigned(report, record.signature);
          break;
        }
        case 'peer':
          this.applyPeer(fromWireReport(record.report), record.signer, record.signature);
          break;
        case 'skipped': {
          const cluster = this.clusters.get(BigInt(record.clusterId));
          if (cluster) this.closeEpoch(cluster, record.epochEnd);
          this.pendingPeer.delete(`${record.clusterId}:${record.epochEnd}`);
          break;
        }
        case 'submitted': {
          const entry = this.reports.get(`${record.clusterId}:${record.epoch}`);
          if (entry) entry.submitted = true;
          this.retireSubmitted([BigInt(record.clusterId)]);
          break;
        }
      }
    }
  }

  // ---------------------------------------------------------------- snapshots and compaction

  /**
   * The state a snapshot holds, as bounded lines. Clusters travel whole through the codec (a new ClusterState field
   * needs no code here), except their open snapshots, cut into lines of bounded size, and what lives only in memory.
   */
  private *snapshotLines(): Generator<SnapshotLine> {
    for (const cluster of this.clusters.values()) {
      const { queue: _queue, telemetry: _telemetry, snapshots, ...rest } = cluster;
      yield { type: 'cluster', cluster: { ...rest, snapshots: [] } };
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
    for (const [key, items] of this.pendingPeer) yield { type: 'pendingPeer', key, items };
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
      case 'snapshots':
        this.clusters.get(BigInt(line.clusterId as string))?.snapshots.push(...(line.snapshots as Snapshot[]));
        break;
      case 'report': {
        const entry = { ...(line.entry as Omit<ReportEntry, 'inFlight'>), inFlight: false };
        this.reports.set(reportKey(entry.report.clusterId, entry.report.epoch), entry);
        break;
      }
      case 'pendingPeer':
        this.pendingPeer.set(
          line.key as string,
          line.items as { report: EpochReport; signer: Address; signature: Hex }[],
        );
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
    if (this.journal.bytes >= bytes || this.journal.appended >= records) await this.compact();
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
      }
    }
  }

  // ---------------------------------------------------------------- attestation

  async issueChallenge(clusterId: bigint) {
    const onChain = await this.registry.cluster(clusterId, true);
    if (onChain.operator === '0x0000000000000000000000000000000000000000') {
      throw new Rejection('unknown_cluster', `cluster ${clusterId} is not registered`, 404);
    }
    const now = Date.now();
    for (const [challenge, entry] of this.challenges) if (entry.expiresAt < now) this.challenges.delete(challenge);
    const challenge = toHex(randomBytes(32));
    const expiresAt = now + 5 * 60_000;
    this.challenges.set(challenge, { clusterId, expiresAt });
    return { challenge, expiresAt };
  }

  /** Verifies an operator-signed inventory answering this node's challenge; stores it and signs the attestation. */
  async answerChallenge(clusterId: bigint, body: AttestationBody) {
    const issued = this.challenges.get(body.challenge as Hex);
    if (!issued || issued.clusterId !== clusterId || issued.expiresAt < Date.now()) {
      throw new Rejection(
        'unknown_challenge',
        'the challenge was not issued by this node for this cluster, or expired',
        409,
      );
    }
    this.challenges.delete(body.challenge as Hex);
    const uuids: string[] = [];
    for (const raw of body.uuids) {
      const uuid = canonicalGpuUuid(raw);
      if (!uuid) throw new Rejection('invalid_gpu_uuid', `not a GPU UUID: ${raw}`, 422, { uuid: raw });
      uuids.push(uuid);
    }
    if (new Set(uuids).size !== uuids.length) throw new Rejection('duplicate_gpu', 'a GPU UUID is listed twice', 422);
    const onChain = await this.registry.cluster(clusterId, true);
    if (onChain.status === ClusterStatus.Suspended || onChain.status === ClusterStatus.Retired) {
      throw new Rejection('cluster_not_attestable', `cluster ${clusterId} is suspended or retired`, 409);
    }
    const root = hardwareRoot(uuids);
    if (root !== onChain.hardwareRoot) {
      throw new Rejection('hardware_root_mismatch', 'the inventory does not hash to the on-chain hardware root', 422, {
        computed: root,
        onChain: onChain.hardwareRoot,
      });
    }
    if (uuids.length !== onChain.gpuCount) {
      throw new Rejection('gpu_count_mismatch', 'the inventory size differs from the on-chain GPU count', 422);
    }
    const chainTime = await this.registry.chainTime();
    if (body.validUntil <= chainTime || body.validUntil > chainTime + this.config.maxAttestationSeconds) {
      throw new Rejection(
        'invalid_valid_until',
        'validUntil must be in the future and within the allowed validity',
        422,
        {
          chainTime,
          maxValiditySeconds: this.config.maxAttestationSeconds,
        },
      );
    }
    // Every node must sign the same message, so the requester picks the time; it may only be recent chain time (the
    // registry counts the heartbeat from it, and refuses it in the future).
    if (
      body.issuedAt > chainTime + ISSUED_AT_SKEW_SECONDS ||
      body.issuedAt < chainTime - ATTESTATION_ISSUED_AT_WINDOW_SECONDS
    ) {
      throw new Rejection('invalid_issued_at', 'issuedAt must be the current chain time', 422, {
        chainTime,
        windowSeconds: ATTESTATION_ISSUED_AT_WINDOW_SECONDS,
      });
    }
    const committeeVersion = await this.registry.committeeVersion(true);
    if (body.committeeVersion !== committeeVersion) {
      throw new Rejection('committee_version_mismatch', 'the committee changed: sign for the current version', 409, {
        committeeVersion,
      });
    }
    const signer = await recoverSigner(
      inventoryProofDigest(this.config.context, {
        clusterId,
        hardwareRoot: root,
        gpuCount: uuids.length,
        challenge: body.challenge as Hex,
        validUntil: BigInt(body.validUntil),
      }),
      body.signature as Hex,
    ).catch(() => undefined);
    if (!signer) throw new Rejection('invalid_signature', 'the inventory signature does not recover', 401);
    if (signer !== onChain.operator) {
      throw new Rejection('not_operator', 'the inventory is not signed by the cluster operator', 403, { signer });
    }
    for (const uuid of uuids) {
      const owner = this.uuidOwner.get(uuid);
      if (owner !== undefined && owner !== clusterId) {
        throw new Rejection('gpu_in_other_cluster', `GPU ${uuid} belongs to cluster ${owner}`, 409, {
          uuid,
          otherClusterId: owner.toString(),
        });
      }
    }
    await this.journal.append({ type: 'inventory', clusterId: clusterId.toString(), uuids, hardwareRoot: root });
    this.applyInventory(clusterId, uuids, root);
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

  private applyInventory(clusterId: bigint, uuids: string[], root: Hex) {
    const existing = this.clusters.get(clusterId);
    if (existing) for (const uuid of existing.uuids) this.uuidOwner.delete(uuid);
    for (const uuid of uuids) this.uuidOwner.set(uuid, clusterId);
    if (existing) {
      existing.uuids = new Set(uuids);
      existing.hardwareRoot = root;
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
      queue: Promise.resolve(),
      telemetry: new ClusterTelemetryTally(),
    });
  }

  // ---------------------------------------------------------------- telemetry

  lastSequence(clusterId: bigint) {
    return this.clusters.get(clusterId)?.lastSequence ?? 0;
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
    const payloadHash = keccak256(toBytes(body.payload));
    const digest = telemetryBatchDigest(this.config.context, cluster.clusterId, BigInt(body.sequence), payloadHash);
    const signer = await recoverSigner(digest, body.signature as Hex).catch(() => undefined);
    if (!signer) throw new Rejection('invalid_signature', 'the batch signature does not recover', 401);
    const onChain = await this.registry.cluster(cluster.clusterId);
    if (signer !== onChain.operator) {
      throw new Rejection('not_operator', 'the batch is not signed by the cluster operator', 403, {
        signer,
        operator: onChain.operator,
      });
    }
    if (onChain.hardwareRoot !== cluster.hardwareRoot) {
      throw new Rejection(
        'hardware_changed',
        'the on-chain hardware commitment changed: attest the cluster again',
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
    let payload: BatchPayload;
    try {
      payload = batchPayloadSchema.parse(JSON.parse(body.payload));
    } catch (error) {
      throw new Rejection('invalid_payload', `the payload is not a telemetry batch: ${(error as Error).message}`, 400);
    }
    this.checkPlausible(cluster, payload, onChain.gpuCount);
    await this.journal.append({
      type: 'batch',
      clusterId: cluster.clusterId.toString(),
      sequence: body.sequence,
      payload: body.payload,
    });
    const samples = this.applyBatch(cluster, body.sequence, body.payload, payload, payloadHash);
    this.metrics.samplesAccepted.inc(samples);
    cluster.telemetry.recordAccepted(samples);
    await this.finalizeDue(cluster, Date.now());
    return { samples, sequence: body.sequence };
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

  private checkPlausible(cluster: ClusterState, payload: BatchPayload, attestedCount: number) {
    const horizon = Date.now() + this.config.maxClockSkewMs;
    let previous = cluster.lastSampleAt;
    for (const snapshot of payload.snapshots) {
      if (snapshot.t > horizon) {
        throw new Rejection('timestamp_in_future', `snapshot time ${snapshot.t} is ahead of the node's clock`, 422, {
          t: snapshot.t,
        });
      }
      if (snapshot.t <= previous) {
        throw new Rejection('timestamp_out_of_order', `snapshot time ${snapshot.t} is not after ${previous}`, 422, {
          t: snapshot.t,
          previous,
        });
      }
      previous = snapshot.t;
      if (snapshot.gpus.length > Math.min(attestedCount, cluster.uuids.size)) {
        throw new Rejection(
          'too_many_gpus',
          `${snapshot.gpus.length} GPUs in one snapshot, ${attestedCount} attested`,
          422,
        );
      }
      const seen = new Set<string>();
      for (const gpu of snapshot.gpus) {
        this.checkGpu(cluster, gpu.uuid);
        if (seen.has(gpu.uuid))
          throw new Rejection('duplicate_gpu', `GPU ${gpu.uuid} appears twice in a snapshot`, 422);
        seen.add(gpu.uuid);
        const utilization = gpu.utilizationPct;
        if (utilization !== null && (utilization < 0 || utilization > 100)) {
          throw new Rejection('utilization_out_of_range', `utilization ${utilization}% of ${gpu.uuid}`, 422, {
            uuid: gpu.uuid,
            utilizationPct: utilization,
          });
        }
        const fields = [gpu.memoryUsedMiB, gpu.memoryTotalMiB, gpu.powerW];
        if (fields.some((value) => value !== null && value < 0)) {
          throw new Rejection('negative_measurement', `a negative reading for ${gpu.uuid}`, 422, { uuid: gpu.uuid });
        }
      }
    }
    for (const lease of payload.leases) {
      this.checkGpu(cluster, lease.gpuUuid);
      if (lease.end !== null && lease.end <= lease.start) {
        throw new Rejection('invalid_lease', `lease ${lease.leaseId} ends before it starts`, 422, {
          leaseId: lease.leaseId,
        });
      }
    }
  }

  private checkGpu(cluster: ClusterState, uuid: string) {
    if (cluster.uuids.has(uuid)) return;
    const owner = this.uuidOwner.get(uuid);
    if (owner !== undefined) {
      throw new Rejection('gpu_in_other_cluster', `GPU ${uuid} belongs to cluster ${owner}`, 422, {
        uuid,
        otherClusterId: owner.toString(),
      });
    }
    throw new Rejection('unknown_gpu', `GPU ${uuid} is not in the cluster's attested hardware`, 422, { uuid });
  }

  private applyBatch(cluster: ClusterState, sequence: number, text: string, payload: BatchPayload, hash?: Hex) {
    cluster.lastSequence = sequence;
    cluster.lastPayloadHash = hash ?? keccak256(toBytes(text));
    let samples = 0;
    for (const snapshot of payload.snapshots) {
      samples += snapshot.gpus.length;
      cluster.firstSampleAt ??= snapshot.t;
      cluster.lastSampleAt = snapshot.t;
      // Samples of an epoch closed by the grace timeout are kept in the journal but no longer change its report.
      if (snapshot.t >= cluster.finalizedThrough * 1000) cluster.snapshots.push(snapshot);
    }
    for (const lease of payload.leases) cluster.leases.set(`${lease.leaseId}\u0000${lease.gpuUuid}`, lease);
    return samples;
  }

  // ---------------------------------------------------------------- epochs and reports

  /** Finalizes every cluster's due epochs (called on a timer for the grace timeout). */
  async tick(now = Date.now()) {
    for (const cluster of this.clusters.values()) {
      const run = cluster.queue.then(() => this.finalizeDue(cluster, now));
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
    let lag = 0;
    for (const cluster of this.clusters.values()) {
      if (cluster.finalizedThrough > 0) lag = Math.max(lag, now / 1000 - cluster.finalizedThrough);
    }
    this.metrics.epochLag.set(lag);
    await this.maintain(now);
  }

  private async finalizeDue(cluster: ClusterState, now: number) {
    if (cluster.firstSampleAt === null) return;
    const { epochSeconds, graceSeconds } = this.config;
    let epochEnd = cluster.finalizedThrough
      ? cluster.finalizedThrough + epochSeconds
      : epochEndOf(cluster.firstSampleAt, epochSeconds);
    const due: number[] = [];
    while (epochEnd * 1000 <= cluster.lastSampleAt || (epochEnd + graceSeconds) * 1000 <= now) {
      due.push(epochEnd);
      epochEnd += epochSeconds;
    }
    if (due.length === 0) return;
    const committeeVersion = await this.registry.committeeVersion();
    const signed: JournalRecord[] = [];
    const entries: ReportEntry[] = [];
    for (const [position, end] of due.entries()) {
      const inEpoch = this.takeSnapshots(cluster, end);
      const existing = this.reports.get(reportKey(cluster.clusterId, BigInt(end)));
      // Runs of epochs without any telemetry (agent down) collapse into one report at the end of the run.
      if (!existing && inEpoch.length === 0 && position < due.length - 1) {
        signed.push({ type: 'skipped', clusterId: cluster.clusterId.toString(), epochEnd: end });
        cluster.finalizedThrough = end;
        // No report of this node will ever carry the peers' signatures parked for it.
        this.pendingPeer.delete(reportKey(cluster.clusterId, BigInt(end)));
        continue;
      }
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
      signed.push({ type: 'signed', report: toWireReport(report), signature });
      entries.push(this.applySigned(report, signature, digest));
    }
    this.pruneLeases(cluster);
    await this.journal.append(...signed);
    this.metrics.reportsSigned.inc(entries.length);
    for (const listener of this.listeners) listener(entries);
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
    for (const [key, lease] of cluster.leases)
      if (lease.end !== null && lease.end <= openFrom) cluster.leases.delete(key);
  }

  private closeEpoch(cluster: ClusterState, epochEnd: number) {
    cluster.finalizedThrough = Math.max(cluster.finalizedThrough, epochEnd);
    this.takeSnapshots(cluster, epochEnd);
    this.pruneLeases(cluster);
  }

  private applySigned(report: EpochReport, signature: Hex, digest = this.hasher.report(report)) {
    const key = reportKey(report.clusterId, report.epoch);
    const entry: ReportEntry = {
      report,
      digest,
      signatures: new Map([[this.address, signature]]),
      readyAt: null,
      submitted: false,
      inFlight: false,
    };
    this.reports.set(key, entry);
    const cluster = this.clusters.get(report.clusterId);
    if (cluster) this.closeEpoch(cluster, Number(report.epoch));
    for (const pending of this.pendingPeer.get(key) ?? [])
      this.attachPeer(entry, pending.report, pending.signer, pending.signature);
    this.pendingPeer.delete(key);
    this.markReady(entry);
    return entry;
  }

  private markReady(entry: ReportEntry) {
    if (entry.readyAt === null && entry.signatures.size >= this.config.threshold) entry.readyAt = Date.now();
  }

  private attachPeer(entry: ReportEntry, report: EpochReport, signer: Address, signature: Hex) {
    // A lagging peer's signature of the same figures for the committee this node has re-signed away from: useless on
    // chain, but no disagreement.
    if (report.committeeVersion < entry.report.committeeVersion && sameFigures(entry.report, report)) {
      return 'stale' as const;
    }
    if (!sameReport(entry.report, report)) {
      this.metrics.signatureMismatches.inc();
      this.log.warn({ signer, clusterId: report.clusterId, epoch: report.epoch }, 'a peer signed a different report');
      return 'mismatch' as const;
    }
    entry.signatures.set(signer, signature);
    this.markReady(entry);
    return 'attached' as const;
  }

  private applyPeer(report: EpochReport, signer: Address, signature: Hex) {
    const key = reportKey(report.clusterId, report.epoch);
    const entry = this.reports.get(key);
    // A peer that saw a committee change first re-signed the same figures for the new version: keep its signature
    // until this node re-signs too (see resign), instead of discarding it as a different report.
    const aheadOfUs =
      entry !== undefined &&
      report.committeeVersion > entry.report.committeeVersion &&
      sameFigures(entry.report, report);
    if (entry && !aheadOfUs) return this.attachPeer(entry, report, signer, signature);
    const pending = (this.pendingPeer.get(key) ?? []).filter(
      (item) => item.signer !== signer || item.report.committeeVersion > report.committeeVersion,
    );
    if (!pending.some((item) => item.signer === signer)) pending.push({ report, signer, signature });
    this.pendingPeer.set(key, pending);
    return 'pending' as const;
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

  /**
   * Records peers' signatures. A signature is kept only when it recovers to its claimed signer, a member of both this
   * node's committee and the chain's, over the report's digest, for a committee version the chain has reached, and
   * under the identical report this node computed (or will compute: only epochs it has not closed yet).
   *
   * Anyone can post here, so the cheap refusals come first and each costs no signature recovery: a signer outside the
   * committee, a cluster this node holds no inventory for, an epoch that is not an epoch end, one not ended yet, one
   * this node closed without a report, a full parking area. Within one request, a signer whose signature failed once
   * is not recovered again (an outsider naming a member pays for one recovery per request, not one per item).
   */
  async addPeerSignatures(items: { report: WireReport; signer: Address; signature: Hex }[]) {
    const accepted: JournalRecord[] = [];
    const results: string[] = [];
    let committee = await this.registry.committee();
    let committeeFresh = false;
    const { epochSeconds } = this.config;
    const latestEpoch = BigInt(Math.floor(Date.now() / 1000) + epochSeconds);
    const failedSigners = new Set<Address>();
    for (const [index, item] of items.entries()) {
      // Recovering a signature costs about 2 ms of CPU: let the node serve other requests between slices.
      if (index > 0 && index % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      const signer = getAddress(item.signer);
      if (!this.committee.includes(signer) || signer === this.address) {
        results.push('not_committee_signer');
        continue;
      }
      const report = fromWireReport(item.report);
      const cluster = this.clusters.get(report.clusterId);
      if (!cluster) {
        results.push('unknown_cluster');
        continue;
      }
      if (report.epoch % BigInt(epochSeconds) !== 0n) {
        results.push('epoch_not_aligned');
        continue;
      }
      if (report.epoch > latestEpoch) {
        results.push('epoch_in_future');
        continue;
      }
      const key = reportKey(report.clusterId, report.epoch);
      const known = this.reports.get(key);
      if (!known && report.epoch <= BigInt(cluster.finalizedThrough)) {
        results.push('epoch_closed');
        continue;
      }
      if (known?.signatures.get(signer) === item.signature) {
        results.push('duplicate');
        continue;
      }
      if (!known && !this.pendingPeer.has(key) && this.pendingPeer.size >= MAX_PENDING_PEER_REPORTS) {
        results.push('busy');
        continue;
      }
      // A version beyond the chain's cannot have been signed honestly yet (it would park signatures for nothing); one
      // ahead is let through, for a peer whose RPC saw the committee change a block before this node's did. The
      // cached committee is read afresh (once per request) before a version ahead of it is refused.
      if (report.committeeVersion > committee.version + 1 && !committeeFresh) {
        committee = await this.registry.committee(true);
        committeeFresh = true;
      }
      if (report.committeeVersion > committee.version + 1) {
        results.push('unknown_committee_version');
        continue;
      }
      // A member governance removed (still in this node's configuration) signs for nothing the chain would accept.
      if (!committee.signers.has(signer) && report.committeeVersion <= committee.version) {
        results.push('not_committee_signer');
        continue;
      }
      if (failedSigners.has(signer)) {
        results.push('invalid_signature');
        continue;
      }
      // Nothing unverified is kept: a forged signature would push a genuine one out.
      const recovered = await recoverSigner(this.hasher.report(report), item.signature).catch(() => undefined);
      if (recovered !== signer) {
        failedSigners.add(signer);
        results.push('invalid_signature');
        continue;
      }
      const result = this.applyPeer(report, signer, item.signature);
      results.push(result);
      if (result !== 'mismatch' && result !== 'stale')
        accepted.push({ type: 'peer', report: item.report, signer, signature: item.signature });
    }
    await this.journal.append(...accepted);
    return results;
  }

  /** Drops a peer signature that failed verification (the relayer found it invalid). */
  dropSignature(entry: ReportEntry, signer: Address) {
    entry.signatures.delete(signer);
    if (entry.signatures.size < this.config.threshold) entry.readyAt = null;
  }

  async markSubmitted(entries: ReportEntry[]) {
    for (const entry of entries) entry.submitted = true;
    await this.journal.append(
      ...entries.map((entry) => ({
        type: 'submitted' as const,
        clusterId: entry.report.clusterId.toString(),
        epoch: entry.report.epoch.toString(),
      })),
    );
    this.retireSubmitted(entries.map((entry) => entry.report.clusterId));
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
