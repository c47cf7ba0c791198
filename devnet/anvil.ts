/**
 * A local anvil chain as a child process. Its state (blocks, logs, accounts) is dumped to the data directory on exit
 * and reloaded on the next start, so a second `npm start` continues the same chain.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LOCAL_CHAIN_ID } from '#contracts/dev-keys';
import { childEnvironment } from '../oracle/child-env';

const require = createRequire(import.meta.url);

/** Path of the platform's anvil binary from the @foundry-rs npm packages (spawned directly: its pid is anvil's). */
export function anvilBinary() {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  const platformPackage = `@foundry-rs/anvil-${process.platform}-${arch}`;
  return join(dirname(require.resolve(`${platformPackage}/package.json`)), 'bin', 'anvil');
}

export type AnvilOptions = {
  port: number;
  /** State file (load at start, dump at exit); null for an ephemeral chain. */
  stateFile: string | null;
  /** Genesis timestamp in seconds, for a chain that starts in the past. */
  genesisTimestamp?: number;
  accounts?: number;
  /** Chain id (default 31337, the local chain); tests of what only happens on real networks pass another. */
  chainId?: number;
  log?: (line: string) => void;
};

export type AnvilHandle = { rpcUrl: string; pid: number; stop: () => Promise<void> };

async function waitForRpc(rpcUrl: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`anvil exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(rpcUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      });
      if (response.ok) return;
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`anvil did not answer on ${rpcUrl} within ${timeoutMs} ms`);
}

const isAnvil = (pid: number) => {
  try {
    return pid > 0 && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('anvil');
  } catch {
    return false;
  }
};

/**
 * Stops an anvil left behind by a process that was killed with SIGKILL (its pid file survived), and waits until it is
 * gone: it dumps its state on the way out, and must be done before anyone touches that state.
 */
export async function stopOrphan(pidFile: string) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (isAnvil(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (isAnvil(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (isAnvil(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

async function answers(rpcUrl: string) {
  try {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

export async function startAnvil(options: AnvilOptions): Promise<AnvilHandle> {
  const rpcUrl = `http://127.0.0.1:${options.port}`;
  const chainId = String(options.chainId ?? LOCAL_CHAIN_ID);
  const args = ['--host', '127.0.0.1', '--port', String(options.port), '--chain-id', chainId, '--silent'];
  args.push('--accounts', String(options.accounts ?? 10));
  let pidFile: string | null = null;
  if (options.stateFile) {
    mkdirSync(dirname(options.stateFile), { recursive: true });
    pidFile = `${options.stateFile}.pid`;
    await stopOrphan(pidFile);
    args.push('--state', options.stateFile, '--state-interval', '5');
  }
  // Whatever answers there would answer for the new anvil too (which then cannot bind the port): refuse instead.
  if (await answers(rpcUrl)) {
    throw new Error(
      `Something already answers JSON-RPC on ${rpcUrl}: stop it (an anvil left running?) or set ANVIL_PORT.`,
    );
  }
  if (options.genesisTimestamp !== undefined && !(options.stateFile && existsSync(options.stateFile))) {
    args.push('--timestamp', String(options.genesisTimestamp));
  }
  // anvil needs nothing of the stack's environment (keys, secrets, URLs: I-3).
  const child = spawn(anvilBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'], env: childEnvironment() });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stderr?.on('data', (chunk: Buffer) => options.log?.(chunk.toString().trim()));
  const pid = child.pid;
  if (pid === undefined) throw new Error('anvil could not be started');
  if (pidFile) writeFileSync(pidFile, String(pid));
  try {
    await waitForRpc(rpcUrl, child, 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    rpcUrl,
    pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // SIGTERM lets anvil dump its state; SIGKILL only if it hangs.
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      if (pidFile) rmSync(pidFile, { force: true });
    },
  };
}
