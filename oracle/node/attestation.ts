/**
 * The node's side of challenge-response attestation, up to the decision that an inventory is the cluster's: issuing
 * challenges (kept by challenge-book.ts), the checks of an answer, and the guard that refuses an oversized answer
 * before its body is read. Both routes are unauthenticated, so every step is ordered by what it costs the node: the
 * answer is refused on its size, its UUID count and the operator's signature (over the on-chain root and count, which
 * needs no UUIDs) before a single UUID is canonicalized or hashed. Only an answer the operator signed reaches the tree.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Address, type Hex, recoverMessageAddress, zeroAddress } from 'viem';
import { z } from 'zod';
import { clusterRegistryClusterStatus as ClusterStatus } from '#contracts';
import { Rejection } from '#protocol/base-error';
import { type ChainContext, inventoryProofDigest, recoverSigner } from '#protocol/eip712';
import { canonicalGpuUuid, hardwareRootOfCanonical } from '#protocol/hardware';
import { ATTESTATION_ISSUED_AT_WINDOW_SECONDS, attestationBodySchema, MAX_INVENTORY_GPUS } from '#protocol/wire';
import { limitBody } from './body-limit';
import type { OnChainCluster, RegistryView } from './chain';
import { ChallengeBook, DEFAULT_CHALLENGE_LIMITS } from './challenge-book';
import { IpBuckets } from './ip-buckets';
import { PEER_AUTH_WINDOW_MS } from './peer-auth';

/** A UUID already spelled canonically (what the agent sends) is taken as is: canonicalGpuUuid costs 4x as much. */
const CANONICAL_GPU_UUID = /^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * What the answer route parses before the cheap checks: the wire format (attestationBodySchema) except that the UUID
 * entries are checked (a string of at most 64 characters) only once the operator's signature is. Validating 100,000
 * strings with zod costs more than everything else a refusal does.
 */
export const attestationAnswerSchema = attestationBodySchema.extend({
  uuids: z.array(z.unknown()).min(1).max(MAX_INVENTORY_GPUS),
});
export type AttestationAnswer = z.infer<typeof attestationAnswerSchema>;

/** How far an attestation's `issuedAt` may be ahead of this node's view of chain time (RPC nodes lag each other). */
const ISSUED_AT_SKEW_SECONDS = 60;

/** Anonymous challenge requests per client IP: the agent attests a few clusters at once; an outsider is slowed. */
export const CHALLENGE_IP_LIMITS = { burst: 16, refillPerSecond: 0.5, maxKeys: 10_000 };
/**
 * Signed answers per cluster: each builds a tree over up to 100,000 UUIDs and is signed (finding 6). An operator
 * answers once per node per attestation; a few retries fit.
 */
export const ANSWER_CLUSTER_LIMITS = { burst: 6, refillPerSecond: 0.1, maxKeys: 10_000 };
/**
 * Fresh registry reads per cluster for an answer its cached read refuses on what a stale cache can cause (the count,
 * the operator's signature over the root and count, the status): the operator who has just called updateHardware
 * re-attests at once, and a stranger's forged answers cost at most this many RPCs. A read that shows the cached one
 * was stale is given back; a stranger who empties the bucket leaves the operator the cache's TTL to wait, no more.
 */
export const REREAD_CLUSTER_LIMITS = { burst: 2, refillPerSecond: 0.2, maxKeys: 10_000 };

/** Refusals of checkAuthorized that a cached read older than an updateHardware, handover or status change causes. */
const STALE_READ_CODES: ReadonlySet<string> = new Set(['gpu_count_mismatch', 'not_operator', 'cluster_not_attestable']);

/** Whether two reads agree on everything checkAuthorized looks at. */
const sameCommitment = (a: OnChainCluster, b: OnChainCluster) =>
  a.operator === b.operator && a.hardwareRoot === b.hardwareRoot && a.gpuCount === b.gpuCount && a.status === b.status;

/**
 * What a challenge request signed by the operator says (EIP-191 `personal_sign`): the node and cluster it is for and
 * when (Unix s), so it cannot be replayed to another node, and on this one only within the window, once.
 */
export const challengeRequestMessage = (context: ChainContext, node: Address, clusterId: bigint, requestedAt: number) =>
  [
    'Rackshare attestation challenge request',
    `chain: ${context.chainId}`,
    `registry: ${context.registry.toLowerCase()}`,
    `node: ${node.toLowerCase()}`,
    `cluster: ${clusterId}`,
    `time: ${requestedAt}`,
  ].join('\n');

export const challengeRequestSchema = z
  .object({
    requestedAt: z.number().int().nonnegative().optional(),
    signature: z
      .string()
      .regex(/^0x[0-9a-fA-F]{130}$/)
      .optional(),
  })
  .refine((body) => (body.requestedAt === undefined) === (body.signature === undefined), {
    message: 'requestedAt and signature come together',
  });
