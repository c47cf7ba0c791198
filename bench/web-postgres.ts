/**
 * The web benchmark's PostgreSQL part (bench/web.ts, issue 17), run when BENCH_DATABASE_URL or TEST_DATABASE_URL
 * names a PostgreSQL server: the same data set seeded into a fresh `rackshare_bench` database on it, then real
 * `--role web` processes (`node --import tsx scripts/start.ts --role web`, as deployed) against it and the bench's
 * anvil, with the deployment record the bench writes. It prints the full-render `GET /clusters` rate of one web process,
 * then of two (two autocannon processes in parallel, one per port, CONNECTIONS split between them, summed), and
 * `GET /api/v1/clusters` of one web process reading from a replica against the same process reading the primary. The
 * replica is a real hot standby of the server (`pg_basebackup -R -X stream`, scripts/roles/streaming-replica.test-kit.ts,
 * as the multi-process test) on the same machine, passed as DATABASE_READ_URLS once it has replayed the seed: it shows
 * the read path's cost, not a second machine's capacity. Without the server binaries of the server's version that line
 * says it was skipped. The web's replica probe must keep it in rotation (a replica it takes out would measure the
 * primary): the bench reads the probe's gauge and refuses to print a figure otherwise.
 *
 * Every measured request carries a session cookie by the sign-in cookie's name (a made-up value: it signs nobody in),
 * which the shared cache never answers from nor stores (scripts/stack/shared-cache.ts): each request is rendered, as
 * with the in-process server's shared cache off. Ports: BENCH_PORT + 1 and + 2 (4351, 4352), the web's status port
 * BENCH_PORT + 3, the standby BENCH_PORT + 4.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import pg from 'pg';
import { writeDeployment } from '#contracts/deployments';
import { UnavailableError } from '#protocol/base-error';
import { SESSION_COOKIE_NAMES } from '../app/lib/session-cookie-names';
import { migrateDatabase, openDatabase } from '../db/database';
import type { TestChain } from '../db/fixtures.test-kit';
import {
  type StreamingReplica,
  startStreamingReplica,
  streamingReplicaSupport,
} from '../scripts/roles/streaming-replica.test-kit';
import { CONNECTIONS, load, SECONDS } from './web-load';
import { seed } from './web-seed';

const PRIMARY = 'rackshare_bench';
/** Forces a full render per request (see the header); `__rackshare_siwe` is the cookie's name over plain http. */
const FULL_RENDER = { cookie: `${SESSION_COOKIE_NAMES[0]}=bench-not-signed-in` };

