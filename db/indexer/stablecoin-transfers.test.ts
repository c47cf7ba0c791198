/**
 * Stablecoin transfers are mirrored only when they touch the protocol (review M-7), asked for by topic filters in
 * OR-lists of bounded size, and in a finalized range only over the blocks whose header is not at hand or whose bloom
 * may hold one — a bloom believed only when it holds the emitters of the logs already read in its block. Real anvil,
 * with the RPC proxies of chain-checks.test-kit.ts.
 */
import {
  type Address,
  createPublicClient,
  custom,
  type Hex,
  type PublicClient,
  pad,
  parseEventLogs,
  zeroAddress,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { testStablecoinAbi } from '#contracts';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { testDatabases } from '../databases.test-kit';
import { dumpMirror } from '../dump';
import { runScenario, type TestChain } from '../fixtures.test-kit';
import { stablecoinTransfers } from '../schema';
import { chainCheckSuite, type GetLogsArgs, withGetLogs } from './chain-checks.test-kit';
import { decodeLogs } from './decode';

/** Every stablecoin transfer on the chain from or to a protocol contract, as `transaction:logIndex`, sorted. */
async function protocolTransfersOnChain(testChain: TestChain, sale: { token: Address; offering: Address }) {
  const { clusterRegistry, factory, market, stablecoin } = testChain.contracts;
  const protocol = new Set(
    [clusterRegistry, factory, market, sale.token, sale.offering].flatMap((address) =>
      address ? [address.toLowerCase()] : [],
    ),
  );
  const transfers = parseEventLogs({
    abi: testStablecoinAbi,
    eventName: 'Transfer',
    logs: await testChain.publicClient.getLogs({ address: stablecoin, fromBlock: testChain.deployment.deployBlock }),
  });
  return transfers
    .filter((log) => protocol.has(log.args.from.toLowerCase()) || protocol.has(log.args.to.toLowerCase()))
    .map((log) => `${log.transactionHash}:${log.logIndex}`)
    .sort();
}

/** The public client with every header's logsBloom zeroed (as some RPCs serve them): headers travel through it too. */
function withZeroedBlooms(testChain: TestChain): PublicClient {
  return createPublicClient({
    chain: testChain.publicClient.chain,
    transport: custom({
      async request({ method, params }) {
        const answer = await testChain.publicClient.request({ method, params } as never);
        if (method !== 'eth_getBlockByNumber' || !answer) return answer;
        return { ...(answer as Record<string, unknown>), logsBloom: `0x${'00'.repeat(256)}` };
      },
    }),
  }) as PublicClient;
}

/** A stablecoin transfer between two investors: one that touches no protocol contract, which the mirror must leave out. */
function transferBetweenInvestors(testChain: TestChain) {
  return testChain.send(devRoles.investors[0], {
    address: testChain.contracts.stablecoin,
    abi: testStablecoinAbi,
    functionName: 'transfer',
    args: [devAccount(devRoles.investors[1]!).address, 1n],
  } as never);
}

/** Blocks mined after a scenario so that it lies below anvil's finalized block (64 below the head). */
const PAST_FINALITY = 100;

describe.each(testDatabases)('stablecoin transfers on $name', ({ name, open }) => {
  // One chain per test: 8930.. on PGlite, 8940.. on PostgreSQL.
  const { openDb, startChain, indexerFor, cleanIndex } = chainCheckSuite(open, (offset) =>
    name === 'postgres' ? testPort(8940 + offset) : testPort(8930 + offset),
  );

  it('mirrors a stablecoin transfer into an offering but not one between two unrelated accounts (M-7)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    const unrelated = await transferBetweenInvestors(testChain);
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

  it('names the protocol contracts in OR-lists of at most the batch size instead of fetching every transfer (M-7)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    const unrelated = await transferBetweenInvestors(testChain);
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

  it('asks the stablecoin only over finalized blocks with no header at hand or whose bloom may hold a transfer (M-7)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    const [investorA, investorB] = devRoles.investors;
    // A run of blocks with share transfers alone, longer than a range: no range holds both its ends, so none has a
    // block that may hold a stablecoin transfer (or lacks a header) on both sides of it.
    const shareTransferBlocks: bigint[] = [];
    for (let count = 0; count < 25; count++) {
      const receipt = await testChain.transferShares(investorA, sale.token, devAccount(investorB).address, 1n);
      shareTransferBlocks.push(receipt.blockNumber);
    }
    await testChain.mine(PAST_FINALITY);
    // Range queries with topics are the stablecoin's (the followed contracts' are by address alone).
    const stablecoinQueries: GetLogsArgs[] = [];
    const recording = withGetLogs(testChain.publicClient, (logs, args) => {
      if (args.topics !== undefined && args.fromBlock !== undefined) stablecoinQueries.push(args);
      return logs;
    });
    const db = await openDb();
    const { head } = await indexerFor(db, { publicClient: recording, maxBlockRange: 20 }).catchUp();

    const asked = (block: bigint) =>
      stablecoinQueries.some((query) => query.fromBlock! <= block && block <= query.toBlock!);
    // The share transfers' finalized blocks have headers (their logs need them) whose blooms hold no stablecoin log.
    for (const block of shareTransferBlocks) expect(asked(block)).toBe(false);
    // Near the head the stablecoin is asked beside the followed logs, over every block.
    expect(asked(head)).toBe(true);
    // Nothing is missed: the mirror holds every stablecoin transfer from or to a protocol contract on the chain.
    const stored = await db.select().from(stablecoinTransfers);
    const expected = await protocolTransfersOnChain(testChain, sale);
    expect(expected.length).toBeGreaterThan(1);
    expect(stored.map((row) => `${row.transactionHash}:${row.logIndex}`).sort()).toEqual(expected);
  });

  it('asks over a finalized block with no header at hand: a plain transfer into an offering is kept (M-7)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    // A plain transfer makes the offering log nothing: no followed log in its block, so no header is fetched for it.
    const plain = await testChain.send(devRoles.investors[0], {
      address: testChain.contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'transfer',
      args: [sale.offering, 1n],
    } as never);
    await testChain.mine(PAST_FINALITY);
    const db = await openDb();
    await indexerFor(db, { maxBlockRange: 20 }).catchUp();

    const stored = await db.select().from(stablecoinTransfers);
    expect(stored.some((row) => row.transactionHash === plain.transactionHash)).toBe(true);
    expect(stored.map((row) => `${row.transactionHash}:${row.logIndex}`).sort()).toEqual(
      await protocolTransfersOnChain(testChain, sale),
    );
  });

  it('does not believe a zeroed bloom: the purchases in blocks whose headers lack their emitters are kept (M-7)', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    await testChain.mine(PAST_FINALITY);
    const db = await openDb();
    await indexerFor(db, { publicClient: withZeroedBlooms(testChain), maxBlockRange: 20 }).catchUp();

    const stored = await db.select().from(stablecoinTransfers);
    expect(stored.some((row) => row.to === sale.offering)).toBe(true);
    expect(stored.map((row) => `${row.transactionHash}:${row.logIndex}`).sort()).toEqual(
      await protocolTransfersOnChain(testChain, sale),
    );
  });
});
