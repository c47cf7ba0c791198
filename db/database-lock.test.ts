/**
 * The PGlite data directory's lock file (db/pglite-lock.ts): one process at a time, a second open refused in one
 * sentence naming the holder, a lock left by a process that is gone (a dead pid, a reused pid, another boot) taken
 * over by exactly one taker, a garbled lock refused, symlinked paths sharing one lock, released on close.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '#protocol/base-error';
import { DatabaseInUseError, openDatabase } from './database';
import { lockDataDirectory, parseLock } from './pglite-lock';

const root = mkdtempSync(join(tmpdir(), 'rackshare-pglite-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const repository = fileURLToPath(new URL('..', import.meta.url));
const tsx = join(repository, 'node_modules', '.bin', 'tsx');
const linux = existsSync('/proc/self/stat');

/** The pid a lock file names. */
const lockPid = (dataDir: string) => parseLock(readFileSync(`${dataDir}.lock`, 'utf8'))?.pid;
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
/** A lock naming a pid far above any pid_max: no process has it. */
const deadLock = `${JSON.stringify({ pid: 2147483646, startTicks: '1', bootId: null })}\n`;

/**
 * A child process (its own group: tsx runs node below it, and the kill must reach that one) running `code`, its
 * stdout collected; `said(word)` resolves once it printed `word`.
 */
function child(code: string) {
  const process = spawn(tsx, ['--eval', code], { cwd: repository, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let output = '';
  const waiters: (() => void)[] = [];
  const collect = (chunk: Buffer) => {
    output += chunk;
    for (const wake of waiters) wake();
  };
  process.stdout.on('data', collect);
  process.stderr.on('data', collect);
  const said = (word: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        if (output.includes(word)) resolve(output);
      };
      waiters.push(check);
      check();
      process.once('exit', (exitCode) => reject(new Error(`the child exited (${exitCode}): ${output}`)));
    });
  const output$ = () => output;
  return { process, said, output: output$ };
}

const exited = (process: ChildProcess) =>
  new Promise<void>((resolve) =>
    process.exitCode !== null || process.signalCode ? resolve() : process.once('exit', () => resolve()),
  );

async function kill(process: ChildProcess) {
  try {
    globalThis.process.kill(-process.pid!, 'SIGKILL');
  } catch {
    // Gone already.
  }
  await exited(process);
}