function databaseUrl(serverUrl: string, name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(serverUrl: string, statements: string[]) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // Identifiers cannot be bound as parameters; the names are the fixed constants above.
    for (const statement of statements) await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** Waits until the standby at `standbyUrl` has replayed everything the primary had written when this was called. */
async function caughtUp(primaryUrl: string, standbyUrl: string) {
  const primary = new pg.Client({ connectionString: primaryUrl });
  await primary.connect();
  const { rows } = await primary
    .query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')
    .finally(() => primary.end());
  const standby = new pg.Client({ connectionString: standbyUrl });
  await standby.connect();
  try {
    for (let attempt = 0; attempt < 600; attempt++) {
      const replayed = await standby.query<{ done: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as done', [
        rows[0]!.lsn,
      ]);
      if (replayed.rows[0]?.done) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new UnavailableError('the standby did not replay the seed within a minute');
  } finally {
    await standby.end();
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

type WebProcess = { url: string; child: ChildProcess; stop: () => Promise<void> };

/** One `--role web` process, answered once `GET /clusters` renders (the app build and migrations are done by then). */
async function startWebProcess(port: number, env: Record<string, string>): Promise<WebProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--role', 'web'], {
    env: { ...process.env, STATUS_PORT: '0', ...env, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new UnavailableError(`web process on port ${port} exited: ${errors}`);
    const ready = await fetch(`${url}/clusters`, { headers: FULL_RENDER }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.ok;
      },
      () => false,
    );
    if (ready) return { url, child, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new UnavailableError(`web process on port ${port} did not answer in 120 s: ${errors}`);
}

/** autocannon against each process at once (the connections split between them), with each server's CPU per answer. */
async function loadAll(webs: WebProcess[], path: string) {
  const connections = Math.max(1, Math.floor(CONNECTIONS / webs.length));
  // Two seconds of the same load first: a process just started (or a replica just copied) is cold.
  await Promise.all(webs.map((web) => load(`${web.url}${path}`, FULL_RENDER, ['-c', String(connections), '-d', '2'])));
  const cpuBefore = webs.map((web) => cpuSeconds(web.child.pid));
  const results: autocannon.Result[] = await Promise.all(
    webs.map((web) => load(`${web.url}${path}`, FULL_RENDER, ['-c', String(connections), '-d', String(SECONDS)])),
  );
  const cpuAfter = webs.map((web) => cpuSeconds(web.child.pid));
  const requests = results.reduce((sum, result) => sum + result.requests.average, 0);
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  const cpu = [...cpuBefore, ...cpuAfter].every((value) => value !== undefined)
    ? cpuAfter.reduce<number>((sum, after, index) => sum + after! - cpuBefore[index]!, 0)
    : undefined;
  const cpuNote = cpu === undefined ? '' : `, ${((cpu * 1000) / Math.max(1, total)).toFixed(2)} ms CPU per request`;
  const p99 = Math.max(...results.map((result) => result.latency.p99));
  return { requests, note: `p99 ${p99} ms at ${connections * webs.length} connections${cpuNote}` };
}

/** Seeds PostgreSQL, runs the web processes and prints the lines described in the header. */
export async function benchPostgres(serverUrl: string, chain: TestChain, basePort: number) {
  await onServer(serverUrl, [`drop database if exists ${PRIMARY} with (force)`, `create database ${PRIMARY}`]);
  const primaryUrl = databaseUrl(serverUrl, PRIMARY);
  const deployments = mkdtempSync(join(tmpdir(), 'rackshare-bench-'));
  const webs: WebProcess[] = [];
  let standby: StreamingReplica | undefined;
  try {
    const database = await openDatabase({ kind: 'postgres', url: primaryUrl });
    try {
      await migrateDatabase(database);
      const seeding = performance.now();
      await seed(database.db);
      console.log(`seed (PostgreSQL ${PRIMARY}): ${Math.round(performance.now() - seeding)} ms`);
    } finally {
      await database.close();
    }
    writeDeployment(chain.deployment, deployments);
    // The bench's anvil as the local chain (ANVIL_PORT, as the roles test): RPC_URL would make it a production start,
    // which needs the production settings (PUBLIC_ORIGIN, the oracle committee, PUBLIC_RPC_URL) for nothing measured.
    const env = (port: number) => ({
      DATABASE_URL: primaryUrl,
      ANVIL_PORT: new URL(chain.rpcUrl).port,
      PUBLIC_ORIGIN: `http://127.0.0.1:${port}`,
      SESSION_SECRET: 'bench-session-secret-of-at-least-32-characters',
      DEPLOYMENTS_DIR: deployments,
      DATABASE_READ_URLS: '',
      DEMO: 'off',
    });
    const [first, second] = [basePort + 1, basePort + 2];
    webs.push(await startWebProcess(first, env(first)));
    const one = await loadAll(webs, '/clusters');
    console.log(
      `GET /clusters full render, 1 web process (PostgreSQL): ${Math.round(one.requests)} req/s (${one.note})`,
    );
    webs.push(await startWebProcess(second, env(second)));
    const two = await loadAll(webs, '/clusters');
    console.log(
      `GET /clusters full render, 2 web processes (PostgreSQL): ${Math.round(two.requests)} req/s (${(two.requests / one.requests).toFixed(2)} x one process; ${two.note}; same machine, the load generators included)`,
    );
    const primary = await loadAll([webs[0]!], '/api/v1/clusters');
    for (const web of webs.splice(0)) await web.stop();
    const { binaries, skipReason } = await streamingReplicaSupport(serverUrl);
    if (!binaries) {
      console.log(`GET /api/v1/clusters from a read replica: skipped (${skipReason})`);
      return;
    }
    standby = startStreamingReplica({ primaryUrl: serverUrl, binaries, port: basePort + 4 });
    await caughtUp(serverUrl, standby.url('postgres'));
    const status = basePort + 3;
    webs.push(
      await startWebProcess(first, {
        ...env(first),
        DATABASE_READ_URLS: standby.url(PRIMARY),
        STATUS_PORT: String(status),
      }),
    );
    const replica = await loadAll(webs, '/api/v1/clusters');
    // The figure is the replica's only if the web's probe kept it in rotation all along (else it read the primary).
    const metrics = await (await fetch(`http://127.0.0.1:${status}/metrics`)).text();
    if (!/^rackshare_web_replica_in_rotation\{replica="0"\} 1$/m.test(metrics)) {
      throw new UnavailableError(
        `the web took the standby out of rotation; its gauges:\n${metrics.match(/^rackshare_web_replica.*$/gm)?.join('\n')}`,
      );
    }
    console.log(
      `GET /api/v1/clusters from a read replica: ${Math.round(replica.requests)} req/s (${(replica.requests / primary.requests).toFixed(2)} x primary at ${Math.round(primary.requests)} req/s, ${primary.note}; replica ${replica.note}; a streaming hot standby on the same machine)`,
    );
  } finally {
    for (const web of webs) await web.stop();
    rmSync(deployments, { recursive: true, force: true });
    await standby?.stop();
    await onServer(serverUrl, [`drop database if exists ${PRIMARY} with (force)`]);
  }
}
