import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiParse, apiResponse } from '~/lib/api.server';
import { marketQuerySchema, PAGE_SIZE, searchParamsObject } from '~/lib/market-query';
import { cachedMarketRows, queryMarket, serializeMarketRow } from '~/models/market.server';

/** GET /api/v1/clusters: the market table (same sort, filter and page parameters as /clusters). */
export function loader({ request, context }: LoaderFunctionArgs) {
  return apiResponse(async () => {
    const query = apiParse(marketQuerySchema, searchParamsObject(new URL(request.url).searchParams));
    const result = queryMarket(await cachedMarketRows(context.db, context.chain.chainId), query);
    return {
      total: result.total,
      page: result.page,
      pages: result.pages,
      pageSize: PAGE_SIZE,
      clusters: result.rows.map(serializeMarketRow),
    };
  });
}
