/**
 * Hand-overs offered to an account: clusters whose current operator started `transferOperator` to it and which it
 * has not accepted yet. The mirror finds the candidates (its `pending_operator`, at most HANDOVER_LIST_LIMIT); the
 * chain confirms them at the head block in one multicall, so an offer cancelled or accepted since the mirror's last
 * block is never shown with an Accept button that would revert with NotPendingOperator.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, desc, eq } from 'drizzle-orm';
import { type Address, getAddress, isAddressEqual } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { clusters } from '#db/schema';
import { clusterStatusName } from '#protocol/status-names';
import { headBlock, multiread } from './chain-reads.server';
import type { ClusterListItem } from './clusters.server';

/** The most offers one account's list shows (newest cluster first); anyone can offer a cluster to anyone. */
export const HANDOVER_LIST_LIMIT = 20;
/** The most a ClusterInfo answer takes ABI-encoded (see clusters.server.ts). */
const CLUSTER_INFO_BYTES = 1_600;

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

/** A cluster as the operator's list shows it; `operator`, who offers it, is its current operator. */
export type OfferedHandover = Pick<
  ClusterListItem,
  'id' | 'operator' | 'status' | 'gpuModel' | 'gpuCount' | 'location'
>;

type PendingInfo = {
  operator: Address;
  pendingOperator: Address;
  status: number;
  gpuModel: string;
  gpuCount: number;
  location: string;
};

export async function handoversOfferedTo({ db, chain }: Context, account: Address): Promise<OfferedHandover[]> {
  const to = getAddress(account);
  const rows = await db
    .select({ id: clusters.clusterId })
    .from(clusters)
    .where(and(eq(clusters.chainId, chain.chainId), eq(clusters.pendingOperator, to)))
    .orderBy(desc(clusters.clusterId))
    .limit(HANDOVER_LIST_LIMIT);
  if (rows.length === 0) return [];
  const head = await headBlock(chain);
  const registry = { address: chain.deployment.contracts.clusterRegistry, abi: clusterRegistryAbi };
  const infos = (await multiread(
    chain,
    rows.map((row) => ({ ...registry, functionName: 'clusterOf', args: [row.id] })),
    head.number,
    CLUSTER_INFO_BYTES,
  )) as PendingInfo[];
  return rows.flatMap((row, index) => {
    const info = infos[index]!;
    if (!isAddressEqual(info.pendingOperator, to)) return [];
    return [
      {
        id: row.id,
        operator: info.operator,
        status: clusterStatusName(info.status),
        gpuModel: info.gpuModel,
        gpuCount: info.gpuCount,
        location: info.location,
      },
    ];
  });
}
