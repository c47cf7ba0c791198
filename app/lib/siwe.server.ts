/**
 * Sign-In with Ethereum (EIP-4361) for the operator's off-chain writes. The server hands out single-use nonces, and a
 * signed-in address is granted only for a message that names this site (domain) and this chain, was issued moments
 * ago, has not expired, carries a nonce this site issued (by any of its web processes: the nonces live in the
 * database) and nobody used, and is signed by the address it names (an EOA, or a contract wallet through
 * ERC-1271/ERC-6492 via the public client).
 */
import { and, desc, eq, gt, inArray, lte, sql, TransactionRollbackError } from 'drizzle-orm';
import { type Address, getAddress, type Hex, type PublicClient } from 'viem';
import { generateSiweNonce, parseSiweMessage, validateSiweMessage } from 'viem/siwe';
import { z } from 'zod';
import type { Database } from '#db';
import { rowsOf } from '#db/raw-rows';
import { signInNonces } from '#db/schema';
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
/** Pending nonces of all clients together beyond which new ones are refused (503) until some expire or are used. */
export const MAX_PENDING_NONCES = 10_000;
/** Expired rows one issue deletes at most: far more than the one it adds, so expired rows never pile up. */
const SWEEP_BATCH = 100;

export type NonceStoreOptions = { ttlMs?: number; maxPending?: number; perClient?: number; now?: () => number };

/**
 * Nonces in the database (db/schema `sign_in_nonces`), each bound to the pre-auth client (cookie) it was issued to,
 * until it is used or expires: any web process on the same database accepts a nonce another issued, once. Bounded
 * without letting one client push out another's (L-2): a client past NONCES_PER_CLIENT drops its own oldest nonce,
 * and when `maxPending` nonces are pending, new ones are refused until some expire — a pending sign-in is never
 * evicted. (The per-IP rate limit in front of the app keeps one address from filling it.) Concurrent issues may pass
 * the global cap by at most the number of them in flight; it bounds the table, not a count anyone sees.
 */
export class NonceStore {
  constructor(
    private readonly db: Database,
    private readonly options: NonceStoreOptions = {},
  ) {}

  #now() {
    return new Date(this.options.now?.() ?? Date.now());
  }

  /** A fresh nonce for `client`, or undefined when too many sign-ins are pending right now. */
  async issue(client: string): Promise<string | undefined> {
    const now = this.#now();
    const perClient = this.options.perClient ?? NONCES_PER_CLIENT;
    const maxPending = this.options.maxPending ?? MAX_PENDING_NONCES;
    const nonce = generateSiweNonce();
    return this.db
      .transaction(async (tx) => {
        await tx
          .delete(signInNonces)
          .where(
            inArray(
              signInNonces.nonce,
              tx
                .select({ nonce: signInNonces.nonce })
                .from(signInNonces)
                .where(lte(signInNonces.expiresAt, now))
                .limit(SWEEP_BATCH),
            ),
          );
        // The client's own oldest go first, so that its new nonce fits within perClient.
        await tx.delete(signInNonces).where(
          inArray(
            signInNonces.nonce,
            tx
              .select({ nonce: signInNonces.nonce })
              .from(signInNonces)
              .where(eq(signInNonces.client, client))
              .orderBy(desc(signInNonces.issuedAt), desc(signInNonces.nonce))
              .offset(perClient - 1),
          ),
        );
        const inserted = await tx.execute(sql`
        insert into ${signInNonces} (nonce, client, issued_at, expires_at)
        select ${nonce}, ${client}, ${now.toISOString()}::timestamptz, ${new Date(now.getTime() + (this.options.ttlMs ?? NONCE_TTL_MS)).toISOString()}::timestamptz
        where (select count(*) from (
          select 1 from ${signInNonces} where expires_at > ${now.toISOString()}::timestamptz limit ${maxPending}
        ) as pending) < ${maxPending}
        returning nonce`);
        if (rowsOf<{ nonce: string }>(inserted).length === 0) {
          // Refused: the client keeps the nonce the trim above would have dropped.
          tx.rollback();
        }
        return nonce;
      })
      .catch((error: unknown) => {
        if (error instanceof TransactionRollbackError) return undefined;
        throw error;
      });
  }

  /**
   * True once for a nonce issued to `client` that has not expired; every later call, or another client's, is false.
   * One DELETE … RETURNING: of concurrent consumes in any processes, exactly one gets the row.
   */
  async consume(client: string | undefined, nonce: string): Promise<boolean> {
    if (client === undefined) return false;
    const [row] = await this.db
      .delete(signInNonces)
      .where(and(eq(signInNonces.nonce, nonce), eq(signInNonces.client, client)))
      .returning({ expiresAt: signInNonces.expiresAt });
    return row !== undefined && row.expiresAt.getTime() > this.#now().getTime();
  }

  /** Nonces pending now (not expired), for tests and metrics; bounded by the cap. */
  async pending(client?: string): Promise<number> {
    const rows = await this.db
      .select({ nonce: signInNonces.nonce })
      .from(signInNonces)
      .where(
        and(
          gt(signInNonces.expiresAt, this.#now()),
          client === undefined ? undefined : eq(signInNonces.client, client),
        ),
      )
      .limit((this.options.maxPending ?? MAX_PENDING_NONCES) * 2);
    return rows.length;
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
