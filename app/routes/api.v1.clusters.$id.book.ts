import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { fillableShown } from '~/components/trading/offers';
import { apiParse, apiResponse } from '~/lib/api.server';
import { clusterIdParam, searchParamsObject } from '~/lib/params';
import { getOrderBook, serializeOrderBook } from '~/models/order-book.server';

/** Offers per side an answer carries at most: each holds a signature (up to 2 KiB), the levels carry the depth. */
export const MAX_BOOK_OFFERS_PER_SIDE = 200;
export const DEFAULT_BOOK_OFFERS_PER_SIDE = 50;

const querySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(MAX_BOOK_OFFERS_PER_SIDE).default(DEFAULT_BOOK_OFFERS_PER_SIDE) })
  .strict();

/**
 * GET /api/v1/clusters/:id/book?limit=N: the cluster's order book — every level with its implied yield, and the best
 * N fillable public offers of each side (default 50, at most 200) with `offerCounts` of each side's total.
 */
export function loader({ request, params, context }: LoaderFunctionArgs) {
  return apiResponse(context.log, async () => {
    const { id } = apiParse(z.object({ id: clusterIdParam }), params);
    const { limit } = apiParse(querySchema, searchParamsObject(new URL(request.url).searchParams));
    const book = await getOrderBook(context, id);
    const offerCounts = {
      asks: book.offers.filter((offer) => offer.side === 'sell').length,
      bids: book.offers.filter((offer) => offer.side === 'buy').length,
    };
    return { book: { ...serializeOrderBook({ ...book, offers: fillableShown(book.offers, limit) }), offerCounts } };
  });
}
