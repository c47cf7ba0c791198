import type { LoaderFunctionArgs } from '@remix-run/node';
import { ApiError, apiParse, apiResponse } from '~/lib/api.server';
import { epochParams } from '~/lib/params';
import { type BuiltExport, cachedEpochExport } from '~/models/epoch-exports.server';
import { OracleUnavailableError } from '~/models/oracle.server';
import { findReport } from '~/models/reports.server';

/**
 * GET /api/v1/clusters/:id/epochs/:epoch/samples: the epoch's raw samples with a Merkle proof each against the
 * on-chain telemetry root (verify with `npm run verify-export`). Built once per epoch off the request thread and then
 * served from memory (M-2). 503 when no oracle node answers.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  let exported: BuiltExport | undefined;
  const response = await apiResponse(context.log, async () => {
    const { clusterId, epoch } = apiParse(epochParams, { clusterId: params.id, epoch: params.epoch });
    const report = await findReport(context, clusterId, epoch);
    if (!report) throw new ApiError(404, 'not_found', `no accepted report for cluster ${clusterId} epoch ${epoch}`);
    try {
      exported = await cachedEpochExport(context, report);
    } catch (error) {
      if (error instanceof OracleUnavailableError)
        throw new ApiError(503, 'unavailable', error.shortMessage, { cause: error });
      throw error;
    }
    return null;
  });
  if (!response.ok || !exported) return response;
  // The cached JSON text as it is: serializing 40 MB again per request is what the cache saves.
  const headers = new Headers(response.headers);
  headers.set('content-type', 'application/json');
  headers.set('content-disposition', `attachment; filename="epoch-${params.id}-${params.epoch}.json"`);
  return new Response(exported.json, { status: 200, headers });
}
