/**
 * Wire formats of the oracle node's HTTP API and of epoch reports wherever they travel as JSON (node to node, node to
 * app, the app's JSON API), validated with zod at the boundary. Amounts travel as decimal strings (bigint end to end),
 * times as Unix milliseconds (samples, leases) or seconds (epochs, attestation expiry).
 */
import { type Address, getAddress, type Hex, isAddress, isHex } from 'viem';
import { z } from 'zod';
import type { EpochReport } from './eip712';

const hex32 = z
  .string()
  .refine((value): value is Hex => isHex(value) && value.length === 66, 'a 0x-prefixed 32-byte hex');
const signature = z.string().refine((value): value is Hex => isHex(value) && value.length === 132, '65-byte signature');
const address = z
  .string()
  .refine(isAddress, 'an address')
  .transform((value) => getAddress(value) as Address);
const uintString = z.string().regex(/^\d{1,78}$/, 'a non-negative integer as a decimal string');
const maybeNumber = z.number().finite().nullable();

/** Largest inventory a node takes (attestation answers list at most this many UUIDs). */
export const MAX_GPUS_PER_CLUSTER = 100_000;
/**
 * Leases a node holds per GPU, open or ended inside the open epochs (a few tenants sharing a GPU over an epoch). A
 * cluster's lease memory is therefore bounded by its GPU count; a batch adding more is refused `too_many_leases`.
 */
export const MAX_LEASES_PER_GPU = 4;
/** One batch cannot carry more leases than one lease per GPU of the largest cluster. */
export const MAX_LEASES_PER_BATCH = MAX_GPUS_PER_CLUSTER;

export const gpuSampleSchema = z.object({
  uuid: z.string().max(64),
  utilizationPct: maybeNumber,
  memoryUsedMiB: maybeNumber,
  memoryTotalMiB: maybeNumber,
  temperatureC: maybeNumber,
  powerW: maybeNumber,
});

export const snapshotSchema = z.object({
  t: z.number().int().nonnegative(),
  gpus: z.array(gpuSampleSchema).max(MAX_GPUS_PER_CLUSTER),
});

export const leaseSchema = z.object({
  gpuUuid: z.string().max(64),
  leaseId: z.string().min(1).max(128),
  tenantHash: hex32,
  pricePerHour: uintString,
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative().nullable(),
});

/** What the agent signs (as the exact JSON text) for one batch. */
export const batchPayloadSchema = z.object({
  snapshots: z.array(snapshotSchema).max(10_000),
  leases: z.array(leaseSchema).max(MAX_LEASES_PER_BATCH),
});
export type BatchPayload = z.infer<typeof batchPayloadSchema>;
export type Snapshot = z.infer<typeof snapshotSchema>;
export type WireLease = z.infer<typeof leaseSchema>;

export const batchBodySchema = z.object({
  clusterId: uintString,
  sequence: z.number().int().positive(),
  /** The JSON text of a BatchPayload; its keccak256 is what the operator signed. */
  payload: z.string().max(16_000_000),
  /**
   * keccak256 of `payload`, the hash the signature covers: the node recovers the signer from it before it hashes the
   * payload, so a stranger's batch costs one recovery, not a hash over megabytes. Required: a body without it is
   * `invalid_body`.
   */
  payloadHash: hex32,
  signature,
});
export type BatchBody = z.infer<typeof batchBodySchema>;

/** The largest inventory a node checks (and so the answer route's hard body limit): the largest cluster it serves. */
export const MAX_INVENTORY_GPUS = MAX_GPUS_PER_CLUSTER;

export const attestationBodySchema = z.object({
  challenge: hex32,
  uuids: z.array(z.string().max(64)).min(1).max(MAX_INVENTORY_GPUS),
  validUntil: z.number().int().positive(),
  /**
   * Chain time (Unix s) the attestation states it was checked at, chosen by the requester so that every node signs
   * the same message; a node accepts it only within ATTESTATION_ISSUED_AT_WINDOW_SECONDS before its own chain time.
   */
  issuedAt: z.number().int().positive(),
  /** The registry's committeeVersion(); a node refuses any other. */
  committeeVersion: z.number().int().positive(),
  signature,
});
export type AttestationBody = z.infer<typeof attestationBodySchema>;

/** A node's answer to POST /clusters/:id/attestation/challenge. */
export const challengeSchema = z.object({ challenge: hex32, expiresAt: z.number() });

