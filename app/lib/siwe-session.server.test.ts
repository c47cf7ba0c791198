import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { sessions } from '#db/schema';
import { SESSIONS_PER_ADDRESS } from '~/models/sessions.server';
import { type SessionContext, signedInAddress, signInCookie, signOutCookie } from './siwe-session.server';

const address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const page = (origin: string, cookie?: string, headers: Record<string, string> = {}) =>
  new Request(`${origin}/operator`, { headers: cookie ? { ...headers, cookie } : headers });
/** The name=value part of a Set-Cookie header, as a browser sends it back. */
const sentBack = (setCookie: string) => setCookie.split(';')[0]!;

describe.each(testDatabases)('the sign-in session ($name)', (factory) => {
  let handle: DatabaseHandle;
  let context: SessionContext;
  const local = 'http://localhost:4550';

  beforeAll(async () => {
    handle = await factory.open();
    context = {
      db: handle.db,
      chain: { chainId: 31_337 },
      web: {
        publicOrigin: local,
        trustProxy: false,
        sessionSecret: 's'.repeat(32),
        cloudReferencePriceUsd: '2.50',
        oracleNodeUrls: [],
      },
    };
  });

  afterAll(async () => {
    await handle?.close();
  });

  it('carries the signed-in address for its chain only, httpOnly and sameSite=lax', async () => {
    const setCookie = await signInCookie(page(local), context, { address, chainId: 31_337 });
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    expect(setCookie).toMatch(/^__rackshare_siwe=/);
    const request = page(local, sentBack(setCookie));
    expect(await signedInAddress(request, context)).toBe(address);
    expect(await signedInAddress(request, { ...context, chain: { chainId: 1 } })).toBeUndefined();
  });

  it('is __Host- and Secure behind a trusted https proxy or for an https public origin, neither over http (L-1)', async () => {
    // scripts/stack/web.ts makes the request URL https only when trustProxy is on and X-Forwarded-Proto says so.
    const proxied = await signInCookie(page('https://localhost:4550'), context, { address, chainId: 31_337 });
    expect(proxied).toMatch(/^__Host-rackshare_siwe=/);
    expect(proxied).toMatch(/; Secure/);
    expect(proxied).toMatch(/; Path=\//);
    expect(proxied).not.toMatch(/Domain=/);
    const httpsOrigin = { ...context, web: { ...context.web, publicOrigin: 'https://rackshare.example' } };
    const configured = await signInCookie(page('http://rackshare.example'), httpsOrigin, { address, chainId: 31_337 });
    expect(configured).toMatch(/^__Host-rackshare_siwe=.*; Secure/);
    // The secure cookie is the one read back; a plain __rackshare_siwe planted over http is not.
    expect(await signedInAddress(page('http://rackshare.example', sentBack(configured)), httpsOrigin)).toBe(address);
    const planted = sentBack(configured).replace('__Host-rackshare_siwe', '__rackshare_siwe');
    expect(await signedInAddress(page('http://rackshare.example', planted), httpsOrigin)).toBeUndefined();
  });

  it('ends when the signed message expires', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const setCookie = await signInCookie(page(local), context, { address, chainId: 31_337, expiresAt });
    const request = page(local, sentBack(setCookie));
    expect(await signedInAddress(request, context, new Date(expiresAt.getTime() + 1))).toBeUndefined();
  });

  it('refuses a cookie whose signature does not match', async () => {
    const setCookie = await signInCookie(page(local), context, { address, chainId: 31_337 });
    const [name, value] = sentBack(setCookie).split('=') as [string, string];
    const signed = decodeURIComponent(value);
    const other = signed.replace(/^(.)/, (first) => (first === 'I' ? 'J' : 'I'));
    expect(await signedInAddress(page(local, `${name}=${encodeURIComponent(other)}`), context)).toBeUndefined();
    const otherSecret = { ...context, web: { ...context.web, sessionSecret: 't'.repeat(32) } };
    expect(await signedInAddress(page(local, sentBack(setCookie)), otherSecret)).toBeUndefined();
  });

  it('makes the old cookie unusable after sign-out, even a copy of it (I-2)', async () => {
    const setCookie = await signInCookie(page(local), context, { address, chainId: 31_337 });
    const copied = sentBack(setCookie);
    const cleared = await signOutCookie(page(local, copied), context);
    expect(sentBack(cleared)).toBe('__rackshare_siwe=');
    // The attacker kept the cookie from before sign-out: the session behind it is revoked in the database.
    expect(await signedInAddress(page(local, copied), context)).toBeUndefined();
  });

  it('ends a session opened through one web process when it is signed out through another (issue 17)', async () => {
    // Another process: its own pool on PostgreSQL; PGlite lives in one process, so there the same handle.
    const other = handle.target.kind === 'pglite' ? undefined : await openDatabase(handle.target);
    try {
      const webB = { ...context, db: other?.db ?? handle.db };
      const cookie = sentBack(await signInCookie(page(local), context, { address, chainId: 31_337 }));
      expect(await signedInAddress(page(local, cookie), webB)).toBe(address);
      await signOutCookie(page(local, cookie), webB);
      expect(await signedInAddress(page(local, cookie), context)).toBeUndefined();
      expect(await signedInAddress(page(local, cookie), webB)).toBeUndefined();
    } finally {
      await other?.close();
    }
  });

  it('keeps the table bounded: expired rows are pruned and an address keeps its newest sessions only', async () => {
    const stale = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
    const start = Date.now();
    await signInCookie(page(local), context, { address: stale, chainId: 31_337, expiresAt: new Date(start + 1) });
    const cookies: string[] = [];
    for (let index = 0; index < SESSIONS_PER_ADDRESS + 3; index++) {
      const now = new Date(start + 10 + index);
      cookies.push(sentBack(await signInCookie(page(local), context, { address, chainId: 31_337 }, now)));
    }
    expect(await handle.db.select().from(sessions).where(eq(sessions.address, stale))).toHaveLength(0);
    const rows = await handle.db.select().from(sessions).where(eq(sessions.address, address));
    expect(rows).toHaveLength(SESSIONS_PER_ADDRESS);
    expect(await signedInAddress(page(local, cookies.at(-1)), context)).toBe(address);
    expect(await signedInAddress(page(local, cookies[0]), context)).toBeUndefined();
  });
});
