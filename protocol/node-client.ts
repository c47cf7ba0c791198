/**
 * The one client of an oracle node's HTTP API (oracle/node/server.ts), shared by the agent, the peers, the app and the
 * tests. Every answer is validated with the ./wire.ts schema of its route, every refusal with `errorBodySchema`, so a
 * caller branches on typed errors, never on a response:
 * - a refusal (a 4xx) throws the protocol's `Rejection` with the node's code, status and details;
 * - a node that cannot be reached, times out or answers a 5xx throws `NodeUnavailableError` (retryable);
 * - a 2xx whose body is not what the route promises, or longer than the call's `maxBytes`, throws
 *   `UnexpectedAnswerError` (retryable: a proxy answering an HTML page or a node mid-upgrade is usually transient).
 * An answer is read up to `maxBytes` and no further (a byzantine peer may answer an endless body); an error body up to
 * MAX_ERROR_BODY_BYTES.
 * Browser-safe (fetch, viem types and zod only): the app imports it.
 */
import type { Address, Hex } from 'viem';
import { z } from 'zod';
import { BaseError, Rejection, UnavailableError } from './base-error';
import { MAX_SAMPLES_ANSWER_BYTES } from './telemetry-export';
import {
  type AttestationSignature,
  attestationSignatureSchema,
  type BatchBody,
  challengeSchema,
  type ErrorBody,
  errorBodySchema,
  MAX_SIGNATURE_BODY_BYTES,
  MAX_SIGNATURES_PER_REQUEST,
  pullAnswerSchema,
  type signatureItemSchema,
  telemetryViewSchema,
  wireReportSchema,
} from './wire';

export const DEFAULT_NODE_TIMEOUT_MS = 10_000;
/** Bytes of an answer read unless the call allows more: every answer but the lists below is a few KB. */
export const DEFAULT_MAX_ANSWER_BYTES = 1024 * 1024;
/** Bytes of a refusal's body read: `errorBodySchema` allows a 4,000-character message and a few details. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;
/**
 * Bytes of the answers that list what a node holds (GET /health lists every cluster, GET .../reports every report not
 * yet on chain): the largest body the node itself accepts.
 */
export const MAX_LIST_ANSWER_BYTES = 16 * 1024 * 1024;

/** The node did not answer usefully: unreachable, too slow, or a 5xx. `status` is absent when no response came. */
export class NodeUnavailableError extends UnavailableError {
  override name = 'NodeUnavailableError';
  readonly status: number | undefined;
  /** The node's own error body, when a 5xx carried one. */
  readonly body: ErrorBody['error'] | undefined;

  constructor(
    shortMessage: string,
    parameters: { cause?: unknown; code?: string; status?: number; body?: ErrorBody['error'] } = {},
  ) {
    super(shortMessage, { cause: parameters.cause, code: parameters.code ?? 'unavailable' });
    this.status = parameters.status;
    this.body = parameters.body;
  }
}

/**
 * A node answered 2xx with something its API does not promise (`unexpected_answer`), or more than the call reads
 * (`answer_too_large`). Retryable, with backoff: what answers is most often a proxy in front of the node (an HTML error
 * page with status 200) or a node mid-upgrade, and the agent's courier keeps the batch spooled and tries again later.
 */
export class UnexpectedAnswerError extends BaseError {
  override name = 'UnexpectedAnswerError';
  constructor(
    shortMessage: string,
    parameters: { cause?: unknown; code?: 'unexpected_answer' | 'answer_too_large' } = {},
  ) {
    super(shortMessage, { code: 'unexpected_answer', ...parameters, retryable: true });
  }
}

export type NodeCallOptions = {
  /** Aborts the call (together with the timeout). */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (it covers reading the answer too). */
  timeoutMs?: number;
  /** Most bytes of the answer read (DEFAULT_MAX_ANSWER_BYTES unless the route's method says otherwise). */
  maxBytes?: number;
  headers?: Record<string, string>;
};

export type NodeClientOptions = {
  /** Injected in tests (a stub that plays a node); the global fetch otherwise. */
  fetch?: typeof fetch;
  timeoutMs?: number;
};

/** A node's answer to an accepted batch. */
export const batchAcceptedSchema = z.object({ samples: z.number().int().nonnegative(), sequence: z.number().int() });
export const cursorSchema = z.object({ lastSequence: z.number().int().nonnegative() });
export const healthSchema = z
  .object({
    address: z.string(),
    committee: z.array(z.string()),
    threshold: z.number().int(),
    epochSeconds: z.number().int(),
    clusters: z.array(
      z.object({
        clusterId: z.string(),
        gpus: z.number(),
        lastSequence: z.number(),
        lastSampleAt: z.number(),
        finalizedThrough: z.number(),
      }),
    ),
  })
  .passthrough();
