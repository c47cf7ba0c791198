/**
 * The mirror cannot be fed a wrong chain: eth_getLogs answers are held against the headers (every log's block hash,
 * the logsBloom of blocks that may change), stablecoin transfers are kept only when they touch the protocol, and a
 * reorg deeper than the kept hashes restarts from the last finalized block. Real anvil, with a proxy in front of the
 * public client where an RPC must misbehave.
 */
import pino from 'pino';
import {
  type Address,
  formatLog,
  type Hex,
  type Log,
  type PublicClient,
  pad,
  parseEventLogs,
  type RpcLog,
  toHex,
  zeroAddress,
} from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { testStablecoinAbi } from '#contracts';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import type { Database, DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { dumpMirror } from '../dump';
import { runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import { shareTransfers, stablecoinTransfers } from '../schema';
import { decodeLogs } from './decode';
import { ChainMovedError } from './errors';
import { createIndexer } from './indexer';
import { readCursor } from './store';

const silent = pino({ level: 'silent' });
// Ports of this file: 8880.. for PGlite, 8890.. for PostgreSQL (see indexer.test.ts for 8810..).
let nextPort = 8880;

/** An eth_getLogs filter, its block numbers parsed. */
type GetLogsArgs = {
  fromBlock?: bigint;
  toBlock?: bigint;
  blockHash?: Hex;
  address?: Address | Address[];
  topics?: (Hex | Hex[] | null)[];
};

/**
 * The public client with its eth_getLogs answers (by-hash reads included) passed through `tamper`, as viem formats
 * them: an RPC that misbehaves, at the JSON-RPC level the indexer reads.
 */
function withGetLogs(client: PublicClient, tamper: (logs: Log[], args: GetLogsArgs) => Log[]) {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'request') return value;
      return async (request: { method: string; params?: unknown }, options?: unknown) => {
        const answer = await value.call(target, request as never, options as never);
        if (request.method !== 'eth_getLogs') return answer;
        const [filter] = request.params as [Record<string, unknown>];
        const number = (quantity: unknown) => (typeof quantity === 'string' ? BigInt(quantity) : undefined);
        const args = { ...filter, fromBlock: number(filter.fromBlock), toBlock: number(filter.toBlock) } as GetLogsArgs;
        return tamper(
          (answer as RpcLog[]).map((log) => formatLog(log)),
          args,
        ).map((log) => ({
          ...log,
          blockNumber: toHex(log.blockNumber!),
          logIndex: toHex(log.logIndex!),
          transactionIndex: toHex(log.transactionIndex!),
        }));
      };
    },
  });
}

/** The public client with its `finalized` block tag answered by `finalized` (a block object, or real when undefined). */
function withFinalized(client: PublicClient, finalized: () => Record<string, unknown> | undefined) {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'getBlock') return value;
      return async (args: { blockTag?: string }) =>
        (args?.blockTag === 'finalized' && finalized()) || value.call(target, args);
    },
  });
}

