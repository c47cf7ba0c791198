/**
 * The outstanding attestation challenges of a node (AttestationDesk issues and takes them): bounded per cluster and in
 * total, evicting the oldest rather than refusing, in two pools so that strangers cannot void a challenge the
 * cluster's operator asked for with a signed request.
 */
import { randomBytes } from 'node:crypto';
import { type Hex, toHex } from 'viem';

export type ChallengeLimits = {
  ttlMs: number;
  /** Outstanding anonymous challenges of one cluster; an honest operator needs one per attestation in progress. */
  perCluster: number;
  /** Outstanding anonymous challenges of all clusters together (about 200 bytes each). */
  total: number;
  /** Outstanding challenges of one cluster requested with its operator's signature: only such requests evict them. */
  reservedPerCluster: number;
  /** Outstanding operator-requested challenges of all clusters together. */
  reservedTotal: number;
};

export const DEFAULT_CHALLENGE_LIMITS: ChallengeLimits = {
  ttlMs: 5 * 60_000,
  perCluster: 32,
  total: 10_000,
  reservedPerCluster: 4,
  reservedTotal: 10_000,
};

/**
 * One pool of outstanding challenges. Every challenge lives exactly `ttlMs`, so the insertion order of one Map is the
 * expiry order: expired ones are dropped from its head and the oldest is evicted from it, in constant time per issue
 * (no scan). Each cluster keeps its own insertion-ordered set for its cap.
 */
class ChallengePool {
  readonly all = new Map<Hex, { clusterId: bigint; expiresAt: number }>();
  private readonly byCluster = new Map<bigint, Set<Hex>>();

  constructor(
    private readonly perCluster: number,
    private readonly total: number,
  ) {}

  outstanding(clusterId: bigint) {
    return this.byCluster.get(clusterId)?.size ?? 0;
  }

  add(clusterId: bigint, challenge: Hex, now: number, expiresAt: number) {
    for (const [known, entry] of this.all) {
      if (entry.expiresAt > now) break;
      this.remove(known);
    }
    const mine = this.byCluster.get(clusterId) ?? new Set<Hex>();
    this.byCluster.set(clusterId, mine);
    if (mine.size >= this.perCluster) this.remove(mine.values().next().value!);
    if (this.all.size >= this.total) this.remove(this.all.keys().next().value!);
    this.all.set(challenge, { clusterId, expiresAt });
    mine.add(challenge);
  }

  remove(challenge: Hex) {
    const entry = this.all.get(challenge);
    if (!entry) return;
    this.all.delete(challenge);
    const mine = this.byCluster.get(entry.clusterId);
    mine?.delete(challenge);
    if (mine?.size === 0) this.byCluster.delete(entry.clusterId);
  }
}

/**
 * Outstanding challenges, in two pools. When a cluster's cap is full, its oldest challenge is evicted rather than the
 * request refused: refusing would let anyone lock an operator out for a whole TTL with `perCluster` free requests.
 * Anonymous requests (the dashboard's and the agent's) only ever evict anonymous challenges, and are limited per IP
 * (AttestationDesk), so voiding one takes `perCluster` requests from several addresses between its issue and its
 * answer. A request signed by the cluster's operator (finding 8) gets a challenge in the reserved pool, which only
 * the operator's own signed requests evict: strangers cannot void it at all.
 */
export class ChallengeBook {
  private readonly anonymous: ChallengePool;
  private readonly reserved: ChallengePool;

  constructor(
    readonly limits: ChallengeLimits = DEFAULT_CHALLENGE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.anonymous = new ChallengePool(limits.perCluster, limits.total);
    this.reserved = new ChallengePool(limits.reservedPerCluster, limits.reservedTotal);
  }

  get size() {
    return this.anonymous.all.size + this.reserved.all.size;
  }

  outstanding(clusterId: bigint) {
    return this.anonymous.outstanding(clusterId) + this.reserved.outstanding(clusterId);
  }

  /** `reserved`: the request was signed by the cluster's operator (checked by the caller). */
  issue(clusterId: bigint, reserved = false): { challenge: Hex; expiresAt: number } {
    const now = this.now();
    const challenge = toHex(randomBytes(32));
    const expiresAt = now + this.limits.ttlMs;
    (reserved ? this.reserved : this.anonymous).add(clusterId, challenge, now, expiresAt);
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
    const pool = this.reserved.all.has(challenge) ? this.reserved : this.anonymous;
    const entry = pool.all.get(challenge);
    if (!entry || entry.clusterId !== clusterId) return false;
    pool.remove(challenge);
    return entry.expiresAt > this.now();
  }
}