export const reportsAnswerSchema = z.object({
  reports: z.array(wireReportSchema.extend({ signatures: z.number().int(), submitted: z.boolean() })),
});
export const reportSignaturesSchema = z.object({
  report: wireReportSchema,
  signatures: z.array(z.object({ signer: z.string(), signature: z.string() })),
  submitted: z.boolean(),
});
export const signatureResultsSchema = z.object({ results: z.array(z.string()) });
export type SignatureItem = z.infer<typeof signatureItemSchema>;

/** Headers that authenticate a peer's request over its exact body (oracle/node/peer-auth.ts signPeerRequest). */
export type PeerAuthorizer = (request: {
  method: 'POST';
  path: string;
  body: string;
}) => Promise<Record<string, string>>;

export class NodeClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(
    readonly url: string,
    options: NodeClientOptions = {},
  ) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_NODE_TIMEOUT_MS;
  }

  /**
   * One call: `schema` validates a 2xx answer; a refusal or failure throws (see the header). `body` is sent as JSON
   * unless it is a string (sent as is: a peer's signed body).
   */
  async request<T>(
    path: string,
    schema: z.ZodType<T>,
    init: NodeCallOptions & { method?: 'GET' | 'POST'; body?: unknown } = {},
  ): Promise<T> {
    const timeout = AbortSignal.timeout(init.timeoutMs ?? this.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const hasBody = init.body !== undefined;
    let response: Response;
    try {
      response = await this.fetch(joinNodeUrl(this.url, path), {
        method: init.method ?? (hasBody ? 'POST' : 'GET'),
        headers: { ...init.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
        body: !hasBody ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
        signal,
      });
    } catch (error) {
      throw new NodeUnavailableError(`cannot reach ${this.url}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) {
      // An unreadable or oversized refusal is named by its status alone, as one without a body.
      const text = await readBounded(response, MAX_ERROR_BODY_BYTES, signal).catch(() => undefined);
      throw refusalOf(this.url, response.status, text === TOO_LARGE ? undefined : parseJson(text));
    }
    const maxBytes = init.maxBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    let text: string | typeof TOO_LARGE;
    try {
      text = await readBounded(response, maxBytes, signal);
    } catch (error) {
      throw new NodeUnavailableError(`${this.url}: the answer to ${path} broke off: ${(error as Error).message}`, {
        cause: error,
        status: response.status,
      });
    }
    if (text === TOO_LARGE) {
      throw new UnexpectedAnswerError(`${this.url}: the answer to ${path} is longer than ${maxBytes} bytes`, {
        code: 'answer_too_large',
      });
    }
    const parsed = schema.safeParse(parseJson(text));
    if (!parsed.success) {
      throw new UnexpectedAnswerError(
        `${this.url}: unexpected answer to ${path} (${parsed.error.issues[0]?.message})`,
        { cause: parsed.error },
      );
    }
    return parsed.data;
  }

  health(options?: NodeCallOptions) {
    return this.request('/health', healthSchema, { maxBytes: MAX_LIST_ANSWER_BYTES, ...options });
  }

  /** A fresh attestation challenge for `clusterId`; `body` may carry the operator's signed request (attestation.ts). */
  challenge(clusterId: bigint, body: unknown = {}, options?: NodeCallOptions) {
    return this.request(`/clusters/${clusterId}/attestation/challenge`, challengeSchema, { ...options, body });
  }

  /** Answers this node's challenge with the signed inventory; the node signs the attestation. */
  answer(clusterId: bigint, body: unknown, options?: NodeCallOptions): Promise<AttestationSignature> {
    return this.request(`/clusters/${clusterId}/attestation`, attestationSignatureSchema, { ...options, body });
  }

  cursor(clusterId: bigint, options?: NodeCallOptions) {
    return this.request(`/clusters/${clusterId}/cursor`, cursorSchema, options);
  }

  postBatch(clusterId: bigint, batch: BatchBody, options?: NodeCallOptions) {
    return this.request(`/clusters/${clusterId}/batches`, batchAcceptedSchema, { ...options, body: batch });
  }

  /** The cluster's telemetry view (counts; with the reader's or operator's signed headers, the recent rejections). */
  telemetry(clusterId: bigint, options?: NodeCallOptions) {
    return this.request(`/clusters/${clusterId}/telemetry`, telemetryViewSchema, options);
  }

  reports(clusterId: bigint, range: { fromEpoch?: bigint; toEpoch?: bigint } = {}, options?: NodeCallOptions) {
    const query = new URLSearchParams();
    if (range.fromEpoch !== undefined) query.set('fromEpoch', range.fromEpoch.toString());
    if (range.toEpoch !== undefined) query.set('toEpoch', range.toEpoch.toString());
    const suffix = query.size > 0 ? `?${query}` : '';
    return this.request(`/clusters/${clusterId}/reports${suffix}`, reportsAnswerSchema, {
      maxBytes: MAX_LIST_ANSWER_BYTES,
      ...options,
    });
  }

  /**
   * An epoch's raw samples; `schema` is the caller's view of them (the app checks them against the chain's root). Read
   * up to what an export can hold (MAX_SAMPLES_ANSWER_BYTES).
   */
  samples<T>(clusterId: bigint, epoch: bigint, schema: z.ZodType<T>, options?: NodeCallOptions) {
    return this.request(`/clusters/${clusterId}/epochs/${epoch}/samples`, schema, {
      maxBytes: MAX_SAMPLES_ANSWER_BYTES,
      ...options,
    });
  }

  reportSignatures(clusterId: bigint, epoch: bigint, options?: NodeCallOptions) {
    return this.request(`/reports/${clusterId}/${epoch}/signatures`, reportSignaturesSchema, options);
  }

  /**
   * The peer's signatures over the reports named `clusterId:epoch` (the pull of peers.ts), read up to the body a node
   * accepts for as many signatures in a push.
   */
  pullSignatures(reports: readonly string[], options?: NodeCallOptions) {
    return this.request(`/signatures?reports=${reports.join(',')}`, pullAnswerSchema, {
      maxBytes: MAX_SIGNATURE_BODY_BYTES,
      ...options,
    });
  }

  /** Pushes this node's signatures to a peer, in a body signed by `authorize` (the peer checks it before parsing). */
  async pushSignatures(
    items: readonly { report: SignatureItem['report']; signer: Address; signature: Hex }[],
    authorize: PeerAuthorizer,
    options?: NodeCallOptions,
  ) {
    if (items.length > MAX_SIGNATURES_PER_REQUEST) {
      throw new BaseError(`at most ${MAX_SIGNATURES_PER_REQUEST} signatures per push`, { code: 'too_many_signatures' });
    }
    const body = JSON.stringify({ items });
    const headers = await authorize({ method: 'POST', path: '/signatures', body });
    return this.request('/signatures', signatureResultsSchema, {
      ...options,
      headers: { ...options?.headers, ...headers },
      body,
    });
  }
}

/** The typed error of a non-2xx answer: a Rejection for a 4xx, NodeUnavailableError for a 5xx. */
function refusalOf(url: string, status: number, json: unknown): Rejection | NodeUnavailableError {
  const parsed = errorBodySchema.safeParse(json);
  const error = parsed.success ? parsed.data.error : undefined;
  const code = error?.code ?? `http_${status}`;
  const message = error?.message ?? `answered ${status}`;
  if (status >= 500) {
    return new NodeUnavailableError(`${url} answered ${status}: ${code} ${message}`, { code, status, body: error });
  }
  const { code: _code, message: _message, ...extra } = error ?? {};
  return new Rejection(code, message, status, extra);
}

/**
 * `path` (with its own query, if any) under the node's URL: a path prefix of the URL is kept (a node behind a proxy at
 * `https://host/oracle-1`), and so is its query (`?token=…`), to which the path's query is appended.
 */
export function joinNodeUrl(base: string, path: string): string {
  const url = new URL(base);
  const queryAt = path.indexOf('?');
  const pathname = queryAt < 0 ? path : path.slice(0, queryAt);
  const query = queryAt < 0 ? '' : path.slice(queryAt + 1);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${pathname}`;
  if (query) url.search = url.search ? `${url.search}&${query}` : `?${query}`;
  url.hash = '';
  return url.toString();
}

const TOO_LARGE = Symbol('too large');

/**
 * The body's text, read until `maxBytes` and no further: past it (or a Content-Length above it) the stream is
 * cancelled and TOO_LARGE returned. Rejects when the stream fails or `signal` aborts meanwhile.
 */
async function readBounded(
  response: Response,
  maxBytes: number,
  signal: AbortSignal,
): Promise<string | typeof TOO_LARGE> {
  const body = response.body;
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await body?.cancel().catch(() => undefined);
    return TOO_LARGE;
  }
  if (!body) return '';
  const reader = body.getReader();
  // A fetch that does not abort its body on `signal` still stops here: cancelling ends the pending read.
  const stop = () => reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      // A read cut short by the abort ends as `done`: what came is not the whole answer.
      signal.throwIfAborted();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return TOO_LARGE;
      }
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
