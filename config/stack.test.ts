import { describe, expect, it } from 'vitest';
import { checkProductionSettings } from './production';
import { ConfigError, parseRoleArgs, parseRoleEnv, parseStackEnv } from './stack';

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

  it('runs a remote chain without a deployer key (it only reads the recorded deployment) but not without PUBLIC_RPC_URL', () => {
    expect(() => parseStackEnv({ RPC_URL: 'https://rpc.example.org' })).toThrow(/PUBLIC_RPC_URL is required/);
    const env = parseStackEnv({
      RPC_URL: 'https://rpc.example.org',
      PUBLIC_RPC_URL: 'https://public.example.org',
      PUBLIC_ORIGIN: 'https://rackshare.example',
      SESSION_SECRET: 's'.repeat(32),
    });
    expect(env.localChain).toBe(false);
    expect(env.demo).toBe(false);
  });

  it('treats empty variables as unset and rejects out-of-range ports', () => {
    expect(parseStackEnv({ RPC_URL: '' }).localChain).toBe(true);
    expect(() => parseStackEnv({ PORT: '70000' })).toThrow(/PORT/);
  });
});

const REMOTE = {
  RPC_URL: 'https://rpc.example.org',
  PUBLIC_RPC_URL: 'https://public.example.org',
  PUBLIC_ORIGIN: 'https://rackshare.example',
  SESSION_SECRET: 's'.repeat(32),
};

