/**
 * The relay route's own refusals, before any chain or database work: a body past its limit (413), a body that is not
 * JSON (400), a method other than POST (405), each in the API's error shape. The relay's checks behind it are tested
 * against a chain in db/market/relay.test.ts.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { action, OFFER_BODY_LIMIT } from '~/routes/api.v1.offers';

// Unit test: these paths never reach the database or the chain, so the context holds nothing else.
const context = { log: pino({ level: 'silent' }) } as unknown as ActionFunctionArgs['context'];
const post = (body: string, method = 'POST') =>
  action({
    request: new Request('http://localhost/api/v1/offers', {
      method,
      body,
      headers: { 'content-type': 'application/json' },
    }),
    context,
    params: {},
  });

describe('POST /api/v1/offers', () => {
  it('refuses a body past its limit with 413 body_too_large', async () => {
    const response = await post(JSON.stringify({ pad: 'x'.repeat(OFFER_BODY_LIMIT) }));
    expect(response.status).toBe(413);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      error: {
        code: 'body_too_large',
        reason: 'body_too_large',
        message: `The request body is larger than ${OFFER_BODY_LIMIT} bytes.`,
      },
    });
  });

  it('refuses a body that is not JSON with 400 invalid_body, and other methods with 405', async () => {
    const response = await post('{"offer": ');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_body', reason: 'invalid_body' } });
    const put = await post('{}', 'PUT');
    expect(put.status).toBe(405);
    expect(await put.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
  });
});
