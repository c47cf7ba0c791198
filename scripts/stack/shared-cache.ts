/**
 * A shared HTTP cache in front of the app, as a CDN or nginx's proxy_cache would be: it stores only what a route
 * declares shareable (`Cache-Control: s-maxage`, honouring `Vary`, `stale-while-revalidate`, `no-store`, `private`,
 * a request's `no-cache`), judged by http-cache-semantics, in a size-bounded LRU. Pages that every visitor sees alike
 * (the market, the analytics charts) are then rendered about once a second instead of once per request.
 *
 * One thing a CDN could not do: every HTML answer keeps a Content-Security-Policy nonce of its own. The render is
 * given a fresh nonce and the cache remembers it; each answer from the cache gets another fresh nonce written over
 * it, in the CSP header and in the body (a random 128-bit value occurs nowhere else in the page).
 */
import { randomBytes } from 'node:crypto';
import CachePolicy from 'http-cache-semantics';
import { LRUCache } from 'lru-cache';

/** Renders a request with the CSP nonce its scripts must carry. */
export type Render = (request: Request, nonce: string) => Promise<Response>;

type Variant = {
  policy: CachePolicy;
  /** The request's values of the headers the response varies on: a newer rendering with the same ones replaces it. */
  varyKey: string;
  /** The request it was rendered for: asking with it tells whether the copy is still of use to anyone. */
  renderedFor: CachePolicy.Request;
  status: number;
  body: string;
  nonce: string;
  refreshing: boolean;
};

export type SharedCacheOptions = {
  /** Bytes of stored bodies (UTF-16 estimate) before the least recently used are dropped. */
  maxBytes?: number;
};

export const newNonce = () => randomBytes(16).toString('base64');

function policyRequest(request: Request): CachePolicy.Request {
  const url = new URL(request.url);
  return {
    url: `${url.pathname}${url.search}`,
    method: request.method,
    headers: { ...Object.fromEntries(request.headers), host: url.host },
  };
}

function varyKey(request: Request, response: Response) {
  const names = (response.headers.get('vary') ?? '').split(',').map((name) => name.trim().toLowerCase());
  return JSON.stringify(names.filter(Boolean).map((name) => request.headers.get(name)));
}

/** Still of use to some request: fresh, or inside its stale-while-revalidate window. */
const usable = (variant: Variant) => variant.policy.evaluateRequest(variant.renderedFor).response !== undefined;

function policyResponse(response: Response): CachePolicy.Response {
  return { status: response.status, headers: Object.fromEntries(response.headers) };
}

/** Only whole, successful, cookie-free text answers are worth sharing; everything else goes straight through. */
function worthStoring(response: Response, policy: CachePolicy) {
  const type = response.headers.get('content-type') ?? '';
  return (
    response.status === 200 &&
    !response.headers.has('set-cookie') &&
    (type.startsWith('text/') || type.startsWith('application/json')) &&
    policy.storable() &&
    policy.timeToLive() > 0
  );
}

export function createSharedCache(render: Render, options: SharedCacheOptions = {}) {
  // Keyed by URL; the variants of one URL differ in the request headers its responses name in Vary.
  const store = new LRUCache<string, Variant[]>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (variants) => variants.reduce((sum, variant) => sum + variant.body.length * 2 + 512, 0),
  });

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

  /** Renders, and stores the answer when its headers allow it. */
  async function fetchAndStore(request: Request, key: string) {
    const nonce = newNonce();
    const response = await render(request, nonce);
    const renderedFor = policyRequest(request);
    const policy = new CachePolicy(renderedFor, policyResponse(response), { shared: true });
    if (!worthStoring(response, policy)) return { response, stored: false };
    const body = await response.text();
    const variant: Variant = {
      policy,
      varyKey: varyKey(request, response),
      renderedFor,
      status: response.status,
      body,
      nonce,
      refreshing: false,
    };
    // The new rendering replaces the one for the same header values; copies no request can use any more go too.
    const others = (store.get(key) ?? []).filter((other) => other.varyKey !== variant.varyKey && usable(other));
    store.set(key, [...others, variant]);
    const fresh = new Response(body, { status: response.status, headers: response.headers });
    fresh.headers.set('x-cache', 'MISS');
    return { response: fresh, stored: true };
  }

  return async function cached(request: Request): Promise<Response> {
    if (request.method !== 'GET') return render(request, newNonce());
    const key = request.url;
    const asked = policyRequest(request);
    for (const variant of store.get(key) ?? []) {
      const { response, revalidation } = variant.policy.evaluateRequest(asked);
      if (!response) continue;
      if (!revalidation) return answer(variant, response.headers, 'HIT');
      if (!revalidation.synchronous) {
        // stale-while-revalidate: one background render per variant; until it lands, the stale copy is served.
        if (!variant.refreshing) {
          variant.refreshing = true;
          // Its own request: the visitor's connection (and its abort signal) may be gone before the render ends.
          const refresh = new Request(request.url, { headers: request.headers });
          const settle = () => {
            variant.refreshing = false;
          };
          fetchAndStore(refresh, key).then(({ response: fresh, stored }) => {
            // An answer that may not be stored (an error page while the database is down) is not served to anyone;
            // the stale copy stays until its stale-while-revalidate window ends, and the next request tries again.
            if (!stored) settle();
            return fresh.body?.cancel();
          }, settle);
        }
        return answer(variant, response.headers, 'STALE');
      }
    }
    return (await fetchAndStore(request, key)).response;
  };
}
