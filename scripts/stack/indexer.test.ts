/**
 * Role `all`'s indexer step on PostgreSQL losing its lock (its lock session killed while another session waits for
 * the lock): `/health` turns 503 `lock lost`, `/metrics` says it holds no lock and lost it once, and once the lock is
 * free again it stands by, takes it back and indexes what happened meanwhile, ending equal to a clean re-index.
 * On PGlite (no lock to lose) it just indexes and reports it; the PostgreSQL case is skipped without TEST_DATABASE_URL.
 */

import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { parseIndexerEnv } from '#config/indexer';
import type { StackEnv } from '#config/stack';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '#db';
import { createScratchDatabase, testDatabases } from '#db/databases.test-kit';
import { dumpMirror } from '#db/dump';
import { catchUpMirror, runScenario, startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { advisoryLockRows, indexerLockKey } from '#db/indexer/lock';
import { devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { json, metric } from '../../devnet/processes';
import { startIndexer } from './indexer';

const postgresUrl = process.env.TEST_DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The rows of pg_locks for the indexer lock of chain 31337 (`granted` or waiting). */
const LOCK_ROWS = `from pg_locks where ${advisoryLockRows(indexerLockKey(31_337))}`;

/** Role all's indexer step (as `npm start` runs it) on `database`, stopped after the test. */
async function startRoleAllIndexer(testChain: TestChain, database: DatabaseHandle) {
  const env = {
    indexer: parseIndexerEnv(
      {
        INDEXER_CONFIRMATIONS: '0',
        INDEXER_POLL_INTERVAL_MS: '100',
        INDEXER_METRICS_PORT: String(testPort(8888)),
        INDEXER_LOCK_POLL_MS: '200',
      },
      { localChain: true },
    ),
  } as StackEnv;
  const stops: (() => Promise<void>)[] = [];
  const controller = new AbortController();
  cleanups.push(async () => {
    controller.abort();
    for (const stop of stops.reverse()) await stop();
  });
  return startIndexer(
    env,
    { chainId: 31_337, publicClient: testChain.publicClient },
    testChain.deployment,
    database,
    pino({ level: 'silent' }),
    controller.signal,
    (stop) => stops.push(stop),
  );
}

/** The test chain with the scenario, stopped after everything started on it. */
async function scenarioChain() {
  const testChain = await startTestChain(testPort(8887));
  cleanups.push(() => testChain.stop());
  await runScenario(testChain);
  return testChain;
}

describe("role all's indexer on PGlite", () => {
  it('indexes without a lock and reports it on /health and /metrics', { timeout: 120_000 }, async () => {
    const chain = await scenarioChain();
    const database = await testDatabases[0]!.open();
    cleanups.push(() => database.close());
    const statusUrl = await startRoleAllIndexer(chain, database);
    const poll = { timeout: 60_000, interval: 100 };
    await expect
      .poll(() => json(`${statusUrl}/health`), poll)
      .toEqual({ status: 200, body: { ok: true, role: 'all', status: 'indexing' } });
    const head = Number(await chain.publicClient.getBlockNumber());
    await expect.poll(() => metric(`${statusUrl}/metrics`, 'rackshare_indexer_indexed_block'), poll).toBe(head);
    expect(await metric(`${statusUrl}/metrics`, 'rackshare_indexer_lock_held')).toBe(1);
  });
});

describe.skipIf(!postgresUrl)("role all's indexer on PostgreSQL", () => {
  it('reports a lost lock on /health and /metrics, stands by, and indexes again once it holds the lock', {
    timeout: 120_000,
  }, async () => {
    const testChain = await scenarioChain();
    const scratch = await createScratchDatabase(postgresUrl!);
    cleanups.push(scratch.drop);
    const database = await openDatabase({ kind: 'postgres', url: scratch.url });
    cleanups.push(() => database.close());
    await migrateDatabase(database);
    const statusUrl = await startRoleAllIndexer(testChain, database);
    expect(statusUrl).toBe(`http://127.0.0.1:${testPort(8888)}`);
    const health = () => json(`${statusUrl}/health`);
    const metricOf = (name: string) => metric(`${statusUrl}/metrics`, name);
    const poll = { timeout: 60_000, interval: 100 };

    await expect.poll(health, poll).toEqual({ status: 200, body: { ok: true, role: 'all', status: 'indexing' } });
    const head = Number(await testChain.publicClient.getBlockNumber());
    await expect.poll(() => metricOf('rackshare_indexer_indexed_block'), poll).toBe(head);
    expect(await metricOf('rackshare_indexer_lock_held')).toBe(1);
    expect(await metricOf('rackshare_indexer_lock_losses_total')).toBe(0);

    // Another session queues for the indexer lock, then the indexer's lock session is killed: the lock passes to the
    // waiting session at once, before the indexer could take it back.
    const admin = new pg.Client({ connectionString: scratch.url });
    const rival = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
    await rival.connect();
    cleanups.push(async () => {
      await admin.end();
      await rival.end();
    });
    const rivalHolds = rival.query('select pg_advisory_lock($1::bigint)', [indexerLockKey(31_337).toString()]);
    await expect
      .poll(async () => (await admin.query(`select count(*)::int as n ${LOCK_ROWS} and not granted`)).rows)
      .toEqual([{ n: 1 }]);
    const terminated = await admin.query(`select pg_terminate_backend(pid) as terminated ${LOCK_ROWS} and granted`);
    expect(terminated.rows).toEqual([{ terminated: true }]);
    await rivalHolds;

    await expect.poll(health, poll).toEqual({ status: 503, body: { ok: false, role: 'all', status: 'lock lost' } });
    expect(await metricOf('rackshare_indexer_lock_held')).toBe(0);
    expect(await metricOf('rackshare_indexer_lock_losses_total')).toBe(1);
    // It stands by for the lock again (its lock connection waits), still reporting the loss.
    await expect
      .poll(async () => {
        const { rows } = await admin.query(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and query like 'select pg_try_advisory_lock%'",
        );
        return rows[0].n;
      }, poll)
      .toBe(1);
    expect(await health()).toEqual({ status: 503, body: { ok: false, role: 'all', status: 'lock lost' } });

    // New events while the rival holds the lock; once it lets go, role all takes the lock back and indexes them.
    await testChain.registerCluster(devRoles.operators[0], {
      gpuModel: 'NVIDIA H200 141GB',
      gpuCount: 8,
      location: 'KR-SEL-02',
    });
    const newHead = Number(await testChain.publicClient.getBlockNumber());
    expect(await metricOf('rackshare_indexer_indexed_block')).toBe(head);
    await rival.query('select pg_advisory_unlock($1::bigint)', [indexerLockKey(31_337).toString()]);
    await expect.poll(health, poll).toEqual({ status: 200, body: { ok: true, role: 'all', status: 'indexing' } });
    await expect.poll(() => metricOf('rackshare_indexer_indexed_block'), poll).toBe(newHead);
    expect(await metricOf('rackshare_indexer_lock_held')).toBe(1);
    expect(await metricOf('rackshare_indexer_lock_losses_total')).toBe(1);

    const clean = await testDatabases[0]!.open();
    cleanups.push(() => clean.close());
    await catchUpMirror(testChain, clean.db);
    const expected = await dumpMirror(clean.db);
    expect(expected.clusters?.length).toBe(3);
    expect(await dumpMirror(database.db)).toEqual(expected);
  });
});
