/** One cluster's market price-and-yield history as CSV (app/models/trading-analytics.server.ts priceHistoryCsv). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { fromDataSources, parseOr400 } from '~/lib/http.server';
import { clusterIdParam } from '~/lib/params';
import { getPriceHistory, priceHistoryCsv } from '~/models/trading-analytics.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { clusterId } = await parseOr400(z.object({ clusterId: clusterIdParam }), params, request);
  const points = await fromDataSources(() => getPriceHistory(context, clusterId));
  return new Response(priceHistoryCsv(points), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="rackshare-market-${clusterId}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
