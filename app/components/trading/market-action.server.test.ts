/**
 * The cluster page's market action (unit: the relay and the exit quote are stand-ins; their own tests run against the
 * databases). What the page's fetchers rely on: a refusal is `{ intent, ok: false, error: { code, reason, message } }`
 * with its status and the relay is never asked; the relay's answer passes through unchanged.
 */
import type { AppLoadContext } from '@remix-run/node';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const relayOffer = vi.fn();
const getExitQuote = vi.fn();
vi.mock('~/models/offers.server', () => ({ relayOffer }));
vi.mock('~/models/trading-portfolio.server', () => ({ getExitQuote }));

const { MAX_OFFER_BODY, marketAction } = await import('./market-action.server');

const HOLDER = '0x1111111111111111111111111111111111111111';
const context = {} as AppLoadContext;

function post(fields: Record<string, string>) {
  return new Request('http://localhost/clusters/7', { method: 'POST', body: new URLSearchParams(fields) });
}

type Answer = {
  data: { intent: string; ok: boolean; error?: { code: string; reason: string } };
  init: { status?: number };
};
const answer = async (fields: Record<string, string>, id = '7') =>
  (await marketAction({ id }, post(fields), context)) as unknown as Answer;

const offerJson = (clusterId: string) => JSON.stringify({ offer: { clusterId }, signature: '0x' });

beforeEach(() => {
  relayOffer.mockReset();
  getExitQuote.mockReset();
});

describe("the cluster page's market action", () => {
  it("passes a well-formed offer for the page's cluster to the relay and answers what it stored with 201", async () => {
    const offer = { offerHash: `0x${'ab'.repeat(32)}` };
    relayOffer.mockResolvedValue({ ok: true, offer });
    const result = await answer({ intent: 'offer', body: offerJson('7') });
    expect(relayOffer).toHaveBeenCalledWith(context, { offer: { clusterId: '7' }, signature: '0x' });
    expect(result.data).toEqual({ intent: 'offer', ok: true, offer });
    expect(result.init.status).toBe(201);
  });

  it("answers the relay's refusal with its own status and body", async () => {
    const error = { code: 'offer_too_small', reason: 'offer_too_small', message: 'Below one tUSD.' };
    relayOffer.mockResolvedValue({ ok: false, status: 422, error });
    const result = await answer({ intent: 'offer', body: offerJson('7') });
    expect(result.data).toEqual({ intent: 'offer', ok: false, error });
    expect(result.init.status).toBe(422);
  });

  it('refuses without asking the relay: too large, not JSON, another cluster, an unknown intent', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ intent: 'offer', body: 'x'.repeat(MAX_OFFER_BODY + 1) }, 413, 'body_too_large'],
      [{ intent: 'offer', body: '{"offer":' }, 400, 'invalid_body'],
      [{ intent: 'offer', body: offerJson('8') }, 400, 'cluster_mismatch'],
      [{ intent: 'offer', body: 'null' }, 400, 'cluster_mismatch'],
      [{ intent: 'drop-table', body: '{}' }, 400, 'invalid_parameter'],
    ];
    for (const [fields, status, code] of cases) {
      const result = await answer(fields);
      expect(result.init.status, code).toBe(status);
      expect(result.data.ok).toBe(false);
      expect(result.data.error).toMatchObject({ code, reason: code });
    }
    expect((await answer({ intent: 'offer', body: offerJson('7') }, 'seven')).init.status).toBe(400);
    expect(relayOffer).not.toHaveBeenCalled();
  });

  it('quotes an exit for a holder in share base units, refusing a non-positive or malformed amount', async () => {
    const quote = { clusterId: 7n, shares: 15n * 10n ** 17n };
    getExitQuote.mockResolvedValue(quote);
    const result = await answer({ intent: 'exit', holder: HOLDER, shares: '1.5' });
    expect(getExitQuote).toHaveBeenCalledWith(context, 7n, HOLDER, 15n * 10n ** 17n);
    expect(result.data).toEqual({ intent: 'exit', ok: true, quote });
    for (const fields of [
      { intent: 'exit', holder: HOLDER, shares: '0' },
      { intent: 'exit', holder: HOLDER, shares: '-1' },
      { intent: 'exit', holder: 'me', shares: '1' },
    ]) {
      const refused = await answer(fields);
      expect(refused.init.status).toBe(400);
      expect(refused.data).toMatchObject({ intent: 'exit', ok: false, error: { code: 'invalid_parameter' } });
    }
    expect(getExitQuote).toHaveBeenCalledTimes(1);
  });
});
