import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter (M-2, L-2)', () => {
  it('lets a burst through, then refuses with the seconds until the next token', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 6, now: () => now });
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].every((decision) => decision.ok)).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 10 });
    // Another client has its own bucket.
    expect(limiter.take('b').ok).toBe(true);
    now = 10_000;
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('never holds more clients than its bound, forgetting the least recently seen', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1, maxClients: 100, now: () => 0 });
    limiter.take('kept');
    for (let index = 0; index < 10_000; index++) {
      limiter.take(`10.0.${index >> 8}.${index & 255}`);
      if (index % 50 === 0) limiter.take('kept');
    }
    expect(limiter.size).toBe(100);
    // The client seen recently is still remembered (and still limited).
    expect(limiter.take('kept').ok).toBe(false);
  });
});
