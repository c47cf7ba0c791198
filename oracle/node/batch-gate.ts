/**
 * What stands between an anonymous POST /clusters/:id/batches and a cluster's serial ingest queue (L-4).
 *
 * Anyone can post a batch. Before this gate every junk body took its turn in the cluster's queue (an ecrecover and a
 * registry read each, ahead of the agent's next batch) and landed in the operator's list of recent rejections, so 20
 * posts pushed the operator's real diagnostics out. Now:
 * - a batch is authenticated before it is queued: it must name a cluster this node holds, carry the cluster
 *   operator's signature (cached registry read) and a sequence above the last accepted one. Whatever fails here
 *   never reaches the queue, and is counted per cluster and code (counts only: a stranger's input never enters the
 *   operator's recent list). The core checks the same signature again inside the queue, so an address that has
 *   delivered accepted batches and sent nothing rejected for a while (its bucket is full: the agent) skips this copy
 *   and pays for one verification per batch, as before; a rejection from it is then classified by its code
 *   (NOT_THE_OPERATORS), and the first one drops the address back to pre-queue checks;
 * - each client IP has a token bucket that such failures drain; an IP with an empty bucket is answered 429 before its
 *   body is even read, unless an operator-signed batch from it was accepted before (its agent, or a proxy in front of
 *   it: those still pay only for the authentication, outside the queue, and a flood from them cannot delay the agent);
 * - every map is bounded (clients, agents) or keyed by what the node already holds (clusters × a fixed set of codes).
 */
import { type Address, getAddress, type Hex, keccak256, toBytes } from 'viem';
import { recoverSigner, telemetryBatchDigest } from '../eip712';
import { Rejection } from '../errors';
import type { OracleCore } from './core';
import type { BatchBody } from './protocol';

export type BatchGateOptions = {
  /** Unauthenticated rejections one IP may cause in a burst. */
  burst?: number;
  /** Tokens an IP earns back per second. */
  refillPerSecond?: number;
  /** Client IPs whose buckets are remembered (the oldest is forgotten beyond it). */
  maxClients?: number;
  /** IPs remembered as having delivered an accepted operator-signed batch. */
  maxAgents?: number;
};

const DEFAULTS: Required<BatchGateOptions> = { burst: 30, refillPerSecond: 1, maxClients: 10_000, maxAgents: 1_024 };

export class BatchGate {
  private readonly options: Required<BatchGateOptions>;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly agents = new Set<string>();
  private readonly unauthenticated = new Map<bigint, Map<string, number>>();

  constructor(options: BatchGateOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** True when `ip` has used up its unauthenticated rejections and is not a known agent: refuse before any work. */
  limited(ip: string, now = Date.now()) {
    if (this.agents.has(ip)) return false;
    const bucket = this.buckets.get(ip);
    return bucket !== undefined && this.refill(bucket, now) < 1;
  }

  /** Seconds until `ip` may try again (for Retry-After). */
  retryAfterSeconds() {
    return Math.max(1, Math.ceil(1 / this.options.refillPerSecond));
  }

  /** One unauthenticated rejection from `ip`. */
  charge(ip: string, now = Date.now()) {
    let bucket = this.buckets.get(ip);
    if (bucket) {
      this.refill(bucket, now);
      // Re-inserted so that eviction takes the client idle longest.
      this.buckets.delete(ip);
    } else {
      bucket = { tokens: this.options.burst, at: now };
      if (this.buckets.size >= this.options.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    }
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    this.buckets.set(ip, bucket);
  }

  /** A known agent address with nothing rejected lately: its batches go to the core's own checks directly. */
  quietAgent(ip: string, now = Date.now()) {
    if (!this.agents.has(ip)) return false;
    const bucket = this.buckets.get(ip);
    return bucket === undefined || this.refill(bucket, now) >= this.options.burst;
  }

  /** `ip` delivered a batch the node accepted: its agent (or the proxy in front of it) is never refused unread. */
  trust(ip: string) {
    this.agents.delete(ip);
    if (this.agents.size >= this.options.maxAgents) this.agents.delete(this.agents.values().next().value!);
    this.agents.add(ip);
  }

  /** Counts a rejection that did not come from the operator; `clusterId` must be one this node holds. */
  count(clusterId: bigint, code: string) {
    let counts = this.unauthenticated.get(clusterId);
    if (!counts) {
      counts = new Map();
      this.unauthenticated.set(clusterId, counts);
    }
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }

  unauthenticatedCounts(clusterId: bigint): Record<string, number> {
    return Object.fromEntries(this.unauthenticated.get(clusterId) ?? []);
  }

  private refill(bucket: { tokens: number; at: number }, now: number) {
    const earned = ((now - bucket.at) / 1000) * this.options.refillPerSecond;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + Math.max(0, earned));
    bucket.at = Math.max(bucket.at, now);
    return bucket.tokens;
  }
}

/**
 * The rejections a batch can get before anyone has checked that the operator signed it (the body schema here, the
 * checks above and the first checks of the core's ingest). Every other rejection is of an operator-signed batch.
 */
export const NOT_THE_OPERATORS: ReadonlySet<string> = new Set([
  'invalid_body',
  'cluster_not_attested',
  'cluster_mismatch',
  'invalid_signature',
  'not_operator',
]);

/** Whether this node holds a verified inventory for `clusterId` (the core keeps a telemetry view exactly for those). */
export const holdsCluster = (core: OracleCore, clusterId: bigint) => core.telemetryStatus(clusterId) !== undefined;

/**
 * The checks of the core's ingest that need no cluster state beyond the last sequence, done before the batch is
 * queued. The core repeats them inside the queue (the operator or the sequence may change while a batch waits); this
 * copy only keeps strangers and replays out of the queue. Resolves with the operator who signed.
 */
export async function authenticateBatch(core: OracleCore, clusterId: bigint, body: BatchBody): Promise<Address> {
  if (!holdsCluster(core, clusterId)) {
    throw new Rejection('cluster_not_attested', `this node holds no verified inventory for cluster ${clusterId}`, 409);
  }
  if (BigInt(body.clusterId) !== clusterId) {
    throw new Rejection('cluster_mismatch', 'the batch names another cluster than the URL', 400);
  }
  const payloadHash = keccak256(toBytes(body.payload));
  const digest = telemetryBatchDigest(core.config.context, clusterId, BigInt(body.sequence), payloadHash);
  const signer = await recoverSigner(digest, body.signature as Hex).catch(() => undefined);
  if (!signer) throw new Rejection('invalid_signature', 'the batch signature does not recover', 401);
  const onChain = await core.registry.cluster(clusterId);
  if (getAddress(signer) !== getAddress(onChain.operator)) {
    throw new Rejection('not_operator', 'the batch is not signed by the cluster operator', 403, {
      signer,
      operator: onChain.operator,
    });
  }
  const lastSequence = core.lastSequence(clusterId);
  // The same rule as the core's, answered the same way, so a replay never reaches the cluster's queue.
  if (body.sequence <= lastSequence) {
    throw new Rejection('batch_already_accepted', `batch ${body.sequence} was already accepted`, 409, {
      lastSequence,
      identical: body.sequence === lastSequence && core.isLastPayload(clusterId, payloadHash),
    });
  }
  return signer;
}
