/** The node client against a stub fetch: what each kind of answer becomes (a value or one typed error). */
import { describe, expect, it } from 'vitest';
import { isRetryable, Rejection } from './base-error';
import { NodeClient, NodeUnavailableError, UnexpectedAnswerError } from './node-client';

type Seen = { url: string; init: RequestInit | undefined };

/** A fetch that answers `status` with `body` (JSON unless a string) and records each request. */
function answering(status: number, body: unknown, seen: Seen[] = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as typeof fetch;
}

const CHALLENGE = { challenge: `0x${'ab'.repeat(32)}`, expiresAt: 1 };

describe('NodeClient', () => {
  it('returns the validated answer and posts JSON to the route under the node URL', async () => {
    const seen: Seen[] = [];
    const client = new NodeClient('http://node.test/', { fetch: answering(200, CHALLENGE, seen) });
    expect(await client.challenge(7n)).toEqual(CHALLENGE);
    expect(seen[0]!.url).toBe('http://node.test/clusters/7/attestation/challenge');
    expect(seen[0]!.init?.method).toBe('POST');
    expect(seen[0]!.init?.body).toBe('{}');
    expect(new Headers(seen[0]!.init?.headers).get('content-type')).toBe('application/json');
  });

  it('throws a 4xx refusal as the Rejection it is, with its code, status and details', async () => {
    const body = { error: { code: 'sequence_gap', message: 'expected batch 3', expectedSequence: 3 } };
    const client = new NodeClient('http://node.test', { fetch: answering(409, body) });
    const error = await client.cursor(1n).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Rejection);
    expect(error).toMatchObject({ code: 'sequence_gap', status: 409, extra: { expectedSequence: 3 } });
    expect((error as Rejection).toBody()).toEqual(body);
    expect(isRetryable(error)).toBe(false);
  });

  it('names a refusal without a readable error body by its status', async () => {
    const client = new NodeClient('http://node.test', { fetch: answering(403, 'forbidden') });
    await expect(client.health()).rejects.toMatchObject({ code: 'http_403', status: 403 });
  });

  it('throws NodeUnavailableError (retryable) for a 5xx, keeping its status and body, and for no answer', async () => {
    const busy = { error: { code: 'unavailable', message: 'registry unreachable' } };
    const failing = new NodeClient('http://node.test', { fetch: answering(503, busy) });
    const error = await failing.health().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NodeUnavailableError);
    expect(error).toMatchObject({ code: 'unavailable', status: 503, body: busy.error });
    expect(isRetryable(error)).toBe(true);

    const down = new TypeError('fetch failed');
    const unreachable = new NodeClient('http://node.test', {
      fetch: (async () => {
        throw down;
      }) as typeof fetch,
    });
    const offline = await unreachable.health().catch((caught: unknown) => caught);
    expect(offline).toBeInstanceOf(NodeUnavailableError);
    expect(offline).toMatchObject({ status: undefined, cause: down });
    expect(isRetryable(offline)).toBe(true);
  });

  it('throws UnexpectedAnswerError (not retryable) for a 2xx its route does not promise', async () => {
    const client = new NodeClient('http://node.test', { fetch: answering(200, { challenge: 'nope' }) });
    const error = await client.challenge(1n).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedAnswerError);
    expect(isRetryable(error)).toBe(false);
  });

  it('gives up after its timeout as an unreachable node', async () => {
    const hanging = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
      })) as typeof fetch;
    const client = new NodeClient('http://node.test', { fetch: hanging, timeoutMs: 20 });
    await expect(client.health()).rejects.toMatchObject({ name: 'NodeUnavailableError', status: undefined });
  });

  it('signs a push over the exact body it sends', async () => {
    const seen: Seen[] = [];
    const client = new NodeClient('http://peer.test', { fetch: answering(200, { results: [] }, seen) });
    let signed: string | undefined;
    await client.pushSignatures([], async ({ body }) => {
      signed = body;
      return { 'x-peer': 'me' };
    });
    expect(seen[0]!.init?.body).toBe(signed);
    expect(new Headers(seen[0]!.init?.headers).get('x-peer')).toBe('me');
  });
});
