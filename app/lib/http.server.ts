/**
 * How loaders and actions fail: a readable status page, never a stack trace. Bad input is a 400, a missing thing a
 * 404, a data source that does not answer (RPC or database) a 503; anything else is left to Remix (a 500 whose
 * details production builds never send).
 */
import { data, type HeadersFunction } from '@remix-run/node';
import { type BaseError, HttpRequestError, RpcRequestError, TimeoutError } from 'viem';
import { z } from 'zod';
import { isRetryable } from '#protocol/base-error';
import { isLanguage } from '~/i18n';
import { i18nServer } from '~/i18n.server';

export function badRequest(message: string): never {
  throw data(message, { status: 400, statusText: 'Bad Request' });
}

export function notFound(message: string): never {
  throw data(message, { status: 404, statusText: 'Not Found' });
}

export function serviceUnavailable(message = 'A data source did not answer.'): never {
  throw data(message, { status: 503, statusText: 'Service Unavailable' });
}

/** The catalog's `t` in the visitor's language, for the sentences of error pages. */
export const visitorT = (request: Request) => i18nServer.getFixedT(request);

const zodLocales = { en: z.locales.en, 'zh-CN': z.locales.zhCN } as const;

/**
 * Parses route params or search params with `schema`; a mismatch is the client's fault (400), told in the visitor's
 * language (zod's own catalogs word the reason).
 */
export async function parseOr400<T extends z.ZodType>(
  schema: T,
  input: unknown,
  request: Request,
): Promise<z.infer<T>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const detected = await i18nServer.getLocale(request);
  const language = isLanguage(detected) ? detected : 'en';
  const locale = zodLocales[language]();
  const issue = (schema.safeParse(input, { error: locale.localeError }).error ?? parsed.error).issues[0]!;
  const t = await i18nServer.getFixedT(language);
  const name = issue.path.join('.');
  badRequest(
    name
      ? t('errors.invalidParameter', { name, reason: issue.message })
      : t('errors.invalidParameters', { reason: issue.message }),
  );
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '08006', '08001']);

/**
 * True for errors that mean "the chain or the database is down or unreachable" rather than a bug: first what the
 * error family says (`retryable`, e.g. an UnavailableError), then viem's transport errors and the drivers' codes and
 * messages, which come from outside the family.
 */
export function isDataSourceUnavailable(error: unknown): boolean {
  if (error instanceof Response) return false;
  if (isRetryable(error)) return true;
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

/**
 * For loaders of pages that every visitor with the same language sees alike (they read data the server refreshes
 * every couple of seconds anyway, and no per-visitor cookie goes into them: app/root.tsx, review L-7):
 * `return data(page, SHARED_PAGE)`. A shared cache — the server's
 * own (scripts/stack/shared-cache.ts) or a CDN in front of it — may reuse one rendering for a second and serve it up
 * to 5 s stale while it renders the next. Browsers keep nothing (max-age=0).
 */
export const SHARED_PAGE = {
  headers: {
    'Cache-Control': 'public, max-age=0, s-maxage=1, stale-while-revalidate=5',
    Vary: 'Accept-Language, Cookie',
  },
};

/**
 * A route's `headers` are its loader's. A loader that failed (400, 404, 503) set none, so an error page is never marked
 * shareable.
 */
export const headersFromLoader: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;
