/**
 * No child process of the stack inherits its secrets (review I-3): anvil and the oracle node processes are checked in
 * /proc/<pid>/environ (Linux), the web build and a telemetry command by what they are handed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestChain, type TestChain } from '../../db/fixtures.test-kit';
import { startCommittee } from '../../demo/committee';
import { committeeMembers } from '../../demo/run';
import { testPort } from '../../devnet/ports';
import { readSource } from '../../oracle/agent/sources';
import { childEnvironment } from '../../oracle/child-env';

const execFileSync = vi.hoisted(() => vi.fn());
vi.mock('node:child_process', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:child_process')>()),
  execFileSync,
}));

const { buildApp } = await import('./web');

const SECRETS = {
  DEPLOYER_PRIVATE_KEY: `0x${'5e'.repeat(32)}`,
  SESSION_SECRET: 'session-secret-that-is-long-enough-for-the-app',
  DATABASE_URL: 'postgres://rackshare:db-password@127.0.0.1:5432/rackshare',
  RPC_URL: 'https://rpc.example.org/v2/rpc-api-key',
  ORACLE_READER_PRIVATE_KEY: `0x${'4e'.repeat(32)}`,
};
const saved: Record<string, string | undefined> = {};
let chain: TestChain;
let directory: string;

beforeAll(async () => {
  for (const [name, value] of Object.entries(SECRETS)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  directory = mkdtempSync(join(tmpdir(), 'rackshare-child-env-'));
  chain = await startTestChain(testPort(8792));
});

afterAll(async () => {
  await chain?.stop();
  rmSync(directory, { recursive: true, force: true });
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const environOf = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
const leaked = (variables: string[]) =>
  Object.entries(SECRETS).filter(([name, value]) =>
    variables.some((entry) => entry.startsWith(`${name}=`) || entry.includes(value)),
  );

describe('child processes get only what they need (I-3)', () => {
  it('childEnvironment passes PATH and HOME and none of the secrets', () => {
    const env = childEnvironment({ RACKSHARE_NODE_KEY: '0x01' });
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.RACKSHARE_NODE_KEY).toBe('0x01');
    expect(leaked(Object.entries(env).map(([name, value]) => `${name}=${value}`))).toEqual([]);
  });

  it.skipIf(!existsSync('/proc/self/environ'))('anvil inherits none of the secrets', () => {
    expect(leaked(environOf(chain.anvil.pid))).toEqual([]);
  });

  it.skipIf(!existsSync('/proc/self/environ'))(
    'an oracle node process gets its keys and none of the secrets',
    async () => {
      const members = committeeMembers(testPort(4793)).slice(0, 1);
      const committee = await startCommittee({
        members,
        rpcUrl: chain.rpcUrl,
        chainId: 31_337,
        registry: chain.deployment.contracts.clusterRegistry,
        threshold: 1,
        directory,
        epochSeconds: 3_600,
        warpChain: false,
        log: pino({ level: 'silent' }),
      });
      try {
        const environ = environOf(committee.pids[0]!);
        expect(leaked(environ)).toEqual([]);
        expect(environ).toContain(`RACKSHARE_NODE_KEY=${members[0]!.privateKey}`);
      } finally {
        await committee.stop();
      }
    },
  );

  it('the web build is started without the secrets, in production mode whoever starts it', () => {
    buildApp();
    expect(execFileSync).toHaveBeenCalledOnce();
    const env = (execFileSync.mock.calls[0]![2] as { env?: NodeJS.ProcessEnv }).env;
    expect(env).toBeDefined();
    expect(env!.PATH).toBe(process.env.PATH);
    expect(leaked(Object.entries(env!).map(([name, value]) => `${name}=${value}`))).toEqual([]);
    // Vitest runs with NODE_ENV=test: the build must still be the production one npm start serves.
    expect(process.env.NODE_ENV).toBe('test');
    expect(env!.NODE_ENV).toBe('production');
  });

  it('a telemetry command of the agent runs without the secrets', async () => {
    // Prints an nvidia-smi CSV header only when none of the secrets is set; an inherited one makes it fail.
    const script = join(directory, 'smi.sh');
    const names = Object.keys(SECRETS)
      .map((name) => `"$${name}"`)
      .join('');
    writeFileSync(
      script,
      `[ -z ${names} ] || exit 3\necho "timestamp, uuid, utilization.gpu [%], memory.used [MiB], memory.total [MiB], temperature.gpu, power.draw [W]"\n`,
    );
    await expect(readSource({ kind: 'nvidia-smi-csv', command: ['sh', script] })).resolves.toBeDefined();
  });
});
