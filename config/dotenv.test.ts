/**
 * Every entry point reads the `.env` of its working directory through loadDotEnv, with shell variables winning
 * (review 12 H3: db:reindex, the standalone indexer and the oracle CLI used to ignore it). npm start and deploy load it
 * the same way; db/reindex.test.ts and oracle/cli.test.ts cover those two commands end to end.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDotEnv } from './env';

const made: string[] = [];
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function withDotEnv(text: string) {
  const directory = mkdtempSync(join(tmpdir(), 'rackshare-dotenv-'));
  made.push(directory);
  writeFileSync(join(directory, '.env'), text);
  return directory;
}

function run(script: string, cwd: string, env: Record<string, string> = {}) {
  return spawnSync(resolve('node_modules/.bin/tsx'), [resolve(script)], {
    cwd,
    encoding: 'utf8',
    env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    timeout: 60_000,
  });
}

describe('loadDotEnv (review 12 H3)', () => {
  it('sets what .env names and lets a variable already in the environment win', () => {
    const path = join(withDotEnv('RACKSHARE_DOTENV_A=from-file\nRACKSHARE_DOTENV_B=from-file\n'), '.env');
    process.env.RACKSHARE_DOTENV_B = 'from-shell';
    try {
      loadDotEnv(path);
      expect(process.env.RACKSHARE_DOTENV_A).toBe('from-file');
      expect(process.env.RACKSHARE_DOTENV_B).toBe('from-shell');
    } finally {
      delete process.env.RACKSHARE_DOTENV_A;
      delete process.env.RACKSHARE_DOTENV_B;
    }
  });

  it('does nothing without a .env', () => {
    expect(() => loadDotEnv(join(tmpdir(), 'rackshare-no-such-dir', '.env'))).not.toThrow();
  });

  it('reaches the standalone indexer: a LOG_LEVEL only in .env is refused in one sentence (H3)', () => {
    const result = run('db/indexer/cli.ts', withDotEnv('LOG_LEVEL=loud\n'));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'error: Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.\n',
    );
  }, 60_000);

  it('reaches npm run verify-export: an RPC_URL only in .env is parsed by the configuration home (H3)', () => {
    const result = run('oracle/export/cli.ts', withDotEnv('RPC_URL=ftp://rpc.example\n'));
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'Invalid configuration: RPC_URL must be a http: or https: URL such as http://127.0.0.1:8545.\n',
    );
  }, 60_000);
});
