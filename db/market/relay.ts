/**
 * The off-chain offer relay: takes a signed Offer (EIP-712, protocol/market.ts) and stores it in public.market_offers
 * only when a taker could fill it now. In order: the body's shape and bounds (uint256 decimal strings, side, amount
 * and price above 0, a named taker other than the maker, expiry after the chain's time and at most a year ahead, a
 * notional of at least one whole stablecoin unit, a price within PRICE_BAND× (./price-band.ts) of the cluster's primary-sale price from
 * the mirror, else the chain's Offering terms), a duplicate (409), the per-maker and per-cluster bounds, the maker's
 * signature by the market's rule (./fillability.ts marketSignatureValid: ECDSA, else EIP-1271; ERC-6492 wrappers
 * refused), the optional maker permit, then under the maker's lock another live offer of the maker with the same
 * nonce (409 nonce_in_use: a nonce is single-use on chain) and fillability at the head (./fillability.ts, including a
 * nonce the chain used: nonce_used). Any failure is a 4xx `{ error: { code, reason, message } }` and
 * nothing is stored. The allotment, the bounds and the insert run in one transaction: a per-maker advisory lock keeps
 * one balance from backing two concurrent offers, and a table lock holds the bounds against concurrent relays.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import {
  type Address,
  erc20Abi,
  getAddress,
  type Hex,
  isAddress,
  recoverTypedDataAddress,
  serializeSignature,
  zeroAddress,
} from 'viem';
import { z } from 'zod';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import { fillCost, hashOffer, isCanonicalSignature, marketDomain, type Offer, permitTypedData } from '#protocol/market';
import type { Database } from '../database';
import { marketOffers } from '../schema';
import { MAX_OFFERS_PER_CLUSTER, MAX_OFFERS_PER_MAKER, minNotional } from './bounds';
import { MARKET_REASONS, OfferRefusal } from './errors';
import { assessOffers, type Candidate, type MarketChain, marketSignatureValid, readHead } from './fillability';
import { candidateOfRow, LIVE_STATUSES, offerView } from './offers';
import { checkPriceBand } from './price-band';
import type { OfferView } from './types';

/** The furthest expiry accepted, from the chain's time. */
export const MAX_EXPIRY_SECONDS = 365n * 86_400n;
/** The longest signature kept (a contract wallet's EIP-1271 signature may be more than 65 bytes). */
export const MAX_SIGNATURE_BYTES = 2_048;

const UINT256_MAX = 2n ** 256n - 1n;

const uint256 = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,77})$/, 'a uint256 as a decimal string')
  .transform((value) => BigInt(value))
  .refine((value) => value <= UINT256_MAX, 'a uint256 as a decimal string');
const address = z
  .string()
  .refine((value) => isAddress(value, { strict: false }), 'an address')
  .transform((value) => getAddress(value));
const hexBytes = (max: number) =>
  z
    .string()
    .regex(/^0x([0-9a-fA-F]{2})*$/, 'hex bytes')
    .max(2 + max * 2)
    .transform((value) => value as Hex);
const bytes32 = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, '32 bytes of hex')
  .transform((value) => value as Hex);

export const offerBodySchema = z
  .object({
    offer: z
      .object({
        maker: address,
        side: z.union([z.number(), z.string().max(3)]),
        clusterId: uint256,
        amount: uint256,
        price: uint256,
        taker: address,
        expiry: uint256,
        nonce: uint256,
      })
      .strict(),
    signature: hexBytes(MAX_SIGNATURE_BYTES),
    makerPermit: z
      .object({ value: uint256, deadline: uint256, v: z.number().int().min(0).max(255), r: bytes32, s: bytes32 })
      .strict()
      .optional(),
  })
  .strict();

export type RelayDeps = { db: Database; chain: MarketChain };

export type RelayResult =
  | { ok: true; offer: OfferView }
  | { ok: false; status: 400 | 409 | 413 | 422; error: { code: string; reason: string; message: string } };

const refuse = (...args: ConstructorParameters<typeof OfferRefusal>) => new OfferRefusal(...args);

