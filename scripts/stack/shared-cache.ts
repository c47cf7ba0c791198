/**
 * A shared HTTP cache in front of the app, as a CDN or nginx's proxy_cache would be: it stores only what a route
 * declares shareable (`Cache-Control: public, s-maxage`, `stale-while-revalidate`; never `private`, `no-store`, an
 * error status or an answer that sets a cookie), judged by http-cache-semantics, in a size-bounded LRU. Pages that
 * every visitor sees alike (the market, the analytics charts) are then rendered about once a second instead of once
 * per request.
 *
 * Anonymous visitors (no session cookie) cannot opt out of it: a `Cache-Control: no-cache`, a `Pragma`, a HEAD or a
 * made-up cookie would otherwise turn every request into a full render (review M-8). A copy is keyed by the canonical
 * URL (cache-key.ts: the route path, only the query parameters the page reads, sorted; the page is rendered for that
 * URL) and the visitor's language (resolved as the app resolves it, so a made-up Accept-Language is not a new key
 * either); public pages read no other request header or cookie. Concurrent misses for one key wait for one render. HEAD is answered from the GET copy. Nobody's cache directives
 * count, a signed-in visitor's included: anyone can send a cookie by the session cookie's name. A rendering made with
 * a session cookie (signed in, or claiming to be) is never stored; a background refresh a signed-in visitor sets off
 * renders without it.
 *
 * One thing a CDN could not do: every HTML answer keeps a Content-Security-Policy nonce of its own. The render is
 * given a fresh nonce and the cache remembers it; each answer from the cache gets another fresh nonce written over
 * it, in the CSP header and in the body (a random 128-bit value occurs nowhere else in the page).
 */
import { randomBytes } from 'node:crypto';
import CachePolicy from 'http-cache-semantics';
import { LRUCache } from 'lru-cache';
import { SESSION_COOKIE_NAMES } from '../../app/lib/session-cookie-names';
import { canonicalUrl, SHARED_PAGE_QUERIES, type SharedQueries } from './cache-key';

/** Renders a request with the CSP nonce its scripts must carry. */
export type Render = (request: Request, nonce: string) => Promise<Response>;

type Variant = {
  policy: CachePolicy;
  /** The request it was rendered for: asking with it judges the copy by its own age, whatever a visitor asks. */
  renderedFor: CachePolicy.Request;
  status: number;
  body: string;
  nonce: string;
  refreshing: boolean;
};

export type SharedCacheOptions = {
  /** Bytes of stored bodies (UTF-16 estimate) before the least recently used are dropped. */
  maxBytes?: number;
  /**
   * The one request property besides path and query that a public page depends on: the visitor's language as the
   * app resolves it (a bounded set of values). Defaults to the Accept-Language header as sent.
   */
  variantOf?: (request: Request) => string | Promise<string>;
  /** Names of the cookies that make a visitor signed in (a rendering made with one is never stored). */
  sessionCookies?: readonly string[];
  /** The shared pages and the query parameters each reads (cache-key.ts); any other path is never stored. */
  sharedQueries?: SharedQueries;
};

/** Response headers a stored copy may vary on: the key covers the language, and public pages read no other cookie. */
const KEYED_VARY = new Set(['accept-language', 'cookie', 'accept-encoding']);

export const newNonce = () => randomBytes(16).toString('base64');

/**
 * The request a copy is judged against, without the visitor's own cache directives: a copy first rendered for a
 * `no-cache` request would otherwise count as stale for every later visitor.
 */
function policyRequest(request: Request): CachePolicy.Request {
  const url = new URL(request.url);
  const headers = Object.fromEntries(request.headers);
  delete headers['cache-control'];
  delete headers.pragma;
  return { url: `${url.pathname}${url.search}`, method: 'GET', headers: { ...headers, host: url.host } };
}

function policyResponse(response: Response): CachePolicy.Response {
  return { status: response.status, headers: Object.fromEntries(response.headers) };
}

/** Only whole, successful, cookie-free, public text answers are worth sharing; everything else goes straight through. */
function worthStoring(response: Response, policy: CachePolicy) {
  const type = response.headers.get('content-type') ?? '';
  const cacheControl = (response.headers.get('cache-control') ?? '').toLowerCase();
  const vary = (response.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase());
  return (
    response.status === 200 &&
    !response.headers.has('set-cookie') &&
    !/\bprivate\b/.test(cacheControl) &&
    vary.every((name) => name === '' || KEYED_VARY.has(name)) &&
    (type.startsWith('text/') || type.startsWith('application/json')) &&
    policy.storable() &&
    policy.timeToLive() > 0
  );
}

function cookieNames(request: Request): string[] {
  return (request.headers.get('cookie') ?? '')
    .split(';')
    .map((part) => part.split('=')[0]!.trim())
    .filter(Boolean);
}

/** The answer without its body, for HEAD. */
const headOf = (response: Response) => new Response(null, { status: response.status, headers: response.headers });

