/**
 * One cluster's telemetry as each oracle node sees it (JSON for the operator page, refreshed while it is open): when
 * the node last heard from the cluster's agent, what it accepted, and which batches it rejected and why. A node that
 * holds no inventory for the cluster answers `unknown_cluster`.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { clusterIdParam } from '~/lib/params';
import { oracleNodeUrls, telemetryStatus } from '~/models/oracle.server';

const NO_STORE = { 'cache-control': 'no-store' };

export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = z.object({ clusterId: clusterIdParam }).safeParse(params);
  if (!parsed.success) return Response.json({ error: 'Invalid cluster id.' }, { status: 400, headers: NO_STORE });
  if (oracleNodeUrls().length === 0) {
    return Response.json(
      { error: 'No oracle node is configured (ORACLE_NODE_URLS).' },
      { status: 503, headers: NO_STORE },
    );
  }
  const nodes = await telemetryStatus(parsed.data.clusterId);
  return Response.json({ nodes: nodes.map(({ url: _url, ...answer }) => answer) }, { headers: NO_STORE });
}
