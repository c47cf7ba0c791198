/**
 * Authentication of peer requests that post signatures. The sender signs (EIP-191) a text naming the deployment, the
 * method and path, the recipient node's address, the time and the body's SHA-256 with its committee key, and sends the
 * hash in a header too. The recipient checks the headers with one signature recovery before it even reads the body
 * (an outsider's request costs that one recovery), then checks the body against the signed hash before parsing it.
 * Requests older or newer than
 * PEER_AUTH_WINDOW_MS are refused, and each accepted request is remembered for that window, so a captured request can
 * be neither replayed nor sent to another node.
 */
import { createHash } from 'node:crypto';
import { type Address, getAddress, type Hex, hashMessage, isAddress, isHex } from 'viem';
import { Rejection } from '#protocol/base-error';
import { type ChainContext, signDigest } from '#protocol/eip712';
import { IpBuckets } from './ip-buckets';
import { strictSigner } from './signature-book';

export const PEER_HEADER = 'x-rackshare-peer';
export const PEER_TIME_HEADER = 'x-rackshare-peer-time';
export const PEER_SIGNATURE_HEADER = 'x-rackshare-peer-signature';
export const PEER_BODY_HEADER = 'x-rackshare-peer-body-sha256';
export const PEER_AUTH_WINDOW_MS = 60_000;
/**
 * Failed signature recoveries one client IP may cause in a burst, and earns back per second: each is a forged request
 * naming a member, so past the burst the IP is answered 429 before any further recovery (#10). The IPs remembered are
 * bounded like the batch gate's.
 */
export const PEER_AUTH_FAILURE_BURST = 20;
export const PEER_AUTH_FAILURE_REFILL_PER_SECOND = 1;
const PEER_AUTH_FAILURE_CLIENTS = 10_000;
/** Accepted requests remembered against replay; members send a few a second, so this covers the window many times. */
const REPLAY_CACHE_SIZE = 50_000;

type RequestTerms = { method: string; path: string; recipient: Address; time: number; bodyHash: string };

const sha256 = (body: Uint8Array | string) => createHash('sha256').update(body).digest('hex');

export function peerRequestDigest(context: ChainContext, terms: RequestTerms) {
  const { bodyHash } = terms;
  return hashMessage(
    [
      'Rackshare oracle peer request',
      `chain: ${context.chainId}`,
      `registry: ${getAddress(context.registry)}`,
      `method: ${terms.method.toUpperCase()}`,
      `path: ${terms.path}`,
      `recipient: ${getAddress(terms.recipient)}`,
      `time: ${terms.time}`,
      `body-sha256: ${bodyHash}`,
    ].join('\n'),
  );
}

/** Headers for a request from the holder of `privateKey` (address `sender`) to the node `recipient`. */
export async function signPeerRequest(
  context: ChainContext,
  privateKey: Hex,
  sender: Address,
  terms: Omit<RequestTerms, 'time' | 'bodyHash'> & { time?: number; body: Uint8Array | string },
): Promise<Record<string, string>> {
  const time = terms.time ?? Date.now();
  const bodyHash = sha256(terms.body);
  const signature = await signDigest(peerRequestDigest(context, { ...terms, time, bodyHash }), privateKey);
  return {
    [PEER_HEADER]: sender,
    [PEER_TIME_HEADER]: String(time),
    [PEER_BODY_HEADER]: bodyHash,
    [PEER_SIGNATURE_HEADER]: signature,
  };
}

const header = (headers: Record<string, string | string[] | undefined>, name: string) => {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
};

export class PeerAuthenticator {
  private readonly members: Set<Address>;
  /** Digest of each accepted request → when it leaves the window; insertion order is expiry order. */
  private readonly seen = new Map<Hex, number>();
  private readonly failures = new IpBuckets({
    burst: PEER_AUTH_FAILURE_BURST,
    refillPerSecond: PEER_AUTH_FAILURE_REFILL_PER_SECOND,
    maxClients: PEER_AUTH_FAILURE_CLIENTS,
  });

