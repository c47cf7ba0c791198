/**
 * Secrets ride in URLs: RPC providers put the API key in the path (`https://eth-mainnet.g.alchemy.com/v2/KEY`) or the
 * query, PostgreSQL URLs carry a password. viem quotes the whole RPC URL in its error messages (it strips only
 * `user:pass@`), so every URL that reaches an error, a log line or a banner goes through here first (review M-6).
 */
import pino, { type LoggerOptions } from 'pino';

const HIDDEN = '…';

/**
 * Keeps scheme, host and port (enough to tell which endpoint is meant) and replaces credentials, path, query and
 * fragment with `…`. Text that is not a URL is hidden whole.
 */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return HIDDEN;
  }
  const credentials = url.username || url.password ? `${HIDDEN}@` : '';
  const rest = (url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '';
  return `${url.protocol}//${credentials}${url.host}${rest ? `/${HIDDEN}` : ''}`;
}

// Anything scheme://… up to whitespace, a quote or a bracket (as URLs appear inside messages and JSON), less the
// punctuation of the sentence around it.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>()[\]{}]*[^\s"'`<>()[\]{}.,:;!?]/gi;

/** `text` with every URL in it redacted by redactUrl. */
export function redactUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => redactUrl(match));
}

// host:port as socket errors quote it (ECONNREFUSED 10.0.0.7:5432, [::1]:5433, db.internal:5432), and the host a
// failed DNS lookup names (getaddrinfo ENOTFOUND db.internal).
const HOST_PORT =
  /(?:\b(?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-f:.]+\]|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*):\d{1,5}\b/gi;
const LOOKUP_HOST = /\b(getaddrinfo|getnameinfo|queryA{1,4}) (E[A-Z_]+) [^\s,;:()]+/g;

/**
 * An error's text for the logs, with the database's address hidden too: URLs redacted (redactUrls, then their host
 * as well), every host:port, and the host of a failed lookup (`getaddrinfo ENOTFOUND db.internal`).
 */
export function redactAddresses(text: string): string {
  return redactUrls(text).replace(HOST_PORT, HIDDEN).replace(LOOKUP_HOST, `$1 $2 ${HIDDEN}`);
}

const MAX_DEPTH = 8;

/** A copy of `value` with every string in it (keys aside) passed through redactUrls; cycles and depth are bounded. */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return redactUrls(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value) || depth >= MAX_DEPTH) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, depth + 1, seen));
  const copy: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) copy[key] = redactDeep(entry, depth + 1, seen);
  return copy;
}

/** pino's error serializer, then every string of the result redacted (message, stack, viem's url/details/cause…). */
export function serializeRedactedError(value: unknown): unknown {
  return redactDeep(value instanceof Error ? pino.stdSerializers.err(value) : value);
}

/**
 * Options every long-running process's logger is created with: `err` and `error` (an Error or a message string) and
 * string arguments of a log call are redacted, so a viem error logged by the indexer or the relayer never prints the
 * key.
 */
export const redactingLoggerOptions: Pick<LoggerOptions, 'serializers' | 'hooks'> = {
  serializers: { err: serializeRedactedError, error: serializeRedactedError },
  hooks: {
    logMethod(args, method) {
      method.apply(
        this,
        args.map((arg) => (typeof arg === 'string' ? redactUrls(arg) : arg)) as Parameters<typeof method>,
      );
    },
  },
};
