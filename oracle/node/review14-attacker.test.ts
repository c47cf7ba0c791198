/**
 * Review of issue 14 (attacker): error bodies and answer bounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createPublicClient, http, type PublicClient } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeClient } from '#protocol/node-client';
import { RegistryView } from './chain';
import { fixtureContext, openFixtureCore } from './core.test-kit';
import { createNodeServer } from './server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (let c = cleanups.pop(); c; c = cleanups.pop()) await c();
});

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

describe('review14 attacker', () => {
  it('an anonymous request never sees the RPC URL (API key) in a 503 body', async () => {
    // An RPC provider that is rate limiting (what a flood of made-up cluster ids can cause).
    const rpc = createServer((_req, res) => res.writeHead(429, { 'content-type': 'text/plain' }).end('slow down'));
    const rpcPort = await listen(rpc);
    const secretRpc = `http://127.0.0.1:${rpcPort}/v2/SECRET-API-KEY-1234`;
    const real = new RegistryView(
      createPublicClient({ transport: http(secretRpc, { retryCount: 0 }) }) as PublicClient,
      fixtureContext.registry,
    );
    const dir = mkdtempSync(join(tmpdir(), 'review14-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const core = await openFixtureCore(join(dir, 'journal.ndjson'), []);
    cleanups.push(() => core.close?.());
    (core.registry as { cluster: RegistryView['cluster'] }).cluster = (id, fresh) => real.cluster(id, fresh);
    const app = createNodeServer(core, pino({ level: 'silent' }));
    cleanups.push(() => app.close());
    const response = await app.inject({
      method: 'POST',
      url: '/clusters/77/attestation/challenge',
      payload: {},
    });
    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('SECRET-API-KEY');
  });

  it('NodeClient stops reading a hostile node answer at a bound', async () => {
    // A peer (a byzantine committee member) answers an endless JSON string: the reader must give up early.
    let sent = 0;
    const chunk = new TextEncoder().encode('x'.repeat(1 << 20));
    const hostile: typeof fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"items":["'));
          },
          pull(controller) {
            sent += chunk.length;
            if (sent > 256 * (1 << 20)) controller.close();
            else controller.enqueue(chunk);
          },
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    const client = new NodeClient('http://peer.invalid', { fetch: hostile, timeoutMs: 60_000 });
    await expect(client.pullSignatures(['1:1'])).rejects.toThrow();
    // 16 MiB is the node's own largest request body; an answer needs no more.
    expect(sent).toBeLessThan(16 * (1 << 20));
  });
});