/** Stablecoin decimals by chain and address: the minimum notional is one whole unit (minNotional). */
const decimalsCache = new Map<string, number>();
async function stablecoinUnit(chain: MarketChain): Promise<bigint> {
  const key = `${chain.chainId}:${chain.stablecoin.toLowerCase()}`;
  let decimals = decimalsCache.get(key);
  if (decimals === undefined) {
    decimals = Number(
      await chain.publicClient.readContract({ address: chain.stablecoin, abi: erc20Abi, functionName: 'decimals' }),
    );
    decimalsCache.set(key, decimals);
  }
  return minNotional(decimals);
}

/** The offer of a parsed body, its bounds checked (no chain read but the head and the stablecoin's decimals). */
function offerOfBody(body: z.infer<typeof offerBodySchema>): Offer {
  const { offer } = body;
  const side = typeof offer.side === 'number' ? offer.side : /^[0-9]$/.test(offer.side) ? Number(offer.side) : -1;
  if (side !== 0 && side !== 1)
    throw refuse(400, 'invalid_side', MARKET_REASONS.invalid_side, 'side must be 0 (sell) or 1 (buy).');
  if (offer.amount === 0n) throw refuse(400, 'zero_amount', MARKET_REASONS.zero_amount, 'The amount must be above 0.');
  if (offer.price === 0n) throw refuse(400, 'zero_price', MARKET_REASONS.zero_price, 'The price must be above 0.');
  if (offer.maker === zeroAddress) throw refuse(400, 'invalid_body', 'invalid_body', 'offer.maker: the zero address');
  if (offer.taker.toLowerCase() === offer.maker.toLowerCase()) {
    throw refuse(
      422,
      'self_trade',
      MARKET_REASONS.self_trade,
      'The named taker is the maker: the market refuses every fill.',
    );
  }
  return { ...offer, side };
}

/** Relays one offer (see the module comment); never throws a refusal, only chain or database failures. */
export async function relayOffer(deps: RelayDeps, body: unknown): Promise<RelayResult> {
  try {
    return { ok: true, offer: await relay(deps, body) };
  } catch (error) {
    if (error instanceof OfferRefusal) return { ok: false, status: error.status, error: error.error };
    throw error;
  }
}

