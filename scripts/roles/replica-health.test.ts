/**
 * A web process and a real streaming replica (`pg_basebackup`) that lags and goes down: the web's replica monitor
 * (db/replicas.ts) takes the replica out of the reads' rotation and puts it back, /health stays 200 and names it,
 * /metrics shows it, and the pages keep answering from the primary meanwhile; a web started while the replica is down
 * starts all the same. Also: WEB_MIGRATE=off refuses a database whose schema is behind. PostgreSQL only: skipped
 * without TEST_DATABASE_URL or without the server binaries (pg_basebackup, pg_ctl) of the server's version.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, openDatabase } from '#db';
import { startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { testPort } from '../../devnet/ports';
import { exited, json, type Role, metric as readMetric, running, startRole } from '../../devnet/processes';
import { appBuildIsStale, buildApp } from '../stack/web';
import { type StreamingReplica, startStreamingReplica, streamingReplicaSupport } from './streaming-replica.test-kit';

const postgresUrl = process.env.TEST_DATABASE_URL;
const { binaries, skipReason } = await streamingReplicaSupport(postgresUrl);
if (skipReason) console.warn(`replica health test skipped: ${skipReason}`);

/** The test's databases on the primary: the web's (cloned by the replica) and an empty one WEB_MIGRATE=off refuses. */
const offset = process.env.TEST_PORT_OFFSET ?? '';
const DATABASE = `rackshare_replica_health_test${offset}`;
const EMPTY_DATABASE = `rackshare_replica_health_empty${offset}`;
const CHAIN = 31_337;
const port = {
  anvil: testPort(8881),
  replica: testPort(8882),
  webs: [testPort(8883), testPort(8885)],
  statuses: [testPort(8884), testPort(8886)],
};
const poll = { timeout: 60_000, interval: 200 };

const databaseUrl = (name: string) => {
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return url.toString();
};

async function sql<Row>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** The mirror's cursor moved to `block` on the primary, as an indexer's batch would. */
const indexBlock = (url: string, block: number) =>
  sql(
    url,
    'insert into mirror.indexed_blocks (chain_id, number, hash, parent_hash, timestamp) values ($1, $2, $3, null, now())',
    [CHAIN, block, `0x${block.toString(16).padStart(64, '0')}`],
  );