describe('the PGlite data directory lock', () => {
  it('refuses a second open in the same process and releases the lock on close', async () => {
    const dataDir = join(root, 'same', 'pglite');
    const first = await openDatabase({ kind: 'pglite', dataDir });
    expect(lockPid(dataDir)).toBe(process.pid);
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
    const holder = child(
      `import { openDatabase } from '#db'; openDatabase({ kind: 'pglite', dataDir: ${JSON.stringify(dataDir)} }).then(() => { console.log('open'); setInterval(() => {}, 1000); });`,
    );
    try {
      await holder.said('open');
      const attempt = openDatabase({ kind: 'pglite', dataDir });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseInUseError);
      await expect(attempt).rejects.toThrow(
        `The PGlite data directory ${dataDir} is open in process ${lockPid(dataDir)} (its lock file ${dataDir}.lock)`,
      );
      expect(lockPid(dataDir)).not.toBe(process.pid);
    } finally {
      await kill(holder.process);
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
    expect(lockPid(dataDir)).toBe(process.pid);
    await handle.close();
  }, 120_000);

  it('takes over a lock file left by a pid that no longer runs', async () => {
    const dataDir = join(root, 'stale', 'pglite');
    mkdirSync(join(root, 'stale'));
    writeFileSync(`${dataDir}.lock`, deadLock);
    const release = await lockDataDirectory(dataDir);
    expect(lockPid(dataDir)).toBe(process.pid);
    release();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it.runIf(linux)(
    'takes over a lock naming this very pid started at another time (a restarted container)',
    async () => {
      const dataDir = join(root, 'reused', 'pglite');
      mkdirSync(join(root, 'reused'));
      // This process's pid and boot, but another start time: the process that wrote it is gone.
      writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: process.pid, startTicks: '1', bootId: bootId() }));
      const release = await lockDataDirectory(dataDir);
      const lock = parseLock(readFileSync(`${dataDir}.lock`, 'utf8'));
      expect(lock?.pid).toBe(process.pid);
      expect(lock?.startTicks).not.toBe('1');
      expect(lock?.bootId).toBe(bootId());
      release();
    },
  );

  it.runIf(linux)('takes over a lock naming a live pid of another boot (after a reboot)', async () => {
    const dataDir = join(root, 'reboot', 'pglite');
    mkdirSync(join(root, 'reboot'));
    // Pid 1 runs, but the lock is from another boot.
    const otherBoot =
      bootId() === '00000000-0000-0000-0000-000000000000'
        ? '11111111-1111-1111-1111-111111111111'
        : '00000000-0000-0000-0000-000000000000';
    writeFileSync(`${dataDir}.lock`, JSON.stringify({ pid: 1, startTicks: '1', bootId: otherBoot }));
    const release = await lockDataDirectory(dataDir);
    expect(lockPid(dataDir)).toBe(process.pid);
    release();
  });

  it('refuses a lock file it cannot parse (an empty or garbled one), naming the file to delete', async () => {
    const dataDir = join(root, 'garbled', 'pglite');
    mkdirSync(join(root, 'garbled'));
    // Garbage, an empty file, the pid-only format of earlier releases.
    for (const text of ['garbage\n', '', '12345\n']) {
      writeFileSync(`${dataDir}.lock`, text);
      const attempt = lockDataDirectory(dataDir);
      await expect(attempt).rejects.toBeInstanceOf(DatabaseInUseError);
      await expect(attempt).rejects.toThrow(
        `The PGlite data directory ${dataDir} has a lock file that cannot be parsed (${dataDir}.lock): if no process has the directory open, delete that file.`,
      );
      expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(text);
    }
  });

  it('removes a takeover file left by a taker that died (older than 30 s)', async () => {
    const dataDir = join(root, 'takeover', 'pglite');
    mkdirSync(join(root, 'takeover'));
    writeFileSync(`${dataDir}.lock`, deadLock);
    writeFileSync(`${dataDir}.lock.takeover`, '');
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(`${dataDir}.lock.takeover`, minuteAgo, minuteAgo);
    const release = await lockDataDirectory(dataDir);
    expect(lockPid(dataDir)).toBe(process.pid);
    expect(existsSync(`${dataDir}.lock.takeover`)).toBe(false);
    release();
  });

  it('waits while another process takes the stale lock over, then judges the lock again', async () => {
    const dataDir = join(root, 'waiting', 'pglite');
    mkdirSync(join(root, 'waiting'));
    writeFileSync(`${dataDir}.lock`, deadLock);
    // A fresh takeover file: another taker at work. Removed once this one came round to the stale lock a second time.
    writeFileSync(`${dataDir}.lock.takeover`, '');
    let rounds = 0;
    const whenStale = async () => {
      if (++rounds === 2) rmSync(`${dataDir}.lock.takeover`);
    };
    const release = await lockDataDirectory(dataDir, { whenStale });
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(lockPid(dataDir)).toBe(process.pid);
    release();
  });

  it('reports a data directory it cannot create a lock for in one sentence (ConfigError), not a raw errno error', async () => {
    const file = join(root, 'a-file');
    writeFileSync(file, '');
    const attempt = lockDataDirectory(join(file, 'pglite'));
    await expect(attempt).rejects.toBeInstanceOf(ConfigError);
    await expect(attempt).rejects.toThrow(`Cannot create the PGlite lock file ${join(file, 'pglite')}.lock (`);
  });

  it('refuses a symlinked path to a data directory held under its real path', async () => {
    const realParent = join(root, 'real');
    const dataDir = join(realParent, 'pglite');
    mkdirSync(dataDir, { recursive: true });
    // A link to the data directory itself, and one to its parent folder.
    symlinkSync(dataDir, join(root, 'alias'));
    symlinkSync(realParent, join(root, 'parent-alias'));
    const release = await lockDataDirectory(dataDir);
    try {
      for (const alias of [join(root, 'alias'), join(root, 'parent-alias', 'pglite')]) {
        const attempt = openDatabase({ kind: 'pglite', dataDir: alias });
        await expect(attempt).rejects.toBeInstanceOf(DatabaseInUseError);
        await expect(attempt).rejects.toThrow(`The PGlite data directory ${alias} is already open in this process`);
      }
    } finally {
      release();
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it('lets exactly one of two processes take over one stale lock at the same moment (several rounds at once)', async () => {
    const rounds = [0, 1, 2].map((round) => {
      const dataDir = join(root, `race-${round}`, 'pglite');
      mkdirSync(join(root, `race-${round}`));
      writeFileSync(`${dataDir}.lock`, deadLock);
      // Each finds the lock stale, says so and waits for a line on stdin before taking it over (both have judged the
      // same lock stale then), and holds the lock if it gets it (the loser must find the winner alive).
      const code = `import { lockDataDirectory } from '#db/pglite-lock'; let first = true; const whenStale = () => { if (!first) return Promise.resolve(); first = false; console.log('stale'); return new Promise((resolve) => process.stdin.once('data', () => resolve())); }; lockDataDirectory(${JSON.stringify(dataDir)}, { whenStale }).then(() => console.log('won'), (error) => console.log('refused:' + error.name)); setInterval(() => {}, 1000);`;
      return { dataDir, takers: [child(code), child(code)] };
    });
    const takers = rounds.flatMap((round) => round.takers);
    try {
      await Promise.all(takers.map((taker) => taker.said('stale')));
      for (const taker of takers) taker.process.stdin!.write('go\n');
      await Promise.all(takers.map((taker) => Promise.race([taker.said('won'), taker.said('refused:')])));
      for (const { dataDir, takers: pair } of rounds) {
        const outcomes = pair.map((taker) => taker.output());
        expect(outcomes.filter((output) => output.includes('won'))).toHaveLength(1);
        expect(outcomes.filter((output) => output.includes('refused:DatabaseInUseError'))).toHaveLength(1);
        // The lock names the winner (a live process), no longer the dead pid.
        expect(lockPid(dataDir)).not.toBe(2147483646);
      }
    } finally {
      await Promise.all(takers.map((taker) => kill(taker.process)));
    }
  }, 120_000);
});
