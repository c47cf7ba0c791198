/**
 * Clusters read straight from the chain (registry, factory, token, offering) through the server's public client.
 * The analytics database will take over the list views; the passport always shows the chain's current truth.
 */
import type { AppLoadContext } from '@remix-run/node';
import { type Address, zeroAddress } from 'viem';
import {
  clusterRegistryAbi,
  clusterRegistryClusterStatusNames,
  offeringAbi,
  offeringPhaseNames,
  rackshareFactoryAbi,
  shareTokenAbi,
} from '#contracts';

export const CLUSTER_STATUSES = clusterRegistryClusterStatusNames;
export const OFFERING_PHASES = offeringPhaseNames;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];
export type OfferingPhase = (typeof OFFERING_PHASES)[number];

/** The most clusters a list reads from the chain in one request (the database-backed table has no such limit). */
const LIST_LIMIT = 200n;

type Chain = AppLoadContext['chain'];

async function readTokenSummary(chain: Chain, clusterId: bigint) {
  const { publicClient, deployment } = chain;
  const factory = deployment.contracts.factory;
  const [token, offering] = await Promise.all([
    publicClient.readContract({
      address: factory,
      abi: rackshareFactoryAbi,
      functionName: 'tokenOf',
      args: [clusterId],
    }),
    publicClient.readContract({
      address: factory,
      abi: rackshareFactoryAbi,
      functionName: 'offeringOf',
      args: [clusterId],
    }),
  ]);
  if (token === zeroAddress) return null;
  const [name, symbol] = await Promise.all([
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'name' }),
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'symbol' }),
  ]);
  return { address: token as Address, offering: offering as Address, name, symbol };
}

export async function listClusters(chain: Chain) {
  const { publicClient, deployment } = chain;
  const registry = deployment.contracts.clusterRegistry;
  const count = await publicClient.readContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'clusterCount',
  });
  const first = count > LIST_LIMIT ? count - LIST_LIMIT + 1n : 1n;
  const ids = Array.from({ length: Number(count - first + 1n) }, (_, index) => first + BigInt(index)).reverse();
  return Promise.all(
    ids.map(async (id) => {
      const [info, token] = await Promise.all([
        publicClient.readContract({
          address: registry,
          abi: clusterRegistryAbi,
          functionName: 'clusterOf',
          args: [id],
        }),
        readTokenSummary(chain, id),
      ]);
      return {
        id,
        operator: info.operator,
        status: CLUSTER_STATUSES[info.status] ?? 'None',
        gpuModel: info.gpuModel,
        gpuCount: info.gpuCount,
        location: info.location,
        hardwareRoot: info.hardwareRoot,
        token,
      };
    }),
  );
}

export type ClusterListItem = Awaited<ReturnType<typeof listClusters>>[number];

/** Everything the passport shows, or null when the id was never registered. */
export async function getClusterPassport(chain: Chain, clusterId: bigint) {
  const { publicClient, deployment } = chain;
  const registry = deployment.contracts.clusterRegistry;
  const [info, head] = await Promise.all([
    publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [clusterId],
    }),
    publicClient.getBlock({ blockTag: 'latest' }),
  ]);
  if (info.operator === zeroAddress) return null;
  const token = await readTokenSummary(chain, clusterId);
  let market = null;
  if (token) {
    const tokenContract = { address: token.address, abi: shareTokenAbi } as const;
    const offeringContract = { address: token.offering, abi: offeringAbi } as const;
    const [totalSupply, stream, totalDeposited, streamedTotal, terms, sold, raised, phase] = await Promise.all([
      publicClient.readContract({ ...tokenContract, functionName: 'totalSupply' }),
      publicClient.readContract({ ...tokenContract, functionName: 'stream' }),
      publicClient.readContract({ ...tokenContract, functionName: 'totalDeposited' }),
      publicClient.readContract({ ...tokenContract, functionName: 'streamedTotal' }),
      publicClient.readContract({ ...offeringContract, functionName: 'terms' }),
      publicClient.readContract({ ...offeringContract, functionName: 'sold' }),
      publicClient.readContract({ ...offeringContract, functionName: 'raised' }),
      publicClient.readContract({ ...offeringContract, functionName: 'phase' }),
    ]);
    market = {
      totalSupply,
      stream: { ratePerSecond: stream.ratePerSecond, end: stream.end },
      totalDeposited,
      streamedTotal,
      terms: {
        pricePerShare: terms.pricePerShare,
        softCap: terms.softCap,
        perBuyerCap: terms.perBuyerCap,
        start: BigInt(terms.start),
        end: BigInt(terms.end),
      },
      sold,
      raised,
      phase: OFFERING_PHASES[phase] ?? 'Pending',
    };
  }
  return {
    id: clusterId,
    now: head.timestamp,
    operator: info.operator,
    status: CLUSTER_STATUSES[info.status] ?? 'None',
    gpuModel: info.gpuModel,
    gpuCount: info.gpuCount,
    location: info.location,
    hardwareRoot: info.hardwareRoot,
    metadataURI: info.metadataURI,
    metadataHash: info.metadataHash,
    registeredAt: BigInt(info.registeredAt),
    attestedAt: BigInt(info.attestedAt),
    attestedUntil: BigInt(info.attestedUntil),
    lastReportAt: BigInt(info.lastReportAt),
    lastEpoch: info.lastEpoch,
    token,
    market,
  };
}

export type ClusterPassport = NonNullable<Awaited<ReturnType<typeof getClusterPassport>>>;
