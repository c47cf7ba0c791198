/**
 * The path as Remix routes it, so the guards in front of it (rate limits, body limits) and the shared cache's key
 * cannot be sidestepped by another spelling of the same route: Remix matches after %-decoding, case-insensitively,
 * ignores repeated and trailing slashes, and with single fetch `POST /x.data` runs the action of `/x` (attacker #1).
 */

/** The decoded, lower-case path with single slashes and no trailing one; null for a malformed %-escape. */
export function normalizePath(rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const collapsed = decoded.toLowerCase().replace(/\/{2,}/g, '/');
  const trimmed = collapsed.length > 1 ? collapsed.replace(/\/+$/, '') : collapsed;
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** The route a path reaches: normalizePath, then without the single-fetch `.data` suffix (`/_root.data` is `/`). */
export function routePath(rawPath: string): string | null {
  const path = normalizePath(rawPath);
  if (path === null) return null;
  if (path === '/_root.data') return '/';
  if (!path.endsWith('.data')) return path;
  return path.slice(0, -'.data'.length).replace(/\/+$/, '') || '/';
}
