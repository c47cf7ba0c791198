/**
 * The demo's set-up as steps that each ask the chain first whether they are done: operators register their clusters
 * (found again by their metadata URI), prove the inventories to the oracle nodes and submit the attestation, tokenize
 * and approve their tokens for the weekly deposits; then the investors buy the settled clusters' offerings out and
 * part of the open and the failing ones (invest.ts; which cluster is which: roles.ts). Run again after an interruption
 * (or on a chain that lost its last seconds), it does exactly what the chain does not show yet: no cluster is
 * registered twice, no offering bought twice.
 */
import { type Hash, maxUint256, type PublicClient } from 'viem';
import { clusterRegistryAbi, rackshareFactoryAbi, testStablecoinAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { hardwareRoot } from '#protocol/hardware';
import { devPrivateKey } from '../devnet/accounts';
import { protocolCalls, registeredClusterId } from '../devnet/calls';
import { attestCluster } from '../oracle/agent/attest';
import { demoKeyOfMetadataUri, metadataHash, metadataUri } from '../oracle/simulator/metadata';
import type { SimCluster, Simulator } from '../oracle/simulator/model';
import { offeringPricePerShare, SHARE_SUPPLY } from './economics';
import { buyPartOfOfferings, sellOutOfferings } from './invest';
import { demoRoleOf, isSettledRole, SOFT_CAP, saleWindow } from './roles';
import type { DemoCluster } from './state';
import { chainTime, DemoError, type DemoWallets, settle } from './wallets';

const DAY = 86_400;

export type SetupOptions = {
  rpcUrl: string;
  chainId: number;
  publicClient: PublicClient;
  deployment: Deployment;
  simulator: Simulator;
  /** Where the clusters' metadata documents are served (the live simulator server), e.g. http://127.0.0.1:4710. */
  metadataBaseUrl: string;
  nodeUrls: string[];
  wallets: DemoWallets;
  /** Unix s: attestations are valid for a year from here. */
  validFrom: number;
  /** Unix s: the planned end of the history (the open and upcoming sales are timed from it). */
  historyEnd: number;
  /**
   * Unix s: the stale cluster's attestation lapses here, half a day after its reports stop (roles.ts): the live oracle
   * nodes close a silent cluster's epochs by their clock and report it dark, which would keep it fresh.
   */
  staleUntil: number;
  signal: AbortSignal;
  /** Called after each step that landed transactions (the caller records progress there). */
  onStep?: (step: string) => void;
};

/** The chain's demo clusters by simulator key; throws when the registry holds clusters the demo did not make. */
export async function demoClustersOnChain(publicClient: PublicClient, deployment: Deployment) {
  const registry = deployment.contracts.clusterRegistry;
  const count = await publicClient.readContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'clusterCount',
  });
  const ids = Array.from({ length: Number(count) }, (_, index) => BigInt(index + 1));
  const infos = await Promise.all(
    ids.map((clusterId) =>
      publicClient.readContract({
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'clusterOf',
        args: [clusterId],
      }),
    ),
  );
  const found = new Map<string, { clusterId: bigint; attestedAt: number }>();
  infos.forEach((info, position) => {
    const key = demoKeyOfMetadataUri(info.metadataURI);
    if (key === undefined) {
      throw new DemoError('clusters the demo did not register exist on this chain: not setting up a demo');
    }
    found.set(key, {
      clusterId: ids[position]!,
      attestedAt: Number(info.attestedAt),
    });
  });
  return found;
}

