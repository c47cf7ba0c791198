import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { MAX_TRADES } from '#db/market/book';
import { apiParse, apiResponse } from '~/lib/api.server';
import { clusterIdParam, searchParamsObject } from '~/lib/params';
import { DEFAULT_TRADES, getTrades, serializeTrade } from '~/models/order-book.server';

const tradesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_TRADES).default(DEFAULT_TRADES),
    before: z
      .string()
      .regex(/^\d{1,20}:\d{1,9}$/, 'must be blockNumber:logIndex of a trade')
      .optional(),
  })
  .strict();

/**
 * GET /api/v1/clusters/:id/trades?limit=&before=: the cluster's trades, newest first; `before` is the
 * `blockNumber:logIndex` of the last trade of the previous page.
 */
export function loader({ params, request, context }: LoaderFunctionArgs) {
  return apiResponse(context.log, async () => {
    const { id } = apiParse(z.object({ id: clusterIdParam }), params);
    const query = apiParse(tradesQuerySchema, searchParamsObject(new URL(request.url).searchParams));
    const trades = await getTrades(context, id, { limit: query.limit, before: query.before });
    const last = trades.at(-1);
    return {
      trades: trades.map(serializeTrade),
      next: trades.length === query.limit && last ? `${last.blockNumber}:${last.logIndex}` : null,
    };
  });
}
