/**
 * The signed-in operator after Sign-In with Ethereum (see siwe.server.ts), and the pre-auth cookie a nonce is bound
 * to. The session lives in the database (app/models/sessions.server.ts); the cookie carries only its random id,
 * signed with SESSION_SECRET, so sign-out revokes it for every copy (I-2). httpOnly keeps page scripts from reading
 * the cookies, sameSite=lax keeps other sites' forms from sending them. Over https — an https public origin, or a
 * trusted proxy's X-Forwarded-Proto (scripts/stack/web.ts sets the request URL's scheme only then) — they are
 * `Secure` and `__Host-` prefixed, so no subdomain or plain-http page can set or overwrite them (L-1).
 */
import { randomBytes } from 'node:crypto';
import { type Cookie, createCookie } from '@remix-run/node';
import type { Address } from 'viem';
import type { ServiceContext } from '~/load-context';
import { createSession, revokeSession, sessionAddress } from '~/models/sessions.server';
import { SESSION_COOKIE_BASE } from './session-cookie-names';
import type { SignInGrant } from './siwe.server';

/** A sign-in lasts at most this long (shorter when the signed message expires earlier). */
export const SESSION_MAX_AGE_S = 8 * 3_600;
/** Time to fetch a nonce, show the message and sign it. */
export const PRE_AUTH_MAX_AGE_S = 10 * 60;

export type SessionContext = Pick<ServiceContext, 'db' | 'web'> & { chain: { chainId: number } };

/** True when the visitor's connection is https, so the cookies can be `Secure` (and so `__Host-`). */
export function isSecureRequest(request: Request, web: Pick<ServiceContext['web'], 'publicOrigin'>): boolean {
  return web.publicOrigin.startsWith('https:') || new URL(request.url).protocol === 'https:';
}

const cookies = new Map<string, Cookie>();

/** The cookie `name` for this request: `__Host-name` over https, `__name` over plain http (browsers refuse the prefix). */
function cookieFor(name: string, maxAge: number | undefined, request: Request, web: ServiceContext['web']) {
  const secure = isSecureRequest(request, web);
  const key = `${name}\n${secure}\n${web.sessionSecret}`;
  let cookie = cookies.get(key);
  if (!cookie) {
    // One entry per (cookie, scheme, secret): a handful per process.
    cookie = createCookie(secure ? `__Host-${name}` : `__${name}`, {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: '/',
      maxAge,
      secrets: [web.sessionSecret],
    });
    cookies.set(key, cookie);
  }
  return cookie;
}

const sessionCookie = (request: Request, web: ServiceContext['web']) =>
  cookieFor(SESSION_COOKIE_BASE, undefined, request, web);
const preAuthCookie = (request: Request, web: ServiceContext['web']) =>
  cookieFor('rackshare_preauth', PRE_AUTH_MAX_AGE_S, request, web);

async function sessionId(request: Request, web: ServiceContext['web']): Promise<string | undefined> {
  const value: unknown = await sessionCookie(request, web).parse(request.headers.get('cookie'));
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value) ? value : undefined;
}

/** The address signed in on this request for the context's chain, if its session is live. */
export async function signedInAddress(
  request: Request,
  context: SessionContext,
  now = new Date(),
): Promise<Address | undefined> {
  const id = await sessionId(request, context.web);
  // The primary: a session opened a moment ago (sign-in, then the next page) is not on a lagging replica yet.
  return id ? sessionAddress(context.db.$primary, id, context.chain.chainId, now) : undefined;
}

/** Opens a session for `grant` and returns the Set-Cookie header that carries it. */
export async function signInCookie(
  request: Request,
  context: SessionContext,
  grant: SignInGrant,
  now = new Date(),
): Promise<string> {
  const latest = now.getTime() + SESSION_MAX_AGE_S * 1_000;
  const expiresAt = new Date(Math.min(grant.expiresAt?.getTime() ?? latest, latest));
  const id = await createSession(context.db.$primary, {
    chainId: grant.chainId,
    address: grant.address,
    expiresAt,
    now,
  });
  return sessionCookie(request, context.web).serialize(id, { expires: expiresAt });
}

/** Revokes this request's session and returns the Set-Cookie header that clears it. */
export async function signOutCookie(request: Request, context: SessionContext): Promise<string> {
  const id = await sessionId(request, context.web);
  if (id) await revokeSession(context.db.$primary, id);
  return sessionCookie(request, context.web).serialize('', { expires: new Date(0), maxAge: 0 });
}

/**
 * The pre-auth client id a nonce is bound to: this browser's, when its pre-auth cookie is intact, else a fresh one;
 * with the Set-Cookie that (re)starts its ten minutes.
 */
export async function preAuthClient(
  request: Request,
  web: ServiceContext['web'],
): Promise<{ client: string; setCookie: string }> {
  const client = (await presentedPreAuthClient(request, web)) ?? randomBytes(16).toString('hex');
  return { client, setCookie: await preAuthCookie(request, web).serialize(client) };
}

/** The pre-auth client id this request's cookie names, if the cookie is intact (signIn only accepts its nonces). */
export async function presentedPreAuthClient(request: Request, web: ServiceContext['web']) {
  const current: unknown = await preAuthCookie(request, web).parse(request.headers.get('cookie'));
  return typeof current === 'string' && /^[0-9a-f]{32}$/.test(current) ? current : undefined;
}
