/**
 * Client-side extrapolation of a holder's claimable revenue between chain reads: the token streams
 * `ratePerSecond / RATE_SCALE` base units per second to the whole supply until `end`, pro rata to balances.
 */
export const RATE_SCALE = 1n << 32n;

export type StreamSnapshot = {
  /** claimable(account) as read at `readAt` (chain seconds). */
  claimable: bigint;
  balance: bigint;
  totalSupply: bigint;
  ratePerSecond: bigint;
  end: bigint;
  readAt: bigint;
};

/** Claimable at chain time `now`, in integers (rounded down like the token does). */
export function extrapolateClaimable(snapshot: StreamSnapshot, now: bigint): bigint {
  if (snapshot.totalSupply === 0n || now <= snapshot.readAt) return snapshot.claimable;
  const until = now < snapshot.end ? now : snapshot.end;
  if (until <= snapshot.readAt) return snapshot.claimable;
  const streamed = snapshot.ratePerSecond * (until - snapshot.readAt);
  return snapshot.claimable + (snapshot.balance * streamed) / (snapshot.totalSupply * RATE_SCALE);
}
