/**
 * Token buckets per client IP, bounded: the batch gate's and peer authentication's limits on what one address may
 * cost the node. Each bucket starts full (`burst`) and earns `refillPerSecond` back; beyond `maxClients` addresses
 * the one idle longest is forgotten (it comes back with a full bucket, which only returns what it had at most).
 */
export type IpBucketOptions = { burst: number; refillPerSecond: number; maxClients: number };

export class IpBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: IpBucketOptions) {}

  /** Tokens `ip` holds now (a full burst for an address not remembered). */
  tokens(ip: string, now = Date.now()) {
    const bucket = this.buckets.get(ip);
    return bucket === undefined ? this.options.burst : this.refill(bucket, now);
  }

  /** True when `ip` has no whole token left: refuse it before any work. */
  empty(ip: string, now = Date.now()) {
    return this.tokens(ip, now) < 1;
  }

  /** Spends one token of `ip` (none below zero). */
  take(ip: string, now = Date.now()) {
    this.add(ip, -1, now);
  }

  /** Gives back a token taken for a request that turned out to be legitimate (never above the burst). */
  refund(ip: string, now = Date.now()) {
    if (this.buckets.has(ip)) this.add(ip, 1, now);
  }

  /** Takes one token of `ip` when it has one; false (nothing taken) when its bucket is empty. */
  tryTake(ip: string, now = Date.now()): boolean {
    if (this.empty(ip, now)) return false;
    this.take(ip, now);
    return true;
  }

  /** Whole seconds until `ip` holds a token again (for Retry-After); an empty bucket's wait when `ip` is omitted. */
  retryAfterSeconds(ip?: string, now = Date.now()) {
    const missing = ip === undefined ? 1 : 1 - this.tokens(ip, now);
    return Math.max(1, Math.ceil(missing / this.options.refillPerSecond));
  }

  get size() {
    return this.buckets.size;
  }

  private add(ip: string, delta: number, now: number) {
    let bucket = this.buckets.get(ip);
    if (bucket) {
      this.refill(bucket, now);
      // Re-inserted so that eviction takes the client idle longest.
      this.buckets.delete(ip);
    } else {
      bucket = { tokens: this.options.burst, at: now };
      if (this.buckets.size >= this.options.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    }
    bucket.tokens = Math.min(this.options.burst, Math.max(0, bucket.tokens + delta));
    this.buckets.set(ip, bucket);
  }

  private refill(bucket: { tokens: number; at: number }, now: number) {
    const earned = ((now - bucket.at) / 1000) * this.options.refillPerSecond;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + Math.max(0, earned));
    bucket.at = Math.max(bucket.at, now);
    return bucket.tokens;
  }
}
