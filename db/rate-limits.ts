/**
 * Per-client token buckets in the database (schema `rate_limit_buckets`), shared by every web process on it: the web
 * tier's rate limits (scripts/stack/web-guards.ts) hold across replicas, so N processes do not grant N bursts. Each
 * request costs one atomic upsert that computes the refill in SQL and takes a token only when one is there; of
 * concurrent requests in any processes, the row lock lets each see the one before. Bounded: a bucket idle long enough
 * to be full again is swept (it says nothing a missing row does not), and past `maxRows` the buckets idle longest are
 * evicted (they come back full, which only returns what they had at most). The oracle node keeps its in-memory
 * buckets (oracle/node/ip-buckets.ts): it is one process with no database of its own.
 */
import { sql } from 'drizzle-orm';
import type { Database } from './database';
import { rowsOf } from './raw-rows';
import { rateLimitBuckets } from './schema';

export type TokenBucket = { burst: number; refillPerSecond: number };

/** Buckets kept at most: the web tier's few limited routes times the clients each remembered in memory before. */
export const MAX_RATE_LIMIT_ROWS = 50_000;
/** How often one process sweeps idle buckets (and evicts past the cap), on the back of a request. */
export const SWEEP_INTERVAL_MS = 10_000;
/** Rows one sweep deletes at most: each statement stays bounded; the next sweep takes the rest. */
const SWEEP_BATCH = 10_000;

export type SharedRateLimitOptions = {
  /** A bucket idle this long is full again for every route (the longest burst / refill of them). */
  fullAfterMs: number;
  maxRows?: number;
  sweepIntervalMs?: number;
};

export class SharedRateLimits {
  #sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Database,
    private readonly options: SharedRateLimitOptions,
  ) {}

  /**
   * Takes one token of `client`'s bucket for `route` at `now` (ms) and answers true, or answers false (nothing taken,
   * nothing written) when the bucket holds no whole token. A client not remembered starts with a full burst.
   */
  async take(route: string, client: string, bucket: TokenBucket, now: number): Promise<boolean> {
    const at = new Date(now).toISOString();
    const refilled = sql`least(${bucket.burst}::float8, b.tokens + greatest(0, extract(epoch from (excluded.updated_at - b.updated_at))::float8) * ${bucket.refillPerSecond}::float8)`;
    const taken = await this.db.execute(sql`
      insert into ${rateLimitBuckets} as b (route, client, tokens, updated_at)
      values (${route}, ${client}, ${bucket.burst - 1}::float8, ${at}::timestamptz)
      on conflict (route, client) do update
        set tokens = ${refilled} - 1, updated_at = greatest(b.updated_at, excluded.updated_at)
        where ${refilled} >= 1
      returning tokens`);
    if (now - this.#sweptAt >= (this.options.sweepIntervalMs ?? SWEEP_INTERVAL_MS)) {
      this.#sweptAt = now;
      // Not awaited: the request's token is taken already, and a failed sweep is tried again at the next interval.
      void this.sweep(now).catch(() => {
        this.#sweptAt = 0;
      });
    }
    return rowsOf(taken).length > 0;
  }

  /** Deletes buckets idle long enough to be full, then the idlest beyond the row cap; each bounded by a batch. */
  async sweep(now: number) {
    const idleSince = new Date(now - this.options.fullAfterMs).toISOString();
    await this.db.execute(sql`
      delete from ${rateLimitBuckets} where (route, client) in (
        select route, client from ${rateLimitBuckets} where updated_at <= ${idleSince}::timestamptz limit ${SWEEP_BATCH}
      )`);
    await this.db.execute(sql`
      delete from ${rateLimitBuckets} where (route, client) in (
        select route, client from ${rateLimitBuckets}
        order by updated_at desc offset ${this.options.maxRows ?? MAX_RATE_LIMIT_ROWS} limit ${SWEEP_BATCH}
      )`);
  }
}
