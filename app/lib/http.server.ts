/**
 * How loaders and actions fail: a readable status page, never a stack trace. Bad input is a 400, a missing thing a
 * 404, a data source that does not answer (RPC or database) a 503; anything else is left to Remix (a 500 whose
 * details production builds never send).
 */
import { data } from '@remix-run/node';
import { type BaseError, HttpRequestError, RpcRequestError, TimeoutError } from 'viem';
import type { z } from 'zod';

export function badRequest(message: string): never {
  throw data(message, { status: 400, statusText: 'Bad Request' });
}

export function notFound(message: string): never {
  throw data(message, { status: 404, statusText: 'Not Found' });
}

export function forbidden(message: string): never {
  throw data(message, { status: 403, statusText: 'Forbidden' });
}

export function serviceUnavailable(message = 'A data source did not answer.'): never {
  throw data(message, { status: 503, statusText: 'Service Unavailable' });
}

/** Parses route params or search params with `schema`; a mismatch is the client's fault (400). */
export function parseOr400<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    badRequest(`Invalid ${issue.path.join('.') || 'parameter'}: ${issue.message}`);
  }
  return parsed.data;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '08006', '08001']);

/** True for errors that mean "the chain or the database is down or unreachable" rather than a bug. */
export function isDataSourceUnavailable(error: unknown): boolean {
  if (error instanceof Response) return false;
  const viemError = error as BaseError | undefined;
  if (typeof viemError?.walk === 'function') {
    const cause = viemError.walk(
      (inner) => inner instanceof HttpRequestError || inner instanceof TimeoutError || inner instanceof RpcRequestError,
    );
    if (cause) return true;
  }
  for (let inner: unknown = error, depth = 0; inner && depth < 5; depth++) {
    const code = (inner as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    const message = (inner as { message?: unknown }).message;
    if (typeof message === 'string' && /fetch failed|PGlite is closed|Connection terminated/i.test(message))
      return true;
    inner = (inner as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a data-source read; an unreachable chain or database becomes a 503 page. */
export async function fromDataSources<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isDataSourceUnavailable(error)) serviceUnavailable();
    throw error;
  }
}
