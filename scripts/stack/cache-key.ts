/**
 * The shared cache's key is the canonical URL of a shared page (review M-8, attacker #3): the route path as Remix
 * matches it (request-path.ts), and only the query parameters that page's loader reads, sorted, last non-empty value
 * of each (as searchParamsObject reads them). A made-up parameter (`?cachebuster=…`, `?utm_source=…`) is dropped, so it
 * is neither a new copy nor a new render; the page is rendered for the canonical URL, so it is what its key says.
 */
import { analyticsQuerySchema } from '../../app/lib/analytics-query';
import { marketQuerySchema } from '../../app/lib/market-query';
import { normalizePath } from './request-path';

/** Path -> the query parameters its loader reads. A path not listed here is never stored. */
export type SharedQueries = Readonly<Record<string, readonly string[]>>;

const market = Object.keys(marketQuerySchema.shape);
const analytics = Object.keys(analyticsQuerySchema.shape);
/** Single fetch names the route loaders to run; the rest of a `.data` URL's query is the page's. */
const SINGLE_FETCH = ['_routes'];

/** The pages that declare SHARED_PAGE (app/lib/http.server.ts), and their single-fetch data URLs. */
export const SHARED_PAGE_QUERIES: SharedQueries = {
  '/': [],
  '/_root.data': SINGLE_FETCH,
  '/clusters': market,
  '/clusters.data': [...market, ...SINGLE_FETCH],
  '/analytics': analytics,
  '/analytics.data': [...analytics, ...SINGLE_FETCH],
};

/** The canonical URL of a shared page, or null when the path is not one (or is malformed). */
export function canonicalUrl(url: URL, pages: SharedQueries = SHARED_PAGE_QUERIES): URL | null {
  const path = normalizePath(url.pathname);
  if (path === null || !Object.hasOwn(pages, path)) return null;
  const allowed = new Set(pages[path]);
  const values = new Map<string, string>();
  for (const [name, value] of url.searchParams) if (allowed.has(name) && value !== '') values.set(name, value);
  const canonical = new URL(path, url.origin);
  for (const name of [...values.keys()].sort()) canonical.searchParams.set(name, values.get(name)!);
  return canonical;
}
