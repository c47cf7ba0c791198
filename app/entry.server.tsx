/**
 * Server rendering: one shared i18next instance per language (created on first use; rendering only reads it), a fresh
 * CSP nonce per response, snapshot-bound fragments rendered once, and the whole document rendered before it is sent,
 * as one buffer.
 */
import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { createInstance, type i18n as I18n } from 'i18next';
import { renderToPipeableStream } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { fallbackLanguage, i18nOptions, isLanguage } from '~/i18n';
import { i18nServer } from '~/i18n.server';
import { contentSecurityPolicy } from '~/lib/csp.server';
import { FragmentCacheContext } from '~/lib/fragment-cache';
import { fragmentCache } from '~/lib/fragment-cache.server';
import { memoizePlainLookups } from '~/lib/i18n-memo.server';
import { NonceContext } from '~/lib/nonce';
import { withoutUnwrittenTail } from '~/lib/react-stream.server';

const ABORT_DELAY = 5_000;

/** Snapshot-bound markup (market rows) rendered once and reused by every render of its snapshot (fragment-cache.tsx). */
const fragments = fragmentCache();

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
        chunks.push(withoutUnwrittenTail(chunk));
        done();
      },
      final(done) {
        clearTimeout(deadline);
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
        const html = Buffer.concat(chunks);
        // A stream of that one buffer, not the buffer itself: a Response copies a Buffer body into a new ArrayBuffer
        // (the whole page again, on every request), while a stream's chunk reaches the socket as it is.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(html);
            controller.close();
          },
        });
        resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <FragmentCacheContext.Provider value={fragments}>
          <I18nextProvider i18n={i18n}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nextProvider>
        </FragmentCacheContext.Provider>
      </NonceContext.Provider>,
      {
        nonce,
        onAllReady: () => pipe(document),
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          // The page shows the error boundary; the server logs the cause. A visitor who left before the page was
          // rendered is not an error.
          if (!request.signal.aborted) loadContext.log.error({ err: error });
        },
      },
    );
    deadline = setTimeout(abort, ABORT_DELAY + 1_000);
  });
}
