import { describe, expect, it } from 'vitest';
import { MAX_READ_REPLICAS } from './common';
import { ConfigError } from './env';
import { parseStackEnv } from './stack';
import { parseWebEnv } from './web';

const primary = 'postgres://rackshare:secret@db-primary:5432/rackshare';
const replicas = ['postgres://rackshare:secret@db-replica-1:5432/rackshare', 'postgresql://r@db-replica-2/rackshare'];

describe('DATABASE_READ_URLS', () => {
  it('is a comma-separated list of PostgreSQL URLs beside DATABASE_URL, blanks between commas dropped', () => {
    const env = parseWebEnv(
      { DATABASE_URL: primary, DATABASE_READ_URLS: ` ${replicas[0]} ,, ${replicas[1]}` },
      { port: 3000 },
    );
    expect(env.databaseReadUrls).toEqual(replicas);
  });

  it('is unset when empty (a copied .env.example) or absent: no replica', () => {
    expect(parseWebEnv({ DATABASE_URL: primary, DATABASE_READ_URLS: '' }, { port: 3000 }).databaseReadUrls).toEqual([]);
    expect(parseWebEnv({ DATABASE_READ_URLS: '' }, { port: 3000 }).databaseReadUrls).toEqual([]);
    expect(parseWebEnv({}, { port: 3000 }).databaseReadUrls).toEqual([]);
  });

  it('refuses replicas without DATABASE_URL (PGlite) with one sentence', () => {
    const parse = () => parseWebEnv({ DATABASE_READ_URLS: replicas[0] }, { port: 3000 });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(
      'Invalid configuration: DATABASE_READ_URLS needs DATABASE_URL (PGlite runs inside one process and has no read replicas).',
    );
    // An empty DATABASE_URL is unset too: still PGlite.
    expect(() => parseWebEnv({ DATABASE_URL: '', DATABASE_READ_URLS: replicas[0] }, { port: 3000 })).toThrow(
      /DATABASE_READ_URLS needs DATABASE_URL/,
    );
  });

  it('refuses a URL that is not postgres:// or postgresql://, naming the variable and never echoing the value', () => {
    for (const bad of ['mysql://u:hunter2@db/rackshare', 'http://db-replica:5432', 'db-replica:5432']) {
      const parse = () =>
        parseWebEnv({ DATABASE_URL: primary, DATABASE_READ_URLS: `${replicas[0]},${bad}` }, { port: 3000 });
      expect(parse).toThrow(ConfigError);
      expect(parse).toThrow(
        'Invalid configuration: DATABASE_READ_URLS must be a postgres: or postgresql: URL such as postgres://user:password@replica-1:5432/rackshare.',
      );
      expect(parse).not.toThrow(/hunter2/);
    }
  });

  it(`refuses more than ${MAX_READ_REPLICAS} replicas`, () => {
    const many = Array.from({ length: MAX_READ_REPLICAS + 1 }, (_, i) => `postgres://db-replica-${i}/rackshare`);
    expect(() => parseWebEnv({ DATABASE_URL: primary, DATABASE_READ_URLS: many.join(',') }, { port: 3000 })).toThrow(
      `Invalid configuration: DATABASE_READ_URLS must list at most ${MAX_READ_REPLICAS} URLs.`,
    );
    const most = many.slice(0, MAX_READ_REPLICAS);
    expect(
      parseWebEnv({ DATABASE_URL: primary, DATABASE_READ_URLS: most.join(',') }, { port: 3000 }).databaseReadUrls,
    ).toEqual(most);
  });

  it('reaches npm start through the web settings, refused there without DATABASE_URL before anything starts', () => {
    expect(parseStackEnv({ DATABASE_URL: primary, DATABASE_READ_URLS: replicas[0] }).web.databaseReadUrls).toEqual([
      replicas[0],
    ]);
    expect(() => parseStackEnv({ DATABASE_READ_URLS: replicas[0] })).toThrow(/DATABASE_READ_URLS needs DATABASE_URL/);
  });
});

describe('the replica monitor and WEB_MIGRATE', () => {
  it('probe every 5 s, take a replica 10 blocks behind out, and migrate at start by default', () => {
    const env = parseWebEnv({}, { port: 3000 });
    expect(env.replicaMonitor).toEqual({ probeMs: 5_000, probeTimeoutMs: 2_000, maxLagBlocks: 10 });
    expect(env.statementTimeoutMs, "a page's statements end after 30 s").toBe(30_000);
    expect(env.migrate).toBe('auto');
  });

  it('take explicit values, a bound of 0 blocks included', () => {
    const env = parseWebEnv(
      {
        DATABASE_REPLICA_PROBE_MS: '250',
        DATABASE_REPLICA_PROBE_TIMEOUT_MS: '60000',
        DATABASE_REPLICA_MAX_LAG_BLOCKS: '0',
        WEB_DATABASE_STATEMENT_TIMEOUT_MS: '0',
        WEB_MIGRATE: 'off',
      },
      { port: 3000 },
    );
    expect(env.replicaMonitor, 'a probe timeout longer than the interval').toEqual({
      probeMs: 250,
      probeTimeoutMs: 60_000,
      maxLagBlocks: 0,
    });
    expect(env.statementTimeoutMs).toBe(0);
    expect(env.migrate).toBe('off');
  });

  it('refuse what they cannot mean, naming the variable', () => {
    const parse = (source: Record<string, string>) => () => parseWebEnv(source, { port: 3000 });
    expect(parse({ WEB_MIGRATE: 'no' })).toThrow('Invalid configuration: WEB_MIGRATE must be auto or off.');
    expect(parse({ DATABASE_REPLICA_PROBE_MS: '10' })).toThrow(/^Invalid configuration: DATABASE_REPLICA_PROBE_MS /);
    expect(parse({ DATABASE_REPLICA_MAX_LAG_BLOCKS: '-1' })).toThrow(
      /^Invalid configuration: DATABASE_REPLICA_MAX_LAG_BLOCKS /,
    );
  });
});
