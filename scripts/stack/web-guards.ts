/**
 * What stands in front of Remix (scripts/stack/web.ts): a request for another host is refused, a state-changing
 * request from another site is refused, the expensive anonymous endpoints are rate-limited per client address (counted
 * in the database, shared by every web process), and a
 * body is read only up to its route's limit before any action runs. Refusals are the one wire shape the app's pages
 * read (`Rejection.toBody()`: `{ error: { code, message } }`, app/lib/refusal.ts).
 */
import { isIP, isIPv6 } from 'node:net';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Database } from '#db';
import { SharedRateLimits } from '#db/rate-limits';
import { Rejection } from '#protocol/base-error';
import { MAX_GPUS_PER_CLUSTER } from '#protocol/wire';
import { allowedHosts, allowedOrigins } from '../../app/lib/public-origin';
import { crossSiteRefusal } from '../../app/lib/same-origin';
import { routePath } from './request-path';

/** Every form of the app is a few fields; 64 KiB leaves room for a long note and a contract wallet's signature. */
export const FORM_BODY_LIMIT = 64 * 1_024;
/**
 * The attestation relay carries a wallet-signed GPU inventory: at most the largest cluster's UUIDs at about 70 bytes
 * each as JSON, plus the envelope. The relay then caps each answer at the cluster's own on-chain GPU count.
 */
export const ATTESTATION_BODY_LIMIT = MAX_GPUS_PER_CLUSTER * 70 + FORM_BODY_LIMIT;

const refuse = (response: Response, status: number, code: string, message: string) =>
  response
    .status(status)
    .set('cache-control', 'no-store')
    .json(new Rejection(code, message, status).toBody());

/**
 * The key a client is limited by: an IPv4 address as is (also when written IPv4-mapped, `::ffff:a.b.c.d`), an IPv6
 * address by its /64 — one subscriber's allocation, so rotating the low bits is not a new client (attacker #1).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...headGroups, ...Array(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups]
    : headGroups;
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** The client's key (clientKey): the socket's address, or behind a proxy the last X-Forwarded-For hop (our proxy's). */
export function clientAddress(request: Request, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = request.get('x-forwarded-for')?.split(',');
    const last = hops?.[hops.length - 1]?.trim();
    // Only an address is a key: anything else would be a client-chosen, unbounded key of the shared counters.
    if (last && isIP(last)) return clientKey(last);
  }
  return clientKey(request.socket.remoteAddress ?? 'unknown');
}

/**
 * Works out the route path once (request-path.ts) for the guards after it; a malformed %-escape is refused here, since
 * no route could match it and the guards could not say which limit applies.
 */
export function routePathGuard(): RequestHandler {
  return (request, response, next) => {
    const path = routePath(request.path);
    if (path === null) return refuse(response, 400, 'malformed_path', 'The request path has a malformed %-escape.');
    response.locals.routePath = path;
    next();
  };
}

/** The route path routePathGuard found (or, for a guard used on its own, works it out). */
const routePathOf = (request: Request, response: Response): string =>
  (response.locals.routePath as string | undefined) ?? routePath(request.path) ?? request.path;

/** True when the visitor reached us over https: only a trusted proxy's X-Forwarded-Proto can say so (L-1). */
export function forwardedHttps(request: Request, trustProxy: boolean): boolean {
  const proto = request.get('x-forwarded-proto')?.split(',').pop()?.trim().toLowerCase();
  return trustProxy && proto === 'https';
}

/** Requests whose Host is not the public origin's (nor, for a loopback origin, a loopback alias) never reach Remix. */
export function hostGuard(publicOrigin: string): RequestHandler {
  // Parsed once: this runs on every request, assets included.
  const hosts = new Set(allowedHosts(publicOrigin));
  return (request, response, next) => {
    if (hosts.has(request.get('host')?.toLowerCase() ?? '')) return next();
    refuse(response, 421, 'unknown_host', `This server answers for ${new URL(publicOrigin).host} only.`);
  };
}

