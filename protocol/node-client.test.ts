/** The node client against a stub fetch: what each kind of answer becomes (a value or one typed error). */
import { describe, expect, it } from 'vitest';
import { isRetryable, Rejection } from './base-error';
import {
  DEFAULT_MAX_ANSWER_BYTES,
  joinNodeUrl,
  MAX_ERROR_BODY_BYTES,
  NodeClient,
  NodeUnavailableError,
  UnexpectedAnswerError,
} from './node-client';
import { MAX_SIGNATURE_BODY_BYTES } from './wire';

type Seen = { url: string; init: RequestInit | undefined };

/** A fetch that answers `status` with `body` (JSON unless a string) and records each request. */
function answering(status: number, body: unknown, seen: Seen[] = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  }) as typeof fetch;
}

const CHALLENGE = { challenge: `0x${'ab'.repeat(32)}`, expiresAt: 1 };

const MiB = 1 << 20;

/**
 * A fetch whose answer (`status`, no Content-Length) starts with `head` and then never ends: 1 MiB chunks of `x` up to
 * 256 MiB, as a byzantine peer may send. `sent()` tells how much the client made it produce.
 */
function endless(status: number, head: string) {
  let sent = 0;
  const chunk = new TextEncoder().encode('x'.repeat(MiB));
  const answer = (async () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(head));
        },
        pull(controller) {
          sent += chunk.length;
          if (sent > 256 * MiB) controller.close();
          else controller.enqueue(chunk);
        },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    )) as typeof fetch;
  return { fetch: answer, sent: () => sent };
}

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

  it('throws UnexpectedAnswerError (retryable: a proxy page or a node mid-upgrade passes) for a 2xx its route does not promise', async () => {
    const client = new NodeClient('http://node.test', { fetch: answering(200, { challenge: 'nope' }) });
    const error = await client.challenge(1n).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedAnswerError);
    expect(error).toMatchObject({ code: 'unexpected_answer' });
    expect(isRetryable(error)).toBe(true);
    const html = new NodeClient('http://node.test', { fetch: answering(200, '<html>maintenance</html>') });
    await expect(html.challenge(1n)).rejects.toMatchObject({ name: 'UnexpectedAnswerError', retryable: true });
  });

  it("stops reading a hostile peer's endless answer at the bound of its route, well before the node's own largest body", async () => {
    const peer = endless(200, '{"items":["');
    const client = new NodeClient('http://peer.invalid', { fetch: peer.fetch, timeoutMs: 60_000 });
    const error = await client.pullSignatures(['1:1']).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnexpectedAnswerError);
    expect(error).toMatchObject({ code: 'answer_too_large' });
    // A pull answer holds what a push may: MAX_SIGNATURE_BODY_BYTES (plus the chunk in flight).
    expect(peer.sent()).toBeLessThanOrEqual(MAX_SIGNATURE_BODY_BYTES + 2 * MiB);
    expect(peer.sent()).toBeLessThan(16 * MiB);
  });

  it("reads no further than the call's maxBytes, and refuses a declared Content-Length above it unread", async () => {
    const peer = endless(200, '{"lastSequence":');
    const client = new NodeClient('http://node.test', { fetch: peer.fetch });
    await expect(client.cursor(1n, { maxBytes: 4 * MiB })).rejects.toMatchObject({ code: 'answer_too_large' });
    expect(peer.sent()).toBeGreaterThan(3 * MiB);
    expect(peer.sent()).toBeLessThanOrEqual(6 * MiB);
    const small = endless(200, '{"lastSequence":');
    await expect(new NodeClient('http://node.test', { fetch: small.fetch }).cursor(1n)).rejects.toMatchObject({
      code: 'answer_too_large',
    });
    expect(small.sent()).toBeLessThanOrEqual(DEFAULT_MAX_ANSWER_BYTES + 2 * MiB);

    let pulled = false;
    const declared = (async () =>
      new Response(
        new ReadableStream(
          {
            pull(controller) {
              pulled = true;
              controller.enqueue(new Uint8Array(16));
            },
          },
          { highWaterMark: 0 },
        ),
        { status: 200, headers: { 'content-length': String(64 * MiB) } },
      )) as typeof fetch;
    await expect(new NodeClient('http://node.test', { fetch: declared }).cursor(1n)).rejects.toMatchObject({
      code: 'answer_too_large',
    });
    expect(pulled).toBe(false);
  });

  it('names an endless refusal by its status alone, reading no more than an error body may hold', async () => {
    const refusing = endless(409, '{"error":{"code":"sequence_gap","message":"');
    const client = new NodeClient('http://node.test', { fetch: refusing.fetch });
    const error = await client.cursor(1n).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Rejection);
    expect(error).toMatchObject({ code: 'http_409', status: 409 });
    expect(refusing.sent()).toBeLessThanOrEqual(MAX_ERROR_BODY_BYTES + 2 * MiB);

    const failing = endless(502, '<html>');
    const unavailable = await new NodeClient('http://node.test', { fetch: failing.fetch })
      .health()
      .catch((caught: unknown) => caught);
    expect(unavailable).toBeInstanceOf(NodeUnavailableError);
    expect(unavailable).toMatchObject({ code: 'http_502', status: 502 });
    expect(isRetryable(unavailable)).toBe(true);
  });

  it('gives up on an answer that stalls mid-body at its timeout, as a node that broke off (retryable)', async () => {
    const stalling = (async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"lastSeq'));
          },
          pull: () => new Promise<void>(() => {}),
        }),
        { status: 200 },
      )) as typeof fetch;
    const client = new NodeClient('http://node.test', { fetch: stalling, timeoutMs: 20 });
    const error = await client.cursor(1n).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NodeUnavailableError);
    expect(error).toMatchObject({ status: 200 });
    expect(isRetryable(error)).toBe(true);
  });

  it('joins a route under the node URL, keeping its path prefix and its query', async () => {
    expect(joinNodeUrl('http://node.test', '/health')).toBe('http://node.test/health');
    expect(joinNodeUrl('http://node.test/', '/health')).toBe('http://node.test/health');
    expect(joinNodeUrl('https://proxy.test/oracle-1/', '/clusters/7/cursor')).toBe(
      'https://proxy.test/oracle-1/clusters/7/cursor',
    );
    expect(joinNodeUrl('https://proxy.test/oracle-1?token=abc', '/signatures?reports=1:2,3:4')).toBe(
      'https://proxy.test/oracle-1/signatures?token=abc&reports=1:2,3:4',
    );
    const seen: Seen[] = [];
    const client = new NodeClient('https://proxy.test/oracle-1?token=abc', { fetch: answering(200, CHALLENGE, seen) });
    await client.challenge(7n);
    expect(seen[0]!.url).toBe('https://proxy.test/oracle-1/clusters/7/attestation/challenge?token=abc');
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
