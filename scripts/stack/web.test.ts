/**
 * The web tier as an outsider meets it: the real Remix build behind startWeb, a real chain and database, raw HTTP
 * (node:http, so Host, Origin and chunked bodies are exactly what an attacker would send).
 */

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '#db';
import { startTestChain, type TestChain } from '#db/fixtures.test-kit';
import type { ServiceContext } from '../../app/load-context';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { appBuildIsStale, buildApp, startWeb, type WebHandle } from './web';
import { LIMITED_ROUTES, retryAfterSeconds } from './web-guards';

const PORT = testPort(4185);
const PROXIED_PORT = testPort(4186);
const operator = devAccount(devRoles.operators[0]);

type Answer = { status: number; headers: IncomingHttpHeaders; text: string };

/** One raw request; `chunks` are streamed without a Content-Length (chunked), `body` is sent with one. */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; chunks?: Buffer[] } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `localhost:${port}`, ...options.headers },
      },
      (response) => {
        answered = true;
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, text: Buffer.concat(parts).toString() }),
        );
        response.on('error', reject);
      },
    );
    // The server may close while a refused body is still being written: the answer already came, that is the point.
    outgoing.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (options.chunks) {
      for (const chunk of options.chunks) outgoing.write(chunk);
      outgoing.end();
    } else outgoing.end(options.body);
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const postForm = (port: number, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  send(port, path, {
    method: 'POST',
    headers: {
      origin: `http://localhost:${port}`,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: form(fields),
  });
/** The name=value parts of every Set-Cookie, as a browser sends them back. */
const cookiesOf = (answer: Answer) => (answer.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]!);

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
      // The relay needs a configured committee to get as far as the inventory check; nothing listens there.
      oracleNodeUrls: ['http://127.0.0.1:9'],
    },
    log: pino({ level: 'silent' }),
  };
}

beforeAll(async () => {
  if (appBuildIsStale()) buildApp();
  chain = await startTestChain(testPort(8791));
  database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateDatabase(database);
  web = await startWeb({ port: PORT, context: contextFor(PORT, false) });
  proxied = await startWeb({ port: PROXIED_PORT, context: contextFor(PROXIED_PORT, true) });
});

afterAll(async () => {
  await web?.close();
  await proxied?.close();
  await database?.close();
  await chain?.stop();
});

/** Fetches a nonce (with its pre-auth cookie) and signs a message for `domain`, as the operator page does. */
async function signedMessage(port: number, domain: string, uri: string, headers: Record<string, string> = {}) {
  const issued = await postForm(port, '/operator/session', { intent: 'nonce' }, headers);
  expect(issued.status, issued.text).toBe(200);
  const { nonce } = JSON.parse(issued.text) as { nonce: string };
  const message = createSiweMessage({
    address: operator.address,
    chainId: 31_337,
    domain,
    uri,
    nonce,
    version: '1',
    issuedAt: new Date(),
  });
  return { message, signature: await operator.signMessage({ message }), cookie: cookiesOf(issued).join('; ') };
}

async function signIn(port: number, headers: Record<string, string> = {}) {
  const signed = await signedMessage(port, `localhost:${port}`, `http://localhost:${port}`, headers);
  return postForm(
    port,
    '/operator/session',
    { intent: 'signIn', message: signed.message, signature: signed.signature },
    { ...headers, cookie: signed.cookie },
  );
}

