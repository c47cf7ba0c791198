/**
 * The indexer supervisor on PostgreSQL against a chain that stops answering (a fake RPC: the genesis block, then
 * silence), so its work hangs as on a cut network: a lost lock is reported at once while the work is still stuck
 * (`lock lost`, gauge 0, one loss), the `indexer` role's supervisor ends within its grace and stays `lock lost`; and
 * the chain identity is written only under the lock, while a standby of another deployment refuses to start.
 * Skipped without TEST_DATABASE_URL.
 */
import { eq } from 'drizzle-orm';
import pg from 'pg';
import pino from 'pino';
import { createPublicClient, custom, type Hex, type PublicClient } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { type IndexerSettings, parseIndexerEnv } from '#config/indexer';
import { testPort } from '../../devnet/ports';
import { json, metric } from '../../devnet/processes';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../database';
import { createScratchDatabase } from '../databases.test-kit';
import { chainIdentity } from '../schema';
import { MirrorMismatchError } from './identity';
import { advisoryLockRows, indexerLockKey } from './lock';
import { startIndexerSupervisor } from './supervisor';

const postgresUrl = process.env.TEST_DATABASE_URL;
const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const GENESIS = `0x${'11'.repeat(32)}` as Hex;
const DEPLOY_HASH = `0x${'22'.repeat(32)}` as Hex;

/** A chain that answers the genesis block and nothing else: every other request hangs (counted in `pending`). */
function silentChain() {
  const calls = { pending: 0 };
  const publicClient = createPublicClient({
    transport: custom({
      request: async ({ method, params }: { method: string; params?: unknown[] }) => {
        if (method === 'eth_getBlockByNumber' && (params?.[0] === '0x0' || params?.[0] === 0)) {
          return {
            number: '0x0',
            hash: GENESIS,
            parentHash: `0x${'00'.repeat(32)}`,
            timestamp: '0x0',
            logsBloom: null,
            transactions: [],
          };
        }
        calls.pending += 1;
        return new Promise(() => {});
      },
    }),
  }) as PublicClient;
  return { publicClient, calls };
}

/** The grace the tests give stuck work (production: 5 s). */
const GRACE_MS = 1_500;

const settings = (port: number): IndexerSettings =>
  parseIndexerEnv(
    {
      INDEXER_CONFIRMATIONS: '0',
      INDEXER_MAX_BLOCK_RANGE: '100',
      INDEXER_POLL_INTERVAL_MS: '100',
      INDEXER_METRICS_PORT: String(port),
      INDEXER_LOCK_POLL_MS: '200',
      INDEXER_LOST_LOCK_GRACE_MS: String(GRACE_MS),
    },
    { localChain: true },
  );

/** A logger that keeps what it writes (to see what the supervisor did, not only when). */
function recordingLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

async function migrated() {
  const scratch = await createScratchDatabase(postgresUrl!);
  cleanups.push(scratch.drop);
  const database = await openDatabase({ kind: 'postgres', url: scratch.url });
  // The stuck work keeps a pool connection busy: closing the pool must not wait for it.
  cleanups.push(async () => {
    await Promise.race([database.close(), new Promise((resolve) => setTimeout(resolve, 1_000))]);
  });
  await migrateDatabase(database);
  const admin = new pg.Client({ connectionString: scratch.url });
  await admin.connect();
  cleanups.push(() => admin.end());
  return { database, admin };
}

function supervise(
  database: DatabaseHandle,
  publicClient: PublicClient,
  port: number,
  onLockLost: 'exit' | 'standby',
  options: { autoReset?: boolean; log?: pino.Logger } = {},
) {
  return startIndexerSupervisor({
    db: database.db.$primary,
    target: database.target,
    publicClient,
    chainId: 31_337,
    contracts: {
      clusterRegistry: '0x0000000000000000000000000000000000000001',
      factory: '0x0000000000000000000000000000000000000002',
      stablecoin: '0x0000000000000000000000000000000000000003',
    },
    deployBlock: 1n,
    deployBlockHash: DEPLOY_HASH,
    autoReset: options.autoReset ?? true,
    settings: settings(port),
    role: 'indexer',
    onLockLost,
    signal: new AbortController().signal,
    log: options.log ?? silent,
  });
}

const lockRows = `from pg_locks where ${advisoryLockRows(indexerLockKey(31_337))}`;

