/**
 * Why the relay refuses an offer or the upkeep marks one unfillable: a stable snake_case `code` (OFFER_ERROR_CODES,
 * what clients branch on), a `reason` (the contract's own error name where the chain would refuse the fill for it —
 * the market's or the token's custom error, or OZ's ERC-20 errors — else the code again) and a sentence for people.
 * A refusal is the one wire shape `{ error: { code, reason, message } }` (protocol/base-error.ts Rejection), and
 * nothing of a refused offer is stored.
 */
import type { shareMarketAbi, shareTokenAbi } from '#contracts';
import { Rejection } from '#protocol/base-error';

export const OFFER_ERROR_CODES = [
  // the request
  'invalid_body',
  'body_too_large',
  'invalid_side',
  'zero_amount',
  'zero_price',
  'offer_expired',
  'expiry_too_far',
  'offer_too_small',
  'self_trade',
  'price_unknown',
  'price_out_of_band',
  'invalid_signature',
  'invalid_permit',
  'duplicate_offer',
  'nonce_in_use',
  'maker_offer_limit',
  'cluster_offer_limit',
  // the chain at the head
  'not_tokenized',
  'offer_filled',
  'offer_cancelled',
  'nonce_cancelled',
  'nonce_used',
  'token_paused',
  'maker_frozen',
  'maker_not_verified',
  'insufficient_balance',
  'insufficient_allowance',
  // the deployment
  'market_unavailable',
] as const;

export type OfferErrorCode = (typeof OFFER_ERROR_CODES)[number];

/** The ShareMarket's custom error names (generated ABI). */
export type ShareMarketErrorName = Extract<(typeof shareMarketAbi)[number], { type: 'error' }>['name'];

/** The ShareToken's custom error names (generated ABI): a reason that is a token rule is named as the token names it. */
export type ShareTokenErrorName = Extract<(typeof shareTokenAbi)[number], { type: 'error' }>['name'];

/** The contract-side names used as reasons (checked against the generated ABIs where they come from there). */
export const TOKEN_REASONS = {
  token_paused: 'TokenPaused',
  maker_frozen: 'AccountFrozen',
  maker_not_verified: 'RecipientNotVerified',
  insufficient_balance: 'ERC20InsufficientBalance',
  insufficient_allowance: 'ERC20InsufficientAllowance',
} as const satisfies Partial<Record<OfferErrorCode, ShareTokenErrorName>>;

/** The market's own error a fill would revert with, for each code the chain decides (checked against its ABI). */
export const MARKET_REASONS = {
  invalid_side: 'InvalidSide',
  zero_amount: 'ZeroAmount',
  zero_price: 'ZeroCost',
  self_trade: 'SelfTrade',
  invalid_signature: 'InvalidSignature',
  offer_expired: 'OfferExpired',
  not_tokenized: 'NotTokenized',
  offer_filled: 'FillExceedsRemaining',
  offer_cancelled: 'OfferIsCancelled',
  nonce_cancelled: 'NonceCancelled',
  nonce_used: 'NonceUsed',
} as const satisfies Partial<Record<OfferErrorCode, ShareMarketErrorName>>;

/** The contract-side reason of each code that has one: what a stored offer's `reason` (a code) means on chain. */
export const CHAIN_REASONS: Partial<Record<string, string>> = { ...MARKET_REASONS, ...TOKEN_REASONS };

export type OfferRefusalStatus = 400 | 409 | 413 | 422;

/** A refused offer: HTTP `status`, `code`, `reason`; nothing stored. */
export class OfferRefusal extends Rejection {
  override name = 'OfferRefusal';
  declare readonly status: OfferRefusalStatus;
  readonly reason: string;

  constructor(status: OfferRefusalStatus, code: OfferErrorCode, reason: string, message: string) {
    super(code, message, status, { reason });
    this.reason = reason;
  }

  /** The body the API answers: `{ error: { code, reason, message } }`. */
  get error() {
    return { code: this.code, reason: this.reason, message: this.shortMessage };
  }
}
