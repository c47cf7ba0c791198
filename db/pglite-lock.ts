/**
 * PGlite has no guard of its own against a second process opening the same data directory (two writers corrupt it),
 * so `<dataDir>.lock`, beside it, names the process that has it open: its pid, its start time (clock ticks since boot,
 * `/proc/<pid>/stat` field 22) and the boot id (`/proc/sys/kernel/random/boot_id`). A pid alone is not enough: a
 * restarted container gets the same pid again, and after a reboot the pid may be an unrelated daemon's. The lock file
 * is written whole to a temporary file and linked into place (an empty or half-written lock is never visible); a lock
 * whose process is gone (a crash, kill -9, a reboot) is taken over, one taker at a time through an exclusive
 * `<lock>.takeover` file; a lock that cannot be read or parsed counts as live (refused, naming the file to delete).
 * On a system without /proc (macOS) only the pid is recorded and checked (signal 0), with the pid-reuse risk above.
 * The lock guards the processes of one pid namespace: a data directory shared between containers is not supported.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ConfigError } from '#protocol/base-error';

/** Thrown when a PGlite data directory is open in another process (or already in this one). */
export class DatabaseInUseError extends ConfigError {
  override name = 'DatabaseInUseError';
}

/** Who holds a lock: pid, start time and boot id (null: not known, a system without /proc). */
type Owner = { pid: number; startTicks: string | null; bootId: string | null };

/** A takeover file older than this was left by a taker that died mid-takeover: it is removed. */
export const STALE_TAKEOVER_MS = 30_000;
/** How long to wait for another process's takeover before giving up (past STALE_TAKEOVER_MS: a dead taker's ends). */
const TAKEOVER_WAIT_MS = STALE_TAKEOVER_MS + 5_000;
const RETRY_MS = 20;

const HELD = Symbol.for('rackshare.pglite-locks');

/**
 * The lock files (real paths) this process holds: "already open in this process" is decided here, never by comparing
 * pids. Kept on globalThis so that a module loaded twice (a dev server's reload) shares it.
 */
const registry = globalThis as { [HELD]?: Set<string> };
registry[HELD] ??= new Set<string>();
const held = registry[HELD];

const hasProc = existsSync('/proc/self/stat');

/** Field 22 of `/proc/<pid>/stat` (start time, clock ticks since boot) and whether it is a zombie, or null if gone. */
function procStat(pid: number | 'self'): { startTicks: string; zombie: boolean } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may hold spaces or ')': the fields start after the last ')'.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const startTicks = fields[19];
  if (!startTicks || !/^\d+$/.test(startTicks)) return null;
  return { startTicks, zombie: fields[0] === 'Z' };
}

function readBootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** This process as a lock owner. */
function self(): Owner {
  if (!hasProc) return { pid: process.pid, startTicks: null, bootId: null };
  return { pid: process.pid, startTicks: procStat('self')?.startTicks ?? null, bootId: readBootId() };
}

const format = (owner: Owner) => `${JSON.stringify(owner)}\n`;

/** The owner a lock file names, or null when its text is not a lock this module wrote. */
export function parseLock(text: string): Owner | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const { pid, startTicks, bootId } = (value ?? {}) as Record<string, unknown>;
  if (!Number.isSafeInteger(pid) || (pid as number) <= 0) return null;
  if (startTicks !== null && !(typeof startTicks === 'string' && /^\d+$/.test(startTicks))) return null;
  if (bootId !== null && !(typeof bootId === 'string' && /^[0-9a-f-]{1,64}$/i.test(bootId))) return null;
  return { pid: pid as number, startTicks, bootId } as Owner;
}

/** Whether a process has `pid` (signal 0; EPERM: one of another user's). */
function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether `owner` still runs: same boot, its pid alive (not a zombie) and started when the lock says. */
function runs(owner: Owner, me: Owner): boolean {
  // Another boot: every process of the lock's boot is gone.
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return false;
  if (!pidExists(owner.pid)) return false;
  if (!hasProc) return true;
  const stat = procStat(owner.pid);
  // Unreadable while signal 0 reaches it (/proc mounted with hidepid): counted as live, unless it ended meanwhile.
  if (!stat) return pidExists(owner.pid);
  if (stat.zombie) return false;
  // Another process with the same pid (a restarted container, a reused pid): the lock's owner is gone.
  return owner.startTicks === null || owner.startTicks === stat.startTicks;
}

