/**
 * What stands between an anonymous POST /clusters/:id/batches and a cluster's serial ingest queue (L-4).
 *
 * Anyone can post a batch. Before this gate every junk body took its turn in the cluster's queue (an ecrecover and a
 * registry read each, ahead of the agent's next batch) and landed in the operator's list of recent rejections, so 20
 * posts pushed the operator's real diagnostics out. Now:
 * - a batch is authenticated before it is queued: it must name a cluster this node holds, carry the cluster
 *   operator's signature (cached registry read) and a sequence above the last accepted one. The signer is recovered
 *   from the `payloadHash` the body carries, and the payload hashed only once the signer is the operator, so a
 *   stranger's batch costs one recovery (#2); its bytes are bounded by the cluster's GPU count before it is read.
 *   Whatever fails here never reaches the queue, and is counted per cluster and code (counts only: a stranger's input
 *   never enters the operator's recent list). The core checks the same signature again inside the queue, so an
 *   (IP, cluster) pair that has delivered accepted batches and sent nothing rejected for a while (its bucket is full:
 *   the agent) skips this copy and pays for one verification per batch, as before; a rejection from it is then
 *   classified by its code (NOT_THE_OPERATORS), and the first one drops the address back to pre-queue checks;
 * - each client IP has a token bucket: a batch request takes a token when it arrives, before any work, and gets it
 *   back once the operator's signature checked out, so a refused request pays whatever it cost. An IP with an empty
 *   bucket is answered 429 before its body is even read, unless an operator-signed batch of that very cluster from it
 *   was accepted before (its agent, or a proxy in front of it: those still pay only for the authentication, outside
 *   the queue, and a flood from them cannot delay the agent). Such a pair takes no token on arrival (several clusters'
 *   agents behind one proxy have many batches in flight) and is charged for each refusal when it happens. Trust is
 *   per (IP, cluster): anyone can attest a cluster of their own, and that must buy nothing for another's (#3);
 * - every map is bounded (clients, agents) or keyed by what the node already holds (clusters × a fixed set of codes).
 */

import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Address, getAddress, type Hex, keccak256, toBytes } from 'viem';
import { Rejection } from '#protocol/base-error';
import { recoverSigner, telemetryBatchDigest } from '#protocol/eip712';
import { type BatchBody, MAX_GPUS_PER_CLUSTER, MAX_LEASES_PER_GPU } from '#protocol/wire';
import { limitBody } from './body-limit';
import type { OracleCore } from './core';
import { IpBuckets } from './ip-buckets';

export type BatchGateOptions = {
  /** Unauthenticated rejections one IP may cause in a burst. */
  burst?: number;
  /** Tokens an IP earns back per second. */
  refillPerSecond?: number;
  /** Client IPs whose buckets are remembered (the oldest is forgotten beyond it). */
  maxClients?: number;
  /** (IP, cluster) pairs remembered as having delivered an accepted operator-signed batch. */
  maxAgents?: number;
};

const DEFAULTS: Required<BatchGateOptions> = { burst: 30, refillPerSecond: 1, maxClients: 10_000, maxAgents: 1_024 };

const pair = (ip: string, clusterId: bigint) => `${ip}|${clusterId}`;

export class BatchGate {
  private readonly options: Required<BatchGateOptions>;
  private readonly buckets: IpBuckets;
  /**
   * (IP, cluster) pairs that delivered an accepted batch. Per cluster, not per IP: anyone can register and attest a
   * cluster of their own, and trust earned with it must buy nothing for another cluster's batches (ATTACK-9).
   */
  private readonly agents = new Set<string>();
  private readonly unauthenticated = new Map<bigint, Map<string, number>>();

  constructor(options: BatchGateOptions = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.buckets = new IpBuckets(this.options);
  }

  /**
   * True when `ip` has used up its tokens and is not a known agent of `clusterId`: refuse before any work. A pair that
   * delivered accepted batches is never refused unread (its agent may share the IP with a flooder behind one NAT).
   */
  limited(ip: string, clusterId: bigint | null, now = Date.now()) {
    if (clusterId !== null && this.agents.has(pair(ip, clusterId))) return false;
    return this.buckets.empty(ip, now);
  }

  /** Seconds until `ip` may try again (for Retry-After). */
  retryAfterSeconds() {
    return this.buckets.retryAfterSeconds();
  }

  /**
   * One token of `ip`. Taken when a request arrives, before the node does any work for it, unless the IP is trusted
   * for the cluster: a request that is then refused has paid whatever it cost (a 413, a body that does not parse, a
   * signature that is not the operator's); `refund` gives it back once the operator's signature checked out. A
   * trusted pair's refusals are charged when they happen.
   */
  charge(ip: string, now = Date.now()) {
    this.buckets.take(ip, now);
  }

  refund(ip: string, now = Date.now()) {
    this.buckets.refund(ip, now);
  }