export type ChallengeRequest = z.infer<typeof challengeRequestSchema>;

/** The inventory a node already holds for a cluster: an answer for the same one needs no tree (finding 6). */
export type HeldInventory = { uuids: ReadonlySet<string>; root: Hex };

/** What the answer checks established: the canonical inventory, its root (the on-chain one) and the chain's view. */
export type VerifiedInventory = {
  uuids: string[];
  root: Hex;
  onChain: OnChainCluster;
  committeeVersion: number;
};

export type AttestationRegistry = Pick<RegistryView, 'cluster' | 'chainTime' | 'committeeVersion'>;

export type AttestationDeskConfig = {
  context: ChainContext;
  maxAttestationSeconds: number;
  /** This node's address, which a signed challenge request names; without it only anonymous requests are taken. */
  node?: Address;
  /** The inventory this node holds for a cluster, if any. */
  held?: (clusterId: bigint) => HeldInventory | undefined;
  now?: () => number;
};

const rateLimited = (message: string, retryAfterSeconds: number) =>
  new Rejection('rate_limited', message, 429, { retryAfterSeconds });

export class AttestationDesk {
  private readonly now: () => number;
  readonly requestsByIp: IpBuckets;
  readonly answersByCluster: IpBuckets;
  readonly rereadsByCluster: IpBuckets;
  /** Signed challenge requests already used, until their window ends (only valid operator signatures get here). */
  private readonly usedRequests = new Map<Hex, number>();

  constructor(
    private readonly registry: AttestationRegistry,
    private readonly config: AttestationDeskConfig,
    readonly challenges = new ChallengeBook(DEFAULT_CHALLENGE_LIMITS, config.now),
  ) {
    this.now = config.now ?? Date.now;
    const ip = CHALLENGE_IP_LIMITS;
    this.requestsByIp = new IpBuckets({ burst: ip.burst, refillPerSecond: ip.refillPerSecond, maxClients: ip.maxKeys });
    const answers = ANSWER_CLUSTER_LIMITS;
    this.answersByCluster = new IpBuckets({
      burst: answers.burst,
      refillPerSecond: answers.refillPerSecond,
      maxClients: answers.maxKeys,
    });
    const rereads = REREAD_CLUSTER_LIMITS;
    this.rereadsByCluster = new IpBuckets({
      burst: rereads.burst,
      refillPerSecond: rereads.refillPerSecond,
      maxClients: rereads.maxKeys,
    });
  }

  /**
   * A challenge for a registered cluster; the registry read is the cached one (anyone may call this). A request from
   * `ip` is charged to that IP's bucket before any work (the registry read included); a request signed by the
   * cluster's operator gets a reserved challenge (ChallengeBook).
   */
  async issue(clusterId: bigint, from: { ip?: string; request?: ChallengeRequest } = {}) {
    if (from.ip !== undefined && !this.requestsByIp.tryTake(from.ip, this.now())) {
      throw rateLimited(
        'too many challenge requests from this address',
        this.requestsByIp.retryAfterSeconds(from.ip, this.now()),
      );
    }
    const onChain = await this.registry.cluster(clusterId);
    if (onChain.operator === zeroAddress) {
      throw new Rejection('unknown_cluster', `cluster ${clusterId} is not registered`, 404);
    }
    const { requestedAt, signature } = from.request ?? {};
    if (requestedAt === undefined || signature === undefined) return this.challenges.issue(clusterId);
    await this.checkSignedRequest(clusterId, requestedAt, signature as Hex, onChain);
    return this.challenges.issue(clusterId, true);
  }

  private async checkSignedRequest(clusterId: bigint, requestedAt: number, signature: Hex, onChain: OnChainCluster) {
    const now = this.now();
    if (!this.config.node) {
      throw new Rejection('invalid_challenge_request', 'this node takes anonymous challenge requests only', 400);
    }
    if (Math.abs(now - requestedAt * 1000) > PEER_AUTH_WINDOW_MS) {
      throw new Rejection('invalid_challenge_request', 'the request is dated more than 60 s from the node clock', 401, {
        now: Math.floor(now / 1000),
      });
    }
    const message = challengeRequestMessage(this.config.context, this.config.node, clusterId, requestedAt);
    const signer = await recoverMessageAddress({ message, signature }).catch(() => undefined);
    if (signer !== onChain.operator) {
      throw new Rejection('not_operator', 'the challenge request is not signed by the cluster operator', 403, {
        signer,
      });
    }
    for (const [used, until] of this.usedRequests) {
      if (until > now) break;
      this.usedRequests.delete(used);
    }
    if (this.usedRequests.has(signature)) {
      throw new Rejection('invalid_challenge_request', 'this signed request was used already', 409);
    }
    // Entries expire in insertion order (one window each); the cap only bites on an operator's own flood.
    if (this.usedRequests.size >= CHALLENGE_IP_LIMITS.maxKeys) {
      this.usedRequests.delete(this.usedRequests.keys().next().value!);
    }
    this.usedRequests.set(signature, now + 2 * PEER_AUTH_WINDOW_MS);
  }