/** The lock file's text, or null when there is none (an error other than ENOENT is thrown). */
function readLock(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** `dataDir` with its symlinks resolved (the part that exists), so that every path to one directory shares one lock. */
function realDataDir(dataDir: string): string {
  if (existsSync(dataDir)) return realpathSync(dataDir);
  mkdirSync(dirname(dataDir), { recursive: true });
  return join(realpathSync(dirname(dataDir)), basename(dataDir));
}

/** Errors of the file system (permissions, a read-only disk) in the family, in one sentence. */
function fsError(action: string, path: string, error: unknown): ConfigError {
  if (error instanceof ConfigError) return error;
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return new ConfigError(
    `Cannot ${action} the PGlite lock file ${path} (${reason}); check that its folder is writable.`,
    {
      cause: error,
    },
  );
}

/**
 * Puts the lock (written whole to `temp`) into place; false when one exists. A file system without hard links (some
 * network or FUSE mounts) gets it written in place exclusively instead: a reader that finds it empty for that moment
 * counts it as live (refused), never as stale.
 */
function create(temp: string, path: string, text: string): boolean {
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw fsError('create', path, error);
  }
  try {
    writeFileSync(path, text, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw fsError('create', path, error);
  }
}

/**
 * Tries to become the taker of a stale lock: creates `<lock>.takeover` exclusively (removing one older than
 * STALE_TAKEOVER_MS, left by a taker that died). Returns false while another process is taking over.
 */
function enterTakeover(takeover: string): boolean {
  try {
    closeSync(openSync(takeover, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  try {
    if (Date.now() - statSync(takeover).mtimeMs > STALE_TAKEOVER_MS) unlinkSync(takeover);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return false;
}

/**
 * Takes the lock of `dataDir` (`<real dataDir>.lock`) for this process and returns its release, or throws
 * DatabaseInUseError naming the holder (ConfigError for a file-system failure).
 */
export async function lockDataDirectory(
  dataDir: string,
  options: {
    /**
     * Awaited each time a lock is found stale, before taking it over (for tests: it holds two takers at that point,
     * so that both judged the same lock stale before either takes it over).
     */
    whenStale?: () => Promise<void>;
  } = {},
): Promise<() => void> {
  let realDir: string;
  try {
    realDir = realDataDir(dataDir);
  } catch (error) {
    throw fsError('create', `${dataDir}.lock`, error);
  }
  const path = `${realDir}.lock`;
  if (held.has(path)) {
    throw new DatabaseInUseError(
      `The PGlite data directory ${dataDir} is already open in this process; close it first.`,
    );
  }
  const me = self();
  const text = format(me);
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const takeover = `${path}.takeover`;
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  try {
    writeFileSync(temp, text, { flag: 'wx' });
  } catch (error) {
    throw fsError('write', temp, error);
  }
  try {
    for (;;) {
      if (create(temp, path, text)) {
        held.add(path);
        break;
      }
      let seen: string | null;
      try {
        seen = readLock(path);
      } catch (error) {
        throw new DatabaseInUseError(
          `The PGlite data directory ${dataDir} has a lock file that cannot be read (${path}, ${(error as NodeJS.ErrnoException).code}): if no process has the directory open, delete that file.`,
          { cause: error },
        );
      }
      if (seen === null) continue; // Released meanwhile: link again.
      const owner = parseLock(seen);
      if (!owner) {
        throw new DatabaseInUseError(
          `The PGlite data directory ${dataDir} has a lock file that cannot be parsed (${path}): if no process has the directory open, delete that file.`,
        );
      }
      if (runs(owner, me)) {
        throw new DatabaseInUseError(
          owner.pid === me.pid
            ? `The PGlite data directory ${dataDir} is open in this process elsewhere (another thread or copy of the database module; its lock file ${path}); close it first.`
            : `The PGlite data directory ${dataDir} is open in process ${owner.pid} (its lock file ${path}): stop that process first, or use PostgreSQL (DATABASE_URL) to run several.`,
        );
      }
      // Left by a process that is gone: taken over, by one process at a time.
      await options.whenStale?.();
      let entered: boolean;
      try {
        entered = enterTakeover(takeover);
      } catch (error) {
        throw fsError('create', takeover, error);
      }
      if (!entered) {
        if (Date.now() > deadline) {
          throw new DatabaseInUseError(
            `The PGlite data directory ${dataDir} is being taken over by another process (${takeover} stays): if no process is starting on it, delete that file.`,
          );
        }
        await delay(RETRY_MS);
        continue;
      }
      try {
        // Read again under the takeover file: another taker may have replaced the stale lock meanwhile (then the
        // next round judges the new one); only the very lock judged stale is removed.
        if (readLock(path) === seen) unlinkSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw fsError('remove', path, error);
      } finally {
        try {
          unlinkSync(takeover);
        } catch {
          // Removed as stale by another process meanwhile.
        }
      }
    }
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // Already gone.
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.delete(path);
    try {
      // Only this process's own lock: one taken over wrongly meanwhile stays its new owner's.
      if (readLock(path) === text) unlinkSync(path);
    } catch {
      // Already gone.
    }
  };
}
