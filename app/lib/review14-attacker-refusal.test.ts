/**
 * Review of issue 14 (attacker): the web tier's own refusals (scripts/stack/web-guards.ts: rate limit, body limit,
 * busy uploads) still use `{ error, reason }`; the operator area's client now reads only `{ error: { code, message } }`.
 */
import express from 'express';
import { describe, expect, it } from 'vitest';
import { refusalMessage } from '~/lib/refusal';
import { rateLimitGuard } from '../../scripts/stack/web-guards';

describe('review14 attacker: one error shape', () => {
  it('a rate-limited sign-in still tells the operator when to try again', async () => {
    const app = express();
    app.use(rateLimitGuard(false, [{ name: 'sign-in', method: 'POST', path: /^\/operator\/session$/, burst: 0, perMinute: 1 }]));
    app.post('/operator/session', (_req, res) => res.json({ nonce: 'n' }));
    const server = app.listen(0);
    try {
      const port = (server.address() as { port: number }).port;
      const response = await fetch(`http://127.0.0.1:${port}/operator/session`, { method: 'POST' });
      expect(response.status).toBe(429);
      const body = await response.json();
      // What SignInPanel shows: refusalMessage(body) ?? response.statusText ('' over HTTP/2: no message at all).
      expect(refusalMessage(body)).toMatch(/try again/);
    } finally {
      server.close();
    }
  });
});
