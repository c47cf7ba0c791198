/** The web benchmark's load generator (bench/web.ts, bench/web-postgres.ts): autocannon in a child process. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type autocannon from 'autocannon';

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

/**
 * autocannon runs in its own process, as a load generator does against a real server: on 2 cores the server's event
 * loop (rendering, PGlite) gets one core and the load generator the other, instead of both sharing one thread.
 */
const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

export async function load(
  url: string,
  headers: Record<string, string> = {},
  /** How long and how wide: by default CONNECTIONS connections for SECONDS seconds. */
  shape = ['-c', String(CONNECTIONS), '-d', String(SECONDS)],
): Promise<autocannon.Result> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const child = spawn(process.execPath, [autocannonCli, '--json', ...shape, ...headerArgs, url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon exited with code ${code} for ${url}`);
  const result = JSON.parse(output) as autocannon.Result;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result;
}
