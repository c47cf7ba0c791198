/** One analytics chart as data: `?format=csv` (default) or `?format=json`, with the page's range/group/price. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { analyticsQuerySchema, CHARTS } from '~/lib/analytics-query';
import { toCsv } from '~/lib/csv';
import { fromDataSources, parseOr400 } from '~/lib/http.server';
import { searchParamsObject } from '~/lib/params';
import { analyticsCharts } from '~/models/analytics.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { chart: name } = await parseOr400(z.object({ chart: z.enum(CHARTS) }), params, request);
  const query = await parseOr400(analyticsQuerySchema, searchParamsObject(new URL(request.url).searchParams), request);
  const result = await fromDataSources(() => analyticsCharts(context, query));
  const chart = result.charts.find((entry) => entry.id === name)!;
  if (query.format === 'json') {
    return Response.json({
      chart: name,
      range: query.range,
      group: query.group,
      labels: chart.labels,
      datasets: chart.datasets,
    });
  }
  return new Response(toCsv(chart.csv.header, chart.csv.rows), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="rackshare-${name}-${query.group}-${query.range}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
