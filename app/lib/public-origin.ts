/**
 * The site's own origin comes from configuration (PUBLIC_ORIGIN), never from a request: Host and Origin are whatever
 * the client writes, so trusting them lets another site relay a sign-in (review M-1) or a rebound DNS name reach a
 * laptop's dashboard (L-10). A loopback origin also answers to its loopback aliases on the same port, so that
 * `http://localhost:3000` and `http://127.0.0.1:3000` both work on a developer's machine; a public origin answers to
 * itself only.
 */
const LOOPBACK_HOSTNAMES = ['localhost', '127.0.0.1', '[::1]'];

/** Every origin (scheme://host[:port]) this site answers to. */
export function allowedOrigins(publicOrigin: string): string[] {
  const url = new URL(publicOrigin);
  if (!LOOPBACK_HOSTNAMES.includes(url.hostname)) return [url.origin];
  const port = url.port ? `:${url.port}` : '';
  return LOOPBACK_HOSTNAMES.map((hostname) => `${url.protocol}//${hostname}${port}`);
}

/** Every Host header value (host[:port]) this site answers to. */
export function allowedHosts(publicOrigin: string): string[] {
  return allowedOrigins(publicOrigin).map((origin) => new URL(origin).host);
}

/**
 * True for a redirect target that stays on this site. Resolved the way a browser resolves a Location header, so
 * `//evil.com` and `/\\evil.com` (a browser reads the backslash as a slash) are seen as the other origin they are (I-1).
 */
export function isSameSitePath(path: string): boolean {
  const base = new URL('http://site.invalid/');
  return path.startsWith('/') && new URL(path, base).origin === base.origin;
}