/**
 * Routes whose writes are authorized by a signature inside the body, never by the visitor's cookies: a cross-site page
 * can post there only what its author could post with curl, so the CSRF gate does not apply and API clients (bots,
 * other front ends), which send no Origin, may use them. The relay stores a signed offer for anyone who holds it.
 */
export const SIGNATURE_AUTHORIZED_ROUTES: readonly RegExp[] = [/^\/api\/v1\/offers$/];

/** The CSRF gate: a state-changing request must come from a page of the configured origin. */
export function originGuard(publicOrigin: string): RequestHandler {
  const allowed = allowedOrigins(publicOrigin);
  return (request, response, next) => {
    if (SIGNATURE_AUTHORIZED_ROUTES.some((route) => route.test(request.path))) return next();
    const refusal = crossSiteRefusal(
      request.method,
      { secFetchSite: request.get('sec-fetch-site'), origin: request.get('origin') },
      allowed,
    );
    if (refusal) refuse(response, 403, 'cross_site', refusal);
    else next();
  };
}

type LimitedRoute = { name: string; method: 'GET' | 'POST'; path: RegExp; burst: number; perMinute: number };

/**
 * The anonymous endpoints whose cost is far above a page view (M-2, L-2): epoch exports build Merkle proofs over every
 * sample and ask the oracle nodes, the relay fans out to every node, sign-in runs a signature check that may call the
 * chain. Generous for a person, tight for a loop.
 */
export const LIMITED_ROUTES: LimitedRoute[] = [
  {
    name: 'epoch export',
    method: 'GET',
    path: /^\/(api\/v1\/clusters\/[^/]+\/epochs\/[^/]+\/samples$|analytics\/epochs\/)/,
    burst: 10,
    perMinute: 30,
  },
  { name: 'attestation relay', method: 'POST', path: /^\/operator\/attestation$/, burst: 10, perMinute: 20 },
  { name: 'sign-in', method: 'POST', path: /^\/operator\/session$/, burst: 10, perMinute: 30 },
  { name: 'offer relay', method: 'POST', path: /^\/api\/v1\/offers$/, burst: 20, perMinute: 60 },
  // Each answer reads the chain for the maker's next free nonce (db/market/nonces.ts): a few reads per request.
  { name: "maker's offers", method: 'GET', path: /^\/api\/v1\/offers$/, burst: 30, perMinute: 120 },
];

/** Seconds a client refused by `route` waits for its next token. */
export const retryAfterSeconds = (route: LimitedRoute) => Math.max(1, Math.ceil(60 / route.perMinute));

/** Refused clients a web process remembers (each until its Retry-After): the rest ask the database again. */
const REFUSED_CLIENTS = 10_000;

/** How long an idle client's bucket takes to be full again on the slowest of `routes`: it may be forgotten then. */
export const fullRefillMs = (routes: readonly LimitedRoute[]) =>
  Math.max(...routes.map((route) => Math.ceil((route.burst / route.perMinute) * 60_000)));

/**
 * The per-client limits of `routes`, counted in the database (db/rate-limits.ts) so that every web process on it
 * shares them: a client gets one burst from the whole tier, not one per replica. When the database cannot answer,
 * the request is refused (503) rather than let through unlimited.
 */
export function rateLimitGuard(
  trustProxy: boolean,
  db: Database,
  routes: readonly LimitedRoute[] = LIMITED_ROUTES,
  now: () => number = Date.now,
): RequestHandler {
  const limits = new SharedRateLimits(db, { fullAfterMs: fullRefillMs(routes) });
  // A client just refused is refused again here until its Retry-After passes, without a write on the primary: a flood
  // from one client costs the database one statement per Retry-After, not one per request. Bounded; oldest first out.
  const refusedUntil = new Map<string, number>();
  const tooMany = (response: Response, route: LimitedRoute) => {
    const wait = retryAfterSeconds(route);
    response.set('retry-after', String(wait));
    refuse(response, 429, 'rate_limited', `Too many ${route.name} requests; try again in ${wait} s.`);
  };
  return (request, response, next) => {
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const path = routePathOf(request, response);
    const route = routes.find((limited) => limited.method === method && limited.path.test(path));
    if (!route) return next();
    const client = clientAddress(request, trustProxy);
    const key = `${route.name}|${client}`;
    const at = now();
    const until = refusedUntil.get(key);
    if (until !== undefined && until > at) return tooMany(response, route);
    refusedUntil.delete(key);
    const bucket = { burst: route.burst, refillPerSecond: route.perMinute / 60 };
    limits.take(route.name, client, bucket, at).then(
      (taken) => {
        if (taken) return next();
        if (refusedUntil.size >= REFUSED_CLIENTS) refusedUntil.delete(refusedUntil.keys().next().value!);
        refusedUntil.set(key, at + retryAfterSeconds(route) * 1_000);
        tooMany(response, route);
      },
      () => {
        response.set('retry-after', '5');
        refuse(
          response,
          503,
          'rate_limit_unavailable',
          'The server cannot check its rate limits now; try again shortly.',
        );
      },
    );
  };
}