  /** Whether `ip` delivered accepted batches of `clusterId`. */
  trusted(ip: string, clusterId: bigint) {
    return this.agents.has(pair(ip, clusterId));
  }

  /** A known agent of `clusterId` with nothing rejected lately: its batches go to the core's own checks directly. */
  quietAgent(ip: string, clusterId: bigint, now = Date.now()) {
    return this.agents.has(pair(ip, clusterId)) && this.buckets.tokens(ip, now) >= this.options.burst;
  }

  /** `ip` delivered a batch of `clusterId` the node accepted: its agent (or the proxy in front of it). */
  trust(ip: string, clusterId: bigint) {
    const key = pair(ip, clusterId);
    this.agents.delete(key);
    if (this.agents.size >= this.options.maxAgents) this.agents.delete(this.agents.values().next().value!);
    this.agents.add(key);
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
  'invalid_payload_hash',
  'body_too_large',
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
  // The signature covers the payload's hash, which the body carries: one recovery tells a stranger's batch from the
  // operator's, and only the operator's payload is hashed (up to megabytes) to check it is the one signed (#2).
  const payloadHash = body.payloadHash as Hex;
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
  checkPayloadHash(body);
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

/**
 * Refuses an operator-signed batch whose payload is not the one its signature covers (`payloadHash`): someone replayed
 * the operator's signature with another payload. Called only once the signer is known to be the operator.
 */
export function checkPayloadHash(body: Pick<BatchBody, 'payload' | 'payloadHash'>) {
  if (keccak256(toBytes(body.payload)) !== body.payloadHash.toLowerCase()) {
    throw new Rejection(
      'invalid_payload_hash',
      'the payload is not the one whose hash the batch signature covers',
      400,
    );
  }
}

/**
 * What a batch of a cluster may weigh (#2): per on-chain GPU, a batch of MAX_SNAPSHOTS_PER_BATCH snapshots of
 * BATCH_BYTES_PER_READING per reading (the longest UUID and five numbers written at full precision) and
 * MAX_LEASES_PER_GPU leases of BATCH_BYTES_PER_LEASE (the longest ids and price), plus room for the body around them,
 * never more than BATCH_BODY_HARD_LIMIT. The agent batches a few snapshots (6 by default), far below this.
 */
export const MAX_SNAPSHOTS_PER_BATCH = 1_000;
export const BATCH_BYTES_PER_READING = 320;
export const BATCH_BYTES_PER_SNAPSHOT = 64;
export const BATCH_BYTES_PER_LEASE = 512;
export const BATCH_BASE_BYTES = 4_096;
export const BATCH_BODY_HARD_LIMIT = 16 * 1024 * 1024;
export const batchByteLimit = (gpuCount: number) => {
  const gpus = Math.min(Math.max(0, gpuCount), MAX_GPUS_PER_CLUSTER);
  return Math.min(
    BATCH_BODY_HARD_LIMIT,
    BATCH_BASE_BYTES +
      MAX_SNAPSHOTS_PER_BATCH * (BATCH_BYTES_PER_SNAPSHOT + gpus * BATCH_BYTES_PER_READING) +
      gpus * MAX_LEASES_PER_GPU * BATCH_BYTES_PER_LEASE,
  );
};

/**
 * A preParsing hook for the batches route, like the attestation answer's (attestation.ts): a cluster this node does
 * not hold is refused before its body is read (no registry read for made-up ids), and a body over batchByteLimit(the
 * cluster's on-chain GPU count, cached registry read) is refused 413 from its Content-Length, or cut off at the limit
 * when it has none. `onRefused` sees each refusal (the route's own accounting never does: no handler runs).
 */
export function batchBodyGuard(
  core: OracleCore,
  onRefused: (request: FastifyRequest, clusterId: bigint, rejection: Rejection) => void,
) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: NodeJS.ReadableStream) => {
    const param = (request.params as { clusterId?: unknown }).clusterId;
    if (typeof param !== 'string' || !/^\d{1,78}$/.test(param)) return payload;
    const clusterId = BigInt(param);
    const refuse = (rejection: Rejection) => {
      reply.header('connection', 'close');
      onRefused(request, clusterId, rejection);
      return rejection;
    };
    if (!holdsCluster(core, clusterId)) {
      throw refuse(
        new Rejection('cluster_not_attested', `this node holds no verified inventory for cluster ${clusterId}`, 409),
      );
    }
    const { gpuCount } = await core.registry.cluster(clusterId);
    const limit = batchByteLimit(gpuCount);
    const tooLarge = () =>
      new Rejection('body_too_large', `a batch for ${gpuCount} GPUs takes at most ${limit} bytes`, 413, {
        limit,
        gpuCount,
      });
    return limitBody(request, payload, limit, () => refuse(tooLarge()));
  };
}
