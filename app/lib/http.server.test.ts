import { HttpRequestError } from 'viem';
import { describe, expect, it } from 'vitest';
import { fromDataSources, isDataSourceUnavailable } from './http.server';

async function statusOf(run: () => unknown) {
  try {
    await run();
  } catch (thrown) {
    return (thrown as { init?: { status?: number } }).init?.status ?? (thrown as Response).status;
  }
  return 'no error';
}

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
