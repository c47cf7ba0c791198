import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiParse, apiResponse } from '~/lib/api.server';
import { marketQuerySchema, PAGE_SIZE } from '~/lib/market-query';
import { searchParamsObject } from '~/lib/params';
import { cachedMarket, queryMarket, serializeMarketRow } from '~/models/market.server';

/** GET /api/v1/clusters: the market table (same sort, filter and page parameters as /clusters). */
export function loader({ request, context }: LoaderFunctionArgs) {
  return apiResponse(context.log, async () => {
    const query = apiParse(marketQuerySchema, searchParamsObject(new URL(request.url).searchParams));
    const market = await cachedMarket(context.db, context.chain.chainId);
    const result = queryMarket(market.rows, query);
    return {
      // The chain time the statuses are at and the window of the 30-day figures (protocol/figures/window.ts).
      chainTime: Math.floor(market.at.getTime() / 1000),
      window: { days: market.window.days, from: market.window.from.toISOString(), to: market.window.to.toISOString() },
      total: result.total,
      page: result.page,
      pages: result.pages,
      pageSize: PAGE_SIZE,
      clusters: result.rows.map(serializeMarketRow),
    };
  });
}
