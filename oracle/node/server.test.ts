/** The node's HTTP error answers: what a caller may learn of a failure, and what only the log keeps. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createPublicClient, http, type PublicClient } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { redactingLoggerOptions } from '#contracts/redact';
import { RegistryView } from './chain';
import { fixtureContext, openFixtureCore } from './core.test-kit';
import { createNodeServer, UNAVAILABLE_MESSAGE } from './server';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (let c = cleanups.pop(); c; c = cleanups.pop()) await c();
});

async function listen(server: Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

describe('node server error answers', () => {
  it('answers a failed RPC read with a fixed 503 sentence; the RPC URL and its key reach only the redacted log', async () => {
    // An RPC provider that is rate limiting (what a flood of made-up cluster ids can cause).
    const rpc = createServer((_req, res) => res.writeHead(429, { 'content-type': 'text/plain' }).end('slow down'));
    const rpcPort = await listen(rpc);
    const secretRpc = `http://127.0.0.1:${rpcPort}/v2/SECRET-API-KEY-1234`;
    const real = new RegistryView(
      createPublicClient({ transport: http(secretRpc, { retryCount: 0 }) }) as PublicClient,
      fixtureContext.registry,
    );
    const dir = mkdtempSync(join(tmpdir(), 'node-server-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const core = await openFixtureCore(join(dir, 'journal.ndjson'), []);
    cleanups.push(() => core.close?.());
    (core.registry as { cluster: RegistryView['cluster'] }).cluster = (id, fresh) => real.cluster(id, fresh);
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk);
        done();
      },
    });
    const app = createNodeServer(core, pino({ level: 'warn', ...redactingLoggerOptions }, sink));
    cleanups.push(() => app.close());

    const response = await app.inject({ method: 'POST', url: '/clusters/77/attestation/challenge', payload: {} });

    expect(response.statusCode).toBe(503);
    expect(response.body).not.toContain('SECRET-API-KEY');
    expect(response.json()).toEqual({ error: { code: 'unavailable', message: UNAVAILABLE_MESSAGE } });
    // The operator still learns what failed, with the URL's path (the key) redacted.
    expect(logged).toContain('cannot read cluster 77 from the registry');
    expect(logged).toContain(`127.0.0.1:${rpcPort}`);
    expect(logged).not.toContain('SECRET-API-KEY');
  });
});
