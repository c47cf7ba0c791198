/**
 * The demo's suspended cluster (roles.ts): the guardian's emergency stop, sent after the history so its reports (which
 * the registry would skip once suspended) fill the history like the others'. The local chain's guardian key is the
 * deployer's (the registry owner may be a timelock, which could not act at once). Asks the chain first: a rerun after
 * the suspension sends nothing. It waits (a minute at most) for the history's last report of the cluster first: a
 * report skipped for the suspension would be retried by the live relayers for as long as it lasts.
 */
import type { PublicClient } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { ClusterStatus } from '#protocol/status-names';
import { devRoles } from '../devnet/accounts';
import { demoRoleOf } from './roles';
import type { DemoCluster } from './state';
import { type DemoWallets, settle } from './wallets';

export async function suspendDemoCluster(options: {
  publicClient: PublicClient;
  deployment: Deployment;
  wallets: DemoWallets;
  clusters: DemoCluster[];
  /** Unix s: the history's last epoch. */
  historyEnd: number;
}) {
  const { publicClient, deployment } = options;
  const registry = deployment.contracts.clusterRegistry;
  for (const cluster of options.clusters.filter((entry) => demoRoleOf(entry.key) === 'suspended')) {
    const clusterId = BigInt(cluster.clusterId);
    const status = await publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'statusOf',
      args: [clusterId],
    });
    if (status === ClusterStatus.Suspended) continue;
    for (let waited = 0; waited < 60_000; waited += 250) {
      const last = await publicClient.readContract({
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'lastEpochOf',
        args: [clusterId],
      });
      if (last >= BigInt(options.historyEnd)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const hash = await options.wallets(devRoles.deployer).writeContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'suspendCluster',
      args: [clusterId],
    });
    await settle(publicClient, [hash]);
  }
}
