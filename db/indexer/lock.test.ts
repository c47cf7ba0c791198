/**
 * Exactly one indexer on PostgreSQL (lock.ts): the advisory lock itself (standby, takeover, a loss that is real and
 * none for a slow answer, a stop that never waits on a silent server), then two real indexer processes
 * (`npm start -- --role indexer`) against anvil — the second stands by while the first indexes, takes over when the
 * first is killed with SIGKILL, and the mirror then equals a clean re-index. The write fence: lock-fence.test.ts.
 * PostgreSQL parts are skipped without TEST_DATABASE_URL (PGlite needs no lock: one process per data directory).
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { exited, json, metric, type Role, startRole } from '../../devnet/processes';
import { openDatabase } from '../database';
import { createScratchDatabase, testDatabases } from '../databases.test-kit';
import { dumpMirror } from '../dump';
import { catchUpMirror, runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import { acquireAdvisoryLock, acquireIndexerLock, indexerLockKey, withAdvisoryLock } from './lock';
import { terminateHolder, waitingFor } from './lock.test-kit';

const postgresUrl = process.env.TEST_DATABASE_URL;
const silent = pino({ level: 'silent' });

describe('indexerLockKey', () => {
  it('is one fixed key per chain, different between chains', () => {
    expect(indexerLockKey(31_337)).toBe(indexerLockKey(31_337));
    expect(indexerLockKey(31_337)).not.toBe(indexerLockKey(1));
    // A signed 64-bit integer: what pg_advisory_lock(bigint) takes.
    expect(indexerLockKey(8_453)).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(indexerLockKey(8_453)).toBeLessThan(2n ** 63n);
  });
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A TCP server on `port` that forwards to `target` (host:port), or, without one, accepts and never answers. */
async function tcpServer(port: number, target?: { host: string; port: number }) {
  const sockets: Socket[] = [];
  let frozen = false;
  const server: Server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
    // Read and dropped: the client's startup message gets no answer.
    if (!target) return void socket.resume();
    const upstream = tcpConnect(target.port, target.host);
    sockets.push(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    // Frozen: nothing passes either way any more, as over a cut network.
    socket.on('data', (data) => frozen || upstream.write(data));
    upstream.on('data', (data) => frozen || socket.write(data));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
  return {
    accepted: () => sockets.length,
    open: () => sockets.filter((socket) => !socket.destroyed).length,
    freeze: () => {
      frozen = true;
    },
  };
}

describe('stopping while the server does not answer', () => {
  it('ends the wait for the lock at once on abort, even before the server answered the connection', {
    timeout: 20_000,
  }, async () => {
    const port = testPort(8955);
    const server = await tcpServer(port);
    const stop = new AbortController();
    const taking = acquireIndexerLock({
      url: `postgres://rackshare:rackshare@127.0.0.1:${port}/rackshare`,
      chainId: 31_337,
      signal: stop.signal,
      log: silent,
    });
    await expect.poll(() => server.accepted()).toBe(1);
    stop.abort();
    // Not the connection timeout's DatabaseUnavailableError: the abort itself ended it, the connection dropped.
    expect(await taking).toBeUndefined();
    await expect.poll(() => server.open()).toBe(0);
  });
});

describe.skipIf(!postgresUrl)('the advisory lock on PostgreSQL', () => {
  const key = indexerLockKey(999_001);

  it('makes a second holder stand by until the first releases it, and stops waiting on abort', async () => {
    const first = await acquireAdvisoryLock({
      url: postgresUrl!,
      key,
      signal: new AbortController().signal,
      log: silent,
    });
    expect(first).toBeDefined();
    let standby = false;
    const second = acquireAdvisoryLock({
      url: postgresUrl!,
      key,
      signal: new AbortController().signal,
      pollMs: 100,
      log: silent,
      onStandby: () => {
        standby = true;
      },
    });
    await expect.poll(() => standby).toBe(true);
    await first!.release();
    const taken = await second;
    expect(taken).toBeDefined();

    const aborted = new AbortController();
    const third = acquireAdvisoryLock({ url: postgresUrl!, key, signal: aborted.signal, pollMs: 100, log: silent });
    aborted.abort();
    expect(await third).toBeUndefined();
    await taken!.release();
  });

  it('reports the lock lost when its connection is terminated, and a standby then takes it', async () => {
    const lost = indexerLockKey(999_002);
    const holder = await acquireAdvisoryLock({
      url: postgresUrl!,
      key: lost,
      signal: new AbortController().signal,
      pollMs: 100,
      log: silent,
    });
    cleanups.push(() => holder!.release());
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    cleanups.push(() => admin.end());
    expect(await terminateHolder(admin, lost)).toEqual([{ terminated: true }]);
    expect(await holder!.lost).toBeInstanceOf(Error);
    const next = await acquireAdvisoryLock({
      url: postgresUrl!,
      key: lost,
      signal: new AbortController().signal,
      log: silent,
    });
    expect(next).toBeDefined();
    await next!.release();
  });

  it('ends a standby on abort at once while its server stopped answering mid-wait', { timeout: 20_000 }, async () => {
    const standbyKey = indexerLockKey(999_004);
    const holder = await acquireAdvisoryLock({
      url: postgresUrl!,
      key: standbyKey,
      signal: new AbortController().signal,
      log: silent,
    });
    cleanups.push(() => holder!.release());
    const url = new URL(postgresUrl!);
    const proxyPort = testPort(8954);
    const proxy = await tcpServer(proxyPort, { host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxyPort);
    const stop = new AbortController();
    let standby = false;
    const waiting = acquireAdvisoryLock({
      url: url.toString(),
      key: standbyKey,
      signal: stop.signal,
      pollMs: 100,
      log: silent,
      onStandby: () => {
        standby = true;
      },
    });
    await expect.poll(() => standby).toBe(true);
    // From now on its next pg_try_advisory_lock gets no answer (a cut network, a hung server).
    proxy.freeze();
    stop.abort();
    expect(await waiting).toBeUndefined();
    await expect.poll(() => proxy.open()).toBe(0);
  });

  it('runs migrations one process at a time', async () => {
    const migration = indexerLockKey(999_003);
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    cleanups.push(() => admin.end());
    const order: string[] = [];
    let second: Promise<void> | undefined;
    await withAdvisoryLock(postgresUrl!, migration, async () => {
      order.push('a in');
      second = withAdvisoryLock(postgresUrl!, migration, async () => {
        order.push('b in');
      });
      // b is seen waiting for the lock while a holds it, however loaded the machine.
      await expect.poll(() => waitingFor(admin, migration), { timeout: 10_000 }).toBe(1);
      order.push('a out');
    });
    await second;
    expect(order).toEqual(['a in', 'a out', 'b in']);
  });
});

type Indexer = Role & { statusUrl: string };

function startIndexer(chain: TestChain, databaseUrl: string, statusPort: number): Indexer {
  const role = startRole('indexer', {
    DATABASE_URL: databaseUrl,
    RPC_URL: chain.rpcUrl,
    DEPLOYMENTS_DIR: chain.deploymentDirectory,
    // A test anvil: nothing reorganizes (with RPC_URL the default would be 12 blocks behind the head).
    INDEXER_CONFIRMATIONS: '0',
    INDEXER_POLL_INTERVAL_MS: '100',
    INDEXER_LOCK_POLL_MS: '200',
    INDEXER_METRICS_PORT: String(statusPort),
  });
  return { ...role, statusUrl: `http://127.0.0.1:${statusPort}` };
}

/** The `/health` state of an indexer process (`role:status`), or `down` while it does not answer. */
async function healthOf(indexer: Indexer): Promise<string> {
  const answer = await json(`${indexer.statusUrl}/health`);
  if (answer === 'down') return answer;
  const { body } = answer as { body: { role: string; status: string } };
  return `${body.role}:${body.status}`;
}

const metricOf = (indexer: Indexer, name: string) => metric(`${indexer.statusUrl}/metrics`, name);

describe.skipIf(!postgresUrl)('two indexer processes on one PostgreSQL database', () => {
  let chain: TestChain | undefined;
  afterEach(async () => {
    await chain?.stop();
    chain = undefined;
  });

  it('keeps the second in standby, hands over on SIGKILL, and ends equal to a clean re-index', {
    timeout: 180_000,
  }, async () => {
    chain = await startTestChain(testPort(8860));
    const testChain = chain;
    await runScenario(testChain);
    const scratch = await createScratchDatabase(postgresUrl!);
    cleanups.push(scratch.drop);
    const poll = { timeout: 60_000, interval: 200 };
    const kill = (indexer: Indexer) => async () => {
      if (indexer.child.exitCode === null && indexer.child.signalCode === null) indexer.child.kill('SIGKILL');
      await exited(indexer.child);
    };

    const first = startIndexer(testChain, scratch.url, testPort(8861));
    cleanups.push(kill(first));
    await expect.poll(() => healthOf(first), poll).toBe('indexer:indexing');
    const second = startIndexer(testChain, scratch.url, testPort(8862));
    cleanups.push(kill(second));
    await expect.poll(() => healthOf(second), poll).toBe('indexer:standby');
    await expect.poll(() => second.output(), poll).toContain('waiting for the indexer lock');

    // The first indexes up to the head while the second only waits.
    const head = Number(await testChain.publicClient.getBlockNumber());
    await expect.poll(() => metricOf(first, 'rackshare_indexer_indexed_block'), poll).toBe(head);
    expect(await metricOf(first, 'rackshare_indexer_lock_held')).toBe(1);
    expect(await metricOf(second, 'rackshare_indexer_lock_held')).toBe(0);
    expect(await metricOf(second, 'rackshare_indexer_indexed_block')).toBe(0);

    // SIGKILL: no clean-up runs; PostgreSQL drops the connection and the lock with it.
    first.child.kill('SIGKILL');
    await exited(first.child);
    // New events after the takeover: the second resumes from the cursor the first left and indexes them.
    await testChain.registerCluster(devRoles.operators[0], {
      gpuModel: 'NVIDIA H200 141GB',
      gpuCount: 8,
      location: 'KR-SEL-02',
    });
    await expect.poll(() => healthOf(second), poll).toBe('indexer:indexing');
    await expect.poll(() => second.output(), poll).toContain('took the indexer lock over');
    const newHead = Number(await testChain.publicClient.getBlockNumber());
    expect(newHead).toBeGreaterThan(head);
    await expect.poll(() => metricOf(second, 'rackshare_indexer_indexed_block'), poll).toBe(newHead);

    // A third one stands by behind the second, and SIGTERM stops it promptly while it waits.
    const third = startIndexer(testChain, scratch.url, testPort(8863));
    cleanups.push(kill(third));
    await expect.poll(() => healthOf(third), poll).toBe('indexer:standby');
    third.child.kill('SIGTERM');
    expect(await exited(third.child), third.output()).toBe(0);

    // SIGTERM stops the indexing one cleanly too, releasing the lock.
    second.child.kill('SIGTERM');
    expect(await exited(second.child), second.output()).toBe(0);

    const mirrored = await openDatabase({ kind: 'postgres', url: scratch.url });
    cleanups.push(() => mirrored.close());
    const clean = await testDatabases[0]!.open();
    cleanups.push(() => clean.close());
    await catchUpMirror(testChain, clean.db);
    const expected = await dumpMirror(clean.db);
    expect(expected.clusters?.length).toBe(3);
    expect(await dumpMirror(mirrored.db)).toEqual(expected);
  });
});
