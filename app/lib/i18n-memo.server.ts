/** Translation lookups on the server, answered once per key and plain options (entry.server.tsx). */
import type { i18n as I18n, TFunction } from 'i18next';

/** Options react-i18next's `t` adds to every call. */
const FIXED_T_OPTIONS = new Set(['lng', 'lngs', 'ns', 'keyPrefix']);
const MEMOIZED_LOOKUPS = 2_000;

/**
 * A page calls `t` ~60 times per render and i18next resolves each through its fallback chain, plural rules and
 * interpolation (≈3 % of a market render). On the server the catalogs are bundled and never change, so a lookup's
 * answer depends only on its key and its plain (string, number, boolean) options in this instance's language: keep
 * it. Anything else (another language or namespace, a key prefix, an object to interpolate) goes to i18next as is.
 * Bounded: keys come from code, but counts and page numbers come from the data.
 */
export function memoizePlainLookups(instance: I18n, language: string): I18n {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const memo = new Map<string, unknown>();
  const memoKey = (key: unknown, options: unknown): string | undefined => {
    if (typeof key !== 'string') return undefined;
    if (options === undefined) return key;
    if (typeof options !== 'object' || options === null) return undefined;
    let extra = '';
    for (const [name, value] of Object.entries(options)) {
      if (value === undefined || value === null) continue;
      if (FIXED_T_OPTIONS.has(name)) {
        if (name === 'lng' && value === language) continue;
        if (name === 'ns' && value === 'translation') continue;
        return undefined;
      }
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
      extra += `\u0000${name}\u0000${typeof value}\u0000${value}`;
    }
    return key + extra;
  };
  instance.t = ((...args: unknown[]) => {
    const key = args.length <= 2 ? memoKey(args[0], args[1]) : undefined;
    if (key === undefined) return translate(...args);
    if (memo.has(key)) return memo.get(key);
    const value = translate(...args);
    if (memo.size < MEMOIZED_LOOKUPS) memo.set(key, value);
    return value;
  }) as unknown as TFunction;
  return instance;
}