/** The body limit of a route path (routePath: already decoded, lower case, without `.data`). */
export function bodyLimitFor(path: string): number {
  return path === '/operator/attestation' ? ATTESTATION_BODY_LIMIT : FORM_BODY_LIMIT;
}

/**
 * How many bodies above the form limit (attestation inventories, ~7 MB each) may be buffered at once, process-wide:
 * without it, anonymous connections from many addresses could each hold one until the request timeout (attacker #2).
 */
export const LARGE_BODY_SLOTS = 4;

/** Seconds a client turned away for want of a large-body slot is asked to wait: about one request timeout. */
const LARGE_BODY_RETRY_AFTER_S = 30;

/**
 * Reads a request body into `response.locals.body`, at most the route's limit (M-3): a declared Content-Length above
 * it is refused before one byte is read, a chunked body is counted as it streams and refused at the limit. Either way
 * the answer is 413 and the connection closes, so the rest is never buffered. A body allowed past the form limit
 * needs one of `largeSlots` slots while it is read; when all are taken the answer is 503 with Retry-After.
 */
export function bodyLimitGuard(limitFor = bodyLimitFor, largeSlots = LARGE_BODY_SLOTS): RequestHandler {
  let largeInUse = 0;
  return (request: Request, response: Response, next: NextFunction) => {
    if (request.method === 'GET' || request.method === 'HEAD') return next();
    const limit = limitFor(routePathOf(request, response));
    const tooLarge = () => {
      response.set('connection', 'close');
      refuse(response, 413, 'body_too_large', `The request body is larger than ${limit} bytes.`);
    };
    const declared = request.get('content-length');
    if (declared !== undefined && !(Number(declared) <= limit)) return tooLarge();
    let release = () => {};
    if (limit > FORM_BODY_LIMIT) {
      if (largeInUse >= largeSlots) {
        response.set('connection', 'close').set('retry-after', String(LARGE_BODY_RETRY_AFTER_S));
        return refuse(response, 503, 'uploads_busy', 'Too many large uploads at once; try again shortly.');
      }
      largeInUse += 1;
      let held = true;
      release = () => {
        if (held) largeInUse -= 1;
        held = false;
      };
      // 'close' comes when the body was read, and when the client went away or the request timeout cut it.
      request.once('close', release);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        release();
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    request.once('end', () => {
      release();
      if (refused) return;
      response.locals.body = Buffer.concat(chunks);
      next();
    });
    request.once('error', (error) => {
      release();
      chunks.length = 0;
      if (!refused) next(error);
    });
  };
}

/**
 * The Fetch request Remix gets for a body that bodyLimitGuard already read: the same URL and headers, the bytes read
 * (the Node stream is spent), aborted when the client goes away before the answer is sent.
 */
export function bufferedRequest(request: Request, response: Response, protocol: string, body: Buffer) {
  const headers = new Headers();
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index]!;
    // The body is whole now: its framing headers describe the wire, not this request.
    if (/^(transfer-encoding|content-length|connection)$/i.test(name)) continue;
    headers.append(name, request.rawHeaders[index + 1]!);
  }
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return new globalThis.Request(`${protocol}//${request.get('host')}${request.originalUrl}`, {
    method: request.method,
    headers,
    body: new Uint8Array(body),
    signal: controller.signal,
  });
}