/** A node's answer to an accepted inventory: the attestation it signed, with its signature. */
export const attestationSignatureSchema = z.object({
  attestation: z.object({
    clusterId: uintString,
    hardwareRoot: hex32,
    gpuCount: z.number().int().positive(),
    issuedAt: z.number().int().positive(),
    validUntil: z.number().int().positive(),
    nonce: z.number().int().nonnegative(),
    committeeVersion: z.number().int().positive(),
  }),
  signer: address,
  signature,
});
export type AttestationSignature = z.infer<typeof attestationSignatureSchema>;

export const wireReportSchema = z.object({
  clusterId: uintString,
  epoch: uintString,
  gpuHoursMilli: uintString,
  utilizationBps: z.number().int().min(0).max(65_535),
  gpusOnline: z.number().int().min(0).max(4_294_967_295),
  revenue: uintString,
  telemetryRoot: hex32,
  committeeVersion: z.number().int().positive().max(4_294_967_295),
});
export type WireReport = z.infer<typeof wireReportSchema>;

/** How many of a cluster's latest rejected batches GET /clusters/:clusterId/telemetry lists. */
export const RECENT_REJECTIONS_KEPT = 20;

const countsByRejectionCode = z.record(z.string(), z.number().int().nonnegative());

export const recentRejectionSchema = z.object({
  /** When the node turned the batch away (Unix ms). */
  at: z.number().int().nonnegative(),
  code: z.string(),
  message: z.string(),
  /** GPU readings in the rejected body (0 when its payload did not parse). */
  readings: z.number().int().nonnegative(),
  /** The body's sequence, or null when it had none that was an integer. */
  sequence: z.number().int().nullable(),
});
export type RecentRejection = z.infer<typeof recentRejectionSchema>;

/**
 * GET /clusters/:clusterId/telemetry: one node's view of a cluster's telemetry for its operator. The counters and
 * rejections cover the node's current process (it restarts them empty); lastSequence and lastSampleAt come from the
 * journal.
 */
export const telemetryStatusSchema = z.object({
  clusterId: uintString,
  gpus: z.number().int().nonnegative(),
  lastSequence: z.number().int().nonnegative(),
  /** When this node last accepted a batch (Unix ms); null until it accepts one after starting. */
  lastBatchAt: z.number().int().nonnegative().nullable(),
  /** Time of the newest accepted snapshot (Unix ms); null before the first. */
  lastSampleAt: z.number().int().nonnegative().nullable(),
  acceptedBatches: z.number().int().nonnegative(),
  acceptedSamples: z.number().int().nonnegative(),
  rejectedBatches: countsByRejectionCode,
  rejectedSamples: countsByRejectionCode,
  /** Newest first. */
  recentRejections: z.array(recentRejectionSchema).max(RECENT_REJECTIONS_KEPT),
});
export type TelemetryStatus = z.infer<typeof telemetryStatusSchema>;

/**
 * What GET /clusters/:clusterId/telemetry answers (L-4, see telemetry-access.ts): the counts for anyone, and the recent
 * rejections (messages quote GPU UUIDs) only for a request signed by the cluster's operator or a trusted reader.
 */
export const telemetryViewSchema = telemetryStatusSchema.omit({ recentRejections: true }).extend({
  /** The answering node's committee address: what a view signature names. */
  node: address,
  view: z.enum(['public', 'operator']),
  /**
   * Batches refused before the cluster's queue because they were not the operator's (bad body or signature, another
   * signer, a replay of an accepted sequence), by code: counted only, never listed among the recent rejections.
   */
  unauthenticatedBatches: countsByRejectionCode,
  /** Only in the operator view. Newest first. */
  recentRejections: z.array(recentRejectionSchema).max(RECENT_REJECTIONS_KEPT).optional(),
});
export type TelemetryView = z.infer<typeof telemetryViewSchema>;

export const signatureItemSchema = z.object({ report: wireReportSchema, signer: address, signature });
/** What a node pushes to a peer in one request (peers.ts); a larger body is refused before any work. */
export const MAX_SIGNATURES_PER_REQUEST = 2_000;
export const signatureBatchSchema = z.object({ items: z.array(signatureItemSchema).max(MAX_SIGNATURES_PER_REQUEST) });
/** A full batch is about 800 KB of JSON; a larger body is refused before it is read whole. */
export const MAX_SIGNATURE_BODY_BYTES = 2 * 1024 * 1024;

