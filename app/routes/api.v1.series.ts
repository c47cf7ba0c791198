import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { rollupSeries } from '#db/analytics/series';
import { ApiError, apiParse, apiResponse } from '~/lib/api.server';
import { searchParamsObject } from '~/lib/params';
import { cachedMarket } from '~/models/market.server';

const DAY_MS = 86_400_000;
const MAX_POINTS = 24 * 93;

const seriesQuerySchema = z
  .object({
    scope: z.enum(['network', 'cluster', 'gpu_model', 'location']).default('network'),
    key: z.string().max(100).default(''),
    granularity: z.enum(['hour', 'day']).default('day'),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** GET /api/v1/series: hourly or daily rollups of the network, a cluster, a GPU model or an IDC. */
export function loader({ request, context }: LoaderFunctionArgs) {
  return apiResponse(context.log, async () => {
    const query = apiParse(seriesQuerySchema, searchParamsObject(new URL(request.url).searchParams));
    if (query.scope === 'network' && query.key !== '')
      throw new ApiError(400, 'invalid_parameter', 'key: the network has no key');
    if (query.scope === 'cluster' && !/^\d{1,78}$/.test(query.key))
      throw new ApiError(400, 'invalid_parameter', 'key: a cluster id (whole number) is required');
    if (query.scope !== 'network' && query.key === '') throw new ApiError(400, 'invalid_parameter', 'key: required');
    // Without `to`, the series ends at chain time (the mirror's newest indexed block), never the server's clock.
    const to = query.to ? new Date(query.to) : (await cachedMarket(context.db, context.chain.chainId)).at;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY_MS);
    if (from >= to) throw new ApiError(400, 'invalid_parameter', 'from: must be before to');
    const stepMs = query.granularity === 'hour' ? DAY_MS / 24 : DAY_MS;
    if ((to.getTime() - from.getTime()) / stepMs > MAX_POINTS)
      throw new ApiError(400, 'invalid_parameter', `the period spans more than ${MAX_POINTS} ${query.granularity}s`);
    const points = await rollupSeries(context.db, {
      chainId: context.chain.chainId,
      granularity: query.granularity,
      dimension: query.scope,
      key: query.key,
      from,
      to,
    });
    return {
      scope: query.scope,
      key: query.key,
      granularity: query.granularity,
      from: from.toISOString(),
      to: to.toISOString(),
      points: points.map((point) => ({
        bucket: point.bucket.toISOString(),
        reports: point.reports,
        utilizationBps: point.utilizationBps,
        gpusOnline: point.gpusOnline,
        gpuHoursMilli: point.gpuHoursMilli.toString(),
        revenueReported: point.revenueReported.toString(),
        revenueDeposited: point.revenueDeposited.toString(),
      })),
    };
  });
}
