/**
 * One cluster's telemetry as each oracle node sees it (JSON for the operator page, refreshed while it is open): when
 * the node last heard from the cluster's agent, what it accepted, and how many batches it rejected, for anyone; which
 * batches were rejected and why (messages quote GPU UUIDs) only for the signed-in (Sign-In with Ethereum) current
 * on-chain operator of the cluster (L-4). A node that holds no inventory for the cluster answers `unknown_cluster`.
 * A resource route rather than the cluster page's loader: the panel polls it every 10 seconds
 * (app/components/operator/TelemetryPanel.tsx), and asking every oracle node must not rerun the page's loaders.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { Rejection } from '#protocol/base-error';
import { signedInOperatorOf } from '~/lib/operator-auth.server';
import { clusterIdParam } from '~/lib/params';
import { privateJson, rejectionJson } from '~/lib/private-json.server';
import { telemetryStatus } from '~/models/oracle.server';

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const parsed = z.object({ clusterId: clusterIdParam }).safeParse(params);
  if (!parsed.success) return rejectionJson(new Rejection('invalid_parameter', 'Invalid cluster id.', 400));
  if (context.web.oracleNodeUrls.length === 0)
    return rejectionJson(new Rejection('unavailable', 'No oracle node is configured (ORACLE_NODE_URLS).', 503));
  const { clusterId } = parsed.data;
  // Anyone else (signed out, another operator, a cluster that does not exist) gets the public counts, not a refusal.
  const detail = 'operator' in (await signedInOperatorOf(request, context, clusterId));
  const nodes = await telemetryStatus(clusterId, {
    detail,
    web: context.web,
    log: context.log,
    context: { chainId: context.chain.chainId, registry: context.chain.deployment.contracts.clusterRegistry },
  });
  return privateJson({ detail, nodes });
}
