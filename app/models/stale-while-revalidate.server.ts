/**
 * A per-database cache that answers from its last value while a newer one is read in the background. The embedded
 * database runs on the server's only thread, so a request that waited for a rebuild stalled every request queued
 * behind it; now at most the rebuild itself does. A value older than `maxStaleMs` is never served: past that the
 * caller waits for a fresh read, so a database that stopped answering surfaces as an error, not as frozen figures.
 */
export type StaleWhileRevalidate<V> = (owner: object, key: string, load: () => Promise<V>, now?: number) => Promise<V>;

type Entry<V> = {
  /** When the value (or the read in flight, before it settles) was started. */
  at: number;
  value: Promise<V>;
  settled: boolean;
  refreshing: boolean;
};

export function staleWhileRevalidate<V>(options: {
  freshMs: number;
  maxStaleMs: number;
  /**
   * Distinct keys kept per owner (keys come from search parameters); beyond it the least recently used one goes, so
   * a stream of made-up parameters cannot evict every page's value at once (review M-8).
   */
  maxEntries: number;
}): StaleWhileRevalidate<V> {
  const owners = new WeakMap<object, Map<string, Entry<V>>>();
  return (owner, key, load, now = Date.now()) => {
    let entries = owners.get(owner);
    if (!entries) {
      entries = new Map();
      owners.set(owner, entries);
    }
    const hit = entries.get(key);
    if (hit) {
      // Map order is insertion order: moving the key to the end keeps the least recently used one first.
      entries.delete(key);
      entries.set(key, hit);
    }
    const age = hit ? now - hit.at : Number.POSITIVE_INFINITY;
    if (hit && (age < options.freshMs || !hit.settled)) return hit.value;
    if (hit && age < options.maxStaleMs) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        load().then(
          (value) => {
            if (entries.get(key) === hit)
              entries.set(key, { at: now, value: Promise.resolve(value), settled: true, refreshing: false });
          },
          // The stale value stays until maxStaleMs; the next request past freshMs tries again.
          () => {
            hit.refreshing = false;
          },
        );
      }
      return hit.value;
    }
    if (!hit && entries.size >= options.maxEntries) entries.delete(entries.keys().next().value!);
    const entry: Entry<V> = { at: now, value: load(), settled: false, refreshing: false };
    entries.set(key, entry);
    entry.value.then(
      () => {
        entry.settled = true;
      },
      // A failed read must not be served from the cache.
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.value;
  };
}
