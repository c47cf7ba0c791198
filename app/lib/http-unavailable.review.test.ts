/** Review (maintainer): the app's "a data source is down" test ignores the error family's own `retryable`. */
import { describe, expect, it } from 'vitest';
import { isRetryable, UnavailableError } from '#protocol/base-error';
import { isDataSourceUnavailable } from './http.server';

describe('isDataSourceUnavailable and the error family', () => {
  it('treats an UnavailableError (retryable by definition) as a data source that did not answer', () => {
    const down = new UnavailableError('the database did not answer', { cause: new Error('socket hang up') });
    expect(isRetryable(down)).toBe(true);
    expect(isDataSourceUnavailable(down)).toBe(true);
  });
});
