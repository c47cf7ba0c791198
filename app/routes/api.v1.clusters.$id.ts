import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { ApiError, apiParse, apiResponse } from '~/lib/api.server';
import { clusterIdParam } from '~/lib/params';
import { cachedMarketRows, serializeMarketRow } from '~/models/market.server';
import { clusterActivity } from '~/models/passport.server';

/** GET /api/v1/clusters/:id: one cluster's market row, holders, attestations and deposits. */
export function loader({ params, context }: LoaderFunctionArgs) {
  return apiResponse(context.log, async () => {
    const { id } = apiParse(z.object({ id: clusterIdParam }), params);
    const row = (await cachedMarketRows(context.db, context.chain.chainId)).find((entry) => entry.clusterId === id);
    if (!row) throw new ApiError(404, 'not_found', `cluster ${id} is not indexed`);
    return { cluster: serializeMarketRow(row), ...(await clusterActivity(context, id)) };
  });
}
