/**
 * The web tier's guards as an outsider meets them (review 12, attacker #1-#3): the real Remix build behind startWeb, a
 * real chain and database, raw HTTP (node:http and node:net, so paths, Host and bodies are exactly what is sent).
 */

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type Socket } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '#db';
import { startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { errorBodySchema } from '#protocol/wire';
import { refusalMessage } from '../../app/lib/refusal';
import type { ServiceContext } from '../../app/load-context';
import { testPort } from '../../devnet/ports';
import { appBuildIsStale, buildApp, startWeb, type WebHandle } from './web';
import { ATTESTATION_BODY_LIMIT, LARGE_BODY_SLOTS, LIMITED_ROUTES, retryAfterSeconds } from './web-guards';

const PORT = testPort(4197);
const PROXIED_PORT = testPort(4198);

type Answer = { status: number; headers: IncomingHttpHeaders; text: string };

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `localhost:${port}`, ...options.headers },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(parts).toString() }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const nonceFrom = (path: string, address: string) =>
  send(PROXIED_PORT, path, {
    method: 'POST',
    headers: {
      origin: `http://localhost:${PROXIED_PORT}`,
      'content-type': 'application/x-www-form-urlencoded',
      'x-forwarded-for': address,
    },
    body: 'intent=nonce',
  });

async function floodFrom(path: string, address: string, count: number) {
  const statuses: number[] = [];
  for (let index = 0; index < count; index++) statuses.push((await nonceFrom(path, address)).status);
  return statuses;
}

let chain: TestChain;
let database: DatabaseHandle;
let web: WebHandle;
let proxied: WebHandle;

function contextFor(port: number, trustProxy: boolean): ServiceContext {
  return {
    db: database.db,
    chain: {
      chainId: 31_337,
      publicRpcUrl: chain.rpcUrl,
      publicClient: chain.publicClient,
      deployment: chain.deployment,
    },
    web: {
      publicOrigin: `http://localhost:${port}`,
      trustProxy,
      sessionSecret: 'w'.repeat(32),
      cloudReferencePriceUsd: '2.50',
      oracleNodeUrls: ['http://127.0.0.1:9'],
    },
    log: pino({ level: 'silent' }),
  };
}

beforeAll(async () => {
  if (appBuildIsStale()) buildApp();
  chain = await startTestChain(testPort(8798));
  database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateDatabase(database);
  web = await startWeb({ port: PORT, context: contextFor(PORT, false) });
  proxied = await startWeb({ port: PROXIED_PORT, context: contextFor(PROXIED_PORT, true) });
}, 300_000);

afterAll(async () => {
  await web?.close();
  await proxied?.close();
  await database?.close();
  await chain?.stop();
});

describe('the per-IP rate limits match the route Remix runs, not the raw path (attacker #1)', () => {
  it.each([
    ['the single-fetch data URL', '/operator/session.data', '203.0.113.71'],
    ['another letter case', '/Operator/Session', '203.0.113.72'],
    ['a percent-encoded letter', '/operator/%73ession', '203.0.113.73'],
    ['a trailing slash', '/operator/session/', '203.0.113.74'],
  ])('limits sign-in nonces reached through %s (attacker #1)', async (_, path, address) => {
    const statuses = await floodFrom(path, address, 40);
    expect(statuses[0]).toBe(200);
    expect(statuses).toContain(429);
  });

  it('limits epoch exports asked for as /API/v1/... (attacker #1)', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 20; index++)
      statuses.push(
        (
          await send(PROXIED_PORT, '/API/v1/clusters/1/epochs/1/samples', {
            headers: { 'x-forwarded-for': '203.0.113.75' },
          })
        ).status,
      );
    expect(statuses).toContain(429);
  });

  it('counts every address of one IPv6 /64 as one client (attacker #1)', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 40; index++)
      statuses.push((await nonceFrom('/operator/session', `2001:db8:7:7::${index.toString(16)}`)).status);
    expect(statuses).toContain(429);
  });

  it('answers 400 with a reason to a malformed %-escape (attacker #1)', async () => {
    const answer = await nonceFrom('/operator/%E0%A4%A', '203.0.113.76');
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'malformed_path' } });
  });
});

describe('the guards refuse in the one wire shape the operator pages read (review 14)', () => {
  it('a rate-limited sign-in tells the operator when to try again, as SignInPanel shows it (refusalMessage)', async () => {
    let refused: Answer | undefined;
    for (let index = 0; index < 40 && !refused; index++) {
      const answer = await nonceFrom('/operator/session', '203.0.113.77');
      if (answer.status === 429) refused = answer;
    }
    expect(refused?.status).toBe(429);
    const wait = retryAfterSeconds(LIMITED_ROUTES.find((route) => route.name === 'sign-in')!);
    expect(refused!.headers['retry-after']).toBe(String(wait));
    const body = JSON.parse(refused!.text);
    expect(errorBodySchema.parse(body).error.code).toBe('rate_limited');
    expect(refusalMessage(body)).toBe(`Too many sign-in requests; try again in ${wait} s.`);
  });

  it('refuses a cross-site POST with 403 { error: { code: cross_site, message } }, never plain text', async () => {
    const answer = await send(PORT, '/operator/session', {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'intent=nonce',
    });
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text)).toEqual({
      error: { code: 'cross_site', message: 'Cross-site requests are not allowed.' },
    });
  });
});

