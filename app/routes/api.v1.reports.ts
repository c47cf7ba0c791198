import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { apiParse, apiResponse } from '~/lib/api.server';
import { clusterIdParam, searchParamsObject } from '~/lib/params';
import { recentReports } from '~/models/reports.server';

const reportsQuerySchema = z
  .object({
    cluster: clusterIdParam.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

/** GET /api/v1/reports: accepted epoch reports, newest first, each with its transaction. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return apiResponse(context.log, async () => {
    const query = apiParse(reportsQuerySchema, searchParamsObject(new URL(request.url).searchParams));
    const reports = await recentReports(context, {
      clusterId: query.cluster,
      limit: query.limit,
      offset: query.offset,
    });
    return { limit: query.limit, offset: query.offset, reports };
  });
}
