/**
 * Telemetry ingest: an operator-signed batch is checked in the cluster's queue (signature, operator, sequence, then
 * the content rules of ingest-rules.ts), journaled, then applied; a batch refused for its content uses up its
 * sequence (`refused`), so the agent's next batch is taken. Epochs the batch or the clock closed are finalized around
 * it (epochs.ts), as on a node whose tick came first.
 */
import { type Hex, keccak256, toBytes } from 'viem';
import { Rejection } from '#protocol/base-error';
import { recoverSigner, telemetryBatchDigest } from '#protocol/eip712';
import { type BatchBody, type BatchPayload, batchPayloadSchema, type TelemetryStatus } from '#protocol/wire';
import { checkPayloadHash } from './batch-gate';
import { closeDue } from './epochs';
import { attestedOnChain } from './gpu-ownership';
import {
  checkContent,
  checkNotInFuture,
  consumesSequence,
  DEFAULT_MAX_READINGS_PER_EPOCH,
  DEFAULT_MIN_SAMPLE_SPACING_MS,
  leaseEndedBefore,
  leaseKey,
} from './ingest-rules';
import { followOnChain } from './inventories';
import type { ClusterState, CoreState } from './node-state';

/** Verifies, persists and applies one operator-signed batch; resolves once it is durable. */
export function ingestBatch(
  state: CoreState,
  clusterId: bigint,
  body: BatchBody,
): Promise<{ samples: number; sequence: number }> {
  const cluster = state.clusters.get(clusterId);
  if (!cluster) {
    return Promise.reject(
      new Rejection('cluster_not_attested', `this node holds no verified inventory for cluster ${clusterId}`, 409),
    );
  }
  const run = cluster.queue.then(() => ingestInOrder(state, cluster, body));
  cluster.queue = run.catch(() => undefined);
  return run;
}

async function ingestInOrder(state: CoreState, cluster: ClusterState, body: BatchBody) {
  if (BigInt(body.clusterId) !== cluster.clusterId) {
    throw new Rejection('cluster_mismatch', 'the batch names another cluster than the URL', 400);
  }
  // Recovered from the hash the body carries; the payload itself is hashed only once the signer is the operator.
  const payloadHash = body.payloadHash.toLowerCase() as Hex;
  const digest = telemetryBatchDigest(state.config.context, cluster.clusterId, BigInt(body.sequence), payloadHash);
  const signer = await recoverSigner(digest, body.signature as Hex).catch(() => undefined);
  if (!signer) throw new Rejection('invalid_signature', 'the batch signature does not recover', 401);
  let onChain = await state.registry.cluster(cluster.clusterId);
  // The operator's first batch can follow its attestation's transaction by milliseconds: a candidate looks at the
  // chain afresh, but only for a batch its (cached) operator signed, so outsiders cannot make the node read the chain.
  if (signer === onChain.operator && cluster.attestedFrom === null && !attestedOnChain(cluster.hardwareRoot, onChain)) {
    onChain = await state.registry.cluster(cluster.clusterId, true);
  }
  if (signer !== onChain.operator) {
    throw new Rejection('not_operator', 'the batch is not signed by the cluster operator', 403, {
      signer,
      operator: onChain.operator,
    });
  }
  checkPayloadHash(body);
  await followOnChain(state, cluster, onChain);
  if (onChain.hardwareRoot !== cluster.hardwareRoot) {
    throw new Rejection('hardware_changed', 'the on-chain hardware commitment changed: attest the cluster again', 409);
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
  const now = state.now();
  // Epochs the clock closed (or a capped earlier call left) close before this batch is judged or applied, as they
  // would have on a node whose tick came first.
  await closeDue(state, cluster, now);
  let payload: BatchPayload;
  try {
    payload = batchPayloadSchema.parse(JSON.parse(body.payload));
  } catch (error) {
    return refuse(
      state,
      cluster,
      body.sequence,
      payloadHash,
      new Rejection('invalid_payload', `the payload is not a telemetry batch: ${(error as Error).message}`, 422),
    );
  }
  checkNotInFuture(payload, now, state.config.maxClockSkewMs);
  let leaseFloorMs: number;
  try {
    ({ leaseFloorMs } = checkContent(
      {
        uuids: cluster.uuids,
        ownerOf: (uuid) => state.uuidOwner.get(uuid),
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
      state.backfillSeconds,
      {
        epochSeconds: state.config.epochSeconds,
        minSampleSpacingMs: state.config.minSampleSpacingMs ?? DEFAULT_MIN_SAMPLE_SPACING_MS,
        maxReadingsPerEpoch: state.config.maxReadingsPerEpoch ?? DEFAULT_MAX_READINGS_PER_EPOCH,
      },
    ));
  } catch (error) {
    if (error instanceof Rejection && consumesSequence(error)) {
      return refuse(state, cluster, body.sequence, payloadHash, error);
    }
    throw error;
  }
  await state.journal.append({
    type: 'batch',
    clusterId: cluster.clusterId.toString(),
    sequence: body.sequence,
    payload: body.payload,
    leaseFloor: leaseFloorMs,
  });
  const samples = applyBatch(cluster, body.sequence, body.payload, payload, payloadHash, leaseFloorMs);
  state.metrics.samplesAccepted.inc(samples);
  cluster.telemetry.recordAccepted(samples);
  await closeDue(state, cluster, now);
  return { samples, sequence: body.sequence };
}

/**
 * Records a batch refused for good (H-6): its sequence is used up so the agent's next batch is accepted, and the
 * refusal survives a restart (replay gives the same cursor). Nothing of the batch is stored.
 */
async function refuse(
  state: CoreState,
  cluster: ClusterState,
  sequence: number,
  payloadHash: Hex,
  rejection: Rejection,
): Promise<never> {
  await state.journal.append({
    type: 'refused',
    clusterId: cluster.clusterId.toString(),
    sequence,
    payloadHash,
    code: rejection.code,
  });
  cluster.lastSequence = sequence;
  cluster.lastPayloadHash = payloadHash;
  throw new Rejection(rejection.code, rejection.message, 422, { ...rejection.extra, sequenceConsumed: true });
}

/**
 * The one place a rejected batch is counted, wherever it was rejected (URL, body schema or the core's checks): the
 * Prometheus counters for every sender, the per-cluster view only for a cluster this node holds, so batches for
 * made-up cluster ids cannot grow memory. `clusterId` is null when the URL did not name a valid one.
 */
export function recordRejectedBatch(
  state: CoreState,
  clusterId: bigint | null,
  rejection: Rejection,
  readings: number,
  sequence: number | null,
) {
  state.metrics.batchesRejected.inc({ reason: rejection.code });
  if (readings > 0) state.metrics.samplesRejected.inc({ reason: rejection.code }, readings);
  if (clusterId === null) return;
  state.clusters.get(clusterId)?.telemetry.recordRejected(rejection, readings, sequence);
}

/** The operator's view of a cluster's telemetry; undefined for a cluster this node holds no inventory for. */
export function telemetryStatus(state: CoreState, clusterId: bigint): TelemetryStatus | undefined {
  const cluster = state.clusters.get(clusterId);
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
export function applyBatch(
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