export function createSharedCache(render: Render, options: SharedCacheOptions = {}) {
  const store = new LRUCache<string, Variant>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (variant) => variant.body.length * 2 + 512,
  });
  const variantOf = options.variantOf ?? ((request: Request) => request.headers.get('accept-language') ?? '');
  const sessionCookies = new Set<string>(options.sessionCookies ?? SESSION_COOKIE_NAMES);
  const sharedQueries = options.sharedQueries ?? SHARED_PAGE_QUERIES;
  /** Renders under way for a key: concurrent misses for one URL wait for one render instead of each starting one. */
  const pending = new Map<string, Promise<boolean>>();

  function answer(variant: Variant, headers: CachePolicy.Headers, state: 'HIT' | 'STALE') {
    const nonce = newNonce();
    const response = new Response(variant.body.replaceAll(variant.nonce, nonce), { status: variant.status });
    for (const [name, value] of Object.entries(headers)) {
      for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
        response.headers.append(name, one.replaceAll(variant.nonce, nonce));
      }
    }
    response.headers.set('x-cache', state);
    return response;
  }

  /** Renders, and stores the answer when its headers allow it and no session cookie took part in it. */
  async function fetchAndStore(request: Request, key: string, shareable: boolean) {
    const nonce = newNonce();
    const response = await render(request, nonce);
    const renderedFor = policyRequest(request);
    const policy = new CachePolicy(renderedFor, policyResponse(response), { shared: true });
    if (!shareable || !worthStoring(response, policy)) return { response, stored: false };
    const body = await response.text();
    store.set(key, { policy, renderedFor, status: response.status, body, nonce, refreshing: false });
    const fresh = new Response(body, { status: response.status, headers: response.headers });
    fresh.headers.set('x-cache', 'MISS');
    return { response: fresh, stored: true };
  }

  function refreshInBackground(variant: Variant, request: Request, key: string) {
    if (variant.refreshing) return;
    variant.refreshing = true;
    // Its own request: the visitor's connection (and its abort signal) may be gone before the render ends. Without the
    // visitor's session cookie: what this render makes is stored for everyone.
    const headers = new Headers(request.headers);
    const cookies = (request.headers.get('cookie') ?? '')
      .split(';')
      .filter((part) => part.trim() !== '' && !sessionCookies.has(part.split('=')[0]!.trim()));
    if (cookies.length > 0) headers.set('cookie', cookies.join(';'));
    else headers.delete('cookie');
    const refresh = new Request(request.url, { headers });
    const settle = () => {
      variant.refreshing = false;
    };
    fetchAndStore(refresh, key, true).then(({ response: fresh, stored }) => {
      // An answer that may not be stored (an error page while the database is down) is not served to anyone; the
      // stale copy stays until its stale-while-revalidate window ends, and the next request tries again.
      if (!stored) settle();
      return fresh.body?.cancel();
    }, settle);
  }

  async function cachedGet(visitorRequest: Request): Promise<Response> {
    const canonical = canonicalUrl(new URL(visitorRequest.url), sharedQueries);
    if (!canonical) return render(visitorRequest, newNonce());
    // Rendered as the canonical URL, so the copy is exactly what its key names.
    const request = new Request(canonical, { headers: visitorRequest.headers, signal: visitorRequest.signal });
    const signedIn = cookieNames(request).some((name) => sessionCookies.has(name));
    const key = `${canonical.pathname}${canonical.search}\n${await variantOf(request)}`;
    const fromStore = () => {
      const variant = store.get(key);
      if (!variant) return undefined;
      // Judged as the request it was rendered for: the visitor's own cache directives and cookies play no part.
      const { response, revalidation } = variant.policy.evaluateRequest(variant.renderedFor);
      if (response && !revalidation) return answer(variant, response.headers, 'HIT');
      if (response && !revalidation?.synchronous) {
        // stale-while-revalidate: one background render per copy; until it lands, the stale copy is served.
        refreshInBackground(variant, request, key);
        return answer(variant, response.headers, 'STALE');
      }
      return undefined;
    };
    const stored = fromStore();
    if (stored) return stored;
    if (signedIn) return (await fetchAndStore(request, key, false)).response;
    const leader = pending.get(key);
    if (leader) {
      // Another anonymous request is rendering this key: its copy serves this one too, unless it could not be stored.
      if (await leader) {
        const shared = fromStore();
        if (shared) return shared;
      }
      return (await fetchAndStore(request, key, true)).response;
    }
    const rendering = fetchAndStore(request, key, true);
    const settled = rendering.then(
      ({ stored: kept }) => kept,
      () => false,
    );
    pending.set(key, settled);
    void settled.then(() => pending.delete(key));
    return (await rendering).response;
  }

  return async function cached(request: Request): Promise<Response> {
    if (request.method === 'HEAD') {
      const asGet = new Request(request.url, { headers: request.headers, signal: request.signal });
      return headOf(await cachedGet(asGet));
    }
    if (request.method !== 'GET') return render(request, newNonce());
    return cachedGet(request);
  };
}
