import type { LoaderFunctionArgs } from '@remix-run/node';
import { ApiError, apiParse, apiResponse } from '~/lib/api.server';
import { epochParams } from '~/lib/params';
import { OracleUnavailableError } from '~/models/oracle.server';
import { fetchEpochExport, findReport } from '~/models/reports.server';

/**
 * GET /api/v1/clusters/:id/epochs/:epoch/samples: the epoch's raw samples with a Merkle proof each against the
 * on-chain telemetry root (verify with `npm run verify-export`). 503 when no oracle node answers.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const response = await apiResponse(async () => {
    const { clusterId, epoch } = apiParse(epochParams, { clusterId: params.id, epoch: params.epoch });
    const report = await findReport(context, clusterId, epoch);
    if (!report) throw new ApiError(404, 'not_found', `no accepted report for cluster ${clusterId} epoch ${epoch}`);
    try {
      return await fetchEpochExport(context, report);
    } catch (error) {
      if (error instanceof OracleUnavailableError) throw new ApiError(503, 'unavailable', error.message);
      throw error;
    }
  });
  if (!response.ok) return response;
  const headers = new Headers(response.headers);
  headers.set('content-disposition', `attachment; filename="epoch-${params.id}-${params.epoch}.json"`);
  return new Response(response.body, { status: 200, headers });
}