async function setUpOperator(options: SetupOptions, operator: number, clusters: SimCluster[]): Promise<DemoCluster[]> {
  const { publicClient, deployment, signal } = options;
  const contracts = deployment.contracts;
  const calls = protocolCalls(contracts);
  const wallet = options.wallets(operator);
  const onChain = await demoClustersOnChain(publicClient, deployment);
  const missing = clusters.filter((cluster) => !onChain.has(cluster.key));
  if (missing.length > 0) {
    const hashes: Hash[] = [];
    for (const cluster of missing) {
      const uuids = cluster.gpus.map((gpu) => gpu.uuid);
      hashes.push(
        await wallet.writeContract(
          calls.registerCluster({
            gpuModel: cluster.model.name,
            gpuCount: uuids.length,
            location: cluster.idc.location,
            hardwareRoot: hardwareRoot(uuids),
            metadataUri: metadataUri(options.metadataBaseUrl, cluster),
            metadataHash: metadataHash(cluster),
          }),
        ),
      );
    }
    (await settle(publicClient, hashes)).forEach((receipt, position) => {
      onChain.set(missing[position]!.key, { clusterId: registeredClusterId(receipt), attestedAt: 0 });
    });
    options.onStep?.(`registered ${missing.length} clusters of operator #${operator}`);
  }
  const idOf = (cluster: SimCluster) => onChain.get(cluster.key)!.clusterId;
  for (const cluster of clusters) {
    signal.throwIfAborted();
    if (onChain.get(cluster.key)!.attestedAt > 0) continue;
    await attestCluster({
      nodeUrls: options.nodeUrls,
      context: { chainId: options.chainId, registry: contracts.clusterRegistry },
      operatorKey: devPrivateKey(operator),
      clusterId: idOf(cluster),
      uuids: cluster.gpus.map((gpu) => gpu.uuid),
      validUntil: demoRoleOf(cluster.key) === 'stale' ? options.staleUntil : options.validFrom + 365 * DAY,
      threshold: deployment.committee.threshold,
      walletClient: wallet,
      publicClient,
    });
    options.onStep?.(`attested cluster ${idOf(cluster)}`);
  }
  signal.throwIfAborted();
  const tokenOf = (cluster: SimCluster) =>
    publicClient.readContract({
      address: contracts.factory,
      abi: rackshareFactoryAbi,
      functionName: 'tokenOf',
      args: [idOf(cluster)],
    });
  const tokens = await Promise.all(clusters.map(tokenOf));
  const now = await chainTime(publicClient);
  const tokenizeHashes: Hash[] = [];
  for (const [position, cluster] of clusters.entries()) {
    if (BigInt(tokens[position]!) !== 0n) continue;
    tokenizeHashes.push(
      await wallet.writeContract(
        calls.tokenize(idOf(cluster), {
          name: `Rackshare ${cluster.idc.location} ${cluster.model.key} #${position + 1}`,
          symbol: `RS-${cluster.idc.key.toUpperCase()}${position + 1}`,
          supply: SHARE_SUPPLY,
          pricePerShare: offeringPricePerShare(cluster, SHARE_SUPPLY),
          ...saleWindow(demoRoleOf(cluster.key), now, options.historyEnd),
          softCap: SOFT_CAP,
          perBuyerCap: 0n,
        }),
      ),
    );
  }
  if (tokenizeHashes.length > 0) {
    await settle(publicClient, tokenizeHashes);
    options.onStep?.(`tokenized ${tokenizeHashes.length} clusters of operator #${operator}`);
  }
  const made = await Promise.all(
    clusters.map(async (cluster) => ({
      key: cluster.key,
      clusterId: idOf(cluster).toString(),
      token: await tokenOf(cluster),
      offering: await publicClient.readContract({
        address: contracts.factory,
        abi: rackshareFactoryAbi,
        functionName: 'offeringOf',
        args: [idOf(cluster)],
      }),
    })),
  );
  // Operators pay revenue into their tokens from here on.
  const approvals: Hash[] = [];
  for (const cluster of made) {
    const allowance = await publicClient.readContract({
      address: contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'allowance',
      args: [wallet.account.address, cluster.token],
    });
    if (allowance === maxUint256) continue;
    approvals.push(await wallet.writeContract(calls.approveStablecoin(cluster.token, maxUint256)));
  }
  await settle(publicClient, approvals);
  return made;
}

/** Runs what the chain does not show yet of the set-up; returns the demo's clusters by id. */
export async function setUpDemo(options: SetupOptions): Promise<DemoCluster[]> {
  const byOperator = new Map<number, SimCluster[]>();
  for (const cluster of options.simulator.clusters) {
    byOperator.set(cluster.idc.operatorIndex, [...(byOperator.get(cluster.idc.operatorIndex) ?? []), cluster]);
  }
  // Operators in parallel, each operator's transactions in order.
  const clusters = (
    await Promise.all([...byOperator].map(([operator, owned]) => setUpOperator(options, operator, owned)))
  ).flat();
  clusters.sort((a, b) => Number(BigInt(a.clusterId) - BigInt(b.clusterId)));
  options.signal.throwIfAborted();
  await sellOutOfferings(
    options,
    clusters.filter((cluster) => isSettledRole(demoRoleOf(cluster.key))),
  );
  options.signal.throwIfAborted();
  await buyPartOfOfferings(options, clusters);
  return clusters;
}