/** Reports one pull asks a peer about (GET /signatures?reports=...). */
export const MAX_PULL_REPORTS = 200;
export const pullQuerySchema = z.object({
  reports: z
    .string()
    .max(MAX_PULL_REPORTS * 100)
    .transform((value) => value.split(','))
    .pipe(
      z
        .array(z.string().regex(/^\d{1,78}:\d{1,20}$/, 'clusterId:epoch'))
        .min(1)
        .max(MAX_PULL_REPORTS),
    ),
});
/** A peer's answer to a pull: at most committee-size signatures per report asked about. */
export const pullAnswerSchema = z.object({ items: z.array(signatureItemSchema).max(MAX_SIGNATURES_PER_REQUEST) });

/** An epoch report as the mirror holds it once mined: the signed figures (without the committee version, which the
 * ReportAccepted event does not carry) and where it landed. */
export type MinedReport = Omit<EpochReport, 'committeeVersion'> & {
  submitter: Address;
  transactionHash: Hex;
  blockNumber: bigint;
  blockTime: Date;
};

export const minedReportSchema = wireReportSchema.omit({ committeeVersion: true }).extend({
  submitter: address,
  transactionHash: hex32,
  blockNumber: uintString,
  /** ISO 8601, UTC. */
  blockTime: z.string().datetime(),
});
export type MinedWireReport = z.infer<typeof minedReportSchema>;

/**
 * The one JSON form of an epoch report: the figures as the registry hashes them (bigints as decimal strings), plus,
 * for a mined report, its submitter, transaction, block and block time. Used by the node (peers, journal, API) and by
 * the app's pages and JSON API, so a report reads the same wherever it is shown. Extra fields of the input (a database
 * row's chain id, log index…) are never copied.
 */
// The plain overload comes last so that `ReturnType<typeof toWireReport>` stays the node's WireReport.
export function toWireReport(report: MinedReport): MinedWireReport;
export function toWireReport(report: EpochReport): WireReport;
export function toWireReport(report: EpochReport | MinedReport): WireReport | MinedWireReport {
  const figures = {
    clusterId: report.clusterId.toString(),
    epoch: report.epoch.toString(),
    gpuHoursMilli: report.gpuHoursMilli.toString(),
    utilizationBps: report.utilizationBps,
    gpusOnline: report.gpusOnline,
    revenue: report.revenue.toString(),
    telemetryRoot: report.telemetryRoot,
  };
  if ('transactionHash' in report) {
    return {
      ...figures,
      submitter: report.submitter,
      transactionHash: report.transactionHash,
      blockNumber: report.blockNumber.toString(),
      blockTime: report.blockTime.toISOString(),
    };
  }
  return { ...figures, committeeVersion: report.committeeVersion };
}

export const fromWireReport = (report: WireReport): EpochReport => ({
  clusterId: BigInt(report.clusterId),
  epoch: BigInt(report.epoch),
  gpuHoursMilli: BigInt(report.gpuHoursMilli),
  utilizationBps: report.utilizationBps,
  gpusOnline: report.gpusOnline,
  revenue: BigInt(report.revenue),
  telemetryRoot: report.telemetryRoot as Hex,
  committeeVersion: report.committeeVersion,
});

export const sameReport = (a: EpochReport, b: EpochReport) =>
  a.clusterId === b.clusterId &&
  a.epoch === b.epoch &&
  a.gpuHoursMilli === b.gpuHoursMilli &&
  a.utilizationBps === b.utilizationBps &&
  a.gpusOnline === b.gpusOnline &&
  a.revenue === b.revenue &&
  a.telemetryRoot === b.telemetryRoot &&
  a.committeeVersion === b.committeeVersion;

/** The same epoch figures signed for another committee version (a re-signature after a committee change). */
export const sameFigures = (a: EpochReport, b: EpochReport) =>
  sameReport(a, { ...b, committeeVersion: a.committeeVersion });

/**
 * How far before a node's view of chain time an attestation's `issuedAt` may be. The registry counts the heartbeat
 * from it, so a requester cannot backdate or hold an attestation for longer than this.
 */
export const ATTESTATION_ISSUED_AT_WINDOW_SECONDS = 600;

/**
 * Every refusal of a node's API: `{ error: { code, message, ...details } }` (./base-error.ts Rejection.toBody). Readers
 * (the agent, the app's relay) parse it with this instead of trusting a cast; codes and messages are bounded.
 */
export const errorBodySchema = z.object({
  error: z
    .object({
      code: z.string().min(1).max(100),
      message: z.string().max(4_000),
    })
    .passthrough(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
