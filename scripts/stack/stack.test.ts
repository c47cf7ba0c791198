import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, UnavailableError } from '#protocol/base-error';
import { parseStackEnv } from '../../config/stack';
import { publicRpcUrl, startStack } from './stack';

describe('startStack with RPC_URL', () => {
  it('never prints the API key of RPC_URL in its startup error (M-6)', async () => {
    const env = parseStackEnv({
      RPC_URL: 'http://127.0.0.1:1/v2/s3cr3t-api-key?token=s3cr3t-token',
      PUBLIC_RPC_URL: 'https://public.example.org',
      PUBLIC_ORIGIN: 'https://rackshare.example',
      SESSION_SECRET: 's'.repeat(32),
      LOG_LEVEL: 'silent',
    });
    const failure = await startStack(env, new AbortController().signal, pino({ level: 'silent' })).then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure).toBeInstanceOf(UnavailableError);
    expect(failure!.message).toMatch(/^Cannot reach the chain at RPC_URL=http:\/\/127\.0\.0\.1:1\/…: /);
    expect(failure!.message).not.toContain('s3cr3t');
  });
});

describe('the RPC URL handed to browsers (M-6)', () => {
  const secret = 'https://eth-mainnet.example.org/v2/s3cr3t-api-key';

  it('is PUBLIC_RPC_URL with RPC_URL, never the private URL', () => {
    const env = parseStackEnv({
      RPC_URL: secret,
      PUBLIC_RPC_URL: 'https://public.example.org',
      PUBLIC_ORIGIN: 'https://rackshare.example',
      SESSION_SECRET: 's'.repeat(32),
    });
    expect(publicRpcUrl(env, secret)).toBe('https://public.example.org');
  });

  it('refuses to fall back to a real chain private RPC_URL even if the settings check was bypassed', () => {
    expect(() => publicRpcUrl({ localChain: false, PUBLIC_RPC_URL: undefined }, secret)).toThrow(ConfigError);
  });

  it("is the local anvil's own URL on the local chain", () => {
    expect(publicRpcUrl(parseStackEnv({}), 'http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545');
  });
});