describe('the settings npm start parses before anything starts', () => {
  it('refuses SESSION_SECRET=short at start with one sentence (it used to fail only at the first request)', () => {
    expect(() => parseStackEnv({ SESSION_SECRET: 'short' })).toThrow(
      new ConfigError('Invalid configuration: SESSION_SECRET must be at least 32 characters.'),
    );
  });

  it('refuses a bad web or indexer setting in the same call, naming the variable', () => {
    expect(() => parseStackEnv({ TRUST_PROXY: 'yes' })).toThrow(
      new ConfigError('Invalid configuration: TRUST_PROXY must be true or false.'),
    );
    expect(() => parseStackEnv({ ORACLE_NODE_URLS: 'http://127.0.0.1:4700,ftp://x' })).toThrow(
      /^Invalid configuration: ORACLE_NODE_URLS must be a http: or https: URL/,
    );
    expect(() => parseStackEnv({ INDEXER_CONFIRMATIONS: '-1' })).toThrow(
      /^Invalid configuration: INDEXER_CONFIRMATIONS/,
    );
  });

  it('hands the web tier its settings with local defaults: localhost origin on PORT, no proxy, bind 127.0.0.1', () => {
    const { web } = parseStackEnv({ PORT: '3100' });
    expect(web.host).toBe('127.0.0.1');
    expect(web.settings).toMatchObject({
      publicOrigin: 'http://localhost:3100',
      trustProxy: false,
      cloudReferencePriceUsd: '2.50',
      oracleNodeUrls: [],
    });
    expect(web.settings.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(web.settings.oracleReaderPrivateKey).toBeUndefined();
  });

  it('passes explicit web settings through', () => {
    const key = `0x${'22'.repeat(32)}`;
    const { web } = parseStackEnv({
      PUBLIC_ORIGIN: 'https://rackshare.example/',
      TRUST_PROXY: 'true',
      HOST: '0.0.0.0',
      SESSION_SECRET: 'x'.repeat(32),
      ORACLE_NODE_URLS: 'https://a.example, https://b.example:4700',
      ORACLE_READER_PRIVATE_KEY: key,
      CLOUD_REFERENCE_PRICE_USD: '3.10',
      DATABASE_URL: 'postgres://rackshare@db-primary/rackshare',
      DATABASE_READ_URLS: 'postgres://rackshare@db-replica/rackshare',
      DATABASE_REPLICA_PROBE_MS: '1500',
      DATABASE_REPLICA_MAX_LAG_BLOCKS: '3',
      WEB_MIGRATE: 'off',
    });
    expect(web).toEqual({
      host: '0.0.0.0',
      databaseReadUrls: ['postgres://rackshare@db-replica/rackshare'],
      replicaMonitor: { probeMs: 1_500, probeTimeoutMs: 2_000, maxLagBlocks: 3 },
      statementTimeoutMs: 30_000,
      migrate: 'off',
      settings: {
        publicOrigin: 'https://rackshare.example',
        trustProxy: true,
        sessionSecret: 'x'.repeat(32),
        cloudReferencePriceUsd: '3.10',
        oracleNodeUrls: ['https://a.example', 'https://b.example:4700'],
        oracleReaderPrivateKey: key,
      },
    });
  });

  it('refuses a PUBLIC_ORIGIN with a path, query or credentials', () => {
    for (const origin of ['https://rackshare.example/app', 'https://rackshare.example/?a=1', 'https://u:p@x.example']) {
      expect(() => parseStackEnv({ PUBLIC_ORIGIN: origin })).toThrow(
        /^Invalid configuration: PUBLIC_ORIGIN must be an origin/,
      );
    }
  });

  it('keeps the indexer 0 blocks behind the head locally and 12 with RPC_URL unless INDEXER_CONFIRMATIONS says', () => {
    expect(parseStackEnv({}).indexer.INDEXER_CONFIRMATIONS).toBe(0);
    expect(parseStackEnv(REMOTE).indexer.INDEXER_CONFIRMATIONS).toBe(12);
    expect(parseStackEnv({ ...REMOTE, INDEXER_CONFIRMATIONS: '0' }).indexer.INDEXER_CONFIRMATIONS).toBe(0);
    expect(parseStackEnv({ INDEXER_CONFIRMATIONS: '3' }).indexer.INDEXER_CONFIRMATIONS).toBe(3);
  });
});

describe('refusals read as one plain sentence', () => {
  it.each([
    [{ DEMO_HISTORY_DAYS: '0' }, 'Invalid configuration: DEMO_HISTORY_DAYS must be at least 1.'],
    [{ DEMO_LIVE_EPOCH_SECONDS: '7200' }, 'Invalid configuration: DEMO_LIVE_EPOCH_SECONDS must be at most 3600.'],
    [
      { LOG_LEVEL: 'loud' },
      'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.',
    ],
    [{ DEMO: 'yes' }, 'Invalid configuration: DEMO must be on or off.'],
    [{ PORT: 'http' }, 'Invalid configuration: PORT must be a port number.'],
    [{ ORACLE_SIGNERS: '0x12' }, 'Invalid configuration: ORACLE_SIGNERS must be a 0x-prefixed 20-byte address.'],
  ])('%o', (source, sentence) => {
    expect(() => parseStackEnv(source)).toThrow(new ConfigError(sentence));
  });
});

describe('npm start roles', () => {
  const POSTGRES = { DATABASE_URL: 'postgres://rackshare:secret@db.internal:5432/rackshare' };

  it('runs everything in one process by default, RACKSHARE_ROLE chooses another role and --role wins over it', () => {
    expect(parseRoleArgs([], {})).toEqual({ role: 'all' });
    expect(parseRoleArgs([], { RACKSHARE_ROLE: 'web' })).toEqual({ role: 'web' });
    expect(parseRoleArgs(['--role', 'indexer'], { RACKSHARE_ROLE: 'web' })).toEqual({ role: 'indexer' });
    expect(parseRoleArgs(['--role=agent', '--config', 'agent.json'], {})).toEqual({
      role: 'agent',
      config: 'agent.json',
    });
  });

  it('refuses an unknown role, an unknown argument and a flag without its value, in one sentence', () => {
    expect(() => parseRoleArgs(['--role', 'worker'], {})).toThrow(
      new ConfigError('Invalid configuration: --role must be one of all, web, indexer, oracle-node, agent.'),
    );
    expect(() => parseRoleArgs([], { RACKSHARE_ROLE: 'worker' })).toThrow(
      /^Invalid configuration: RACKSHARE_ROLE must/,
    );
    expect(() => parseRoleArgs(['--port', '3001'], {})).toThrow(/^Unknown argument "--port"; usage: npm start/);
    expect(() => parseRoleArgs(['--role'], {})).toThrow(/^--role needs a value/);
    expect(() => parseRoleArgs(['--config', '--role', 'web'], {})).toThrow(/^--config needs a value/);
  });

  it('keeps PGlite for all, and refuses web and indexer on PGlite instead of opening one data directory twice', () => {
    const all = parseRoleEnv({ role: 'all' }, {});
    expect(all.role === 'all' && all.stack.DATABASE_URL).toBeUndefined();
    expect(all.role === 'all' && all.stack.demo).toBe(true);
    for (const role of ['web', 'indexer'] as const) {
      expect(() => parseRoleEnv({ role }, {})).toThrow(
        new ConfigError(
          `Invalid configuration: --role ${role} needs DATABASE_URL (PostgreSQL): a PGlite data directory can be opened by one process only, so run --role all for PGlite.`,
        ),
      );
      expect(() => parseRoleEnv({ role }, { DATABASE_URL: '' })).toThrow(/needs DATABASE_URL/);
    }
  });

  it("refuses a web role without SESSION_SECRET: web processes must check each other's cookies", () => {
    expect(() => parseRoleEnv({ role: 'web' }, POSTGRES)).toThrow(
      /^Invalid configuration: --role web needs SESSION_SECRET/,
    );
  });

  it('refuses role all on PostgreSQL without SESSION_SECRET: web processes may share that database (A13)', () => {
    const refusal = new ConfigError(
      'Invalid configuration: npm start (role all) on PostgreSQL (DATABASE_URL) needs SESSION_SECRET, the same as every web process sharing that database, which would otherwise refuse its sign-in nonces and cookies.',
    );
    expect(() => parseRoleEnv({ role: 'all' }, POSTGRES)).toThrow(refusal);
    expect(() =>
      parseRoleEnv({ role: 'all' }, { ...POSTGRES, DATABASE_READ_URLS: 'postgres://rackshare@db-replica/rackshare' }),
    ).toThrow(refusal);
    expect(() => parseRoleEnv({ role: 'all' }, { ...POSTGRES, SESSION_SECRET: '' })).toThrow(refusal);
    const all = parseRoleEnv({ role: 'all' }, { ...POSTGRES, SESSION_SECRET: 's'.repeat(32) });
    expect(all.role === 'all' && all.stack.web.settings.sessionSecret).toBe('s'.repeat(32));
    // PGlite is this process's alone: a random secret per start is fine.
    const alone = parseRoleEnv({ role: 'all' }, {});
    expect(alone.role === 'all' && alone.stack.web.settings.sessionSecret).toHaveLength(64);
  });

  it('runs web and indexer on PostgreSQL, with the demo off and refused when asked for', () => {
    const web = parseRoleEnv({ role: 'web' }, { ...POSTGRES, SESSION_SECRET: 's'.repeat(32) });
    expect(web.role === 'web' && web.stack.demo).toBe(false);
    expect(web.role === 'web' && web.stack.STATUS_PORT).toBe(9465);
    const indexer = parseRoleEnv({ role: 'indexer' }, { ...POSTGRES, INDEXER_LOCK_POLL_MS: '500' });
    expect(indexer).toMatchObject({
      role: 'indexer',
      indexer: { DATABASE_URL: POSTGRES.DATABASE_URL, rpcUrl: 'http://127.0.0.1:8545' },
    });
    expect(indexer.role === 'indexer' && indexer.indexer.indexer.INDEXER_LOCK_POLL_MS).toBe(500);
    expect(() => parseRoleEnv({ role: 'web' }, { ...POSTGRES, SESSION_SECRET: 's'.repeat(32), DEMO: 'on' })).toThrow(
      /^Invalid configuration: DEMO=on runs with --role all only/,
    );
  });

  it('passes the chain-time production check (the Contracts step, the web role) with every production setting set', () => {
    // The check once saw the parsed settings, which hold no PUBLIC_ORIGIN or SESSION_SECRET: every real-chain start
    // was refused at the Contracts step.
    const env = parseStackEnv(REMOTE);
    expect(() => checkProductionSettings(env.production, { runtime: 'start', chainId: 8453 })).not.toThrow();
    expect(env.production).toMatchObject({
      PUBLIC_ORIGIN: REMOTE.PUBLIC_ORIGIN,
      SESSION_SECRET: REMOTE.SESSION_SECRET,
    });
    const web = parseRoleEnv({ role: 'web' }, { ...POSTGRES, ...REMOTE });
    expect(() =>
      checkProductionSettings(web.role === 'web' ? web.stack.production : {}, { runtime: 'start', chainId: 8453 }),
    ).not.toThrow();
  });

  it('still applies the production checks to a web role on a real chain', () => {
    expect(() => parseRoleEnv({ role: 'web' }, { ...POSTGRES, RPC_URL: 'https://rpc.example.org' })).toThrow(
      /PUBLIC_RPC_URL is required/,
    );
    expect(parseRoleEnv({ role: 'web' }, { ...POSTGRES, ...REMOTE })).toMatchObject({
      role: 'web',
      stack: { localChain: false, demo: false },
    });
  });

  it('needs --config for an oracle node or agent, and refuses --config for the other roles', () => {
    expect(parseRoleEnv({ role: 'oracle-node', config: 'node.json' }, {})).toEqual({
      role: 'oracle-node',
      config: 'node.json',
    });
    expect(() => parseRoleEnv({ role: 'oracle-node' }, {})).toThrow(
      new ConfigError('Invalid configuration: --role oracle-node needs --config <file> (see oracle/node/config.ts).'),
    );
    expect(() => parseRoleEnv({ role: 'agent' }, {})).toThrow(/--role agent needs --config <file>/);
    expect(() => parseRoleEnv({ role: 'web', config: 'node.json' }, POSTGRES)).toThrow(
      /--config is read by the oracle-node and agent roles only/,
    );
  });

  it('refuses a status port out of range', () => {
    expect(() => parseRoleEnv({ role: 'web' }, { ...POSTGRES, STATUS_PORT: '70000' })).toThrow(/STATUS_PORT/);
  });
});
