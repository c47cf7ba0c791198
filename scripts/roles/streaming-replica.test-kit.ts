/**
 * A real PostgreSQL streaming replica of the test server, for the multi-process test: `pg_basebackup -R -X stream`
 * into a scratch directory, then `pg_ctl start` on a port of its own. PostgreSQL refuses to run as root, so as root
 * (CI) the directory belongs to `postgres` and every server binary runs through `runuser -u postgres --`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The directory holding pg_basebackup, pg_ctl and postgres of `major` (Debian's layout), if installed. */
export function serverBinaries(major: number): string | undefined {
  const directory = `/usr/lib/postgresql/${major}/bin`;
  return ['pg_basebackup', 'pg_ctl', 'postgres'].every((name) => existsSync(join(directory, name)))
    ? directory
    : undefined;
}

/** The installed server versions (Debian's /usr/lib/postgresql/<major>), for the skip reason. */
export const installedMajors = () =>
  existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').join(', ') || 'none' : 'none';

/** The major version of the server behind `url`. */
export async function serverMajor(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version_num: string }>('show server_version_num');
    return Math.floor(Number(rows[0]!.server_version_num) / 10_000);
  } finally {
    await client.end();
  }
}

/**
 * Whether a streaming replica of the server behind `url` can be started here: the server binaries of its version, or
 * the reason it cannot (no URL, no binaries), which the callers print and skip on.
 */
export async function streamingReplicaSupport(
  url: string | undefined,
): Promise<{ binaries: string; skipReason?: undefined } | { binaries?: undefined; skipReason: string }> {
  if (!url) return { skipReason: 'TEST_DATABASE_URL is unset' };
  const major = await serverMajor(url);
  const binaries = serverBinaries(major);
  return binaries
    ? { binaries }
    : {
        skipReason: `the PostgreSQL ${major} server binaries (pg_basebackup, pg_ctl) are not installed (found: ${installedMajors()})`,
      };
}

export type StreamingReplica = {
  url: (database: string) => string;
  /** Stops the server as a crash would (`-m immediate`), keeping its data directory for `resume`. */
  halt: () => void;
  /** Starts the halted server again on the same port; it recovers and streams from the primary again. */
  resume: () => void;
  /** Stops the server and removes its data directory. */
  stop: () => Promise<void>;
};

/**
 * Clones the server of `primaryUrl` (its user must be allowed to replicate: a superuser, and `host replication` in
 * pg_hba.conf, as Debian's default has for 127.0.0.1) and starts the clone as a hot standby on `port`.
 */
export function startStreamingReplica(options: {
  primaryUrl: string;
  binaries: string;
  port: number;
}): StreamingReplica {
  const primary = new URL(options.primaryUrl);
  const asRoot = process.getuid?.() === 0;
  const run = (binary: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(options.binaries, binary),
      asRoot ? ['-u', 'postgres', '--', join(options.binaries, binary), ...args] : args,
      {
        env: { ...process.env, PGPASSWORD: decodeURIComponent(primary.password) },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 180_000,
      },
    );
  const root = mkdtempSync(join(tmpdir(), 'rackshare-replica-'));
  const data = join(root, 'data');
  const log = join(root, 'server.log');
  let running = false;
  try {
    if (asRoot) execFileSync('chown', ['postgres:', root]);
    clone();
  } catch (error) {
    const text = existsSync(log) ? readFileSync(log, 'utf8').slice(-4_000) : '';
    rmSync(root, { recursive: true, force: true });
    throw new Error(`The streaming replica did not start: ${(error as Error).message}\n${text}`);
  }
  function clone() {
    run('pg_basebackup', [
      ...['-h', primary.hostname, '-p', primary.port || '5432', '-U', decodeURIComponent(primary.username)],
      ...['-D', data, '-R', '-X', 'stream', '-c', 'fast'],
    ]);
    // Debian keeps postgresql.conf and pg_hba.conf in /etc, so the copy has none: the standby gets minimal ones.
    const config = (name: string, text: string) => {
      writeFileSync(join(data, name), text);
      if (asRoot) execFileSync('chown', ['postgres:', join(data, name)]);
    };
    config('postgresql.conf', 'hot_standby = on\n');
    config('pg_hba.conf', 'host all all 127.0.0.1/32 scram-sha-256\n');
    config('pg_ident.conf', '');
    start();
  }
  function start() {
    const serverOptions = `-p ${options.port} -c listen_addresses=127.0.0.1 -k ${root}`;
    run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', log, '-w', '-t', '120', 'start']);
    running = true;
  }
  return {
    url: (database) => {
      const url = new URL(options.primaryUrl);
      url.port = String(options.port);
      url.pathname = `/${database}`;
      return url.toString();
    },
    halt: () => {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      running = false;
    },
    resume: start,
    stop: async () => {
      try {
        if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
