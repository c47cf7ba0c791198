/**
 * The indexer killed with SIGKILL at random points of a backfill, again and again, then restarted: the database must
 * equal a clean re-index. The indexer runs as its own process (db/indexer/cli.ts) on a PGlite data directory or a
 * PostgreSQL database, with one-block ranges so a kill lands between and inside many transactions.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { testPort } from '../../devnet/ports';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../database';
import { createScratchDatabase, testDatabases } from '../databases.test-kit';
import { dumpMirror } from '../dump';
import { runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import { createIndexer } from './indexer';

const KILLS = 4;

function startChild(chain: TestChain, databaseEnv: Record<string, string>) {
  return spawn(process.execPath, ['--import', 'tsx', 'db/indexer/cli.ts', '--once'], {
    env: {
      ...process.env,
      ...databaseEnv,
      RPC_URL: chain.rpcUrl,
      // A test anvil: nothing reorganizes (with RPC_URL the default would be 12 blocks behind the head).
      INDEXER_CONFIRMATIONS: '0',
      DEPLOYMENTS_DIR: chain.deploymentDirectory,
      INDEXER_MAX_BLOCK_RANGE: '1',
      INDEXER_METRICS_PORT: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe.each(testDatabases.map((database) => database.name))('indexer killed with SIGKILL on %s', (name) => {
  let chain: TestChain | undefined;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await chain?.stop();
    chain = undefined;
  });

  it('restarts into the same database a clean re-index produces', { timeout: 180_000 }, async () => {
    chain = await startTestChain(name === 'postgres' ? testPort(8960) : testPort(8961));
    await runScenario(chain);
    await chain.mine(20);

    let databaseEnv: Record<string, string>;
    let openTarget: () => Promise<DatabaseHandle>;
    if (name === 'postgres') {
      const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!);
      cleanups.push(scratch.drop);
      databaseEnv = { DATABASE_URL: scratch.url };
      openTarget = () => openDatabase({ kind: 'postgres', url: scratch.url });
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'rackshare-crash-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      databaseEnv = { DATA_DIR: dataDir };
      openTarget = () => openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    }

    for (let kill = 0; kill < KILLS; kill++) {
      const child = startChild(chain, databaseEnv);
      await new Promise((resolve) => setTimeout(resolve, 1_500 + Math.random() * 2_500));
      child.kill('SIGKILL');
      await exited(child);
    }
    let stderr = '';
    const last = startChild(chain, databaseEnv);
    last.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exited(last), stderr).toBe(0);

    const crashed = await openTarget();
    cleanups.push(() => crashed.close());
    await migrateDatabase(crashed);
    const clean = await testDatabases.find((database) => database.name === name)!.open();
    cleanups.push(() => clean.close());
    await createIndexer({
      db: clean.db,
      publicClient: chain.publicClient,
      chainId: 31_337,
      contracts: chain.contracts,
      deployBlock: chain.deployment.deployBlock,
      signal: new AbortController().signal,
      log: pino({ level: 'silent' }),
    }).catchUp();
    const expected = await dumpMirror(clean.db);
    expect(expected.shareTransfers?.length).toBeGreaterThan(0);
    expect(await dumpMirror(crashed.db)).toEqual(expected);
  });
});
