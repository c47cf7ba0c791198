/**
 * Sign-In with Ethereum (EIP-4361) for the operator's off-chain writes. The server hands out single-use nonces, and a
 * signed-in address is granted only for a message that names this site (domain) and this chain, was issued moments
 * ago, has not expired, carries a nonce this process issued and nobody used, and is signed by the address it names
 * (an EOA, or a contract wallet through ERC-1271/ERC-6492 via the public client).
 */
import { type Address, getAddress, type Hex, type PublicClient } from 'viem';
import { generateSiweNonce, parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import { z } from 'zod';

/** A nonce is good for this long after it is issued: enough to read and sign the message, short enough to not pile up. */
export const NONCE_TTL_MS = 5 * 60_000;
/** A message issued longer ago than this is refused even without an expiration time. */
export const MESSAGE_MAX_AGE_MS = 10 * 60_000;
/** Clocks of browser and server may disagree a little. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Nonces issued by this process, each until it is used or expires. In memory on purpose: the web app is one process,
 * and a restart (which also forgets the default session secret) only costs a pending sign-in a retry. Bounded, so a
 * client asking for nonces in a loop cannot grow it without limit (the oldest pending nonce goes first).
 */
export class NonceStore {
  readonly #expiries = new Map<string, number>();

  constructor(private readonly options: { ttlMs?: number; capacity?: number; now?: () => number } = {}) {}

  #now() {
    return this.options.now?.() ?? Date.now();
  }

  issue(): string {
    const now = this.#now();
    for (const [nonce, expiresAt] of this.#expiries) {
      if (expiresAt > now) break;
      this.#expiries.delete(nonce);
    }
    const capacity = this.options.capacity ?? 10_000;
    while (this.#expiries.size >= capacity) {
      const oldest = this.#expiries.keys().next().value!;
      this.#expiries.delete(oldest);
    }
    const nonce = generateSiweNonce();
    this.#expiries.set(nonce, now + (this.options.ttlMs ?? NONCE_TTL_MS));
    return nonce;
  }

  /** True once for a nonce this store issued and that has not expired; every later call is false. */
  consume(nonce: string): boolean {
    const expiresAt = this.#expiries.get(nonce);
    this.#expiries.delete(nonce);
    return expiresAt !== undefined && expiresAt > this.#now();
  }
}

export type SiweRefusalReason = 'malformed' | 'nonce' | 'domain' | 'chain' | 'expired' | 'not-yet-valid' | 'signature';

/** A sign-in that must not be granted; the message is safe to show the user. Not retryable with the same message. */
export class SiweRefusal extends Error {
  override name = 'SiweRefusal';
  constructor(
    readonly reason: SiweRefusalReason,
    message: string,
  ) {
    super(message);
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
  /** The host the browser shows (the request's Host): a message for another site is a phishing relay. */
  domain: string;
  chainId: number;
  now?: Date;
};

export type SignInGrant = { address: Address; chainId: number; expiresAt?: Date };

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
  if (!dependencies.nonces.consume(message.nonce))
    throw new SiweRefusal('nonce', 'The sign-in request is unknown, expired or already used; sign in again.');
  if (message.domain !== expected.domain)
    throw new SiweRefusal('domain', `The message is for ${message.domain}, not ${expected.domain}.`);
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
  if (!validateSiweMessage({ message, domain: expected.domain, nonce: message.nonce, time: now }))
    throw new SiweRefusal('malformed', 'The sign-in message is not valid.');
  const signed = await dependencies.client.verifySiweMessage({
    message: input.message,
    signature: input.signature,
    domain: expected.domain,
    nonce: message.nonce,
    time: now,
  });
  if (!signed) throw new SiweRefusal('signature', `The signature is not from ${message.address}.`);
  return { address: getAddress(message.address), chainId: message.chainId, expiresAt: message.expirationTime };
}

/** The web app's nonces (one process). */
export const signInNonces = new NonceStore();
