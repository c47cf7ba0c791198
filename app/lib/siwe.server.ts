/**
 * Sign-In with Ethereum (EIP-4361) for the operator's off-chain writes. The server hands out single-use nonces, and a
 * signed-in address is granted only for a message that names this site (domain) and this chain, was issued moments
 * ago, has not expired, carries a nonce this site issued to this browser (any of its web processes: the nonce is
 * authenticated with the secret they share) and nobody used, and is signed by the address it names (an EOA, or a
 * contract wallet through ERC-1271/ERC-6492 via the public client).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { inArray, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex, type PublicClient } from 'viem';
import { parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import { z } from 'zod';
import type { Database } from '#db';
import { rowsOf } from '#db/raw-rows';
import { signInNonces } from '#db/schema';
import { ConfigError, Rejection } from '#protocol/base-error';
import type { ServiceContext } from '~/load-context';
import { allowedHosts, allowedOrigins } from './public-origin';

/** A nonce is good for this long after it is issued: enough to read and sign the message. */
export const NONCE_TTL_MS = 5 * 60_000;
/** A message issued longer ago than this is refused even without an expiration time. */
export const MESSAGE_MAX_AGE_MS = 10 * 60_000;
/** Clocks of browser and server, or of two web processes, may disagree this much. */
export const CLOCK_SKEW_MS = 60_000;
/** Spent rows one sweep deletes at most once they are past use: far more than the one a consume adds. */
const SWEEP_BATCH = 100;

/**
 * A nonce, lowercase hex (EIP-4361 wants alphanumeric, at least 8): the issue time (ms since the epoch, 12 digits),
 * 128 random bits, and the first 128 bits of HMAC-SHA256 over (pre-auth client, time, random) — 76 characters.
 */
const TIME_DIGITS = 12;
const RANDOM_BYTES = 16;
const MAC_BYTES = 16;
const BODY_DIGITS = TIME_DIGITS + RANDOM_BYTES * 2;
const NONCE_PATTERN = new RegExp(`^[0-9a-f]{${BODY_DIGITS + MAC_BYTES * 2}}$`);
/** Separates this key from every other use of the session secret (the cookies sign with it directly). */
const KEY_LABEL = 'rackshare/sign-in-nonce/v1';

export type NonceStoreOptions = {
  ttlMs?: number;
  /** The clock nonces are issued and checked by (ms since the epoch); the sweep uses the database's own. */
  now?: () => number;
  /** Where a failed sweep is reported (the stack's logger); the sign-in it followed is not affected. */
  log?: Pick<Logger, 'warn'>;
};

/**
 * Stateless nonces (issue 17 must-fix 1): issuing writes nothing, so no flood of anonymous requests — from however
 * many addresses — can fill a table or lock anyone out; the per-IP rate limit in front (scripts/stack/web-guards.ts)
 * only slows one address down. A nonce carries its issue time and a MAC bound to the pre-auth client (cookie) it was
 * issued to, keyed from SESSION_SECRET, which every web process shares: any of them accepts it, only from that client,
 * only until it expires. Single use is the one thing kept: consuming inserts the nonce into `sign_in_nonces` (spent
 * nonces), and of concurrent consumes in any processes exactly one inserts it. A spent row is kept until the nonce
 * could no longer pass the time check on any process whose clock is within CLOCK_SKEW_MS of this one, then swept: a
 * bounded batch after a consume, off the sign-in's path (see `sweep`). Only a nonce with a good MAC reaches the table,
 * and each consume is a sign-in POST through the rate limit, so the table holds at most (TTL + skew) × the sign-in
 * POST rate the tier lets through — which grows with the number of addresses (/64s) a caller signs in from: a bound
 * by rate, not an absolute cap (docs/operations.md, Shared state). One store per process (`nonceStoreFor`).
 */
export class NonceStore {
  readonly #key: Buffer;
  /** The sweep in flight, if any: at most one per store (so per process), never awaited by a sign-in. */
  #sweeping: Promise<void> | undefined;

  /** `secret` is the web tier's session secret (the load context's `web.sessionSecret`), the same in every process. */
  constructor(
    private readonly db: Database,
    secret: string,
    private readonly options: NonceStoreOptions = {},
  ) {
    // config/web.ts already refuses a shorter SESSION_SECRET at start; this guards other callers, once per store.
    if (secret.length < 32) throw new ConfigError('The sign-in nonce secret must be at least 32 characters.');
    this.#key = createHmac('sha256', secret).update(KEY_LABEL).digest();
  }

