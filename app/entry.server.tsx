/**
 * Server rendering: one shared i18next instance per language (created on first use; rendering only reads it), a fresh
 * CSP nonce per response, and the whole document rendered before it is sent, as one buffer.
 */
import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { createInstance, type i18n as I18n, type TFunction } from 'i18next';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { fallbackLanguage, i18nOptions, isLanguage } from '~/i18n';
import { i18nServer } from '~/i18n.server';
import { contentSecurityPolicy } from '~/lib/csp.server';
import { NonceContext } from '~/lib/nonce';

const ABORT_DELAY = 5_000;

// Creating and initializing an instance per request cost more than rendering the page's navigation. Nothing on the
// server changes an instance's language (useChangeLanguage acts in an effect, which never runs on the server).
const i18nByLanguage = new Map<string, Promise<I18n>>();
function i18nFor(detected: string): Promise<I18n> {
  const language = isLanguage(detected) ? detected : fallbackLanguage;
  let instance = i18nByLanguage.get(language);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init(i18nOptions(language))
      .then(() => memoizePlainLookups(created, language));
    i18nByLanguage.set(language, instance);
  }
  return instance;
}

/** Options react-i18next's `t` adds to every call. */
const FIXED_T_OPTIONS = new Set(['lng', 'lngs', 'ns', 'keyPrefix']);
const MEMOIZED_LOOKUPS = 2_000;

/**
 * A page calls `t` ~60 times per render and i18next resolves each through its fallback chain, plural rules and
 * interpolation (≈3 % of a market render). On the server the catalogs are bundled and never change, so a lookup's
 * answer depends only on its key and its plain (string, number, boolean) options in this instance's language: keep
 * it. Anything else (another language or namespace, a key prefix, an object to interpolate) goes to i18next as is.
 * Bounded: keys come from code, but counts and page numbers come from the data.
 */
function memoizePlainLookups(instance: I18n, language: string): I18n {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const memo = new Map<string, unknown>();
  const memoKey = (key: unknown, options: unknown): string | undefined => {
    if (typeof key !== 'string') return undefined;
    if (options === undefined) return key;
    if (typeof options !== 'object' || options === null) return undefined;
    let extra = '';
    for (const [name, value] of Object.entries(options)) {
      if (value === undefined || value === null) continue;
      if (FIXED_T_OPTIONS.has(name)) {
        if (name === 'lng' && value === language) continue;
        if (name === 'ns' && value === 'translation') continue;
        return undefined;
      }
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
      extra += `\u0000${name}\u0000${typeof value}\u0000${value}`;
    }
    return key + extra;
  };
  instance.t = ((...args: unknown[]) => {
    const key = args.length <= 2 ? memoKey(args[0], args[1]) : undefined;
    if (key === undefined) return translate(...args);
    if (memo.has(key)) return memo.get(key);
    const value = translate(...args);
    if (memo.size < MEMOIZED_LOOKUPS) memo.set(key, value);
    return value;
  }) as unknown as TFunction;
  return instance;
}

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The server picks the nonce (scripts/stack/web.ts) so that its shared cache can replace it in every copy it serves.
  const nonce = loadContext.cspNonce;
  const i18n = await i18nFor(await i18nServer.getLocale(request));

  responseHeaders.set(
    'Content-Security-Policy',
    contentSecurityPolicy(nonce, loadContext.chain?.publicRpcUrl, process.env.NODE_ENV === 'development'),
  );
  responseHeaders.set('X-Content-Type-Options', 'nosniff');
  responseHeaders.set('Referrer-Policy', 'same-origin');

  return new Promise<Response>((resolve, reject) => {
    // No route streams deferred data, and the document is small: sent as one buffer it costs one socket write instead
    // of a web stream and a write per React chunk (≈10 % of a full render), and bots and browsers get the same thing.
    const chunks: Buffer[] = [];
    let deadline: NodeJS.Timeout | undefined;
    const document = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(deadline);
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
        resolve(new Response(Buffer.concat(chunks), { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady: () => pipe(document),
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          // The page shows the error boundary; the server logs the cause. A visitor who left before the page was
          // rendered is not an error.
          if (!request.signal.aborted) console.error(error);
        },
      },
    );
    deadline = setTimeout(abort, ABORT_DELAY + 1_000);
  });
}
