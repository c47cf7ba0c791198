import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { isAddress } from 'viem';
import { z } from 'zod';
import { MAX_OFFER_BODY_BYTES } from '#db/market/bounds';
import { serializeOfferView } from '#db/market/offers';
import { apiParse, apiResponse } from '~/lib/api.server';
import { searchParamsObject } from '~/lib/params';
import { listOffersByMaker, nextNonceOf, relayOffer } from '~/models/offers.server';

/** The stack's body guard (scripts/stack/web-guards.ts) caps every body too; this is the relay's own bound. */
export const OFFER_BODY_LIMIT = MAX_OFFER_BODY_BYTES;

const headers = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };

const refusal = (status: number, code: string, message: string) =>
  Response.json({ error: { code, reason: code, message } }, { status, headers });

const makerQuerySchema = z
  .object({ maker: z.string().refine((value) => isAddress(value, { strict: false }), 'must be an address') })
  .strict();

/**
 * GET /api/v1/offers?maker=0x…: the maker's offers, newest first (live and recently dead, at most 200), and the nonce
 * its next offer should carry (a nonce is single-use; null without a market).
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  return apiResponse(context.log, async () => {
    const query = apiParse(makerQuerySchema, searchParamsObject(new URL(request.url).searchParams));
    const maker = query.maker as `0x${string}`;
    const [offers, nonce] = await Promise.all([listOffersByMaker(context, maker), nextNonceOf(context, maker)]);
    return { offers: offers.map(serializeOfferView), nextNonce: nonce === null ? null : nonce.toString() };
  });
}

/**
 * POST /api/v1/offers: relays a signed offer (db/market/relay.ts). 201 `{ offer }`, or 4xx
 * `{ error: { code, reason, message } }` with nothing stored.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return refusal(405, 'method_not_allowed', 'Only POST relays an offer.');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > OFFER_BODY_LIMIT) {
    return refusal(413, 'body_too_large', `The request body is larger than ${OFFER_BODY_LIMIT} bytes.`);
  }
  const text = await request.text();
  if (new TextEncoder().encode(text).length > OFFER_BODY_LIMIT) {
    return refusal(413, 'body_too_large', `The request body is larger than ${OFFER_BODY_LIMIT} bytes.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return refusal(400, 'invalid_body', 'The request body is not JSON.');
  }
  try {
    const result = await relayOffer(context, body);
    if (!result.ok) return Response.json({ error: result.error }, { status: result.status, headers });
    return Response.json({ offer: serializeOfferView(result.offer) }, { status: 201, headers });
  } catch (error) {
    // A chain or database failure: the one API error shape, logged, never a stack trace.
    return apiResponse(context.log, () => Promise.reject(error));
  }
}