  #now() {
    return this.options.now?.() ?? Date.now();
  }

  get #ttlMs() {
    return this.options.ttlMs ?? NONCE_TTL_MS;
  }

  #mac(client: string, body: string): Buffer {
    return createHmac('sha256', this.#key).update(`${client}\n${body}`).digest().subarray(0, MAC_BYTES);
  }

  /** A fresh nonce for `client`; nothing is stored. */
  issue(client: string): string {
    const body = this.#now().toString(16).padStart(TIME_DIGITS, '0') + randomBytes(RANDOM_BYTES).toString('hex');
    return body + this.#mac(client, body).toString('hex');
  }

  /**
   * True once for a nonce issued to `client` by a process sharing the secret, while it has not expired; false for
   * anything else: malformed, forged or altered, another client's, expired, or already spent.
   */
  async consume(client: string | undefined, nonce: string): Promise<boolean> {
    if (client === undefined || !NONCE_PATTERN.test(nonce)) return false;
    const body = nonce.slice(0, BODY_DIGITS);
    if (!timingSafeEqual(Buffer.from(nonce.slice(BODY_DIGITS), 'hex'), this.#mac(client, body))) return false;
    const issuedAt = Number.parseInt(nonce.slice(0, TIME_DIGITS), 16);
    const now = this.#now();
    if (issuedAt > now + CLOCK_SKEW_MS || now >= issuedAt + this.#ttlMs) return false;
    // Raw SQL naming only the two columns this release uses: drizzle's insert names every column of the table and
    // sends `default` for the rest, which fails on a database where the previous release's `client` and `issued_at`
    // are gone (the next release's migration, or a dev database that ran an earlier draft of 0015).
    const expiresAt = new Date(issuedAt + this.#ttlMs + CLOCK_SKEW_MS).toISOString();
    const spent = rowsOf<{ nonce: string }>(
      await this.db.execute(sql`
        insert into ${signInNonces} (nonce, expires_at) values (${nonce}, ${expiresAt}::timestamptz)
        on conflict do nothing returning nonce`),
    );
    this.#sweepInBackground();
    return spent.length === 1;
  }

  /**
   * Deletes up to SWEEP_BATCH spent rows that are past use by the database's clock (`now()`), never this process's:
   * a process whose clock runs fast must not drop a row another process could still accept. Rows another sweep has
   * locked are skipped (`FOR UPDATE SKIP LOCKED`), so concurrent sweeps in many processes neither wait for each other
   * nor delete the same rows. Returns how many it deleted.
   */
  async sweep(): Promise<number> {
    const due = this.db
      .select({ nonce: signInNonces.nonce })
      .from(signInNonces)
      .where(lte(signInNonces.expiresAt, sql`now()`))
      .limit(SWEEP_BATCH)
      .for('update', { skipLocked: true });
    const deleted = await this.db
      .delete(signInNonces)
      .where(inArray(signInNonces.nonce, due))
      .returning({ nonce: signInNonces.nonce });
    return deleted.length;
  }

  /** Resolves once the sweep in flight (if any) has ended; a failed one was logged, never thrown here. */
  async swept(): Promise<void> {
    await this.#sweeping;
  }

  /** Starts a sweep unless one is running: the sign-in does not wait for it, and its failure is only logged. */
  #sweepInBackground() {
    if (this.#sweeping) return;
    this.#sweeping = this.sweep().then(
      () => undefined,
      (error: unknown) => this.options.log?.warn({ err: error }, 'could not sweep spent sign-in nonces'),
    );
    void this.#sweeping.finally(() => {
      this.#sweeping = undefined;
    });
  }
}

const stores = new WeakMap<Database, Map<string, NonceStore>>();

/**
 * The process's one NonceStore for this database and secret, made (and its secret checked) on first use and kept:
 * the HMAC key is derived once, and sweeps are never more than one at a time per process. The secret itself was
 * validated at start (config/web.ts refuses a SESSION_SECRET under 32 characters).
 */
export function nonceStoreFor(context: Pick<ServiceContext, 'db' | 'web' | 'log'>): NonceStore {
  const db = context.db.$primary;
  let bySecret = stores.get(db);
  if (!bySecret) {
    bySecret = new Map();
    stores.set(db, bySecret);
  }
  let store = bySecret.get(context.web.sessionSecret);
  if (!store) {
    // One entry per secret the process was started with: one.
    store = new NonceStore(db, context.web.sessionSecret, { log: context.log });
    bySecret.set(context.web.sessionSecret, store);
  }
  return store;
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
  if (!(await dependencies.nonces.consume(expected.client, message.nonce)))
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
