/**
 * Cross-site request refusal for every state-changing request (form actions, Remix data requests). Browsers send
 * Origin (and Sec-Fetch-Site) on every POST, so a missing or foreign origin means the request did not come from a page
 * of this site. The origin is compared with the configured public origin (app/lib/public-origin.ts), never with the
 * request's Host: a client that writes both headers would otherwise vouch for itself (review M-1). Applied once, as
 * Express middleware in front of Remix (scripts/stack/web.ts).
 */
export type OriginHeaders = { secFetchSite?: string | null; origin?: string | null };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a request must be refused (a sentence), or null when it may proceed. `allowed`: this site's origins. */
export function crossSiteRefusal(method: string, headers: OriginHeaders, allowed: readonly string[]): string | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const site = headers.secFetchSite;
  if (site && site !== 'same-origin' && site !== 'none') return 'Cross-site requests are not allowed.';
  const origin = headers.origin;
  if (!origin || origin === 'null') return 'Requests without an Origin are not allowed.';
  let parsed: string;
  try {
    parsed = new URL(origin).origin;
  } catch {
    return 'Malformed Origin.';
  }
  return allowed.includes(parsed) ? null : 'Cross-site requests are not allowed.';
}