describe('the offer relay is an API authorized by signatures, not cookies (issue 16)', () => {
  it('lets an API client without Origin reach the relay, whose own validation answers', async () => {
    const answer = await send(PORT, '/api/v1/offers', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.78' },
      body: '{"offer":{}}',
    });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error.code).not.toBe('cross_site');
  });

  it('still refuses a cross-site POST to every cookie-authorized route', async () => {
    const answer = await send(PORT, '/portfolio', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'intent=anything',
    });
    expect(answer.status).toBe(403);
  });

  it('rate-limits offers per IP', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 40; index++)
      statuses.push(
        (
          await send(PROXIED_PORT, '/api/v1/offers', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.79' },
            body: '{}',
          })
        ).status,
      );
    expect(statuses[0]).toBe(400);
    expect(statuses).toContain(429);
  });

  it("rate-limits the maker's offers (each answer reads the chain for the next nonce) per IP", async () => {
    const route = LIMITED_ROUTES.find((limited) => limited.name === "maker's offers")!;
    // Real time passes between requests (each reads the chain), so a token may be earned on the way: the exact
    // (burst + 1)-th refusal is proven on a frozen clock in rate-limit-guard.test.ts.
    const statuses: number[] = [];
    for (let index = 0; index < 2 * route.burst; index++)
      statuses.push(
        (
          await send(PROXIED_PORT, `/api/v1/offers?maker=0x${'0'.repeat(39)}${index % 10}`, {
            headers: { 'x-forwarded-for': '203.0.113.80' },
          })
        ).status,
      );
    expect(statuses.slice(0, route.burst)).not.toContain(429);
    expect(statuses).toContain(429);
  });
});

describe('the shared cache keys on the canonical URL (attacker #3, M-8)', () => {
  it('serves / with a made-up query parameter from the copy of / (M-8)', async () => {
    await send(PORT, '/');
    expect((await send(PORT, '/')).headers['x-cache']).toBe('HIT');
    for (let index = 0; index < 5; index++) {
      const answer = await send(PORT, `/?cachebuster=${index}-${Math.random()}`);
      expect(answer.status).toBe(200);
      expect(answer.headers['x-cache']).toBe('HIT');
    }
  });

  it('serves /clusters with made-up parameters from its copy, and a repeated search from its copy (M-8)', async () => {
    await send(PORT, '/clusters?q=gpu');
    for (const path of ['/clusters?q=gpu&junk=1', `/clusters?junk=${Math.random()}&q=gpu`, '/Clusters/?q=gpu'])
      expect((await send(PORT, path)).headers['x-cache']).toBe('HIT');
  });
  it('serves the single-fetch data of /clusters with a made-up parameter from its copy (M-8)', async () => {
    const first = await send(PORT, '/clusters.data');
    expect(first.status).toBe(200);
    const again = await send(PORT, `/clusters.data?junk=${Math.random()}`);
    expect(again.headers['x-cache']).toBe('HIT');
    expect(again.text).toBe(first.text);
  });
});

describe('anonymous large bodies are bounded process-wide (attacker #2)', () => {
  it('cuts a request whose headers take over 15 s or whose whole body takes over 30 s (attacker #2)', () => {
    expect(web.server.headersTimeout).toBe(15_000);
    expect(web.server.requestTimeout).toBe(30_000);
    expect(web.server.keepAliveTimeout).toBe(5_000);
  });

  it(`buffers at most ${LARGE_BODY_SLOTS} stalled attestation bodies at once; the next get 503 with Retry-After (attacker #2)`, async () => {
    const before = process.memoryUsage().arrayBuffers;
    const sockets: Socket[] = [];
    const answered: string[] = [];
    const size = ATTESTATION_BODY_LIMIT - 100_000;
    const payload = Buffer.alloc(size, 0x20);
    for (let index = 0; index < 12; index++) {
      const socket = connect(PROXIED_PORT, '127.0.0.1');
      socket.on('data', (data) => answered.push(data.toString()));
      socket.on('error', () => {});
      socket.write(
        'POST /operator/attestation HTTP/1.1\r\n' +
          `Host: localhost:${PROXIED_PORT}\r\nOrigin: http://localhost:${PROXIED_PORT}\r\n` +
          `X-Forwarded-For: 198.18.0.${index}\r\nContent-Type: application/json\r\n` +
          // Declared 10 bytes longer than sent: the upload stalls.
          `Content-Length: ${size + 10}\r\n\r\n`,
      );
      socket.write(payload);
      sockets.push(socket);
      // One at a time, so the first slots go to the first connections.
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    try {
      await expect.poll(() => answered.length, { timeout: 20_000 }).toBe(12 - LARGE_BODY_SLOTS);
      for (const answer of answered) {
        expect(answer).toMatch(/^HTTP\/1\.1 503 /);
        expect(answer).toMatch(/\r\nretry-after: \d+\r\n/i);
        expect(answer).toContain('"code":"uploads_busy"');
      }
      const held = process.memoryUsage().arrayBuffers - before;
      // The slots' bodies, this test's one payload, and room for what the collector has not reclaimed yet.
      expect(held).toBeLessThan(LARGE_BODY_SLOTS * ATTESTATION_BODY_LIMIT + 2 * size + 16_000_000);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
    // Once the stalled uploads are gone, their slots are free again: the relay answers (not 503) the next one.
    await expect
      .poll(
        async () =>
          (
            await send(PROXIED_PORT, '/operator/attestation', {
              method: 'POST',
              headers: {
                origin: `http://localhost:${PROXIED_PORT}`,
                'content-type': 'application/json',
                'x-forwarded-for': '198.18.1.1',
              },
              body: '{}',
            })
          ).status,
        { timeout: 10_000 },
      )
      .not.toBe(503);
  }, 60_000);
});
