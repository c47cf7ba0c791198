/**
 * The node's side of challenge-response attestation, up to the decision that an inventory is the cluster's: the book
 * of outstanding challenges, the checks of an answer, and the guard that refuses an oversized answer before its body
 * is read. Both routes are unauthenticated, so every step is ordered by what it costs the node: the answer is refused
 * on its size, its UUID count and the operator's signature (over the on-chain root and count, which needs no UUIDs)
 * before a single UUID is canonicalized or hashed. Only an answer the operator signed reaches the tree.
 */
import { randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Hex, toHex, zeroAddress } from 'viem';
import { z } from 'zod';
import { clusterRegistryClusterStatus as ClusterStatus } from '#contracts';
import { type ChainContext, inventoryProofDigest, recoverSigner } from '../eip712';
import { Rejection } from '../errors';
import { hardwareRootOfCanonical } from '../hardware';
import { canonicalGpuUuid } from '../telemetry/types';
import type { OnChainCluster, RegistryView } from './chain';
import { ATTESTATION_ISSUED_AT_WINDOW_SECONDS, attestationBodySchema, MAX_INVENTORY_GPUS } from './protocol';

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

export type ChallengeLimits = {
  ttlMs: number;
  /** Outstanding challenges of one cluster; an honest operator needs one per attestation in progress. */
  perCluster: number;
  /** Outstanding challenges of all clusters together (about 200 bytes each). */
  total: number;
};

export const DEFAULT_CHALLENGE_LIMITS: ChallengeLimits = { ttlMs: 5 * 60_000, perCluster: 32, total: 10_000 };

/**
 * Outstanding challenges. Every challenge lives exactly `ttlMs`, so the insertion order of one Map is the expiry
 * order: expired ones are dropped from its head and the oldest is evicted from it, in constant time per issue (no
 * scan). Each cluster keeps its own insertion-ordered set for its cap.
 *
 * When a cluster's cap is full, its oldest challenge is evicted rather than the request refused. Refusing would let
 * anyone lock an operator out for a whole TTL with `perCluster` free requests, repeated forever. Evicting means an
 * outsider must issue `perCluster` challenges for that cluster between the operator's challenge and answer (about a
 * second) to void it, keep doing so for as long as they want to block it, and the operator simply asks again. A
 * challenge requested with the operator's signature would close that too; it needs a protocol change (agent and
 * dashboard) and is left for later.
 */
export class ChallengeBook {
  private readonly all = new Map<Hex, { clusterId: bigint; expiresAt: number }>();
  private readonly byCluster = new Map<bigint, Set<Hex>>();

  constructor(
    readonly limits: ChallengeLimits = DEFAULT_CHALLENGE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  get size() {
    return this.all.size;
  }

  outstanding(clusterId: bigint) {
    return this.byCluster.get(clusterId)?.size ?? 0;
  }

  issue(clusterId: bigint): { challenge: Hex; expiresAt: number } {
    const now = this.now();
    for (const [challenge, entry] of this.all) {
      if (entry.expiresAt > now) break;
      this.remove(challenge);
    }
    const mine = this.byCluster.get(clusterId) ?? new Set<Hex>();
    this.byCluster.set(clusterId, mine);
    if (mine.size >= this.limits.perCluster) this.remove(mine.values().next().value!);
    if (this.all.size >= this.limits.total) this.remove(this.all.keys().next().value!);
    const challenge = toHex(randomBytes(32));
    const expiresAt = now + this.limits.ttlMs;
    this.all.set(challenge, { clusterId, expiresAt });
    mine.add(challenge);
    return { challenge, expiresAt };
  }

  /**
   * Consumes `challenge` if this node issued it for `clusterId` and it has not expired. It is consumed by the first
   * answer that names it, whatever that answer's fate, so no answer (and no node work) can be retried on it, and two
   * concurrent answers cannot both be signed. This lets no one else burn an operator's challenge: it is 32 random
   * bytes returned only to whoever asked for it, so an outsider who sees nothing cannot name it. A refused operator
   * asks for a new one (one round trip); a challenge named for another cluster stays, since that answer proves
   * nothing about it.
   */
  take(challenge: Hex, clusterId: bigint): boolean {
    const entry = this.all.get(challenge);
    if (!entry || entry.clusterId !== clusterId) return false;
    this.remove(challenge);
    return entry.expiresAt > this.now();
  }

  private remove(challenge: Hex) {
    const entry = this.all.get(challenge);
    if (!entry) return;
    this.all.delete(challenge);
    const mine = this.byCluster.get(entry.clusterId);
    mine?.delete(challenge);
    if (mine?.size === 0) this.byCluster.delete(entry.clusterId);
  }
}

/** What the answer checks established: the canonical inventory, its root (the on-chain one) and the chain's view. */
export type VerifiedInventory = {
  uuids: string[];
  root: Hex;
  onChain: OnChainCluster;
  committeeVersion: number;
};

export type AttestationRegistry = Pick<RegistryView, 'cluster' | 'chainTime' | 'committeeVersion'>;

export class AttestationDesk {
  constructor(
    private readonly registry: AttestationRegistry,
    private readonly config: { context: ChainContext; maxAttestationSeconds: number },
    readonly challenges = new ChallengeBook(),
  ) {}

  /** A challenge for a registered cluster; the registry read is the cached one (anyone may call this). */
  async issue(clusterId: bigint) {
    const onChain = await this.registry.cluster(clusterId);
    if (onChain.operator === zeroAddress) {
      throw new Rejection('unknown_cluster', `cluster ${clusterId} is not registered`, 404);
    }
    return this.challenges.issue(clusterId);
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
    // The cached read first (the body guard has just made it): an answer nobody authorized costs no RPC. Only a signed
    // answer gets a fresh read, since the node signs the root, count and nonce of that read and the operator may have
    // just updated them; the checks run again if it differs.
    const cached = await this.registry.cluster(clusterId);
    await this.checkAuthorized(clusterId, body, cached);
    const onChain = await this.registry.cluster(clusterId, true);
    if (
      onChain.operator !== cached.operator ||
      onChain.hardwareRoot !== cached.hardwareRoot ||
      onChain.gpuCount !== cached.gpuCount ||
      onChain.status !== cached.status
    ) {
      await this.checkAuthorized(clusterId, body, onChain);
    }
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
    const signer = await recoverSigner(
      inventoryProofDigest(this.config.context, {
        clusterId,
        hardwareRoot: onChain.hardwareRoot,
        gpuCount: onChain.gpuCount,
        challenge: body.challenge as Hex,
        validUntil: BigInt(body.validUntil),
      }),
      body.signature as Hex,
    ).catch(() => undefined);
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
    const declared = request.headers['content-length'];
    if (declared !== undefined) {
      if (Number(declared) > limit) {
        reply.header('connection', 'close');
        throw tooLarge(limit, gpuCount);
      }
      return payload;
    }
    let received = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        if (received > limit) {
          reply.header('connection', 'close');
          done(tooLarge(limit, gpuCount));
          return;
        }
        done(null, chunk);
      },
    });
    // A sender that goes away mid-body ends the parse (pipe alone would leave it waiting).
    payload.on('error', (error) => counted.destroy(error));
    payload.on('aborted', () => counted.destroy(new Error('the request was aborted')));
    payload.pipe(counted);
    return counted;
  };
}