describe.skipIf(!postgresUrl)('the indexer supervisor on PostgreSQL', () => {
  it('reports a lost lock at once while its work is stuck, then exits within its grace still reporting it', {
    timeout: 30_000,
  }, async () => {
    const { database, admin } = await migrated();
    const { publicClient, calls } = silentChain();
    const port = testPort(8901);
    const { log, lines } = recordingLog();
    const supervisor = await supervise(database, publicClient, port, 'exit', { log });
    cleanups.push(() => supervisor.stop());
    const health = () => json(`http://127.0.0.1:${port}/health`);
    const metricOf = (name: string) => metric(`http://127.0.0.1:${port}/metrics`, name);
    await supervisor.ready;
    await expect.poll(health).toEqual({ status: 200, body: { ok: true, role: 'indexer', status: 'indexing' } });
    // The indexer waits on the chain, which never answers: its work is stuck.
    await expect.poll(() => calls.pending).toBeGreaterThan(0);
    let ended = false;
    const outcome = supervisor.done.then(
      () => 'resolved',
      (error: Error) => error,
    );
    void outcome.then(() => {
      ended = true;
    });

    // The lock session is killed (as by a network cut).
    const { rows } = await admin.query(`select pg_terminate_backend(pid) as terminated ${lockRows} and granted`);
    expect(rows).toEqual([{ terminated: true }]);
    await expect
      .poll(health, { timeout: 5_000 })
      .toEqual({ status: 503, body: { ok: false, role: 'indexer', status: 'lock lost' } });
    // Reported before the work has stopped: it is still waiting on the chain.
    expect(ended).toBe(false);
    expect(await metricOf('rackshare_indexer_lock_held')).toBe(0);
    expect(await metricOf('rackshare_indexer_lock_losses_total')).toBe(1);

    // The work is abandoned after the grace: the `indexer` role ends with the loss and stays `lock lost`.
    const error = await outcome;
    expect(error).toMatchObject({
      name: 'UnavailableError',
      message: expect.stringContaining('Lost the indexer lock'),
    });
    expect(await health()).toEqual({ status: 503, body: { ok: false, role: 'indexer', status: 'lock lost' } });
    // It ended because the grace (INDEXER_LOST_LOCK_GRACE_MS) ran out, the work still stuck on the chain.
    expect(lines).toContainEqual(
      expect.objectContaining({ graceMs: GRACE_MS, msg: 'the indexer did not stop in time; going on without it' }),
    );
  });

  it('checks the chain identity only under the lock: a standby leaves the mirror alone', {
    timeout: 30_000,
  }, async () => {
    const { database, admin } = await migrated();
    // The mirror describes another deployment of the chain.
    const other = {
      chainId: 31_337,
      genesisHash: GENESIS,
      deployBlock: 1n,
      deployBlockHash: `0x${'33'.repeat(32)}` as Hex,
    };
    await database.db.insert(chainIdentity).values(other);
    // Another session holds the indexer lock.
    await admin.query('select pg_advisory_lock($1::bigint)', [indexerLockKey(31_337).toString()]);
    const { publicClient } = silentChain();
    const port = testPort(8902);
    const supervisor = await supervise(database, publicClient, port, 'standby');
    cleanups.push(() => supervisor.stop());
    await supervisor.ready;
    expect(await json(`http://127.0.0.1:${port}/health`)).toEqual({
      status: 200,
      body: { ok: true, role: 'indexer', status: 'standby' },
    });
    const stored = () => database.db.select().from(chainIdentity).where(eq(chainIdentity.chainId, 31_337));
    expect(await stored()).toMatchObject([{ deployBlockHash: other.deployBlockHash }]);

    // Once it holds the lock, it empties the mirror of the other deployment (autoReset) and records its own.
    await admin.query('select pg_advisory_unlock($1::bigint)', [indexerLockKey(31_337).toString()]);
    await expect.poll(stored, { timeout: 10_000 }).toMatchObject([{ deployBlockHash: DEPLOY_HASH }]);
  });

  it('refuses to stand by for a mirror of another deployment (read-only, before the lock), writing nothing', {
    timeout: 30_000,
  }, async () => {
    const { database, admin } = await migrated();
    const other = {
      chainId: 31_337,
      genesisHash: GENESIS,
      deployBlock: 1n,
      deployBlockHash: `0x${'33'.repeat(32)}` as Hex,
    };
    await database.db.insert(chainIdentity).values(other);
    // Another indexer holds the lock: without the check this one would stand by and fail only at its takeover.
    await admin.query('select pg_advisory_lock($1::bigint)', [indexerLockKey(31_337).toString()]);
    const { publicClient } = silentChain();
    const port = testPort(8951);
    const supervisor = await supervise(database, publicClient, port, 'exit', { autoReset: false });
    cleanups.push(() => supervisor.stop());
    await expect(supervisor.ready).rejects.toBeInstanceOf(MirrorMismatchError);
    await expect(supervisor.done).rejects.toThrow(/mirrors another deployment.*npm run db:reindex/);
    expect(await json(`http://127.0.0.1:${port}/health`)).toEqual({
      status: 503,
      body: { ok: false, role: 'indexer', status: 'failed' },
    });
    // It never waited for the lock.
    expect((await admin.query(`select count(*)::int as n ${lockRows} and not granted`)).rows).toEqual([{ n: 0 }]);
    const stored = await database.db.select().from(chainIdentity).where(eq(chainIdentity.chainId, 31_337));
    expect(stored).toMatchObject([{ deployBlockHash: other.deployBlockHash }]);
    await admin.query('select pg_advisory_unlock($1::bigint)', [indexerLockKey(31_337).toString()]);
  });
});
