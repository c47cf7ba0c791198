import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSharedCache, type Render } from './shared-cache';

const SHARED = 'public, max-age=0, s-maxage=1, stale-while-revalidate=5';

/** A page that names its nonce in the CSP header and in a script tag, and counts its renderings. */
function page(options: { cacheControl?: string; status?: number; vary?: string; setCookie?: boolean } = {}) {
  let renders = 0;
  const render = vi.fn<Render>(async (request, nonce) => {
    renders += 1;
    const headers = new Headers({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `script-src 'nonce-${nonce}'`,
    });
    if (options.cacheControl !== undefined) headers.set('cache-control', options.cacheControl);
    if (options.vary) headers.set('vary', options.vary);
    if (options.setCookie) headers.set('set-cookie', 'session=1');
    const cookie = request.headers.get('cookie') ?? '';
    return new Response(`<p>render ${renders} for [${cookie}]</p><script nonce="${nonce}"></script>`, {
      status: options.status ?? 200,
      headers,
    });
  });
  return render;
}

async function read(response: Response) {
  const body = await response.text();
  const bodyNonce = body.match(/nonce="([^"]+)"/)?.[1];
  const headerNonce = response.headers.get('content-security-policy')?.match(/'nonce-([^']+)'/)?.[1];
  return { body, bodyNonce, headerNonce, cache: response.headers.get('x-cache'), status: response.status };
}

const get = (path = '/clusters', headers: Record<string, string> = {}) =>
  new Request(`http://localhost:3000${path}`, { headers });

