/**
 * The PGlite data directory's lock file (db/database.ts lockDataDirectory): one process at a time, a second open
 * refused in one sentence naming the holder, a lock left by a process that is gone taken over, released on close.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DatabaseInUseError, openDatabase } from './database';

const root = mkdtempSync(join(tmpdir(), 'rackshare-pglite-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A child process (its own group) that opens `dataDir` and says so on stdout, then holds it until killed. */
function holder(dataDir: string) {
  const code = `import { openDatabase } from '#db'; openDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(dataDir)} }).then(() => { console.log('open'); setInterval(() => {}, 1000); });`;
  // Its own process group: npx runs node below it, and the kill must reach that one.
  const child = spawn('npx', ['tsx', '--eval', code], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const opened = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes('open')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.once('exit', (code) => reject(new Error(`the holder exited (${code}): ${output}`)));
  });
  return { child, opened };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve()),
  );

describe('the PGlite data directory lock', () => {
  it('refuses a second open in the same process and releases the lock on close', async () => {
    const dataDir = join(root, 'same', 'pglite');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    expect(readFileSync(`${dataDir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    const second = openDatabase({ kind: 'pglite', dataDir });
    await expect(second).rejects.toBeInstanceOf(DatabaseInUseError);
    await expect(second).rejects.toThrow(`The PGlite data directory ${dataDir} is already open in this process`);
    await first.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
    const again = await openDatabase({ kind: 'pglite', dataDir });
    await again.close();
  }, 60_000);

  it('refuses the directory another process has open, naming it, and takes over once that process is gone', async () => {
    const dataDir = join(root, 'other', 'pglite');
    const { child, opened } = holder(dataDir);
    try {
      await opened;
      const attempt = openDatabase({ kind: 'pglite', dataDir });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseInUseError);
      await expect(attempt).rejects.toThrow(
        `The PGlite data directory ${dataDir} is open in process ${readFileSync(`${dataDir}.lock`, 'utf8').trim()} (its lock file ${dataDir}.lock)`,
      );
    } finally {
      process.kill(-child.pid!, 'SIGKILL');
      await exited(child);
    }
    // Killed: its lock file stays, naming a process that is gone, and the next open takes it over.
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    // (Polled: the killed node process is gone only once its new parent reaped it.)
    let handle: Awaited<ReturnType<typeof openDatabase>> | undefined;
    await expect
      .poll(
        async () => {
          handle ??= await openDatabase({ kind: 'pglite', dataDir }).catch(() => undefined);
          return handle !== undefined;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    if (!handle) throw new Error('unreachable');
    expect(readFileSync(`${dataDir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await handle.close();
  }, 120_000);

  it('takes over a lock file left by a pid that no longer runs', async () => {
    const dataDir = join(root, 'stale', 'pglite');
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    await handle.close();
    // A pid far above any pid_max: no process has it.
    writeFileSync(`${dataDir}.lock`, '2147483646\n');
    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    expect(readFileSync(`${dataDir}.lock`, 'utf8').trim()).toBe(String(process.pid));
    await reopened.close();
  }, 60_000);
});
