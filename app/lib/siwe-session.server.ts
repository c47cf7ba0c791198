/**
 * The signed-in operator, kept in a signed cookie after Sign-In with Ethereum (see siwe.server.ts). httpOnly keeps
 * page scripts from reading it, sameSite=lax keeps other sites' forms from sending it (the same-origin check in front
 * of Remix refuses those too), secure when the page itself is served over https.
 */
import { createCookieSessionStorage, type SessionStorage } from '@remix-run/node';
import { type Address, getAddress, isAddress } from 'viem';
import type { WebSettings } from '#config/web';
import type { SignInGrant } from './siwe.server';

/** A sign-in lasts at most this long (shorter when the signed message expires earlier). */
export const SESSION_MAX_AGE_S = 8 * 3_600;

type SessionData = { address: string; chainId: number; expiresAt: number };

/** The secret comes from the process's settings (one per process, tests aside), not from visitors: a few entries. */
const storages = new Map<string, SessionStorage<SessionData>>();

type SessionSettings = Pick<WebSettings, 'sessionSecret'>;

function storageFor(request: Request, { sessionSecret }: SessionSettings) {
  const secure = new URL(request.url).protocol === 'https:';
  const key = `${secure}:${sessionSecret}`;
  let storage = storages.get(key);
  if (!storage) {
    storage = createCookieSessionStorage<SessionData>({
      cookie: {
        name: '__rackshare_siwe',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        secrets: [sessionSecret],
      },
    });
    storages.set(key, storage);
  }
  return storage;
}

/** The address signed in on this request for `chainId`, if any and not expired. */
export async function signedInAddress(
  request: Request,
  web: SessionSettings,
  chainId: number,
  now = new Date(),
): Promise<Address | undefined> {
  const session = await storageFor(request, web).getSession(request.headers.get('cookie'));
  const address = session.get('address');
  if (!address || !isAddress(address) || session.get('chainId') !== chainId) return undefined;
  if ((session.get('expiresAt') ?? 0) <= now.getTime()) return undefined;
  return getAddress(address);
}

/** The Set-Cookie header that signs `grant` in. */
export async function signInCookie(
  request: Request,
  web: SessionSettings,
  grant: SignInGrant,
  now = new Date(),
): Promise<string> {
  const storage = storageFor(request, web);
  const session = await storage.getSession();
  const latest = now.getTime() + SESSION_MAX_AGE_S * 1_000;
  const expiresAt = Math.min(grant.expiresAt?.getTime() ?? latest, latest);
  session.set('address', grant.address);
  session.set('chainId', grant.chainId);
  session.set('expiresAt', expiresAt);
  return storage.commitSession(session, { expires: new Date(expiresAt) });
}

/** The Set-Cookie header that signs out. */
export async function signOutCookie(request: Request, web: SessionSettings): Promise<string> {
  const storage = storageFor(request, web);
  return storage.destroySession(await storage.getSession(request.headers.get('cookie')));
}
