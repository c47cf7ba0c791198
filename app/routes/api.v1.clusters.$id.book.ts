import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiParse, apiResponse } from '~/lib/api.server';
import { clusterIdParam } from '~/lib/params';
import { getOrderBook, serializeOrderBook } from '~/models/order-book.server';

/** GET /api/v1/clusters/:id/book: the cluster's order book (fillable public offers, levels, implied yields). */
export function loader({ params, context }: LoaderFunctionArgs) {
  return apiResponse(context.log, async () => {
    const { id } = apiParse(z.object({ id: clusterIdParam }), params);
    return { book: serializeOrderBook(await getOrderBook(context, id)) };
  });
}
