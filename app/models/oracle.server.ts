/**
 * The app's side of the oracle committee (`context.web.oracleNodeUrls`, ORACLE_NODE_URLS): it relays an operator's attestation request to every
 * node — challenges out, wallet-signed answers back — and reads the nodes' per-cluster telemetry status and raw
 * epoch samples. Browsers name nodes by their index in the configured list only, so the server never fetches an
 * address a visitor chose. What a visitor must not read (a node's internal URL, its own words) goes to the load
 * context's pino logger, which every function here takes.
 */
import type { Logger } from 'pino';
import type { Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { z } from 'zod';
import type { WebSettings } from '#config/web';
import { Rejection, shortMessageOf, UnavailableError } from '#protocol/base-error';
import type { ChainContext } from '#protocol/eip712';
import { type NodeCallOptions, NodeClient, NodeUnavailableError, UnexpectedAnswerError } from '#protocol/node-client';
import { telemetryViewHeaders } from '#protocol/telemetry-view';
import { telemetryViewSchema } from '#protocol/wire';
import { attestationSignatureSchema, challengeSchema, type InventoryAnswer, type NodeOutcome } from '~/lib/attestation';

/** No oracle node answered, or none answered something usable: the feature is unavailable, not wrong. */
export class OracleUnavailableError extends UnavailableError {
  override name = 'OracleUnavailableError';
}

/** One node's answer: its JSON validated by `schema`, or its own error code and sentence (a 4xx says why). */
async function askNode<T>(
  log: Logger,
  urls: readonly string[],
  node: number,
  path: string,
  schema: z.ZodType<T>,
  init: NodeCallOptions & { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<NodeOutcome<T>> {
  const url = urls[node]!;
  try {
    return { node, ok: true, data: await new NodeClient(url).request(path, schema, init) };
  } catch (error) {
    if (error instanceof NodeUnavailableError && error.status === undefined) {
      // The cause may name the node's internal address (a DNS or connect error): the log gets it, the visitor does not.
      log.warn(`oracle node ${node + 1} (${url}) unreachable for ${path}: ${shortMessageOf(error.cause)}`);
      return { node, ok: false, code: 'unreachable', message: 'unreachable' };
    }
    if (error instanceof Rejection) return { node, ok: false, code: error.code, message: error.shortMessage };
    if (error instanceof NodeUnavailableError) {
      const { status, body } = error;
      return { node, ok: false, code: body?.code ?? `http_${status}`, message: body?.message ?? `answered ${status}` };
    }
    if (error instanceof UnexpectedAnswerError) {
      return { node, ok: false, code: 'unexpected_body', message: 'answered an unexpected body' };
    }
    throw error;
  }
}

/** Asks every node at once. */
function askEveryNode<T>(
  log: Logger,
  urls: readonly string[],
  path: (node: number) => string | undefined,
  schema: z.ZodType<T>,
  body?: (node: number) => unknown,
) {
  return Promise.all(
    urls.flatMap((_, node) => {
      const target = path(node);
      return target === undefined
        ? []
        : [askNode(log, urls, node, target, schema, { method: body ? 'POST' : 'GET', body: body?.(node) })];
    }),
  );
}

/** The part of a node's failure a visitor may read: whether it was reachable, never where it is or what it said. */
function answerCodeSentence(reason: string) {
  return reason === 'unreachable' ? 'unreachable' : 'gave no usable answer';
}

/**
 * The first node (in configured order) whose answer is usable: its JSON matches `schema` and `use` accepts it (`use`
 * throws for an answer that is well-formed but wrong, e.g. samples that do not hash to the on-chain root). Every
 * node's failure otherwise.
 */
export async function askFirstAnswering<T, R>(
  urls: readonly string[],
  path: string,
  schema: z.ZodType<T>,
  use: (data: T) => R | Promise<R>,
  options: Pick<NodeCallOptions, 'signal' | 'maxBytes'> & { log: Logger },
): Promise<R> {
  const { log, ...call } = options;
  if (urls.length === 0) throw new OracleUnavailableError('no oracle node is configured (ORACLE_NODE_URLS)');
  const failures: string[] = [];
  // Visitors read this sentence (the API's 503, the epoch page): it names nodes by position, never by their internal
  // URL (L-5); the URLs go to the server log only.
  const fail = (node: number, reason: string) => {
    if (reason !== 'unreachable') log.warn(`oracle node ${node + 1} (${urls[node]}) did not serve ${path}: ${reason}`);
    failures.push(`oracle node ${node + 1} of ${urls.length} ${answerCodeSentence(reason)}`);
  };
  for (const node of urls.keys()) {
    const answer = await askNode(log, urls, node, path, schema, call);
    if (answer.ok) {
      try {
        // Awaited here: a `use` that builds off the thread rejects later, and that node is skipped too.
        return await use(answer.data);
      } catch (error) {
        fail(node, (error as Error).message);
        continue;
      }
    }
    fail(node, answer.code === 'unreachable' ? 'unreachable' : answer.message);
  }
  throw new OracleUnavailableError(`no oracle node served it (${failures.join('; ')})`);
}

/** A fresh challenge from every node for `clusterId`. */
export function requestChallenges(log: Logger, urls: readonly string[], clusterId: bigint) {
  return askEveryNode(
    log,
    urls,
    () => `/clusters/${clusterId}/attestation/challenge`,
    challengeSchema,
    () => ({}),
  );
}

/** Hands each answered challenge to the node that issued it; each node that accepts signs the attestation. */
export function submitInventoryAnswers(
  log: Logger,
  urls: readonly string[],
  clusterId: bigint,
  answers: InventoryAnswer[],
) {
  const byNode = new Map(answers.map((answer) => [answer.node, answer]));
  return askEveryNode(
    log,
    urls,
    (node) => (byNode.has(node) ? `/clusters/${clusterId}/attestation` : undefined),
    attestationSignatureSchema,
    (node) => {
      const { node: _node, ...answer } = byNode.get(node)!;
      return answer;
    },
  );
}

/** Committee addresses of the configured nodes, learned from their public telemetry answers (a view names its node). */
const nodeAddresses = new Map<string, Address>();

/**
 * Every node's view of one cluster's telemetry: freshness, accepted batches and rejection counts; with `detail`, also
 * the recent rejections with their reasons. `detail` is for the caller to grant: only the signed-in current on-chain
 * operator (the route checks it). The app then signs each node's request with its reader key (ORACLE_READER_PRIVATE_KEY,
 * trusted by the nodes' `telemetryReaders`); without that key, or from a node that does not trust it, the counts only.
 */
export function telemetryStatus(
  clusterId: bigint,
  options: {
    detail: boolean;
    context: ChainContext;
    web: Pick<WebSettings, 'oracleNodeUrls' | 'oracleReaderPrivateKey'>;
    log: Logger;
  },
) {
  const { log } = options;
  const path = `/clusters/${clusterId}/telemetry`;
  const urls = options.web.oracleNodeUrls;
  const key = options.web.oracleReaderPrivateKey;
  const reader = options.detail && key ? privateKeyToAccount(key) : undefined;
  return Promise.all(
    urls.map(async (url, node) => {
      if (!reader) return askNode(log, urls, node, path, telemetryViewSchema);
      let address = nodeAddresses.get(url);
      if (!address) {
        const counts = await askNode(log, urls, node, path, telemetryViewSchema);
        if (!counts.ok) return counts;
        address = counts.data.node;
        nodeAddresses.set(url, address);
      }
      const headers = await telemetryViewHeaders(
        options.context,
        { node: address, clusterId, issuedAt: Math.floor(Date.now() / 1000) },
        (typed) => reader.signTypedData(typed),
      );
      const detail = await askNode(log, urls, node, path, telemetryViewSchema, { headers });
      if (detail.ok || !['not_operator', 'view_expired', 'invalid_view_signature'].includes(detail.code)) return detail;
      // Another node now answers at that URL, or this one does not trust the reader key: the counts, and relearn.
      nodeAddresses.delete(url);
      return askNode(log, urls, node, path, telemetryViewSchema);
    }),
  );
}
