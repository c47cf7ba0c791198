/**
 * The mirror cannot be fed a wrong chain: eth_getLogs answers are held against the headers (every log's block hash,
 * the logsBloom of blocks that may change), and a reorg deeper than the kept hashes restarts from the last finalized
 * block (stablecoin-transfers.test.ts: M-7). Real anvil, with a proxy in front of the public client where an RPC must
 * misbehave (chain-checks.test-kit.ts).
 */
import pino from 'pino';
import type { Hex } from 'viem';
import { describe, expect, it } from 'vitest';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { testDatabases } from '../databases.test-kit';
import { dumpMirror } from '../dump';
import { runScenario } from '../fixtures.test-kit';
import { shareTransfers } from '../schema';
import { chainCheckSuite, isEmpty, withFinalized, withGetLogs } from './chain-checks.test-kit';
import { ChainMovedError } from './errors';
import { readCursor } from './store';

describe.each(testDatabases)('indexer chain checks on $name', ({ name, open }) => {
  // One chain per test: 8910.. on PGlite, 8920.. on PostgreSQL.
  const { openDb, startChain, indexerFor, cleanIndex } = chainCheckSuite(open, (offset) =>
    name === 'postgres' ? testPort(8920 + offset) : testPort(8910 + offset),
  );

  it('refuses a range whose log names a block hash that is not the canonical header of its block (M-5)', async () => {
    const testChain = await startChain();
    await runScenario(testChain);
    let tampered: bigint | undefined;
    // A lagging or forked backend: one log inside the range (not in its first or last block) from another block.
    const forked = withGetLogs(testChain.publicClient, (logs, args) => {
      if (args.fromBlock === undefined) return logs;
      return logs.map((log) => {
        if (tampered !== undefined || log.blockNumber! <= args.fromBlock! || log.blockNumber! >= args.toBlock!) {
          return log;
        }
        tampered = log.blockNumber!;
        return { ...log, blockHash: `0x${'ab'.repeat(32)}` as Hex };
      });
    });
    const db = await openDb();
    await expect(indexerFor(db, { publicClient: forked }).step()).rejects.toThrow(ChainMovedError);
    expect(tampered).toBeGreaterThan(testChain.deployment.deployBlock);
    expect(await readCursor(db, 31_337)).toBeUndefined();
    expect(isEmpty(await dumpMirror(db))).toBe(true);
    // Once the RPC answers consistently, the same database indexes the chain as a clean index does.
    await indexerFor(db).catchUp();
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });

  it('does not accept an empty answer for a block whose logsBloom announces a followed log (M-5)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    const [investorA, investorB] = devRoles.investors;
    const receipt = await testChain.transferShares(investorA, sale.token, devAccount(investorB).address, 1n);
    await testChain.mine(2);
    const dropped = receipt.blockNumber;
    // A backend that has not seen that block's logs yet answers the range without them; by hash it knows them.
    const lagging = withGetLogs(testChain.publicClient, (logs, args) =>
      args.fromBlock === undefined ? logs : logs.filter((log) => log.blockNumber !== dropped),
    );
    const db = await openDb();
    await expect(indexerFor(db, { publicClient: lagging }).step()).rejects.toThrow(/logsBloom/);
    expect(await readCursor(db, 31_337)).toBeUndefined();
    expect(isEmpty(await dumpMirror(db))).toBe(true);
    await indexerFor(db).catchUp();
    const transfers = await db.select().from(shareTransfers);
    expect(transfers.some((row) => row.blockNumber === dropped)).toBe(true);
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });

  it('stays the configured confirmations behind the head', async () => {
    const testChain = await startChain();
    await runScenario(testChain);
    const db = await openDb();
    const { head } = await indexerFor(db, { confirmations: 3 }).catchUp();
    const chainHead = await testChain.publicClient.getBlockNumber({ cacheTime: 0 });
    expect(head).toBe(chainHead - 3n);
    expect((await readCursor(db, 31_337))?.number).toBe(chainHead - 3n);
  });

  it('trusts a finalized block only up to the head less confirmations, so a lying RPC cannot switch the checks off (M-5)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    // Once, the RPC calls a block far above the head finalized; remembered, it would mean "nothing here can change".
    let lie = true;
    const far = 10n ** 9n;
    const lying = withFinalized(testChain.publicClient, () =>
      lie ? { number: far, hash: `0x${'ef'.repeat(32)}`, parentHash: `0x${'ee'.repeat(32)}` } : undefined,
    );
    let dropped: bigint | undefined;
    const lagging = withGetLogs(lying, (logs, args) =>
      args.fromBlock === undefined ? logs : logs.filter((log) => log.blockNumber !== dropped),
    );
    const db = await openDb();
    const indexer = indexerFor(db, { publicClient: lagging, confirmations: 1 });
    const { head } = await indexer.catchUp();
    expect(head).toBeLessThan(far);
    lie = false;
    const [investorA, investorB] = devRoles.investors;
    const receipt = await testChain.transferShares(investorA, sale.token, devAccount(investorB).address, 1n);
    await testChain.mine(2);
    dropped = receipt.blockNumber;

    // The new blocks lie above the clamped finality: their blooms are checked and the incomplete answer is refused.
    await expect(indexer.step()).rejects.toThrow(/logsBloom/);
    expect((await readCursor(db, 31_337))?.number).toBe(head);
  });

  it('rolls a reorg deeper than the kept block hashes back to the finalized block, not the deployment (I-7)', {
    timeout: 240_000,
  }, async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    // Deep enough that anvil's finalized block (64 below the head) lies above the deployment.
    await testChain.mine(100);
    const db = await openDb();
    await indexerFor(db).catchUp();
    const fork = await testChain.snapshot();
    const [investorA, investorB] = devRoles.investors;
    await testChain.transferShares(investorA, sale.token, devAccount(investorB).address, 5n * 10n ** 18n);
    // One range end per block: more than the 256 kept hashes lie above the fork. Followed as they are mined, as near
    // the head: finalized ranges of a backfill would be joined into one write, with one range end for all of them.
    const following = indexerFor(db, { maxBlockRange: 1 });
    for (let block = 0; block < 270; block++) {
      await testChain.mine(1);
      await following.catchUp();
    }

    await testChain.revert(fork);
    await testChain.transferShares(investorB, sale.token, devAccount(investorA).address, 3n * 10n ** 18n);
    await testChain.mine(10);
    const finalized = (await testChain.publicClient.getBlock({ blockTag: 'finalized' })).number;
    expect(finalized).toBeGreaterThan(testChain.deployment.deployBlock);
    const ranges: bigint[] = [];
    const recording = withGetLogs(testChain.publicClient, (logs, args) => {
      if (args.fromBlock !== undefined) ranges.push(args.fromBlock);
      return logs;
    });
    const errors: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => errors.push(line) });
    const indexer = indexerFor(db, { publicClient: recording, log });
    await indexer.catchUp();

    expect((await indexer.metrics.deepReorgs.get()).values[0]?.value).toBe(1);
    expect(errors.join('')).toMatch(/deeper than the kept block hashes/);
    expect(ranges.length).toBeGreaterThan(0);
    // Re-indexed from the block after the finalized one, never from the deployment.
    const lowest = [...ranges].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[0];
    expect(lowest).toBe(finalized + 1n);
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });
});
