/**
 * `npm start` with RPC_URL runs the public site: it needs the origin visitors use and a session secret that outlives
 * the process, and never hands a keyed private RPC URL to browsers as PUBLIC_RPC_URL (review 12, both reviewers).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, parseStackEnv } from './stack';

const PRODUCTION = {
  RPC_URL: 'https://rpc.example/v2/key',
  PUBLIC_RPC_URL: 'https://public.example',
  PUBLIC_ORIGIN: 'https://rackshare.example',
  SESSION_SECRET: 's'.repeat(32),
};

describe('npm start with RPC_URL requires the production web settings (review 12 PUBLIC_ORIGIN)', () => {
  it('refuses RPC_URL without PUBLIC_ORIGIN instead of defaulting to http://localhost:PORT (review 12 attack, maint)', () => {
    const { PUBLIC_ORIGIN: _, ...source } = PRODUCTION;
    expect(() => parseStackEnv(source)).toThrow(ConfigError);
    expect(() => parseStackEnv(source)).toThrow(
      /^Invalid configuration: PUBLIC_ORIGIN is required when RPC_URL is set \([^.]*\)\.$/,
    );
    expect(() => parseStackEnv({ ...source, PUBLIC_ORIGIN: '' })).toThrow(/PUBLIC_ORIGIN is required/);
  });

  it('refuses RPC_URL without SESSION_SECRET: a random per-process secret signs everyone out (review 12 attack)', () => {
    const { SESSION_SECRET: _, ...source } = PRODUCTION;
    expect(() => parseStackEnv(source)).toThrow(
      /^Invalid configuration: SESSION_SECRET is required when RPC_URL is set \([^.]*\)\.$/,
    );
  });

  it('hands the web tier exactly the origin and secret that were set', () => {
    const { web } = parseStackEnv(PRODUCTION);
    expect(web.settings.publicOrigin).toBe('https://rackshare.example');
    expect(web.settings.sessionSecret).toBe('s'.repeat(32));
  });

  it('keeps the local defaults without RPC_URL (a copied .env.example starts)', () => {
    expect(parseStackEnv({ PUBLIC_ORIGIN: '', SESSION_SECRET: '' }).web.settings.publicOrigin).toBe(
      'http://localhost:3000',
    );
  });
});

describe('PUBLIC_RPC_URL is never the keyed private RPC_URL (review 12 attack, M-6)', () => {
  it.each(['https://rpc.example/v2/key', 'https://rpc.example/v2/key/', 'HTTPS://RPC.EXAMPLE/v2/key'])(
    'refuses PUBLIC_RPC_URL=%s when RPC_URL is https://rpc.example/v2/key, in one sentence',
    (publicRpcUrl) => {
      expect(() => parseStackEnv({ ...PRODUCTION, PUBLIC_RPC_URL: publicRpcUrl })).toThrow(
        new ConfigError(
          'Invalid configuration: PUBLIC_RPC_URL must not be RPC_URL itself when that URL carries a path or query (an API key): every visitor receives PUBLIC_RPC_URL.',
        ),
      );
    },
  );

  it('refuses it for a key in the query string too', () => {
    const keyed = 'https://rpc.example/?apikey=s3cret';
    expect(() => parseStackEnv({ ...PRODUCTION, RPC_URL: keyed, PUBLIC_RPC_URL: keyed })).toThrow(
      /PUBLIC_RPC_URL must not be RPC_URL itself/,
    );
  });

  it('accepts the same URL when it carries no key (a public endpoint used for both)', () => {
    const open = 'https://rpc.example';
    expect(parseStackEnv({ ...PRODUCTION, RPC_URL: open, PUBLIC_RPC_URL: `${open}/` }).PUBLIC_RPC_URL).toBe(`${open}/`);
  });
});
