import { describe, expect, it } from 'vitest';
import { staleWhileRevalidate } from './stale-while-revalidate.server';

function counter() {
  let reads = 0;
  const pending: ((value: number) => void)[] = [];
  return {
    get reads() {
      return reads;
    },
    load: () =>
      new Promise<number>((resolve) => {
        reads += 1;
        pending.push(resolve);
      }),
    finish: (value: number) => pending.shift()!(value),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('staleWhileRevalidate', () => {
  it('shares one read while fresh, then answers stale while a single refresh runs', async () => {
    const cache = staleWhileRevalidate<number>({ freshMs: 1_000, maxStaleMs: 10_000, maxEntries: 10 });
    const owner = {};
    const source = counter();
    const first = cache(owner, 'k', source.load, 0);
    const second = cache(owner, 'k', source.load, 500);
    source.finish(1);
    expect(await first).toBe(1);
    expect(await second).toBe(1);
    expect(source.reads).toBe(1);

    expect(await cache(owner, 'k', source.load, 2_000)).toBe(1);
    expect(await cache(owner, 'k', source.load, 2_100)).toBe(1);
    expect(source.reads).toBe(2);
    source.finish(2);
    await settle();
    expect(await cache(owner, 'k', source.load, 2_200)).toBe(2);
    expect(source.reads).toBe(2);
  });

  it('waits for a fresh read once the value is older than maxStaleMs', async () => {
    const cache = staleWhileRevalidate<number>({ freshMs: 1_000, maxStaleMs: 5_000, maxEntries: 10 });
    const owner = {};
    const source = counter();
    const first = cache(owner, 'k', source.load, 0);
    source.finish(1);
    await first;
    const late = cache(owner, 'k', source.load, 6_000);
    source.finish(7);
    expect(await late).toBe(7);
  });

  it('never caches a failed read, and keeps the stale value when a refresh fails', async () => {
    const cache = staleWhileRevalidate<number>({ freshMs: 1_000, maxStaleMs: 10_000, maxEntries: 10 });
    const owner = {};
    const down = () => Promise.reject(new Error('database down'));
    await expect(cache(owner, 'fails', down, 0)).rejects.toThrow('database down');
    expect(await cache(owner, 'fails', async () => 3, 10)).toBe(3);

    expect(await cache(owner, 'fails', down, 2_000)).toBe(3);
    await settle();
    expect(await cache(owner, 'fails', async () => 4, 2_100)).toBe(3);
    await settle();
    expect(await cache(owner, 'fails', down, 2_200)).toBe(4);
  });

  it('keeps owners apart', async () => {
    const cache = staleWhileRevalidate<string>({ freshMs: 1_000, maxStaleMs: 10_000, maxEntries: 10 });
    expect(await cache({}, 'k', async () => 'a', 0)).toBe('a');
    expect(await cache({}, 'k', async () => 'b', 0)).toBe('b');
  });

  it('keeps a page read between made-up keys when full: least recently used goes first, not everything (M-8)', async () => {
    const cache = staleWhileRevalidate<number>({ freshMs: 1_000, maxStaleMs: 10_000, maxEntries: 3 });
    const owner = {};
    let reads = 0;
    const load = async () => ++reads;
    await cache(owner, 'page', load, 0);
    for (let junk = 0; junk < 20; junk++) {
      await cache(owner, `price=${junk}`, load, 10);
      await cache(owner, 'page', load, 10);
    }
    expect(await cache(owner, 'page', load, 20)).toBe(1);
    expect(reads).toBe(21);
  });
});
