import { describe, expect, it } from 'vitest';
import { ConfigError, parseStackEnv } from './env';

describe('parseStackEnv', () => {
  it('defaults to a local anvil chain, PGlite and port 3000', () => {
    const env = parseStackEnv({});
    expect(env.localChain).toBe(true);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PORT).toBe(3000);
    expect(env.DATA_DIR).toBe('.data');
  });

  it('rejects a malformed DATABASE_URL with one sentence naming the variable', () => {
    expect(() => parseStackEnv({ DATABASE_URL: 'mysql://nope' })).toThrow(ConfigError);
    expect(() => parseStackEnv({ DATABASE_URL: 'not a url' })).toThrow(/^Invalid configuration: DATABASE_URL must be/);
  });

  it('requires a deployer key for a remote chain', () => {
    expect(() => parseStackEnv({ RPC_URL: 'https://rpc.example.org' })).toThrow(/DEPLOYER_PRIVATE_KEY is required/);
    const key = `0x${'11'.repeat(32)}`;
    const env = parseStackEnv({ RPC_URL: 'https://rpc.example.org', DEPLOYER_PRIVATE_KEY: key });
    expect(env.localChain).toBe(false);
    expect(env.deployerPrivateKey).toBe(key);
  });

  it('treats empty variables as unset and rejects out-of-range ports', () => {
    expect(parseStackEnv({ RPC_URL: '' }).localChain).toBe(true);
    expect(() => parseStackEnv({ PORT: '70000' })).toThrow(/PORT/);
  });
});