describe('the web tier in front of Remix', () => {
  it('listens on 127.0.0.1 only by default (L-10)', () => {
    expect((web.server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('refuses a nonce for a foreign Host (M-1)', async () => {
    const answer = await postForm(
      PORT,
      '/operator/session',
      { intent: 'nonce' },
      { host: 'evil.example', origin: 'https://evil.example' },
    );
    expect(answer.status).toBe(421);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { code: 'unknown_host' } });
    expect(answer.text).not.toMatch(/nonce"/);
    // The loopback aliases of a loopback origin keep working (the e2e tests use both).
    expect((await send(PORT, '/', { headers: { host: `127.0.0.1:${PORT}` } })).status).toBe(200);
  });

  it('refuses a signed message for evil.example even when sent with Host evil.example (M-1)', async () => {
    const signed = await signedMessage(PORT, 'evil.example', 'https://evil.example');
    const relayed = await postForm(
      PORT,
      '/operator/session',
      { intent: 'signIn', message: signed.message, signature: signed.signature },
      { host: 'evil.example', origin: 'https://evil.example', cookie: signed.cookie },
    );
    expect(relayed.status).toBe(421);
    const direct = await postForm(
      PORT,
      '/operator/session',
      { intent: 'signIn', message: signed.message, signature: signed.signature },
      { cookie: signed.cookie },
    );
    expect(direct.status).toBe(401);
    expect(JSON.parse(direct.text)).toMatchObject({ error: { code: 'domain' } });
    expect(direct.headers['set-cookie']?.some((line) => line.includes('rackshare_siwe'))).toBeFalsy();
  });

  it('accepts a nonce only with the pre-auth cookie it was issued to (L-2)', async () => {
    const signed = await signedMessage(PORT, `localhost:${PORT}`, `http://localhost:${PORT}`);
    const withoutCookie = await postForm(PORT, '/operator/session', {
      intent: 'signIn',
      message: signed.message,
      signature: signed.signature,
    });
    expect(withoutCookie.status).toBe(401);
    expect(JSON.parse(withoutCookie.text)).toMatchObject({ error: { code: 'nonce' } });
    expect(signed.cookie).toMatch(/^__rackshare_preauth=/);
  });

  it('makes the old session cookie unusable after sign-out (I-2)', async () => {
    const signedIn = await signIn(PORT);
    expect(signedIn.status).toBe(200);
    const session = cookiesOf(signedIn).find((cookie) => cookie.startsWith('__rackshare_siwe='))!;
    const note = () => postForm(PORT, '/operator/999', { intent: 'saveNote', body: 'x' }, { cookie: session });
    // Signed in: the refusal is about the (missing) cluster, not about who is asking.
    expect((await note()).status).toBe(404);
    const signedOut = await postForm(PORT, '/operator/session', { intent: 'signOut' }, { cookie: session });
    expect(signedOut.status).toBe(200);
    // The copy kept from before sign-out no longer signs anyone in.
    const after = await note();
    expect(after.status).toBe(401);
  });

  it('answers 413 to a 2 MB form POST before the action runs, declared or chunked (M-3)', async () => {
    const big = `intent=saveNote&body=${'a'.repeat(2_000_000)}`;
    const headers = { origin: `http://localhost:${PORT}`, 'content-type': 'application/x-www-form-urlencoded' };
    const declared = await send(PORT, '/operator/1', { method: 'POST', headers, body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.text)).toMatchObject({ error: { code: 'body_too_large' } });
    const chunks = Array.from({ length: 32 }, (_, index) =>
      Buffer.from(big.slice(index * 62_500, (index + 1) * 62_500)),
    );
    const chunked = await send(PORT, '/operator/1', { method: 'POST', headers, chunks });
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.text)).toMatchObject({ error: { code: 'body_too_large' } });
    // A form within the limit reaches the action, which refuses the anonymous writer itself.
    expect((await postForm(PORT, '/operator/1', { intent: 'saveNote', body: 'short' })).status).toBe(401);
  });

  it('sizes the attestation relay for the largest cluster, not for a form (M-3)', async () => {
    const headers = { origin: `http://localhost:${PORT}`, 'content-type': 'application/json' };
    const tooBig = await send(PORT, '/operator/attestation', {
      method: 'POST',
      headers: { ...headers, 'content-length': String(8_000_000) },
      body: 'x',
    });
    expect(tooBig.status).toBe(413);
    const inventory = JSON.stringify({ step: 'challenge', clusterId: '1', padding: 'x'.repeat(200_000) });
    // Past the form limit, within the relay's: the route's own schema answers.
    expect((await send(PORT, '/operator/attestation', { method: 'POST', headers, body: inventory })).status).not.toBe(
      413,
    );
  });

  it("caps a relayed inventory at the cluster's on-chain GPU count (M-3)", async () => {
    const clusterId = await chain.registerCluster(devRoles.operators[0], {
      gpuModel: 'NVIDIA H100',
      gpuCount: 2,
      location: 'Test',
    });
    const answer = (uuids: string[]) =>
      send(PORT, '/operator/attestation', {
        method: 'POST',
        headers: { origin: `http://localhost:${PORT}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          step: 'answer',
          clusterId: clusterId.toString(),
          answers: [
            {
              node: 0,
              challenge: `0x${'11'.repeat(32)}`,
              uuids,
              validUntil: 2_000_000_000,
              issuedAt: 1_900_000_000,
              committeeVersion: 1,
              signature: `0x${'22'.repeat(65)}`,
            },
          ],
        }),
      });
    const oversized = await answer(['GPU-a', 'GPU-b', 'GPU-c']);
    expect(oversized.status).toBe(400);
    expect(JSON.parse(oversized.text).error.message).toMatch(/3 GPUs for cluster #\d+, which has 2/);
    // Within the count, the relay hands it on (to a node that is down here): not refused for its size.
    const fitting = await answer(['GPU-a', 'GPU-b']);
    expect(fitting.status).toBe(200);
  });

  it('never embeds the wagmi cookie (a wallet address) in a public page (L-7)', async () => {
    const wallet = operator.address;
    const store = JSON.stringify({
      state: { connections: { __type: 'Map', value: [['x', { accounts: [wallet], chainId: 31_337 }]] }, current: 'x' },
    });
    const page = await send(PORT, '/', { headers: { cookie: `wagmi.store=${encodeURIComponent(store)}` } });
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toMatch(/public/);
    expect(page.text.toLowerCase()).not.toContain(wallet.slice(2).toLowerCase());
    expect(page.text).not.toContain('wagmi.store');
  });

  it('refuses the language redirect to /\\evil.com and keeps paths of this site (I-1)', async () => {
    const evil = await postForm(PORT, '/language', { language: 'en', redirectTo: '/\\evil.com' });
    expect(evil.status).toBe(400);
    expect(evil.headers.location).toBeUndefined();
    const good = await postForm(PORT, '/language', { language: 'en', redirectTo: '/clusters?sort=apr' });
    expect(good.status).toBe(302);
    expect(good.headers.location).toBe('/clusters?sort=apr');
  });

  it('rate-limits epoch exports per client with Retry-After (M-2)', async () => {
    const statuses: number[] = [];
    let last: Answer | undefined;
    for (let index = 0; index < 12; index++) {
      last = await send(PROXIED_PORT, '/api/v1/clusters/1/epochs/1/samples', {
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10)).not.toContain(429);
    expect(last!.status).toBe(429);
    // The epoch export earns 30 tokens a minute: the next one comes in 2 s.
    expect(Number(last!.headers['retry-after'])).toBe(retryAfterSeconds(LIMITED_ROUTES[0]!));
    expect(retryAfterSeconds(LIMITED_ROUTES[0]!)).toBe(2);
    expect(JSON.parse(last!.text)).toMatchObject({ error: { code: 'rate_limited' } });
    const other = await send(PROXIED_PORT, '/api/v1/clusters/1/epochs/1/samples', {
      headers: { 'x-forwarded-for': '198.51.100.4' },
    });
    expect(other.status).not.toBe(429);
  });
});

describe('behind a trusted TLS proxy', () => {
  it('sets the session cookie __Host-… ; Secure when X-Forwarded-Proto is https (L-1)', async () => {
    const answer = await signIn(PROXIED_PORT, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '192.0.2.1' });
    expect(answer.status).toBe(200);
    const session = answer.headers['set-cookie']!.find((line) => line.includes('rackshare_siwe='))!;
    expect(session).toMatch(/^__Host-rackshare_siwe=/);
    expect(session).toMatch(/; Secure/);
    // Without the proxy's word, plain http: neither the prefix nor Secure (a browser would refuse both).
    const plain = await signIn(PORT, { 'x-forwarded-proto': 'https' });
    const plainSession = plain.headers['set-cookie']!.find((line) => line.includes('rackshare_siwe='))!;
    expect(plainSession).toMatch(/^__rackshare_siwe=/);
    expect(plainSession).not.toMatch(/Secure/);
  });

  it("rate-limits a nonce flood from one address without touching another client's pending sign-in (L-2)", async () => {
    const victim = { 'x-forwarded-for': '198.51.100.20' };
    const pending = await signedMessage(
      PROXIED_PORT,
      `localhost:${PROXIED_PORT}`,
      `http://localhost:${PROXIED_PORT}`,
      victim,
    );
    let flood: Answer | undefined;
    for (let index = 0; index < 20; index++)
      flood = await postForm(
        PROXIED_PORT,
        '/operator/session',
        { intent: 'nonce' },
        { 'x-forwarded-for': '203.0.113.66' },
      );
    expect(flood!.status).toBe(429);
    expect(flood!.headers['retry-after']).toBeDefined();
    const answer = await postForm(
      PROXIED_PORT,
      '/operator/session',
      { intent: 'signIn', message: pending.message, signature: pending.signature },
      { ...victim, cookie: pending.cookie },
    );
    expect(answer.status).toBe(200);
  });
});
