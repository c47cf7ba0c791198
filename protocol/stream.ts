/**
 * The revenue stream of a share token as the chain defines it (ShareToken.sol): `stream().ratePerSecond` is the
 * revenue streamed to the WHOLE supply per second, in stablecoin base units scaled by RATE_SCALE, from the last
 * deposit until `end`; a holder earns pro rata to its balance. RATE_SCALE comes from the generated bindings (read
 * from the Solidity source), never from a hand copy: a hand copy of 2**32 made the app show claimable revenue 265x
 * too large.
 *
 * Rounding: the token keeps a per-share-wei accumulator scaled by 2**shift (shift private to the token) and rounds
 * each holder down at each checkpoint. The public views expose only the whole-supply rate rounded to RATE_SCALE, so an
 * extrapolation from public reads can only be exact up to that rounding: it is never above the chain's own
 * `claimable()` at the same second, and at most 2 base units below it (one for the fraction `claimable()` dropped at
 * the read, one for the rate's rounding). See protocol/kernel.chain.test.ts, which checks both bounds on anvil.
 */
import { shareTokenConstants } from '#contracts';

export const RATE_SCALE = shareTokenConstants.RATE_SCALE;
export const SECONDS_PER_DAY = 86_400n;

/** The most an extrapolation may lag the chain's `claimable()` at the same second, in base units (see above). */
export const EXTRAPOLATION_MAX_LAG = 2n;

export type StreamSnapshot = {
  /** claimable(account) as read at `readAt` (chain seconds). */
  claimable: bigint;
  /** balanceOf(account) at `readAt`. */
  balance: bigint;
  /** totalSupply() at `readAt`. */
  totalSupply: bigint;
  /** stream().ratePerSecond: whole-supply base units per second × RATE_SCALE. */
  ratePerSecond: bigint;
  /** stream().end (chain seconds). */
  end: bigint;
  /** The chain time of the block the snapshot was read at. */
  readAt: bigint;
};

/**
 * Claimable at chain time `now`: claimable(readAt) + balance × ratePerSecond × (min(now, end) − readAt) ÷
 * (totalSupply × RATE_SCALE), rounded down like the token. Before `readAt` it is the snapshot itself (no negative
 * extrapolation).
 */
export function extrapolateClaimable(snapshot: StreamSnapshot, now: bigint): bigint {
  if (snapshot.totalSupply <= 0n || snapshot.balance <= 0n) return snapshot.claimable;
  const until = now < snapshot.end ? now : snapshot.end;
  if (until <= snapshot.readAt) return snapshot.claimable;
  const streamed = snapshot.ratePerSecond * (until - snapshot.readAt);
  return snapshot.claimable + (snapshot.balance * streamed) / (snapshot.totalSupply * RATE_SCALE);
}

/** Whole-supply revenue per day of a stream rate, in base units (rounded down): ratePerSecond × 86 400 ÷ RATE_SCALE. */
export function ratePerDay(ratePerSecond: bigint): bigint {
  if (ratePerSecond <= 0n) return 0n;
  return (ratePerSecond * SECONDS_PER_DAY) / RATE_SCALE;
}

/** A holder's share of the daily rate: balance × ratePerSecond × 86 400 ÷ (totalSupply × RATE_SCALE), rounded down. */
export function holderRatePerDay(ratePerSecond: bigint, balance: bigint, totalSupply: bigint): bigint {
  if (ratePerSecond <= 0n || balance <= 0n || totalSupply <= 0n) return 0n;
  return (balance * ratePerSecond * SECONDS_PER_DAY) / (totalSupply * RATE_SCALE);
}

/** The rate that streams at chain time `now`: the stream's rate until `end`, nothing after (the word keeps the rate). */
export function rateAt(stream: { ratePerSecond: bigint; end: bigint }, now: bigint): bigint {
  return now < stream.end ? stream.ratePerSecond : 0n;
}

/** Revenue per day streaming at `now` to the whole supply, in base units: ratePerDay(rateAt(stream, now)). */
export function streamRatePerDay(stream: { ratePerSecond: bigint; end: bigint }, now: bigint): bigint {
  return ratePerDay(rateAt(stream, now));
}
