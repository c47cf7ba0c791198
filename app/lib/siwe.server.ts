/**
 * Sign-In with Ethereum (EIP-4361) for the operator's off-chain writes. The server hands out single-use nonces, and a
 * signed-in address is granted only for a message that names this site (domain) and this chain, was issued moments
 * ago, has not expired, carries a nonce this process issued and nobody used, and is signed by the address it names
 * (an EOA, or a contract wallet through ERC-1271/ERC-6492 via the public client).
 */
import { type Address, getAddress, type Hex, type PublicClient } from 'viem';
import { generateSiweNonce, parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import { z } from 'zod';
import { Rejection } from '#protocol/base-error';
import { allowedHosts, allowedOrigins } from './public-origin';

/** A nonce is good for this long after it is issued: enough to read and sign the message, short enough to not pile up. */
export const NONCE_TTL_MS = 5 * 60_000;
/** A message issued longer ago than this is refused even without an expiration time. */
export const MESSAGE_MAX_AGE_MS = 10 * 60_000;
/** Clocks of browser and server may disagree a little. */
const CLOCK_SKEW_MS = 60_000;

/** One browser (pre-auth cookie) holds at most this many pending nonces: a few tabs, never a flood. */
export const NONCES_PER_CLIENT = 5;

/**
 * Nonces issued by this process, each bound to the pre-auth client (cookie) it was issued to, until it is used or
 * expires. In memory on purpose: the web app is one process, and a restart only costs a pending sign-in a retry.
 * Bounded without letting one client push out another's (L-2): a client past NONCES_PER_CLIENT drops its own
 * oldest nonce, and when `maxClients` browsers have a sign-in pending, new clients are refused until some expire —
 * a pending sign-in is never evicted. (The per-IP rate limit in front of the app keeps one address from filling it.)
 */
export class NonceStore {
  /** Client id -> its nonces -> expiry; a client moves to the young end on each issue, so the oldest expire first. */
  readonly #clients = new Map<string, Map<string, number>>();

  constructor(
    private readonly options: { ttlMs?: number; maxClients?: number; perClient?: number; now?: () => number } = {},
  ) {}

  #now() {
    return this.options.now?.() ?? Date.now();
  }

  #prune(now: number) {
    for (const [client, nonces] of this.#clients) {
      for (const [nonce, expiresAt] of nonces) if (expiresAt <= now) nonces.delete(nonce);
      if (nonces.size > 0) break;
      this.#clients.delete(client);
    }
  }

  /** A fresh nonce for `client`, or undefined when too many other sign-ins are pending right now. */
  issue(client: string): string | undefined {
    const now = this.#now();
    this.#prune(now);
    const nonces = this.#clients.get(client) ?? new Map<string, number>();
    if (nonces.size === 0 && this.#clients.size >= (this.options.maxClients ?? 10_000)) return undefined;
    while (nonces.size >= (this.options.perClient ?? NONCES_PER_CLIENT)) nonces.delete(nonces.keys().next().value!);
    const nonce = generateSiweNonce();
    nonces.set(nonce, now + (this.options.ttlMs ?? NONCE_TTL_MS));
    this.#clients.delete(client);
    this.#clients.set(client, nonces);
    return nonce;
  }

  /** True once for a nonce issued to `client` that has not expired; every later call, or another client's, is false. */
  consume(client: string | undefined, nonce: string): boolean {
    if (client === undefined) return false;
    const nonces = this.#clients.get(client);
    const expiresAt = nonces?.get(nonce);
    nonces?.delete(nonce);
    if (nonces?.size === 0) this.#clients.delete(client);
    return expiresAt !== undefined && expiresAt > this.#now();
  }
}

export type SiweRefusalReason = 'malformed' | 'nonce' | 'domain' | 'chain' | 'expired' | 'not-yet-valid' | 'signature';

/** A sign-in that must not be granted; the message is safe to show the user. Not retryable with the same message. */
/** A sign-in refused for `reason`, which is also its wire code (a 401). */
export class SiweRefusal extends Rejection {
  override name = 'SiweRefusal';
  constructor(
    readonly reason: SiweRefusalReason,
    message: string,
  ) {
    super(reason, message, 401);
  }
}

