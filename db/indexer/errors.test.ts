import { describe, expect, it } from 'vitest';
import { isRetryable, UnavailableError } from '#protocol/base-error';
import { DatabaseUnavailableError } from '../database';
import { ReindexRefusedError } from '../reindex';
import { ChainMovedError, MalformedRpcResponseError } from './errors';
import { MirrorMismatchError } from './identity';

describe('indexer errors', () => {
  it('makes what the RPC or the database did wrong retryable, keeping the cause', () => {
    const cause = new Error('socket hang up');
    for (const error of [
      new MalformedRpcResponseError('eth_getLogs did not return a list', { cause }),
      new ChainMovedError('the headers are not of one chain', { cause }),
      new DatabaseUnavailableError('Cannot connect to PostgreSQL', { cause }),
    ]) {
      expect(error).toBeInstanceOf(UnavailableError);
      expect(isRetryable(error)).toBe(true);
      expect(error.cause).toBe(cause);
      expect(error.walk()).toBe(cause);
    }
  });

  it('does not call retryable what fails the same way at the next start', () => {
    const mismatch = new MirrorMismatchError('The mirror describes another deployment.');
    expect(isRetryable(mismatch)).toBe(false);
    expect(mismatch.code).toBe('mirror_mismatch');
    expect(mismatch.shortMessage).toBe('The mirror describes another deployment.');
    expect(isRetryable(new ReindexRefusedError('Nothing was emptied.'))).toBe(false);
  });
});
