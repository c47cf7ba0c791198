/**
 * Spawning the roles as real processes (`npm start -- --role …`) for the multi-process tests (scripts/roles/, the
 * indexer lock's in db/indexer/): a role's child process with its output kept for failure messages, its exit, a JSON
 * GET that answers `down` while nothing listens, and one Prometheus value of a `/metrics`.
 */
import { type ChildProcess, spawn } from 'node:child_process';

export type Role = { child: ChildProcess; output: () => string };

/** Starts `scripts/start.ts --role <role>` with `env` over this process's environment (no role, demo or RPC inherited). */
export function startRole(role: string, env: Record<string, string>): Role {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--role', role], {
    env: { ...process.env, RACKSHARE_ROLE: '', DEMO: '', RPC_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return { child, output: () => output };
}

/** The exit code once the process has ended (null when a signal ended it). */
export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** Whether the process still runs. */
export const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** `{ status, body }` of a JSON GET, or `down` while nothing answers. */
export async function json(url: string, host?: string): Promise<unknown> {
  try {
    const response = await fetch(url, host ? { headers: { host } } : {});
    return { status: response.status, body: await response.json() };
  } catch {
    return 'down';
  }
}

/**
 * The value of the Prometheus metric `name` at `url` (a `/metrics`) with exactly `labels` (none: the unlabelled one),
 * or undefined (absent or down).
 */
export async function metric(
  url: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const text = await fetch(url)
    .then((response) => response.text())
    .catch(() => '');
  const pairs = Object.entries(labels).map(([label, value]) => `${label}="${value}"`);
  const series = pairs.length === 0 ? name : `${name}{${pairs.join(',')}}`;
  const line = text.split('\n').find((entry) => entry.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}