describe('shared cache', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reuses a shareable page and gives every copy a fresh nonce, the same in header and body', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    const first = await read(await cached(get()));
    const second = await read(await cached(get()));
    const third = await read(await cached(get()));
    expect(render).toHaveBeenCalledTimes(1);
    expect([first.cache, second.cache, third.cache]).toEqual(['MISS', 'HIT', 'HIT']);
    expect(second.body.replace(second.bodyNonce!, '')).toBe(first.body.replace(first.bodyNonce!, ''));
    for (const answer of [first, second, third]) expect(answer.headerNonce).toBe(answer.bodyNonce);
    expect(new Set([first.bodyNonce, second.bodyNonce, third.bodyNonce]).size).toBe(3);
  });

  it('keeps one copy per URL and language, shared by visitors whatever other cookies they send (M-8)', async () => {
    const render = page({ cacheControl: SHARED, vary: 'Accept-Language, Cookie' });
    const cached = createSharedCache(render);
    await cached(get('/clusters', { 'accept-language': 'en', cookie: 'wagmi.store=a' }));
    await cached(get('/clusters', { 'accept-language': 'zh-CN', cookie: 'wagmi.store=a' }));
    await cached(get('/clusters?page=2', { 'accept-language': 'en' }));
    expect(render).toHaveBeenCalledTimes(3);
    for (const cookie of ['wagmi.store=b', `junk=${Math.random()}`, '']) {
      const again = await read(await cached(get('/clusters', { 'accept-language': 'en', cookie })));
      expect(again.cache).toBe('HIT');
    }
    expect(render).toHaveBeenCalledTimes(3);
  });

  it('keys copies by the language the app resolves, so a made-up Accept-Language is not a new copy (M-8)', async () => {
    const render = page({ cacheControl: SHARED, vary: 'Accept-Language' });
    const cached = createSharedCache(render, {
      variantOf: (request) => (request.headers.get('accept-language')?.startsWith('zh') ? 'zh-CN' : 'en'),
    });
    await cached(get('/clusters', { 'accept-language': 'en-US' }));
    const junk = await read(await cached(get('/clusters', { 'accept-language': `x-${Math.random()}` })));
    expect(junk.cache).toBe('HIT');
    await cached(get('/clusters', { 'accept-language': 'zh-TW' }));
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('serves anonymous no-cache, Pragma and max-age=0 requests from the shared copy (M-8)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    await cached(get());
    const asks: Record<string, string>[] = [
      { 'cache-control': 'no-cache' },
      { pragma: 'no-cache' },
      { 'cache-control': 'max-age=0' },
    ];
    for (const headers of asks) {
      const answer = await read(await cached(get('/clusters', headers)));
      expect(answer.cache).toBe('HIT');
      expect(answer.body).toContain('render 1');
    }
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('keeps serving a copy first rendered for a no-cache request with a made-up cookie (M-8)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    const asking = { 'cache-control': 'no-cache', pragma: 'no-cache', cookie: 'junk=1' };
    expect((await read(await cached(get('/clusters', asking)))).cache).toBe('MISS');
    expect((await read(await cached(get('/clusters', asking)))).cache).toBe('HIT');
    expect((await read(await cached(get()))).cache).toBe('HIT');
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('answers HEAD from the cached GET, with its headers and no body (M-8)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    const first = await cached(new Request('http://localhost:3000/clusters', { method: 'HEAD' }));
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('');
    const heads = await Promise.all(
      [1, 2, 3].map(() => cached(new Request('http://localhost:3000/clusters', { method: 'HEAD' }))),
    );
    expect(heads.map((head) => head.headers.get('x-cache'))).toEqual(['HIT', 'HIT', 'HIT']);
    expect(heads[0]!.headers.get('content-type')).toContain('text/html');
    expect((await read(await cached(get()))).cache).toBe('HIT');
    expect(render).toHaveBeenCalledTimes(1);
    expect(render.mock.calls[0]![0].method).toBe('GET');
  });

  it('serves a no-cache request with a session cookie from the copy too, anyone can forge one (M-8)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    await cached(get());
    const forged = { cookie: '__rackshare_siwe=abc', 'cache-control': 'no-cache' };
    expect((await read(await cached(get('/clusters', forged)))).cache).toBe('HIT');
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('never stores a rendering made with a session cookie', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    const signedIn = { cookie: '__Host-rackshare_siwe=abc' };
    expect((await read(await cached(get('/clusters', signedIn)))).body).toContain('[__Host-rackshare_siwe=abc]');
    const next = await read(await cached(get()));
    expect(next.cache).toBe('MISS');
    expect(next.body).toContain('render 2');
    expect((await read(await cached(get('/clusters', signedIn)))).cache).toBe('HIT');
  });

  it.each<[string, Parameters<typeof page>[0] & {}]>([
    ['no Cache-Control', {}],
    ['private', { cacheControl: 'private, s-maxage=5' }],
    ['public but private to a field', { cacheControl: 'public, s-maxage=5, private="x"' }],
    ['no-store', { cacheControl: 'no-store' }],
    ['a cookie being set', { cacheControl: SHARED, setCookie: true }],
    ['an error status', { cacheControl: SHARED, status: 503 }],
  ])('renders every request of a page with %s', async (_, options) => {
    const render = page(options);
    const cached = createSharedCache(render);
    const first = await read(await cached(get()));
    const second = await read(await cached(get()));
    expect(render).toHaveBeenCalledTimes(2);
    expect(first.cache).toBeNull();
    expect(second.status).toBe(options.status ?? 200);
    expect(second.bodyNonce).toBe(second.headerNonce);
  });

  it('renders every non-GET request', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    await cached(get());
    await cached(new Request('http://localhost:3000/clusters', { method: 'POST', body: 'x=1' }));
    await cached(new Request('http://localhost:3000/clusters', { method: 'POST', body: 'x=1' }));
    expect(render).toHaveBeenCalledTimes(3);
  });

  it('never stores a page that varies on a request header outside its key', async () => {
    const render = page({ cacheControl: SHARED, vary: 'User-Agent' });
    const cached = createSharedCache(render);
    await cached(get());
    await cached(get());
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('serves a stale copy while one background render replaces it, and renders in line past the stale window', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    await cached(get());
    vi.setSystemTime(Date.now() + 2_000);
    const stale = await Promise.all(
      [cached(get()), cached(get()), cached(get())].map(async (answer) => read(await answer)),
    );
    expect(stale.map((answer) => answer.cache)).toEqual(['STALE', 'STALE', 'STALE']);
    expect(stale[0]!.body).toContain('render 1');
    await vi.waitFor(async () => expect((await read(await cached(get()))).body).toContain('render 2'));
    expect(render).toHaveBeenCalledTimes(2);
    vi.setSystemTime(Date.now() + 10_000);
    const late = await read(await cached(get()));
    expect(late.cache).toBe('MISS');
    expect(late.body).toContain('render 3');
  });

  it('keeps the stale copy when its background render fails, and tries again on the next request', async () => {
    let fail = false;
    const working = page({ cacheControl: SHARED });
    const render = vi.fn<Render>(async (request, nonce) => {
      if (fail) return new Response('database down', { status: 503, headers: { 'content-type': 'text/html' } });
      return working(request, nonce);
    });
    const cached = createSharedCache(render);
    await cached(get());
    fail = true;
    vi.setSystemTime(Date.now() + 2_000);
    expect((await read(await cached(get()))).body).toContain('render 1');
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(2));
    await vi.waitFor(async () => {
      expect((await read(await cached(get()))).body).toContain('render 1');
      expect(render.mock.calls.length).toBeGreaterThanOrEqual(3);
    });
  });

  it('serves /clusters?junk=<random> from the copy of /clusters instead of rendering it again (M-8)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    for (const query of ['', '?junk=1', `?junk=${Math.random()}`, '?utm_source=x', '?cachebuster=1&page='])
      await (await cached(get(`/clusters${query}`))).text();
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('keys and renders a shared page by its canonical URL: route path, read parameters only, sorted (M-8)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    await cached(get('/clusters?sort=price&junk=1&page=2'));
    expect(new URL(render.mock.calls[0]![0].url).search).toBe('?page=2&sort=price');
    for (const path of [
      '/Clusters/?page=2&sort=price',
      '//clusters?page=2&sort=price&x=y',
      '/%63lusters?page=2&sort=price',
    ])
      expect((await read(await cached(get(path)))).cache).toBe('HIT');
    expect(render).toHaveBeenCalledTimes(1);
    await cached(get('/?cachebuster=1'));
    expect((await read(await cached(get(`/?cachebuster=${Math.random()}`)))).cache).toBe('HIT');
  });

  it('coalesces concurrent misses for one free-text search into one render (M-8)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    const answers = await Promise.all(Array.from({ length: 5 }, () => cached(get('/clusters?q=abc'))));
    const bodies = await Promise.all(answers.map(read));
    expect(render).toHaveBeenCalledTimes(1);
    expect(bodies.every((answer) => answer.body.includes('render 1') && answer.status === 200)).toBe(true);
  });

  it('never stores a path that is not a listed shared page, whatever it declares (M-8)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    await cached(get('/clusters/1'));
    await cached(get('/clusters/1'));
    expect(render).toHaveBeenCalledTimes(2);
  });

  it('refreshes a stale copy for a signed-in visitor without their session cookie, so none is stored (M-8 review)', async () => {
    const render = page({ cacheControl: SHARED });
    const cached = createSharedCache(render);
    await cached(get());
    vi.setSystemTime(Date.now() + 2_000);
    const signedIn = { cookie: 'lng=en; __Host-rackshare_siwe=abc' };
    expect((await read(await cached(get('/clusters', signedIn)))).cache).toBe('STALE');
    await vi.waitFor(() => expect(render).toHaveBeenCalledTimes(2));
    const next = await read(await cached(get()));
    expect(next.body).toContain('render 2 for [lng=en]');
    expect(next.body).not.toContain('rackshare_siwe');
  });
});
