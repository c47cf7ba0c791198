/**
 * The web tier's rate limit as two web processes share it: two Express apps, each with its own guard (and on
 * PostgreSQL its own pool), in front of one database, a frozen clock so no token is earned between requests.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { LIMITED_ROUTES, rateLimitGuard, retryAfterSeconds } from './web-guards';

const signIn = LIMITED_ROUTES.find((route) => route.name === 'sign-in')!;

async function serve(handle: DatabaseHandle, now: () => number) {
  const app = express();
  app.use(rateLimitGuard(true, handle.db, LIMITED_ROUTES, now));
  app.use((_request, response) => {
    response.status(200).end('ok');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const signInFrom = (url: string, address: string) =>
  fetch(`${url}/operator/session`, { method: 'POST', headers: { 'x-forwarded-for': address } });

describe.each(testDatabases)('the rate limit shared by two web processes on $name', ({ open }) => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  beforeEach(async () => {
    a = await open();
    b = a.target.kind === 'pglite' ? { ...a, close: async () => {} } : await openDatabase(a.target);
  });
  afterEach(async () => {
    await b.close();
    await a.close();
  });

  it('grants one client one burst across both: the (burst + 1)-th request is refused, with Retry-After', async () => {
    const now = () => 1_800_000_000_000;
    const [first, second] = [await serve(a, now), await serve(b, now)];
    try {
      const statuses: number[] = [];
      for (let index = 0; index < signIn.burst; index++)
        statuses.push((await signInFrom(index % 2 ? second.url : first.url, '203.0.113.9')).status);
      expect(statuses).toEqual(Array(signIn.burst).fill(200));
      for (const url of [first.url, second.url]) {
        const refused = await signInFrom(url, '203.0.113.9');
        expect(refused.status).toBe(429);
        expect(refused.headers.get('retry-after')).toBe(String(retryAfterSeconds(signIn)));
        expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
      }
      // Another client is not held back by the first one's burst.
      expect((await signInFrom(second.url, '203.0.113.10')).status).toBe(200);
      // A route that is not limited never reaches the database.
      expect((await fetch(`${first.url}/clusters`)).status).toBe(200);
    } finally {
      first.close();
      second.close();
    }
  });
});

describe('when the database cannot answer', () => {
  it('refuses a limited request with 503 and Retry-After rather than let it through unlimited', async () => {
    const handle = await testDatabases[0]!.open();
    const web = await serve(handle, Date.now);
    await handle.close();
    try {
      const answer = await signInFrom(web.url, '203.0.113.11');
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('5');
      expect(await answer.json()).toMatchObject({ error: { code: 'rate_limit_unavailable' } });
    } finally {
      web.close();
    }
  });
});