export const signInSchema = z.object({
  message: z.string().min(1).max(4_096),
  // Contract-wallet signatures (ERC-1271 / ERC-6492 wrapped) can be far longer than an EOA's 65 bytes.
  signature: z
    .string()
    .regex(/^0x([0-9a-fA-F]{2})+$/, 'must be hex')
    .max(20_000)
    .transform((value) => value as Hex),
});

export type SignInExpectation = {
  /**
   * This site's configured origin (PUBLIC_ORIGIN), never the request's Host: a message for another site is a phishing
   * relay, and Host is whatever the relaying client writes (M-1). A loopback origin accepts its loopback aliases.
   */
  publicOrigin: string;
  chainId: number;
  /** The pre-auth client id the request's cookie names: only a nonce issued to it counts. */
  client: string | undefined;
  now?: Date;
};

export type SignInGrant = { address: Address; chainId: number; expiresAt?: Date };

const originOf = (uri: string) => URL.parse(uri)?.origin;
const hostOf = (uri: string) => URL.parse(uri)?.host;

type SiweVerifier = Pick<PublicClient, 'verifySiweMessage'>;

/**
 * Checks a signed sign-in message and returns who signed it. The nonce is spent by the first attempt that names it,
 * whatever the outcome, so a captured message can never be tried twice.
 */
export async function verifySignIn(
  input: z.infer<typeof signInSchema>,
  expected: SignInExpectation,
  dependencies: { nonces: NonceStore; client: SiweVerifier },
): Promise<SignInGrant> {
  const now = expected.now ?? new Date();
  const message = parseSiweMessage(input.message);
  if (!message.address || !message.domain || !message.nonce || !message.chainId || !message.issuedAt || !message.uri)
    throw new SiweRefusal('malformed', 'The sign-in message is incomplete.');
  if (!dependencies.nonces.consume(expected.client, message.nonce))
    throw new SiweRefusal('nonce', 'The sign-in request is unknown, expired or already used; sign in again.');
  const siteHost = new URL(expected.publicOrigin).host;
  if (!allowedHosts(expected.publicOrigin).includes(message.domain))
    throw new SiweRefusal('domain', `The message is for ${message.domain}, not ${siteHost}.`);
  if (
    !allowedOrigins(expected.publicOrigin).includes(originOf(message.uri) ?? '') ||
    hostOf(message.uri) !== message.domain
  )
    throw new SiweRefusal('domain', `The message's URI ${message.uri} is not this site (${expected.publicOrigin}).`);
  if (message.chainId !== expected.chainId)
    throw new SiweRefusal('chain', `The message is for chain ${message.chainId}; this site uses ${expected.chainId}.`);
  if (message.issuedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    throw new SiweRefusal('not-yet-valid', 'The message is issued in the future; check your clock.');
  if (message.notBefore && message.notBefore.getTime() > now.getTime())
    throw new SiweRefusal('not-yet-valid', 'The message is not valid yet.');
  if (message.issuedAt.getTime() < now.getTime() - MESSAGE_MAX_AGE_MS)
    throw new SiweRefusal('expired', 'The message was issued too long ago; sign in again.');
  if (message.expirationTime && message.expirationTime.getTime() <= now.getTime())
    throw new SiweRefusal('expired', 'The message has expired; sign in again.');
  // viem's own checks (scheme, address format, version) on top of the ones above, which give a precise reason.
  if (!validateSiweMessage({ message, domain: message.domain, nonce: message.nonce, time: now }))
    throw new SiweRefusal('malformed', 'The sign-in message is not valid.');
  const signed = await dependencies.client.verifySiweMessage({
    message: input.message,
    signature: input.signature,
    domain: message.domain,
    nonce: message.nonce,
    time: now,
  });
  if (!signed) throw new SiweRefusal('signature', `The signature is not from ${message.address}.`);
  return { address: getAddress(message.address), chainId: message.chainId, expiresAt: message.expirationTime };
}

/** The web app's nonces (one process), per pre-auth client. */
export const signInNonces = new NonceStore();
