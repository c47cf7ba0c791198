import { HttpRequestError } from 'viem';
import { describe, expect, it } from 'vitest';
import { assertSameOrigin, fromDataSources, isDataSourceUnavailable } from './http.server';

function post(headers: Record<string, string>) {
  return new Request('http://localhost:4300/language', {
    method: 'POST',
    headers: { host: 'localhost:4300', ...headers },
  });
}

async function statusOf(run: () => unknown) {
  try {
    await run();
  } catch (thrown) {
    return (thrown as { init?: { status?: number } }).init?.status ?? (thrown as Response).status;
  }
  return 'no error';
}

describe('assertSameOrigin', () => {
  it('accepts a same-origin form post', async () => {
    expect(
      await statusOf(() =>
        assertSameOrigin(post({ origin: 'http://localhost:4300', 'sec-fetch-site': 'same-origin' })),
      ),
    ).toBe('no error');
  });

  it('refuses cross-site posts, missing origins and foreign origins with 403', async () => {
    expect(
      await statusOf(() => assertSameOrigin(post({ origin: 'http://evil.test', 'sec-fetch-site': 'cross-site' }))),
    ).toBe(403);
    expect(await statusOf(() => assertSameOrigin(post({ origin: 'http://evil.test' })))).toBe(403);
    expect(await statusOf(() => assertSameOrigin(post({})))).toBe(403);
    expect(await statusOf(() => assertSameOrigin(post({ origin: 'null' })))).toBe(403);
  });
});

describe('fromDataSources', () => {
  it('turns an unreachable RPC into a 503', async () => {
    const down = new HttpRequestError({ url: 'http://127.0.0.1:1', details: 'fetch failed' });
    expect(isDataSourceUnavailable(down)).toBe(true);
    expect(await statusOf(() => fromDataSources(() => Promise.reject(down)))).toBe(503);
  });

  it('turns a refused database connection into a 503', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(await statusOf(() => fromDataSources(() => Promise.reject(refused)))).toBe(503);
  });

  it('lets programming errors through unchanged', async () => {
    await expect(fromDataSources(() => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});
