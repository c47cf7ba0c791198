/**
 * The simulated IDCs on the network: one HTTP server that plays every cluster host's dcgm-exporter
 * (`/<cluster>/metrics`) and an nvidia-smi wrapper (`/<cluster>/nvidia-smi.csv`), rendered at the injected clock's
 * time, the clusters' metadata documents (`/rackshare-demo/<cluster>.json`, metadata.ts), and a billing exporter
 * that writes each cluster's rental CSV where the agent reads it.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { renderBillingCsv, renderDcgmMetrics, renderNvidiaSmiCsv } from './formats';
import { demoKeyOfMetadataPath, metadataDocument } from './metadata';
import type { SimCluster, Simulator } from './model';

/** Milliseconds since the epoch: `Date.now` live, a settable value while history is generated. */
export type Clock = () => number;

export function sourcePath(cluster: SimCluster) {
  return cluster.idc.source === 'dcgm' ? `/${cluster.key}/metrics` : `/${cluster.key}/nvidia-smi.csv`;
}

export async function startSimulatorServer(simulator: Simulator, clock: Clock, port: number, host = '127.0.0.1') {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?')[0]!;
    const documentKey = demoKeyOfMetadataPath(path);
    const described = simulator.clusters.find((entry) => entry.key === documentKey);
    if (request.method === 'GET' && described) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(metadataDocument(described));
      return;
    }
    const [, clusterKey, resource] = path.split('/');
    const cluster = simulator.clusters.find((entry) => entry.key === clusterKey);
    if (request.method !== 'GET' || !cluster || (resource !== 'metrics' && resource !== 'nvidia-smi.csv')) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const readings = simulator.read(cluster, clock());
    if (resource === 'metrics') {
      response
        .writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' })
        .end(renderDcgmMetrics(cluster, readings));
    } else {
      response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' }).end(renderNvidiaSmiCsv(cluster, readings));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    sourceUrl: (cluster: SimCluster) => `${url}${sourcePath(cluster)}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Writes each cluster's billing export (atomically: the agent never reads half a file). */
export class BillingExporter {
  constructor(
    private readonly simulator: Simulator,
    readonly directory: string,
  ) {
    mkdirSync(directory, { recursive: true });
  }

  path(cluster: SimCluster) {
    return join(this.directory, `${cluster.key}.csv`);
  }

  write(cluster: SimCluster, t: number) {
    const path = this.path(cluster);
    writeFileSync(`${path}.tmp`, renderBillingCsv(this.simulator.billingExport(cluster, t)));
    renameSync(`${path}.tmp`, path);
  }

  writeAll(t: number, clusters = this.simulator.clusters) {
    for (const cluster of clusters) this.write(cluster, t);
  }
}
