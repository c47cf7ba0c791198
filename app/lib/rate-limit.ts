/**
 * A token bucket per client (IP address): `burst` requests at once, then `perMinute` on average. The map of buckets
 * is bounded: past `maxClients` the least recently seen client is forgotten, which at worst hands that client a full
 * bucket again — never memory that grows with the number of addresses an attacker can source.
 */
export type RateLimitOptions = { burst: number; perMinute: number; maxClients?: number; now?: () => number };

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

type Bucket = { tokens: number; at: number };

export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();

  constructor(private readonly options: RateLimitOptions) {}

  get size() {
    return this.#buckets.size;
  }

  take(client: string): RateDecision {
    const now = this.options.now?.() ?? Date.now();
    const perMs = this.options.perMinute / 60_000;
    const known = this.#buckets.get(client);
    const bucket = known
      ? { tokens: Math.min(this.options.burst, known.tokens + (now - known.at) * perMs), at: now }
      : { tokens: this.options.burst, at: now };
    // Re-inserting moves the client to the young end of the map, so the oldest key is the least recently seen.
    this.#buckets.delete(client);
    this.#buckets.set(client, bucket);
    const maxClients = this.options.maxClients ?? 10_000;
    while (this.#buckets.size > maxClients) this.#buckets.delete(this.#buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1_000)) };
  }
}
