/**
 * The sign-in cookie's names (siwe-session.server.ts sets them): `__Host-` prefixed over https, `__` over plain http.
 * Its own module so the shared cache in front of the app (scripts/stack/shared-cache.ts) can tell a session request
 * without importing server-only session code.
 */
export const SESSION_COOKIE_BASE = 'rackshare_siwe';
export const SESSION_COOKIE_NAMES = [`__${SESSION_COOKIE_BASE}`, `__Host-${SESSION_COOKIE_BASE}`] as const;
