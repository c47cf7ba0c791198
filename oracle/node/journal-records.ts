/**
 * The one record type of a node's journal: every change that left the node (a batch answered, a signature pushed, a
 * report relayed) is one of these, durable before it is acknowledged; replaying them in order (core.ts) rebuilds the
 * state a snapshot does not hold.
 */
import type { Hex } from 'viem';
import { batchPayloadSchema, fromWireReport, type WireReport } from '#protocol/wire';
import { applySigned, closeEpoch } from './epochs';
import { applyBatch } from './ingest';
import { applyClaim, applyInventory, releaseClaim } from './inventories';
import type { CoreState } from './node-state';
import { retireSubmitted } from './report-book';
import { type PeerRecord, reportKey } from './signature-book';

/** Stands for a replayed batch's payload hash until the replay ends (see OracleCore.open). */
export const REPLAYED_PAYLOAD = '0xreplayed' as Hex;

export type JournalRecord =
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

/** Applies one journal record to the state, as the change it records was applied when it was journaled. */
export function replayRecord(state: CoreState, record: JournalRecord) {
  switch (record.type) {
    case 'inventory': {
      const clusterId = BigInt(record.clusterId);
      const renewal = state.clusters.get(clusterId)?.hardwareRoot === record.hardwareRoot;
      applyInventory(state, clusterId, record.uuids, record.hardwareRoot);
      // A candidate's hour runs from when the node took it, not from this restart (a renewal keeps its time).
      if (!renewal && record.heldSince !== undefined) state.clusters.get(clusterId)!.heldSince = record.heldSince;
      break;
    }
    case 'batch': {
      const cluster = state.clusters.get(BigInt(record.clusterId));
      if (cluster)
        applyBatch(
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
      const cluster = state.clusters.get(BigInt(record.clusterId));
      if (cluster) {
        cluster.lastSequence = record.sequence;
        cluster.lastPayloadHash = record.payloadHash;
      }
      break;
    }
    case 'claimed': {
      const cluster = state.clusters.get(BigInt(record.clusterId));
      if (cluster && cluster.hardwareRoot === record.hardwareRoot) applyClaim(state, cluster, record.attestedAt);
      break;
    }
    case 'released': {
      const cluster = state.clusters.get(BigInt(record.clusterId));
      if (cluster) releaseClaim(state, cluster);
      break;
    }
    case 'forgotten':
      state.clusters.delete(BigInt(record.clusterId));
      break;
    case 'signed': {
      // After a compaction the snapshot may already hold it (signed, then journaled into the new segment), with
      // peers' signatures a fresh entry would lose.
      const report = fromWireReport(record.report);
      const known = state.reports.get(reportKey(report.clusterId, report.epoch));
      if (known?.signatures.get(state.address) !== record.signature) applySigned(state, report, record.signature);
      break;
    }
    case 'peer':
      // Checked before it was journaled (journals of older versions: re-checked if the registry refuses it).
      state.signatureBook.keep(fromWireReport(record.report), record.signer, record.signature);
      break;
    case 'skipped': {
      const cluster = state.clusters.get(BigInt(record.clusterId));
      const from = BigInt(cluster?.finalizedThrough ?? 0);
      if (cluster) closeEpoch(state, cluster, record.epochEnd);
      state.signatureBook.forgetParked(BigInt(record.clusterId), from, BigInt(record.epochEnd));
      break;
    }
    case 'submitted': {
      const entry = state.reports.get(`${record.clusterId}:${record.epoch}`);
      if (entry) {
        entry.submitted = true;
        entry.submittedIn = record.hash;
        entry.submittedBlock =
          record.block === undefined ? undefined : record.block === null ? null : BigInt(record.block);
      }
      retireSubmitted(state, [BigInt(record.clusterId)]);
      break;
    }
    case 'unsubmitted': {
      const entry = state.reports.get(`${record.clusterId}:${record.epoch}`);
      if (entry) {
        entry.submitted = false;
        entry.submittedIn = undefined;
        entry.submittedBlock = undefined;
      }
      break;
    }
  }
}