  constructor(
    private readonly context: ChainContext,
    private readonly self: Address,
    committee: Address[],
    private readonly now: () => number = Date.now,
  ) {
    this.members = new Set(committee.map((member) => getAddress(member)).filter((member) => member !== self));
  }

  /** verifyHeaders and checkBody in one (the server runs them before and after reading the body). */
  async verify(
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    body: Uint8Array | string,
  ): Promise<Address> {
    const sender = await this.verifyHeaders(method, path, headers);
    this.checkBody(headers, body);
    return sender;
  }

  /** Refuses a body other than the one the (verified) headers signed. */
  checkBody(headers: Record<string, string | string[] | undefined>, body: Uint8Array | string) {
    if (sha256(body) !== header(headers, PEER_BODY_HEADER)) {
      throw new Rejection('peer_auth_invalid', 'the body is not the one the request signature covers', 401);
    }
  }

  /**
   * The committee member that signed this request's headers, or a 401 Rejection. The checks that cost nothing come
   * first: the headers, the time window, membership of the claimed sender, the replay cache; then one recovery, unless
   * client `ip` has used up its failed recoveries (429).
   */
  async verifyHeaders(
    method: string,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    ip?: string,
  ): Promise<Address> {
    const sender = header(headers, PEER_HEADER);
    const timeText = header(headers, PEER_TIME_HEADER);
    const signature = header(headers, PEER_SIGNATURE_HEADER);
    const bodyHash = header(headers, PEER_BODY_HEADER);
    if (
      !sender ||
      !timeText ||
      !signature ||
      !bodyHash ||
      !isAddress(sender) ||
      !/^\d{1,16}$/.test(timeText) ||
      !isHex(signature) ||
      !/^[0-9a-f]{64}$/.test(bodyHash)
    ) {
      throw new Rejection(
        'peer_auth_missing',
        `sign the request with a committee key (${PEER_HEADER}, ${PEER_TIME_HEADER}, ${PEER_SIGNATURE_HEADER})`,
        401,
      );
    }
    const now = this.now();
    const time = Number(timeText);
    if (Math.abs(now - time) > PEER_AUTH_WINDOW_MS) {
      throw new Rejection('peer_auth_expired', 'the request time is outside the accepted window', 401, {
        now,
        windowMs: PEER_AUTH_WINDOW_MS,
      });
    }
    const claimed = getAddress(sender);
    if (!this.members.has(claimed)) throw new Rejection('peer_not_member', 'the sender is not a committee peer', 401);
    const digest = peerRequestDigest(this.context, { method, path, recipient: this.self, time, bodyHash });
    if (this.seen.has(digest)) throw new Rejection('peer_auth_replayed', 'this request was already received', 401);
    // Only a failed recovery is limited: the refusals above cost nothing, and counting them would let an outsider
    // behind a member's IP (or NAT) lock that member out with unsigned requests.
    if (ip !== undefined && this.failures.empty(ip, now)) {
      throw new Rejection('rate_limited', 'too many failed peer authentications from this address; slow down', 429, {
        retryAfterSeconds: this.failures.retryAfterSeconds(),
      });
    }
    if ((await strictSigner(digest, signature as Hex)) !== claimed) {
      if (ip !== undefined) this.failures.take(ip, now);
      throw new Rejection('peer_auth_invalid', 'the request signature does not recover to the sender', 401);
    }
    this.remember(digest, now);
    return claimed;
  }

  private remember(digest: Hex, now: number) {
    for (const [seen, expiresAt] of this.seen) {
      if (expiresAt > now && this.seen.size < REPLAY_CACHE_SIZE) break;
      this.seen.delete(seen);
    }
    // Requests dated ahead of this clock stay in the window longer than PEER_AUTH_WINDOW_MS from now.
    this.seen.set(digest, now + 2 * PEER_AUTH_WINDOW_MS);
  }
}
