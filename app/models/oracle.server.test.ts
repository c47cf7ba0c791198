/** The committee client against real HTTP servers standing in for oracle nodes (node:http, real fetch). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const servers: Server[] = [];
async function node(answer: (path: string) => { status: number; body: unknown }) {
  const server = createServer((request, response) => {
    const { status, body } = answer(request.url ?? '');
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let oracle: typeof import('./oracle.server');
let unreachable: string;
let urls: string[];

/** A URL nothing listens on: a port bound, then released. */
async function closedUrl() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

beforeAll(async () => {
  const wrong = await node(() => ({ status: 200, body: { root: '0xbad' } }));
  const refusing = await node(() => ({
    status: 404,
    body: { error: { code: 'report_not_ready', message: 'not yet' } },
  }));
  const right = await node(() => ({ status: 200, body: { root: '0x600d' } }));
  unreachable = await closedUrl();
  urls = [unreachable, wrong, refusing, right];
  oracle = await import('./oracle.server');
});

afterAll(() => {
  for (const server of servers) server.close();
});

const rootSchema = z.object({ root: z.string() });
const accept = (expected: string) => (data: { root: string }) => {
  if (data.root !== expected) throw new Error(`root ${data.root} is not ${expected}`);
  return data.root;
};

/** A real pino logger whose lines (JSON, one per call) are kept for the assertions. */
function recordingLog() {
  const lines: string[] = [];
  return { log: pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }), lines };
}

describe('askFirstAnswering', () => {
  it('skips a node whose well-formed answer is wrong and one that refuses, and takes the next that is right', async () => {
    const { log } = recordingLog();
    expect(await oracle.askFirstAnswering(urls, '/x', rootSchema, accept('0x600d'), { log })).toBe('0x600d');
  });

  it('tells a visitor which nodes failed by position, never their internal URLs, and logs the URLs (L-5)', async () => {
    const { log, lines } = recordingLog();
    const failure = oracle.askFirstAnswering(urls, '/x', rootSchema, accept('0xnone'), { log });
    await expect(failure).rejects.toBeInstanceOf(oracle.OracleUnavailableError);
    const message = ((await failure.catch((error: unknown) => error)) as Error).message;
    expect(message).toMatch(
      /oracle node 1 of 4 unreachable; oracle node 2 of 4 gave no usable answer; .*oracle node 4 of 4 gave no usable answer/,
    );
    expect(message).not.toMatch(/127\.0\.0\.1|http:|:\d{2,5}\b/);
    // The operator reading the server log (the load context's pino logger) still learns where and why.
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged.every((entry) => entry.level === pino.levels.values.warn)).toBe(true);
    const text = logged.map((entry) => entry.msg).join('\n');
    expect(text).toContain(unreachable);
    expect(text).toMatch(/root 0xbad is not 0xnone/);
    expect(text).toMatch(/not yet/);
  });

  it('asks a node configured with a path prefix and a query at the route under that prefix, keeping the query', async () => {
    const asked: string[] = [];
    const proxied = await node((path) => {
      asked.push(path);
      return { status: 200, body: { root: '0x600d' } };
    });
    const url = `${proxied}/oracle-1?token=abc`;
    const { log } = recordingLog();
    expect(await oracle.askFirstAnswering([url], '/x', rootSchema, accept('0x600d'), { log })).toBe('0x600d');
    expect(asked).toEqual(['/oracle-1/x?token=abc']);
  });
});