describe.each(testDatabases)('indexer chain checks on $name', ({ name, open }) => {
  const opened: DatabaseHandle[] = [];
  let chain: TestChain | undefined;
  const openDb = async () => {
    const handle = await open();
    opened.push(handle);
    return handle.db;
  };
  const startChain = async () => {
    chain = await startTestChain(testPort(nextPort++ + (name === 'postgres' ? 10 : 0)));
    return chain;
  };
  const indexerFor = (
    db: Database,
    overrides: {
      publicClient?: PublicClient;
      maxBlockRange?: number;
      confirmations?: number;
      maxTopicAddresses?: number;
      log?: pino.Logger;
    } = {},
  ) =>
    createIndexer({
      db,
      publicClient: overrides.publicClient ?? chain!.publicClient,
      chainId: 31_337,
      contracts: chain!.contracts,
      deployBlock: chain!.deployment.deployBlock,
      maxBlockRange: overrides.maxBlockRange ?? 1_000,
      confirmations: overrides.confirmations,
      maxTopicAddresses: overrides.maxTopicAddresses,
      signal: new AbortController().signal,
      log: overrides.log ?? silent,
    });
  const cleanIndex = async () => {
    const db = await openDb();
    await indexerFor(db).catchUp();
    return dumpMirror(db);
  };
  const isEmpty = (dump: Record<string, string[]>) => Object.values(dump).every((rows) => rows.length === 0);
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    await chain?.stop();
    chain = undefined;
  });

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

  it('mirrors a stablecoin transfer into an offering but not one between two unrelated accounts (M-7)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    const investorB = devAccount(devRoles.investors[1]!).address;
    const unrelated = await testChain.send(devRoles.investors[0], {
      address: testChain.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'transfer',
      args: [investorB, 1n],
    } as never);
    const db = await openDb();
    await indexerFor(db).catchUp();

    const stored = await db.select().from(stablecoinTransfers);
    expect(stored.some((row) => row.transactionHash === unrelated.transactionHash)).toBe(false);
    // Mints to buyers and operators (from the zero address) touch no protocol contract either.
    expect(stored.some((row) => row.from === zeroAddress)).toBe(false);
    expect(stored.some((row) => row.to === sale.offering)).toBe(true);

    // Whatever the RPC returns (all transfers, as past the topic-list limit), only the protocol's are decoded.
    const everything = await testChain.publicClient.getLogs({
      address: testChain.contracts.stablecoin,
      fromBlock: testChain.deployment.deployBlock,
    });
    const all = parseEventLogs({ abi: testStablecoinAbi, logs: everything, eventName: 'Transfer' });
    expect(all.some((log) => log.transactionHash === unrelated.transactionHash)).toBe(true);
    const { rows } = decodeLogs(
      31_337,
      everything,
      {
        registry: testChain.contracts.clusterRegistry.toLowerCase(),
        factory: testChain.contracts.factory.toLowerCase(),
        stablecoin: testChain.contracts.stablecoin.toLowerCase(),
        tokens: new Map([[sale.token.toLowerCase(), { clusterId: 1n, address: sale.token }]]),
        offerings: new Map([[sale.offering.toLowerCase(), { address: sale.offering }]]),
      },
      () => new Date(0),
    );
    const protocol = new Set(
      [testChain.contracts.clusterRegistry, testChain.contracts.factory, sale.token, sale.offering].map((address) =>
        address.toLowerCase(),
      ),
    );
    const touchingProtocol = all.filter(
      (log) => protocol.has(log.args.from.toLowerCase()) || protocol.has(log.args.to.toLowerCase()),
    );
    expect(touchingProtocol.length).toBeLessThan(all.length);
    expect(rows.stablecoinTransfers.map((row) => row.transactionHash).sort()).toEqual(
      touchingProtocol.map((log) => log.transactionHash).sort(),
    );
    // The indexer stored exactly those too.
    expect(stored.length).toBe(touchingProtocol.length);
    expect(rows.stablecoinTransfers.some((row) => row.transactionHash === unrelated.transactionHash)).toBe(false);
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

  it('names the protocol contracts in OR-lists of at most the batch size instead of fetching every transfer (M-7)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    const investorB = devAccount(devRoles.investors[1]!).address;
    const unrelated = await testChain.send(devRoles.investors[0], {
      address: testChain.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'transfer',
      args: [investorB, 1n],
    } as never);
    const filters: GetLogsArgs[] = [];
    const recording = withGetLogs(testChain.publicClient, (logs, args) => {
      filters.push(args);
      return logs;
    });
    const db = await openDb();
    // One address per list: registry, factory, token and offering are four batches, the offering never in the first.
    await indexerFor(db, { publicClient: recording, maxTopicAddresses: 1 }).catchUp();

    // A transfer query filters Transfer(from, to) by topic: `from` (topic 1) or `to` (topic 2) one of a batch.
    const transferQueries = filters.filter((filter) => filter.topics !== undefined);
    expect(transferQueries.length).toBeGreaterThan(0);
    // Never the fetch-all fallback: every transfer query names its contracts, one at a time.
    for (const filter of transferQueries) {
      expect([filter.topics![1] ?? filter.topics![2] ?? []].flat()).toHaveLength(1);
    }
    for (const filter of filters.filter((entry) => entry.topics === undefined)) {
      expect([filter.address].flat()).toHaveLength(1);
    }
    const toLists = transferQueries.flatMap((filter) => (filter.topics![2] ? [[filter.topics![2]].flat()] : []));
    const offeringBatch = toLists.findIndex((list) => list[0] === pad(sale.offering.toLowerCase() as Hex));
    expect(offeringBatch).toBeGreaterThan(0);

    const stored = await db.select().from(stablecoinTransfers);
    expect(stored.some((row) => row.to === sale.offering)).toBe(true);
    expect(stored.some((row) => row.transactionHash === unrelated.transactionHash)).toBe(false);
    // The batched reads miss nothing a single read of the same contracts finds.
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });

  it('asks for stablecoin transfers only over blocks without a header at hand or whose bloom may hold one (M-7)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    const [investorA, investorB] = devRoles.investors;
    const sharesOnly: bigint[] = [];
    for (let count = 0; count < 3; count++) {
      const receipt = await testChain.transferShares(investorA, sale.token, devAccount(investorB).address, 1n);
      sharesOnly.push(receipt.blockNumber);
    }
    const stablecoinQueries: GetLogsArgs[] = [];
    const recording = withGetLogs(testChain.publicClient, (logs, args) => {
      if (args.topics !== undefined && args.fromBlock !== undefined) stablecoinQueries.push(args);
      return logs;
    });
    const db = await openDb();
    const indexer = indexerFor(db, { publicClient: recording });
    await indexer.catchUp();

    // The share transfers' blocks have headers (their logs need them) whose blooms hold no stablecoin log: not asked,
    // neither for the contracts known before the range nor for the token and offering created in it.
    expect(stablecoinQueries.length).toBeGreaterThan(0);
    for (const query of stablecoinQueries) expect(query.toBlock!).toBeLessThan(sharesOnly[0]!);
    // A range of share transfers alone: no stablecoin query at all.
    stablecoinQueries.length = 0;
    await testChain.transferShares(investorB, sale.token, devAccount(investorA).address, 1n);
    await testChain.transferShares(investorA, sale.token, devAccount(investorB).address, 1n);
    await indexer.catchUp();
    expect(stablecoinQueries).toEqual([]);
    // Nothing is missed: the mirror holds every stablecoin transfer from or to a protocol contract on the chain.
    const protocol = new Set(
      [
        testChain.contracts.clusterRegistry,
        testChain.contracts.factory,
        testChain.contracts.market,
        sale.token,
        sale.offering,
      ].flatMap((address) => (address ? [address.toLowerCase()] : [])),
    );
    const all = parseEventLogs({
      abi: testStablecoinAbi,
      eventName: 'Transfer',
      logs: await testChain.publicClient.getLogs({
        address: testChain.contracts.stablecoin,
        fromBlock: testChain.deployment.deployBlock,
      }),
    });
    const expected = all
      .filter((log) => protocol.has(log.args.from.toLowerCase()) || protocol.has(log.args.to.toLowerCase()))
      .map((log) => `${log.transactionHash}:${log.logIndex}`);
    const stored = await db.select().from(stablecoinTransfers);
    expect(expected.length).toBeGreaterThan(1);
    expect(stored.map((row) => `${row.transactionHash}:${row.logIndex}`).sort()).toEqual(expected.sort());
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