async function relay({ db, chain }: RelayDeps, body: unknown): Promise<OfferView> {
  const parsed = offerBodySchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refuse(400, 'invalid_body', 'invalid_body', `${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const offer = offerOfBody(parsed.data);
  const { signature, makerPermit } = parsed.data;
  const head = await readHead(chain);
  if (offer.expiry <= head.timestamp) {
    throw refuse(
      422,
      'offer_expired',
      MARKET_REASONS.offer_expired,
      `The offer expired at ${offer.expiry} (chain time ${head.timestamp}).`,
    );
  }
  if (offer.expiry > head.timestamp + MAX_EXPIRY_SECONDS) {
    throw refuse(422, 'expiry_too_far', 'expiry_too_far', 'The expiry is more than a year after the chain time.');
  }
  const unit = await stablecoinUnit(chain);
  if (fillCost(offer, offer.amount) < unit) {
    throw refuse(422, 'offer_too_small', 'offer_too_small', `The offer is worth less than one whole stablecoin unit.`);
  }
  await checkPriceBand(db, chain, offer, head.number);
  const domain = marketDomain(chain.chainId, chain.market);
  const offerHash = hashOffer(domain, offer);

  const [existing] = await db
    .select({ offerHash: marketOffers.offerHash })
    .from(marketOffers)
    .where(eq(marketOffers.offerHash, offerHash));
  if (existing) throw refuse(409, 'duplicate_offer', 'duplicate_offer', 'This offer was relayed before.');
  await checkBounds(db, chain.chainId, offer);

  await checkSignature(chain, offer, signature, head.number);
  const permit = makerPermit ? { ...(await checkPermit(chain, offer, makerPermit, head)), ...makerPermit } : null;

  const row = await db.transaction(async (tx) => {
    // One relay per maker at a time: the allotment below reads the maker's open offers and assesses them with this
    // one, so a concurrent relay of the same maker must see this one stored (or refused) first.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`market_offers:${chain.chainId}:${offer.maker.toLowerCase()}`}, 0))`,
    );
    // A nonce is single-use on chain: the first fill or cancellation of either of two live offers with one nonce
    // would kill the other, so the book never holds two (GET /api/v1/offers?maker= gives the next free nonce).
    const [sameNonce] = await tx
      .select({ offerHash: marketOffers.offerHash })
      .from(marketOffers)
      .where(
        and(
          eq(marketOffers.chainId, chain.chainId),
          eq(marketOffers.maker, offer.maker),
          eq(marketOffers.nonce, offer.nonce),
          inArray(marketOffers.status, [...LIVE_STATUSES]),
        ),
      )
      .limit(1);
    if (sameNonce) {
      throw refuse(
        409,
        'nonce_in_use',
        'nonce_in_use',
        `Another live offer of the maker (${sameNonce.offerHash}) has this nonce: sign with a new one.`,
      );
    }
    // Fillability, allotted with the maker's open offers (their order decides who gets the balance first).
    const open = await tx
      .select()
      .from(marketOffers)
      .where(
        and(
          eq(marketOffers.chainId, chain.chainId),
          eq(marketOffers.maker, offer.maker),
          eq(marketOffers.status, 'open'),
        ),
      )
      .limit(MAX_OFFERS_PER_MAKER);
    // Stamped after the lock and after every stored offer: the allotment orders by arrival, and what is stored was
    // promised first (a relay that read the clock earlier but took the lock later must not outrank it).
    const latest = Math.max(0, ...open.map((stored) => stored.createdAt.getTime()));
    const now = new Date(Math.max(Date.now(), latest + 1));
    const candidate: Candidate = { ...offer, offerHash, createdAt: now, signature, permit };
    const verdicts = await assessOffers(chain, [...open.map(candidateOfRow), candidate], head);
    const verdict = verdicts.get(offerHash)!;
    if (verdict.status !== 'open') {
      throw refuse(422, verdict.code!, verdict.reason!, fillabilityMessage(verdict.code!));
    }
    // Serializes the bounds: they hold under concurrent relays of different makers (a relay is rare next to reads).
    await tx.execute(sql`lock table ${marketOffers} in share row exclusive mode`);
    await checkBounds(tx as unknown as Database, chain.chainId, offer);
    const [inserted] = await tx
      .insert(marketOffers)
      .values({
        offerHash,
        chainId: chain.chainId,
        market: chain.market,
        ...offer,
        signature,
        status: 'open',
        reason: null,
        filled: verdict.filled,
        checkedAt: now,
        checkedBlock: head.number,
        statusAt: now,
        permitValue: makerPermit?.value ?? null,
        permitDeadline: makerPermit?.deadline ?? null,
        permitV: makerPermit?.v ?? null,
        permitR: makerPermit?.r ?? null,
        permitS: makerPermit?.s ?? null,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    return inserted;
  });
  if (!row) throw refuse(409, 'duplicate_offer', 'duplicate_offer', 'This offer was relayed before.');
  return offerView(row);
}

async function checkBounds(db: Database, chainId: number, offer: Offer) {
  const live = inArray(marketOffers.status, [...LIVE_STATUSES]);
  // The cluster's bound counts only open offers: unfillable or dead ones never keep a newcomer out.
  const open = eq(marketOffers.status, 'open');
  const [[byMaker], [byCluster]] = await Promise.all([
    db
      .select({ n: count() })
      .from(marketOffers)
      .where(and(eq(marketOffers.chainId, chainId), eq(marketOffers.maker, offer.maker), live)),
    db
      .select({ n: count() })
      .from(marketOffers)
      .where(and(eq(marketOffers.chainId, chainId), eq(marketOffers.clusterId, offer.clusterId), open)),
  ]);
  if (byMaker!.n >= MAX_OFFERS_PER_MAKER) {
    throw refuse(
      422,
      'maker_offer_limit',
      'maker_offer_limit',
      `A maker may have ${MAX_OFFERS_PER_MAKER} live offers; cancel some first.`,
    );
  }
  if (byCluster!.n >= MAX_OFFERS_PER_CLUSTER) {
    throw refuse(
      422,
      'cluster_offer_limit',
      'cluster_offer_limit',
      `This cluster already has ${MAX_OFFERS_PER_CLUSTER} open offers.`,
    );
  }
}

