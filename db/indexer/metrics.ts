/** Prometheus metrics of the indexer (its own registry) and a tiny HTTP server that serves them at `/metrics`. */
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry } from 'prom-client';
import { ConfigError } from '#protocol/base-error';

export type IndexerMetrics = ReturnType<typeof createIndexerMetrics>;

export function createIndexerMetrics() {
  const registry = new Registry();
  return {
    registry,
    headBlock: new Gauge({
      name: 'rackshare_indexer_head_block',
      help: 'Chain head seen by the indexer',
      registers: [registry],
    }),
    indexedBlock: new Gauge({
      name: 'rackshare_indexer_indexed_block',
      help: 'Highest block whose logs are in the database',
      registers: [registry],
    }),
    headLag: new Gauge({
      name: 'rackshare_indexer_head_lag_blocks',
      help: 'Blocks between the chain head and the indexed block',
      registers: [registry],
    }),
    events: new Counter({
      name: 'rackshare_indexer_events_total',
      help: 'Logs written to the database',
      registers: [registry],
    }),
    reorgs: new Counter({ name: 'rackshare_indexer_reorgs_total', help: 'Reorgs rolled back', registers: [registry] }),
    deepReorgs: new Counter({
      name: 'rackshare_indexer_deep_reorgs_total',
      help: 'Reorgs deeper than the kept block hashes, re-indexed from the last finalized block',
      registers: [registry],
    }),
    failures: new Counter({
      name: 'rackshare_indexer_failures_total',
      help: 'Indexer steps that failed and were retried',
      registers: [registry],
    }),
  };
}

/** Serves `registry` at http://host:port/metrics; resolves once listening (port 0 picks a free port). */
export async function serveMetrics(registry: Registry, port: number, host = '127.0.0.1') {
  const server: Server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch((error: Error) => response.writeHead(500).end(error.message));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(
              `Port ${port} for the indexer's /metrics is already in use; set INDEXER_METRICS_PORT (0 = off).`,
              { cause: error },
            )
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${boundPort}/metrics`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
