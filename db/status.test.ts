import { Counter, Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type Health, type StatusServer, serveStatus } from './status';

describe('serveStatus', () => {
  let server: StatusServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('answers /health with the role and its state, 503 when not ok, /metrics with the registry, 404 otherwise', async () => {
    const registry = new Registry();
    new Counter({ name: 'rackshare_test_total', help: 'test', registers: [registry] }).inc(3);
    let health: Health = { ok: true, role: 'indexer', status: 'standby' };
    server = await serveStatus({ registry, health: () => health, port: 0, portVariable: 'TEST_PORT' });

    const first = await fetch(`${server.url}/health`);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, role: 'indexer', status: 'standby' });
    health = { ok: false, role: 'web', status: 'database unavailable' };
    const second = await fetch(`${server.url}/health`);
    expect(second.status).toBe(503);
    expect(await second.json()).toEqual(health);

    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toBe(registry.contentType);
    expect(await metrics.text()).toContain('rackshare_test_total 3');
    expect((await fetch(`${server.url}/`)).status).toBe(404);
  });

  it('names the variable to change when the port is taken', async () => {
    server = await serveStatus({ registry: new Registry(), health: () => health(), port: 0, portVariable: 'X' });
    const port = Number(new URL(server.url).port);
    await expect(
      serveStatus({ registry: new Registry(), health: () => health(), port, portVariable: 'STATUS_PORT (0 = off)' }),
    ).rejects.toThrow(`Port ${port} for /health and /metrics is already in use; set STATUS_PORT (0 = off).`);
  });
});

const health = (): Health => ({ ok: true, role: 'web', status: 'serving' });
