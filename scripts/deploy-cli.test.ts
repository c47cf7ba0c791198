/**
 * `npm run deploy` reports a refusal the operator fixes in one sentence and anything unexpected with its stack and
 * cause, URLs redacted either way (review 12 M4).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
let rpcUrl: string;
const cwd = mkdtempSync(join(tmpdir(), 'rackshare-deploy-cli-'));

beforeAll(async () => {
  // Answers the chain id (anvil's, so dev keys pass the settings check) and refuses everything else.
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const call = JSON.parse(body) as { id: number; method: string };
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify(
          call.method === 'eth_chainId'
            ? { jsonrpc: '2.0', id: call.id, result: '0x7a69' }
            : { jsonrpc: '2.0', id: call.id, error: { code: -32000, message: `refused ${call.method}` } },
        ),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  rpcUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/s3cret-key`;
});

afterAll(async () => {
  await new Promise((done) => server?.close(done));
  rmSync(cwd, { recursive: true, force: true });
});

/** Runs `npm run deploy` without blocking: the fake RPC above answers from this process. */
async function deploy(env: Record<string, string>) {
  const child = spawn(resolve('node_modules/.bin/tsx'), [resolve('scripts/deploy.ts')], {
    cwd,
    env: { NODE_ENV: 'test', PATH: process.env.PATH!, HOME: process.env.HOME!, ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const status = await new Promise<number | null>((done) => child.on('exit', done));
  return { status, stderr };
}

describe('npm run deploy errors (review 12 M4)', () => {
  it('prints a settings refusal as one sentence without a stack trace', () => {
    const run = spawnSync(resolve('node_modules/.bin/tsx'), [resolve('scripts/deploy.ts')], {
      cwd,
      encoding: 'utf8',
      env: { NODE_ENV: 'test', PATH: process.env.PATH, HOME: process.env.HOME },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^\S*error:\S* Invalid configuration: RPC_URL is required \([^\n]*\)\.\n$/);
  }, 60_000);

  it('keeps the stack trace of an unexpected failure mid-deployment, with the RPC URL redacted', async () => {
    const run = await deploy({
      RPC_URL: rpcUrl,
      DEPLOYER_PRIVATE_KEY: `0x${'11'.repeat(32)}`,
      ORACLE_SIGNERS: `0x${'a'.repeat(40)}`,
      ORACLE_THRESHOLD: '1',
      GOVERNANCE_ADDRESS: `0x${'d'.repeat(40)}`,
      DEPLOYMENTS_DIR: join(cwd, 'deployments'),
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('deployment failed');
    expect(run.stderr).toMatch(/refused eth_/);
    expect(run.stderr).toMatch(/\n\s+at /);
    expect(run.stderr).not.toContain('s3cret');
  }, 60_000);
});