describe.skipIf(skipReason !== undefined)('a web process whose streaming replica lags and goes down', () => {
  let chain: TestChain | undefined;
  let replica: StreamingReplica | undefined;
  const roles: Role[] = [];
  const primaryUrl = databaseUrl(DATABASE);

  beforeAll(async () => {
    if (appBuildIsStale()) buildApp();
    for (const name of [DATABASE, EMPTY_DATABASE]) {
      await sql(postgresUrl!, `drop database if exists ${name} with (force)`);
      await sql(postgresUrl!, `create database ${name}`);
    }
    // Migrated, with the cursor at block 5, before the base backup: the replica starts as a copy of it.
    const primary = await openDatabase({ kind: 'postgres', url: primaryUrl });
    await migrateDatabase(primary);
    await primary.close();
    await indexBlock(primaryUrl, 5);
    chain = await startTestChain(port.anvil);
    replica = startStreamingReplica({ primaryUrl: postgresUrl!, binaries: binaries!, port: port.replica });
  }, 300_000);

  afterAll(async () => {
    for (const role of roles) if (running(role.child)) role.child.kill('SIGKILL');
    await Promise.all(roles.map((role) => exited(role.child)));
    await chain?.stop();
    await replica?.stop();
    for (const name of [DATABASE, EMPTY_DATABASE])
      await sql(postgresUrl!, `drop database if exists ${name} with (force)`);
  }, 120_000);

  it('takes the replica out while it lags or is down, keeps serving from the primary, and puts it back', {
    timeout: 300_000,
  }, async () => {
    const replicaUrl = replica!.url(DATABASE);
    const startWeb = (index: number, env: Record<string, string>) => {
      const role = startRole('web', {
        ANVIL_PORT: String(port.anvil),
        DEPLOYMENTS_DIR: chain!.deploymentDirectory,
        SESSION_SECRET: 's'.repeat(40),
        PUBLIC_ORIGIN: `http://127.0.0.1:${port.webs[index]}`,
        PORT: String(port.webs[index]),
        STATUS_PORT: String(port.statuses[index]),
        ...env,
      });
      roles.push(role);
      return role;
    };
    const web = startWeb(0, {
      DATABASE_URL: primaryUrl,
      DATABASE_READ_URLS: replicaUrl,
      DATABASE_REPLICA_PROBE_MS: '250',
      DATABASE_REPLICA_MAX_LAG_BLOCKS: '2',
    });
    // A web that may not migrate, on a database no migration has touched: it refuses with one sentence.
    const refused = startWeb(1, { DATABASE_URL: databaseUrl(EMPTY_DATABASE), WEB_MIGRATE: 'off' });

    const health = (index = 0) => json(`http://127.0.0.1:${port.statuses[index]}/health`);
    const metric = (name: string) =>
      readMetric(`http://127.0.0.1:${port.statuses[0]}/metrics`, `rackshare_web_replica_${name}`, { replica: '0' });
    // The block the status page says the mirror is at, rendered afresh (a session cookie skips the shared cache).
    const pageBlock = async () => {
      const response = await fetch(`http://127.0.0.1:${port.webs[0]}/status`, {
        headers: { cookie: '__rackshare_siwe=none' },
      }).catch(() => undefined);
      if (response?.status !== 200) return response?.status ?? 'down';
      return /data-testid="indexed-block">(\d+)</.exec(await response.text())?.[1];
    };
    // Replay paused for good before the primary moves on: a pause request takes effect at the next WAL record, which
    // the primary writes here (no other suite's writes are needed).
    const pauseReplay = async () => {
      await sql(replicaUrl, 'select pg_wal_replay_pause()');
      await sql(primaryUrl, "select pg_logical_emit_message(false, 'rackshare', 'pause')");
      await expect
        .poll(
          async () =>
            (await sql<{ state: string }>(replicaUrl, 'select pg_get_wal_replay_pause_state() as state'))[0]?.state,
          poll,
        )
        .toBe('paused');
    };
    const api = async () => (await fetch(`http://127.0.0.1:${port.webs[0]}/api/v1/clusters`)).status;
    const serving = { status: 200, body: { ok: true, role: 'web', status: 'serving' } };
    const out = (reason: string) => ({
      status: 200,
      body: { ok: true, role: 'web', status: 'degraded', replicasOut: [{ replica: 0, reason }] },
    });

    expect(await exited(refused.child), refused.output()).toBe(1);
    expect(refused.output()).toMatch(
      /The database is \d+ migrations behind this version and WEB_MIGRATE=off: start this version's indexer \(it migrates even in standby\) or run with WEB_MIGRATE=auto once\./,
    );

    await expect.poll(() => health(), poll).toEqual(serving);
    await expect.poll(() => metric('up'), poll).toBe(1);
    await expect.poll(() => metric('lag_blocks'), poll).toBe(0);
    await expect.poll(pageBlock, poll).toBe('5');

    // Replay paused: one block behind is within the bound (2), but its replay no longer reaches the primary's WAL
    // position: out as stalled (a paused replica on a quiet chain would otherwise read lag 0 for ever).
    await pauseReplay();
    await indexBlock(primaryUrl, 6);
    await expect.poll(() => health(), poll).toEqual(out('stalled'));
    await expect.poll(() => metric('lag_blocks'), poll).toBe(1);
    expect(await metric('in_rotation')).toBe(0);
    expect(await pageBlock(), 'read from the primary').toBe('6');
    // Three more blocks: 4 behind, still out; the pages read the primary.
    for (const block of [7, 8, 9]) await indexBlock(primaryUrl, block);
    await expect.poll(() => metric('lag_blocks'), poll).toBe(4);
    expect(await health()).toEqual(out('stalled'));
    expect(await metric('up')).toBe(1);
    expect(await pageBlock(), 'read from the primary').toBe('9');
    // Replay resumed: caught up, back in rotation (two good probes).
    await sql(replicaUrl, 'select pg_wal_replay_resume()');
    await expect.poll(() => health(), poll).toEqual(serving);
    await expect.poll(() => metric('lag_blocks'), poll).toBe(0);

    // The replica's server stopped: /health stays 200 and names it, the pages and the API answer from the primary.
    replica!.halt();
    await expect.poll(() => health(), poll).toEqual(out('down'));
    expect(await metric('up')).toBe(0);
    expect(await metric('in_rotation')).toBe(0);
    expect(await metric('lag_blocks'), 'no lag is known while down').toBeUndefined();
    await indexBlock(primaryUrl, 10);
    expect(await pageBlock()).toBe('10');
    expect(await api()).toBe(200);
    // A web started meanwhile starts all the same, the replica out until it answers.
    const late = startWeb(1, {
      DATABASE_URL: primaryUrl,
      DATABASE_READ_URLS: replicaUrl,
      DATABASE_REPLICA_PROBE_MS: '250',
    });
    await expect.poll(() => health(1), poll).toEqual(out('down'));

    // Started again: it replays what it missed and is back in rotation.
    replica!.resume();
    await expect.poll(() => health(), poll).toEqual(serving);
    expect(await metric('up')).toBe(1);
    await expect.poll(() => metric('lag_blocks'), poll).toBe(0);
    await expect.poll(() => health(1), poll).toEqual(serving);
    expect(await metric('in_rotation')).toBe(1);

    for (const role of [web, late]) role.child.kill('SIGTERM');
    for (const role of [web, late]) expect(await exited(role.child), role.output()).toBe(0);
  });
});
