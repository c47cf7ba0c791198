import { HttpRequestError } from 'viem';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isRetryable, UnavailableError } from '#protocol/base-error';
import { fromDataSources, isDataSourceUnavailable, parseOr400 } from './http.server';

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

  it('treats an UnavailableError (retryable by definition) as a data source that did not answer', async () => {
    const down = new UnavailableError('the database did not answer', { cause: new Error('socket hang up') });
    expect(isRetryable(down)).toBe(true);
    expect(isDataSourceUnavailable(down)).toBe(true);
    expect(await statusOf(() => fromDataSources(() => Promise.reject(down)))).toBe(503);
  });

  it('lets programming errors through unchanged', async () => {
    await expect(fromDataSources(() => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
  });
});

describe('parseOr400', () => {
  const schema = z.object({ sort: z.enum(['id', 'apr']).default('id') }).strict();
  async function refusal(input: unknown, language: string) {
    const request = new Request('http://localhost/clusters', { headers: { 'accept-language': language } });
    try {
      await parseOr400(schema, input, request);
    } catch (thrown) {
      const { data, init } = thrown as { data: string; init: { status: number } };
      return { status: init.status, message: data };
    }
    return undefined;
  }

  it('answers valid input with the parsed value', async () => {
    expect(await parseOr400(schema, {}, new Request('http://localhost/'))).toEqual({ sort: 'id' });
  });

  it('says why a parameter was refused, in the visitor’s language', async () => {
    expect(await refusal({ sort: 'color' }, 'en')).toEqual({
      status: 400,
      message: 'Invalid sort: Invalid option: expected one of "id"|"apr"',
    });
    expect(await refusal({ sort: 'color' }, 'zh-CN,zh;q=0.9')).toEqual({
      status: 400,
      message: '参数 sort 无效：无效选项：期望以下之一 "id"|"apr"',
    });
    expect((await refusal({ color: 'red' }, 'zh-CN'))?.message).toMatch(/^参数无效：.*"color"/);
    expect((await refusal({ color: 'red' }, 'en'))?.message).toMatch(/^Invalid parameters: .*"color"/);
  });
});