/**
 * The market's rule (OZ SignatureChecker, ./fillability.ts marketSignatureValid): a canonical 65-byte ECDSA signature
 * by the maker, else the maker's EIP-1271 answer at the head; an ERC-6492-wrapped signature is refused (the market
 * never unwraps one). The reason is the market's `InvalidSignature`.
 */
async function checkSignature(chain: MarketChain, offer: Offer, signature: Hex, blockNumber: bigint) {
  if (!(await marketSignatureValid(chain, offer, signature, blockNumber))) {
    throw refuse(
      422,
      'invalid_signature',
      MARKET_REASONS.invalid_signature,
      "The signature is not the maker's signature of this offer.",
    );
  }
}

/**
 * An EIP-2612 permit of the maker's asset (shares for a Sell, stablecoin for a Buy) to the market: unexpired at the
 * chain time and signed by the maker for its current nonce on that asset's own EIP-712 domain (ERC-5267).
 */
async function checkPermit(
  chain: MarketChain,
  offer: Offer,
  permit: { value: bigint; deadline: bigint; v: number; r: Hex; s: Hex },
  head: { number: bigint; timestamp: bigint },
) {
  const invalid = (reason: string, message: string) => refuse(422, 'invalid_permit', reason, message);
  if (permit.deadline <= head.timestamp) throw invalid('ERC2612ExpiredSignature', 'The maker permit has expired.');
  const blockNumber = head.number;
  const asset =
    offer.side === 0
      ? ((await chain.publicClient
          .readContract({
            address: chain.market,
            abi: shareMarketAbi,
            functionName: 'tokenOf',
            args: [offer.clusterId],
            blockNumber,
          } as never)
          .catch(() => zeroAddress)) as Address)
      : chain.stablecoin;
  if (asset === zeroAddress)
    throw refuse(422, 'not_tokenized', MARKET_REASONS.not_tokenized, 'The cluster has no share token.');
  const [domain, nonce] = await Promise.all([
    chain.publicClient.readContract({ address: asset, abi: shareTokenAbi, functionName: 'eip712Domain', blockNumber }),
    chain.publicClient.readContract({
      address: asset,
      abi: shareTokenAbi,
      functionName: 'nonces',
      args: [offer.maker],
      blockNumber,
    }),
  ]).catch(() => {
    throw invalid('invalid_permit', 'The asset does not take EIP-2612 permits.');
  });
  const [, name, version, chainId, verifyingContract] = domain;
  const signature = serializeSignature({ r: permit.r, s: permit.s, v: BigInt(permit.v) });
  const typedData = permitTypedData(
    { name, version, chainId: Number(chainId), verifyingContract },
    { owner: offer.maker, spender: chain.market, value: permit.value, nonce, deadline: permit.deadline },
  );
  const signer = isCanonicalSignature(signature)
    ? await recoverTypedDataAddress({ ...typedData, signature }).catch(() => zeroAddress)
    : zeroAddress;
  if (signer.toLowerCase() !== offer.maker.toLowerCase()) {
    throw invalid('ERC2612InvalidSigner', "The maker permit is not the maker's permit to the market.");
  }
  return { value: permit.value, deadline: permit.deadline };
}

function fillabilityMessage(code: string): string {
  switch (code) {
    case 'not_tokenized':
      return 'The cluster has no share token.';
    case 'offer_filled':
      return 'The offer is already filled.';
    case 'offer_cancelled':
      return 'The offer was cancelled on chain.';
    case 'nonce_cancelled':
      return "The offer's nonce was cancelled on chain.";
    case 'nonce_used':
      return "The offer's nonce was used on chain (a nonce is single-use: this offer was filled whole, or another offer of the maker with it was filled or cancelled): sign with a new one.";
    case 'token_paused':
      return 'The share token is paused.';
    case 'maker_frozen':
      return "The share token froze the maker's account.";
    case 'maker_not_verified':
      return 'The share token requires verified buyers, and the maker is not verified.';
    case 'insufficient_balance':
      return "The maker's balance does not cover this offer after the maker's better offers.";
    case 'insufficient_allowance':
      return "The maker's allowance to the market does not cover this offer after the maker's better offers.";
    default:
      return 'The offer cannot be filled now.';
  }
}
