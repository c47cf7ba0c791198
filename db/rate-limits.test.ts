import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database';
import { secondProcess, testDatabases } from './databases.test-kit';
import { SharedRateLimits } from './rate-limits';
import { rateLimitBuckets } from './schema';

const BUCKET = { burst: 4, refillPerSecond: 1 };
const CLIENT = '203.0.113.7';

describe.each(testDatabases)('shared rate limits on $name', ({ open }) => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  beforeEach(async () => {
    a = await open();
    b = await secondProcess(a);
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  const limits = (handle: DatabaseHandle, maxRows?: number) =>
    new SharedRateLimits(handle.db, { fullAfterMs: 4_000, maxRows, sweepIntervalMs: 60_000 });

  it('grants one burst across two web processes: the (burst + 1)-th request is refused by either', async () => {
    const [first, second] = [limits(a), limits(b)];
    const now = 1_000_000;
    const outcomes: boolean[] = [];
    for (let index = 0; index < BUCKET.burst; index++)
      outcomes.push(await (index % 2 ? second : first).take('sign-in', CLIENT, BUCKET, now));
    expect(outcomes).toEqual([true, true, true, true]);
    expect(await first.take('sign-in', CLIENT, BUCKET, now)).toBe(false);
    expect(await second.take('sign-in', CLIENT, BUCKET, now)).toBe(false);
    // Another client and another route have buckets of their own.
    expect(await second.take('sign-in', '198.51.100.1', BUCKET, now)).toBe(true);
    expect(await second.take('epoch export', CLIENT, BUCKET, now)).toBe(true);
  });

  it('grants exactly a burst to concurrent requests through two processes', async () => {
    const [first, second] = [limits(a), limits(b)];
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? second : first).take('relay', CLIENT, BUCKET, 1_000_000)),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(BUCKET.burst);
  });

  it('refills at the route rate, never above the burst, and a refusal spends nothing', async () => {
    const shared = limits(a);
    let now = 1_000_000;
    for (let index = 0; index < BUCKET.burst; index++) await shared.take('sign-in', CLIENT, BUCKET, now);
    now += 500;
    expect(await shared.take('sign-in', CLIENT, BUCKET, now)).toBe(false);
    now += 500;
    // One second earned one token, the refusal half-way through took nothing.
    expect(await limits(b).take('sign-in', CLIENT, BUCKET, now)).toBe(true);
    expect(await shared.take('sign-in', CLIENT, BUCKET, now)).toBe(false);
    now += 60_000;
    const granted: boolean[] = [];
    for (let index = 0; index <= BUCKET.burst; index++) granted.push(await shared.take('sign-in', CLIENT, BUCKET, now));
    expect(granted.filter(Boolean)).toHaveLength(BUCKET.burst);
  });

  it('sweeps buckets idle long enough to be full, and evicts the idlest beyond the row cap', async () => {
    const shared = limits(a, 3);
    for (const [index, client] of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'].entries())
      await shared.take('sign-in', client, BUCKET, 1_000_000 + index * 1_000);
    // At 1,006.5 s, 10.0.0.1-3 (last seen at 1,000-1,002 s) are idle past fullAfterMs (4 s); 10.0.0.4-5 are not.
    await shared.sweep(1_006_500);
    const left = await a.db.select({ client: rateLimitBuckets.client }).from(rateLimitBuckets);
    expect(left.map((row) => row.client).sort()).toEqual(['10.0.0.4', '10.0.0.5']);
    for (const client of ['10.0.0.6', '10.0.0.7']) await shared.take('sign-in', client, BUCKET, 1_006_500);
    await shared.sweep(1_006_500);
    const capped = await a.db.select({ client: rateLimitBuckets.client }).from(rateLimitBuckets);
    expect(capped.map((row) => row.client).sort()).toEqual(['10.0.0.5', '10.0.0.6', '10.0.0.7']);
  });
});
