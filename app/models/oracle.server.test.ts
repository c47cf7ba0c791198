/** The committee client against real HTTP servers standing in for oracle nodes (node:http, real fetch). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
let urls: string[];

beforeAll(async () => {
  const wrong = await node(() => ({ status: 200, body: { root: '0xbad' } }));
  const refusing = await node(() => ({
    status: 404,
    body: { error: { code: 'report_not_ready', message: 'not yet' } },
  }));
  const right = await node(() => ({ status: 200, body: { root: '0x600d' } }));
  urls = [wrong, refusing, right];
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

describe('askFirstAnswering', () => {
  it('skips a node whose well-formed answer is wrong and one that refuses, and takes the next that is right', async () => {
    expect(await oracle.askFirstAnswering(urls, '/x', rootSchema, accept('0x600d'))).toBe('0x600d');
  });

  it('says every node’s reason when none serves it', async () => {
    const failure = oracle.askFirstAnswering(urls, '/x', rootSchema, accept('0xnone'));
    await expect(failure).rejects.toBeInstanceOf(oracle.OracleUnavailableError);
    await expect(failure).rejects.toThrow(/root 0xbad is not 0xnone.*not yet.*root 0x600d is not 0xnone/);
  });
});