  /** Checks an answer to one of this node's challenges, cheapest first; refuses with a Rejection. */
  async verify(clusterId: bigint, body: AttestationAnswer): Promise<VerifiedInventory> {
    const challenge = body.challenge as Hex;
    if (!this.challenges.take(challenge, clusterId)) {
      throw new Rejection(
        'unknown_challenge',
        'the challenge was not issued by this node for this cluster, or expired',
        409,
      );
    }
    // Checked against the cached read first (the body guard has just made it), or a fresh one where the cache may be
    // what refuses it (authorize).
    const checked = await this.authorize(clusterId, body);
    // Past the operator's signature (a stranger cannot spend the operator's allowance): each signed answer may cost a
    // tree over 100,000 UUIDs and a signature, so a cluster gets a few a minute.
    const key = clusterId.toString();
    if (!this.answersByCluster.tryTake(key, this.now())) {
      throw rateLimited(
        'too many attestation answers for this cluster',
        this.answersByCluster.retryAfterSeconds(key, this.now()),
      );
    }
    // The node signs the root, count and nonce of a fresh read (the operator may have just updated them); the checks
    // run again if it differs from the one they passed on.
    const onChain = checked.fresh ? checked.read : await this.registry.cluster(clusterId, true);
    if (!sameCommitment(onChain, checked.read)) await this.checkAuthorized(clusterId, body, onChain);
    const [chainTime, committeeVersion] = await Promise.all([
      this.registry.chainTime(),
      this.registry.committeeVersion(true),
    ]);
    if (body.validUntil <= chainTime || body.validUntil > chainTime + this.config.maxAttestationSeconds) {
      throw new Rejection(
        'invalid_valid_until',
        'validUntil must be in the future and within the allowed validity',
        422,
        { chainTime, maxValiditySeconds: this.config.maxAttestationSeconds },
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
    if (body.committeeVersion !== committeeVersion) {
      throw new Rejection('committee_version_mismatch', 'the committee changed: sign for the current version', 409, {
        committeeVersion,
      });
    }
    const uuids: string[] = new Array(body.uuids.length);
    for (let index = 0; index < body.uuids.length; index++) {
      const raw = body.uuids[index];
      if (typeof raw !== 'string' || raw.length > 64) {
        throw new Rejection('invalid_gpu_uuid', `entry ${index} of uuids is not a GPU UUID`, 422, { index });
      }
      const uuid = CANONICAL_GPU_UUID.test(raw) ? raw : canonicalGpuUuid(raw);
      if (!uuid) throw new Rejection('invalid_gpu_uuid', `not a GPU UUID: ${raw}`, 422, { uuid: raw });
      uuids[index] = uuid;
    }
    // The inventory this node already holds, whose root the chain still commits to: the same set of UUIDs hashes to
    // that root, so a renewal (or a resend) skips the tree, the costliest step (finding 6).
    const held = this.config.held?.(clusterId);
    if (held && held.root === onChain.hardwareRoot && sameSet(uuids, held.uuids)) {
      return { uuids, root: held.root, onChain, committeeVersion };
    }
    const root = hardwareRootOfCanonical(uuids);
    if (root === null) throw new Rejection('duplicate_gpu', 'a GPU UUID is listed twice', 422);
    if (root !== onChain.hardwareRoot) {
      throw new Rejection('hardware_root_mismatch', 'the inventory does not hash to the on-chain hardware root', 422, {
        computed: root,
        onChain: onChain.hardwareRoot,
      });
    }
    return { uuids, root, onChain, committeeVersion };
  }

  /**
   * checkAuthorized on the cached registry read, so an answer nobody authorized costs no RPC; where that read refuses
   * on what the operator may have just changed (updateHardware: the count and root the signature covers), on one
   * fresh read (a few per cluster: REREAD_CLUSTER_LIMITS) instead. Which read the answer passed on, and whether fresh.
   */
  private async authorize(
    clusterId: bigint,
    body: AttestationAnswer,
  ): Promise<{ read: OnChainCluster; fresh: boolean }> {
    const cached = await this.registry.cluster(clusterId);
    try {
      await this.checkAuthorized(clusterId, body, cached);
      return { read: cached, fresh: false };
    } catch (refusal) {
      const key = clusterId.toString();
      if (!(refusal instanceof Rejection) || !STALE_READ_CODES.has(refusal.code)) throw refusal;
      // A signature that recovers to no one does so over any commitment (the count refusal comes before it is
      // checked): no read can make it the operator's, so a junk answer of any size still costs no RPC.
      if (refusal.code !== 'not_operator' && !(await this.signer(clusterId, body, cached))) throw refusal;
      if (!this.rereadsByCluster.tryTake(key, this.now())) throw refusal;
      const read = await this.registry.cluster(clusterId, true);
      if (sameCommitment(read, cached)) throw refusal;
      await this.checkAuthorized(clusterId, body, read);
      // The cache was stale and the operator signed the registry's commitment: the read is not charged.
      this.rereadsByCluster.refund(key, this.now());
      return { read, fresh: true };
    }
  }

  /**
   * The checks that need no UUID, cheapest first: the cluster can be attested, the answer has its GPU count, and the
   * operator signed this challenge over the on-chain root and count (which needs no UUIDs, so an answer nobody
   * authorized costs one ecrecover; the tree then proves the UUIDs are that root's).
   */
  private async checkAuthorized(clusterId: bigint, body: AttestationAnswer, onChain: OnChainCluster) {
    if (onChain.status === ClusterStatus.Suspended || onChain.status === ClusterStatus.Retired) {
      throw new Rejection('cluster_not_attestable', `cluster ${clusterId} is suspended or retired`, 409);
    }
    if (body.uuids.length !== onChain.gpuCount) {
      throw new Rejection('gpu_count_mismatch', 'the inventory size differs from the on-chain GPU count', 422, {
        count: body.uuids.length,
        onChainCount: onChain.gpuCount,
      });
    }
    const signer = await this.signer(clusterId, body, onChain);
    if (!signer) throw new Rejection('invalid_signature', 'the inventory signature does not recover', 401);
    if (signer !== onChain.operator) {
      throw new Rejection(
        'not_operator',
        'the inventory is not signed by the cluster operator over the on-chain hardware root and GPU count',
        403,
        { signer },
      );
    }
  }

  /** Who signed the answer over `onChain`'s root and count; undefined when the signature recovers to no one. */
  private signer(clusterId: bigint, body: AttestationAnswer, onChain: OnChainCluster) {
    return recoverSigner(
      inventoryProofDigest(this.config.context, {
        clusterId,
        hardwareRoot: onChain.hardwareRoot,
        gpuCount: onChain.gpuCount,
        challenge: body.challenge as Hex,
        validUntil: BigInt(body.validUntil),
      }),
      body.signature as Hex,
    ).catch(() => undefined);
  }
}

/** Whether `list` holds exactly the members of `set`, each once (a Set over the list: no hashing of the tree). */
function sameSet(list: readonly string[], set: ReadonlySet<string>) {
  if (list.length !== set.size) return false;
  const seen = new Set<string>();
  for (const item of list) {
    if (!set.has(item) || seen.has(item)) return false;
    seen.add(item);
  }
  return true;
}

/**
 * Bytes an answer for `gpuCount` GPUs may take: a UUID is 40 characters, 43 with its quotes and comma; 96 leaves room
 * for pretty-printed JSON, and the base for the other fields.
 */
export const ANSWER_BASE_BYTES = 4_096;
export const ANSWER_BYTES_PER_GPU = 96;
export const answerByteLimit = (gpuCount: number) => ANSWER_BASE_BYTES + gpuCount * ANSWER_BYTES_PER_GPU;
/** The answer route's body limit whatever the cluster: the largest inventory the node accepts. */
export const ANSWER_BODY_HARD_LIMIT = answerByteLimit(MAX_INVENTORY_GPUS);

const tooLarge = (limit: number, gpuCount: number) =>
  new Rejection('body_too_large', `an answer for ${gpuCount} GPUs takes at most ${limit} bytes`, 413, {
    limit,
    gpuCount,
  });

/**
 * A preParsing hook for the answer route: the body may be at most answerByteLimit(the cluster's on-chain GPU count,
 * from the cached registry read). A declared Content-Length is refused before a byte of the body is read, and the
 * connection closed so the sender cannot make the node drain it; without one, the stream is counted and cut off at
 * the limit. A count up to the cache's TTL old errs by at most one refused attempt, which consumes no challenge.
 */
export function answerBodyGuard(registry: Pick<RegistryView, 'cluster'>) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: NodeJS.ReadableStream) => {
    const clusterId = (request.params as { clusterId?: unknown }).clusterId;
    if (typeof clusterId !== 'string' || !/^\d{1,78}$/.test(clusterId)) return payload;
    const { gpuCount } = await registry.cluster(BigInt(clusterId));
    const limit = answerByteLimit(Math.min(gpuCount, MAX_INVENTORY_GPUS));
    return limitBody(request, payload, limit, () => {
      reply.header('connection', 'close');
      return tooLarge(limit, gpuCount);
    });
  };
}
