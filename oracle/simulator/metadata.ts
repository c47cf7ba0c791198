/**
 * The metadata document each demo cluster is registered with: a JSON description of the cluster (where, which GPUs,
 * their UUIDs, the economics the demo assumes), served by the simulator's HTTP server at a path under
 * `/rackshare-demo/`; the registry records the keccak256 of exactly these bytes, so anyone who fetches the URI can
 * check the document against the chain.
 */
import { keccak256 } from 'viem';
import type { SimCluster } from './model';

const DEMO_PATH = '/rackshare-demo/';
/** Clusters registered before the documents were served carry this URI (no document behind it). */
const LEGACY_PREFIX = 'ipfs://rackshare-demo/';
const CLUSTER_KEY = /^[a-z]+-\d+$/;

export const metadataPath = (cluster: Pick<SimCluster, 'key'>) => `${DEMO_PATH}${cluster.key}.json`;

export const metadataUri = (baseUrl: string, cluster: Pick<SimCluster, 'key'>) =>
  `${baseUrl.replace(/\/+$/, '')}${metadataPath(cluster)}`;

/** The demo cluster key a registered URI names, or undefined when the URI is not one the demo registers. */
export function demoKeyOfMetadataUri(uri: string): string | undefined {
  let key: string | undefined;
  if (uri.startsWith(LEGACY_PREFIX)) key = uri.slice(LEGACY_PREFIX.length);
  else {
    const match = /^https?:\/\/[^/]+\/rackshare-demo\/([^/]+)\.json$/.exec(uri);
    key = match?.[1];
  }
  return key !== undefined && CLUSTER_KEY.test(key) ? key : undefined;
}

/** The cluster key a request path asks for, or undefined when it is no metadata path. */
export function demoKeyOfMetadataPath(path: string): string | undefined {
  if (!path.startsWith(DEMO_PATH) || !path.endsWith('.json')) return undefined;
  const key = path.slice(DEMO_PATH.length, -'.json'.length);
  return CLUSTER_KEY.test(key) ? key : undefined;
}

/** The document's bytes: a pure function of the simulated cluster, so every run serves (and hashes) the same. */
export function metadataDocument(cluster: SimCluster): Uint8Array {
  const { model, idc } = cluster;
  const document = {
    schema: 'rackshare-demo-cluster/1',
    name: `${idc.location} ${model.key} ${cluster.key}`,
    location: idc.location,
    hostname: cluster.hostname,
    telemetrySource: idc.source,
    gpu: {
      model: model.name,
      count: cluster.gpus.length,
      memoryTotalMiB: model.memoryTotalMiB,
      maxPowerW: model.maxW,
      uuids: cluster.gpus.map((gpu) => gpu.uuid),
    },
    // Stablecoin amounts as decimal strings of base units (6 decimals), as the chain counts them.
    economics: {
      listPricePerGpuHour: model.pricePerHour.toString(),
      priceLevelBps: idc.priceBps,
      expectedLeasedShare: model.demand,
      operatorCostShareBps: Number(model.operatorCostShareBps),
      hardwarePricePerGpu: model.hardwarePrice.toString(),
    },
    notice: 'Simulated cluster of the Rackshare demo: no real hardware stands behind it.',
  };
  return new TextEncoder().encode(`${JSON.stringify(document, null, 2)}\n`);
}

export const metadataHash = (cluster: SimCluster) => keccak256(metadataDocument(cluster));
