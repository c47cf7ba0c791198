/**
 * What every part of an oracle node's core works on: its configuration, its held clusters, its reports and the
 * journal they are recorded in. The parts (inventories.ts, ingest.ts, epochs.ts, report-book.ts, compaction.ts) are
 * functions over this one explicit state; core.ts builds it, replays the journal into it and composes them.
 */
import type { Logger } from 'pino';
import type { Address, Hex } from 'viem';
import type { ChainContext, createRegistryHasher, EpochReport } from '#protocol/eip712';
import { gpuUuidHash } from '#protocol/hardware';
import type { Snapshot, WireLease } from '#protocol/wire';
import type { RegistryView } from './chain';
import type { EpochSampleStore } from './epoch-samples';
import type { Journal } from './journal';
import type { JournalRecord } from './journal-records';
import type { NodeMetrics } from './metrics';
import type { SignatureBook } from './signature-book';
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

export type ClusterState = {
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

/** Records per journal append (one write each): a long run never becomes one giant argument list. */
export const JOURNAL_CHUNK = 512;

export type CoreState = {
  readonly config: CoreConfig;
  readonly registry: RegistryView;
  readonly metrics: NodeMetrics;
  readonly log: Logger;
  /** This node's committee address. */
  readonly address: Address;
  readonly committee: Address[];
  readonly hasher: ReturnType<typeof createRegistryHasher>;
  /** The node's clock (Unix ms). */
  readonly now: () => number;
  readonly backfillSeconds: number;
  readonly clusters: Map<bigint, ClusterState>;
  /** Which attested cluster claims each GPU UUID (gpu-ownership.ts). */
  readonly uuidOwner: Map<string, bigint>;
  readonly uuidHashes: Map<string, Hex>;
  /** This node's reports by `clusterId:epoch` (reportKey). */
  readonly reports: Map<string, ReportEntry>;
  /** Peer signatures by report digest, verified on arrival (signature-book.ts). */
  readonly signatureBook: SignatureBook;
  /** Raw samples per cluster and epoch, for exports. */
  readonly samples: EpochSampleStore;
  /** Called with newly signed reports (to push them to peers). */
  readonly signedListeners: Set<(entries: ReportEntry[]) => void>;
  journal: Journal<JournalRecord>;
  /** Clusters still to compare with the chain in the current round of ticks. */
  followQueue: bigint[];
  /** Clusters still to compare with the chain's last epochs in the current round of retire passes. */
  retireQueue: bigint[];
  lastRetirePass: number;
  /** The first failed journal append: memory may be ahead of the journal, nothing more is signed (fail-stop). */
  fatalError: Error | undefined;
};

/** A held cluster's entry when the node takes its first inventory. */
export function newCluster(clusterId: bigint, uuids: string[], hardwareRoot: Hex, heldSince: number): ClusterState {
  return {
    clusterId,
    uuids: new Set(uuids),
    hardwareRoot,
    lastSequence: 0,
    lastPayloadHash: null,
    lastSampleAt: 0,
    firstSampleAt: null,
    finalizedThrough: 0,
    snapshots: [],
    leases: new Map(),
    leasesPerGpu: new Map(),
    attestedFrom: null,
    heldSince,
    queue: Promise.resolve(),
    telemetry: new ClusterTelemetryTally(),
  };
}

/** A GPU UUID's hash as reports commit to it, computed once per UUID. */
export function uuidHash(state: CoreState, uuid: string) {
  let hash = state.uuidHashes.get(uuid);
  if (!hash) {
    hash = gpuUuidHash(uuid);
    state.uuidHashes.set(uuid, hash);
  }
  return hash;
}
