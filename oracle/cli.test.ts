/**
 * `npm run oracle`: a configuration the operator must fix is one sentence, not an uncaught stack trace, and the
 * command reads the same `.env` as `npm start` (review 12 M4, H3).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

let cwd: string | undefined;
afterEach(() => {
  if (cwd) rmSync(cwd, { recursive: true, force: true });
  cwd = undefined;
});

function oracle(args: string[], files: Record<string, string> = {}) {
  cwd = mkdtempSync(join(tmpdir(), 'rackshare-oracle-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const run = spawnSync(resolve('node_modules/.bin/tsx'), [resolve('oracle/cli.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME },
    timeout: 60_000,
  });
  return { status: run.status, stderr: run.stderr, config: join(cwd, 'node.json') };
}

describe('npm run oracle -- node with a bad configuration (review 12 M4)', () => {
  it('prints one sentence saying the missing option "is required", and exits 1', () => {
    const run = oracle(['node', '--config', 'node.json'], { 'node.json': '{"chainId": 1}' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('error: Invalid oracle node option in node.json: rpcUrl is required.\n');
  }, 60_000);

  it('prints one sentence for a file that is missing or not JSON, never a stack trace', () => {
    const missing = oracle(['node', '--config', 'node.json']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe('error: node.json: no such file\n');
    const broken = oracle(['node', '--config', 'node.json'], { 'node.json': '{' });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^error: node\.json: [^\n]*JSON[^\n]*\n$/);
  }, 60_000);
});

describe('npm run oracle reads .env like npm start (review 12 H3)', () => {
  it('refuses LOG_LEVEL set only in .env, so .env was read', () => {
    const run = oracle(['node', '--config', 'node.json'], { '.env': 'LOG_LEVEL=loud\n' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      'error: Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent.\n',
    );
  }, 60_000);
});
