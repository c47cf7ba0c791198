/**
 * One cluster's telemetry as each oracle node sees it (JSON for the operator page, refreshed while it is open): when
 * the node last heard from the cluster's agent, what it accepted, and which batches it rejected and why. A node that
 * holds no inventory for the cluster answers `unknown_cluster`.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { clusterIdParam } from '~/lib/params';
import { privateJson, refuse } from '~/lib/private-json.server';
import { oracleNodeUrls, telemetryStatus } from '~/models/oracle.server';

export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = z.object({ clusterId: clusterIdParam }).safeParse(params);
  if (!parsed.success) return refuse(400, 'Invalid cluster id.');
  if (oracleNodeUrls().length === 0) return refuse(503, 'No oracle node is configured (ORACLE_NODE_URLS).');
  return privateJson({ nodes: await telemetryStatus(parsed.data.clusterId) });
}
