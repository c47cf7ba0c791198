/**
 * The status endpoint of a role process (`npm start -- --role …`, the standalone indexer): `/health` answers the
 * role and its state as JSON (200 while it serves or stands by, 503 when it cannot), `/metrics` the Prometheus text
 * of its registry. Bound to loopback unless asked; port 0 picks a free port.
 */
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import { ConfigError } from '#protocol/base-error';
import type { OutReason } from './replicas';

/**
 * What `/health` reports: `ok` false answers 503 (a load balancer or supervisor takes the process out). A web
 * process whose read replicas are partly out lists them (`replicasOut`, by index) and still answers 200.
 */
export type Health = {
  ok: boolean;
  role: string;
  status: string;
  /** Why each replica is out of rotation (db/replicas.ts OutReason). */
  replicasOut?: { replica: number; reason: OutReason }[];
};

export type StatusServer = { url: string; close: () => Promise<void> };

export async function serveStatus(options: {
  registry: Registry;
  health: () => Health | Promise<Health>;
  port: number;
  host?: string;
  /** The variable that sets the port, named when it is taken. */
  portVariable: string;
}): Promise<StatusServer> {
  const { registry, health, port, host = '127.0.0.1' } = options;
  const server: Server = createServer((request, response) => {
    const answer =
      request.url === '/metrics'
        ? registry.metrics().then((text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text))
        : request.url === '/health'
          ? Promise.resolve(health()).then((state) =>
              response
                .writeHead(state.ok ? 200 : 503, { 'content-type': 'application/json' })
                .end(JSON.stringify(state)),
            )
          : Promise.resolve(response.writeHead(404).end());
    answer.catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new ConfigError(`Port ${port} for /health and /metrics is already in use; set ${options.portVariable}.`, {
              cause: error,
            })
          : error,
      ),
    );
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${boundPort}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
