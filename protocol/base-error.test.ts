import { describe, expect, it } from 'vitest';
import {
  BaseError,
  ConfigError,
  isRetryable,
  Rejection,
  shortMessageOf,
  UnavailableError,
  walkCauses,
} from './base-error';
import { errorBodySchema } from './wire';

describe('the error family', () => {
  it('keeps the short message apart from the details and passes the cause on', () => {
    const cause = new Error('ECONNREFUSED 127.0.0.1:8545');
    const error = new UnavailableError('The chain did not answer.', { cause, details: 'eth_blockNumber' });
    expect(error.shortMessage).toBe('The chain did not answer.');
    expect(error.message).toBe('The chain did not answer.\n\nDetails: eth_blockNumber');
    expect(error.cause).toBe(cause);
    expect(error.code).toBe('unavailable');
    expect(error.walk()).toBe(cause);
  });

  it('lets the outermost family member decide whether a retry can help', () => {
    const down = new UnavailableError('Database unreachable.');
    expect(isRetryable(down)).toBe(true);
    expect(isRetryable(new Error('wrapped', { cause: down }))).toBe(true);
    expect(isRetryable(new ConfigError('RPC_URL is not a URL.', { cause: down }))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });

  it('writes a refusal in the one wire shape that readers parse', () => {
    const rejection = new Rejection('body_too_large', 'The body is over 64 KiB.', 413, { limit: 65_536 });
    expect(rejection.status).toBe(413);
    expect(rejection.retryable).toBe(false);
    const body = rejection.toBody();
    expect(body).toEqual({ error: { code: 'body_too_large', message: 'The body is over 64 KiB.', limit: 65_536 } });
    expect(errorBodySchema.parse(body)).toEqual(body);
  });

  it('never lets extra fields overwrite the code or the message', () => {
    const body = new Rejection('bad', 'Bad.', 400, { code: 'spoofed', message: 'spoofed' }).toBody();
    expect(body.error.code).toBe('bad');
    expect(body.error.message).toBe('Bad.');
  });

  it('ends a cyclic cause chain', () => {
    const a = new BaseError('a');
    const b = new BaseError('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(walkCauses(a, () => false)).toBeUndefined();
  });

  it('says one sentence for anything thrown', () => {
    expect(shortMessageOf(new ConfigError('SESSION_SECRET is too short.', { details: 'min 32' }))).toBe(
      'SESSION_SECRET is too short.',
    );
    expect(shortMessageOf(new Error('boom'))).toBe('boom');
    expect(shortMessageOf('text')).toBe('text');
  });
});
