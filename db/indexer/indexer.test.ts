import { eq } from 'drizzle-orm';
import pino from 'pino';
import {
  type Abi,
  type Address,
  getAddress,
  type Hex,
  keccak256,
  parseEventLogs,
  stringToBytes,
  toHex,
  zeroAddress,
} from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { clusterRegistryAbi, offeringAbi, shareTokenAbi } from '#contracts';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import type { Database, DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { dumpMirror } from '../dump';
import { runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import {
  balances,
  clusterEvents,
  clusters,
  committeeEvents,
  epochReports,
  offeringEvents,
  rollups,
  tokenControlEvents,
} from '../schema';
import { decodeLogs } from './decode';
import { createIndexer } from './indexer';
import { readCursor, writeRange } from './store';

const log = pino({ level: 'silent' });

function indexerFor(chain: TestChain, db: Database, overrides: { maxBlockRange?: number; signal?: AbortSignal } = {}) {
  return createIndexer({
    db,
    publicClient: chain.publicClient,
    chainId: 31_337,
    contracts: chain.contracts,
    deployBlock: chain.deployment.deployBlock,
    maxBlockRange: overrides.maxBlockRange ?? 1_000,
    pollIntervalMs: 20,
    signal: overrides.signal ?? new AbortController().signal,
    log,
  });
}

async function caughtUp(chain: TestChain, db: Database) {
  const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  while (((await readCursor(db, 31_337))?.number ?? 0n) < head) await new Promise((resolve) => setTimeout(resolve, 50));
}

describe.each(testDatabases)('indexer on $name', ({ name, open }) => {
  // One chain per test, each database its own block of ports (literal bases, where the port lint sees them): 8810..
  // on PGlite, 8820.. on PostgreSQL.
  let nextOffset = 0;
  const opened: DatabaseHandle[] = [];
  let chain: TestChain | undefined;
  const openDb = async () => {
    const handle = await open();
    opened.push(handle);
    return handle.db;
  };
  /** A second database of the same kind, indexed from scratch: what the mirror must equal. */
  const cleanIndex = async () => {
    const db = await openDb();
    await indexerFor(chain!, db).catchUp();
    return dumpMirror(db);
  };
  const startChain = async () => {
    const offset = nextOffset++;
    chain = await startTestChain(name === 'postgres' ? testPort(8820 + offset) : testPort(8810 + offset));
    return chain;
  };
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    await chain?.stop();
    chain = undefined;
  });

  it('mirrors clusters, reports, sales, shares and revenue from real transactions', async () => {
    const testChain = await startChain();
    const { clusters: ids, sale } = await runScenario(testChain);
    const db = await openDb();
    await indexerFor(testChain, db).catchUp();

    const stored = await db.select().from(clusters);
    expect(stored.map((row) => [row.clusterId, row.status, row.lastEpoch])).toEqual(
      expect.arrayContaining([
        [ids[0], 'attested', 2n],
        [ids[1], 'attested', 1n],
      ]),
    );
    // The last report time is the signed epoch end (the registry's rule), not the block that carried it.
    for (const row of stored) {
      const lastEpoch = await testChain.publicClient.readContract({
        address: testChain.contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'lastEpochOf',
        args: [row.clusterId],
      });
      expect(row.lastReportAt).toEqual(lastEpoch === 0n ? null : new Date(Number(lastEpoch) * 1000));
    }
    const holders = await db.select().from(balances).where(eq(balances.token, sale.token));
    const byAccount = Object.fromEntries(holders.map((row) => [row.account, row.balance]));
    const [investorA, investorB, investorC] = devRoles.investors.map((index) => devAccount(index).address);
    expect(byAccount).toEqual({
      [investorA!]: 50n * 10n ** 18n,
      [investorB!]: 40n * 10n ** 18n,
      [investorC!]: 10n * 10n ** 18n,
    });
    const purchases = await db.select().from(offeringEvents).where(eq(offeringEvents.kind, 'purchased'));
    expect(purchases.map((row) => row.shares)).toEqual([60n * 10n ** 18n, 40n * 10n ** 18n]);
    const networkHours = await db.select().from(rollups).where(eq(rollups.dimension, 'network'));
    const reported = networkHours
      .filter((row) => row.granularity === 'day')
      .reduce((sum, row) => sum + row.revenueReported, 0n);
    expect(reported).toBe(12_000_000n + 9_000_000n + 14_000_000n);
    expect(networkHours.filter((row) => row.granularity === 'day').reduce((s, r) => s + r.revenueDeposited, 0n)).toBe(
      5_000_000n,
    );
  });

  it('mirrors the holder-protection events: both pauses, an escrow revenue claim, a purchase recovery, a cancelled sale, the committee, a listing update', async () => {
    const testChain = await startChain();
    const { sale, clusters: ids } = await runScenario(testChain);
    const [operatorA] = devRoles.operators;
    const [investorA] = devRoles.investors;
    const governance = devRoles.deployer; // the local registry owner
    const registry = testChain.contracts.clusterRegistry;
    const call = (index: number, address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
      testChain.send(index, { address, abi, functionName, args } as never);
    await call(governance, sale.token, shareTokenAbi, 'governancePause');
    await call(operatorA, sale.token, shareTokenAbi, 'pause');
    await call(governance, sale.token, shareTokenAbi, 'governanceUnpause');
    await call(operatorA, sale.token, shareTokenAbi, 'unpause');
    // A second sale sells out while revenue streams and settles 10 minutes later (the buyers' revenue since the
    // sell-out is credited to the escrow); its buyer claims escrow revenue without withdrawing the shares.
    const operatorB = devRoles.operators[1];
    const second = await testChain.tokenize(operatorB, ids[1]!, 10n);
    await testChain.depositRevenue(operatorB, second.token, 3_600_000n, 3_600n);
    await testChain.buy(investorA, second.offering, 10n);
    await testChain.increaseTime(600);
    await testChain.finalize(operatorB, second.offering);
    await testChain.depositRevenue(operatorB, second.token, 3_600_000n, 3_600n);
    await testChain.increaseTime(600);
    const claim = await call(investorA, second.offering, offeringAbi, 'claimEscrowRevenue', [
      devAccount(investorA).address,
    ]);
    const [claimedEvent] = parseEventLogs({ abi: offeringAbi, logs: claim.logs, eventName: 'EscrowRevenueClaimed' });
    // Then the buyer is frozen and the operator moves its purchase to a replacement (a compliance recovery).
    const [, , investorC] = devRoles.investors;
    await call(operatorB, second.token, shareTokenAbi, 'setFrozen', [devAccount(investorA).address, true]);
    await call(operatorB, second.offering, offeringAbi, 'recoverPurchase', [
      devAccount(investorA).address,
      devAccount(investorC).address,
    ]);
    // A third sale, cancelled by governance with one purchase in it.
    const third = await testChain.registerCluster(operatorB, { gpuModel: 'L40S', gpuCount: 4, location: 'DE-FRA-01' });
    await testChain.attest(third);
    const cancelledSale = await testChain.tokenize(operatorB, third, 10n);
    await testChain.buy(investorA, cancelledSale.offering, 2n);
    await call(governance, cancelledSale.offering, offeringAbi, 'cancel');
    // The operator points the listing at a new document (the Hardware tab's updateMetadata).
    const newListing = { uri: 'https://example.org/third-v2.json', hash: keccak256(stringToBytes('{"v":2}')) };
    await call(operatorB, registry, clusterRegistryAbi, 'updateMetadata', [third, newListing.uri, newListing.hash]);
    await call(governance, registry, clusterRegistryAbi, 'setThreshold', [2n]);
    const db = await openDb();
    await indexerFor(testChain, db).catchUp();

    const controls = await db.select().from(tokenControlEvents).where(eq(tokenControlEvents.token, sale.token));
    expect(controls.map((row) => [row.kind, row.flag])).toEqual([
      ['governance_pause_set', true],
      ['pause_set', true],
      ['governance_pause_set', false],
      ['pause_set', false],
    ]);
    const escrowClaims = await db
      .select()
      .from(offeringEvents)
      .where(eq(offeringEvents.kind, 'escrow_revenue_claimed'));
    expect(claimedEvent!.args.amount).toBeGreaterThan(0n);
    expect(escrowClaims).toEqual([
      expect.objectContaining({
        offering: second.offering,
        account: devAccount(investorA).address,
        recipient: devAccount(investorA).address,
        shares: 0n,
        amount: claimedEvent!.args.amount,
      }),
    ]);
    const recovered = await db.select().from(offeringEvents).where(eq(offeringEvents.kind, 'purchase_recovered'));
    expect(recovered).toEqual([
      expect.objectContaining({
        offering: second.offering,
        // The operator who moved it: the public history lends a recorded reason only to its author's recovery.
        actor: devAccount(operatorB!).address,
        account: devAccount(investorA).address,
        recipient: devAccount(investorC).address,
        shares: 10n * 10n ** 18n,
        amount: (
          await testChain.publicClient.readContract({
            address: second.offering,
            abi: offeringAbi,
            functionName: 'purchasedOf',
            args: [devAccount(investorC).address],
          })
        )[1],
      }),
    ]);
    const cancelled = await db.select().from(offeringEvents).where(eq(offeringEvents.kind, 'cancelled'));
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]).toMatchObject({
      offering: cancelledSale.offering,
      account: devAccount(governance).address,
      shares: 2n * 10n ** 18n,
      amount: await testChain.publicClient.readContract({
        address: cancelledSale.offering,
        abi: offeringAbi,
        functionName: 'raised',
      }),
    });
    const versions = await db
      .select()
      .from(committeeEvents)
      .where(eq(committeeEvents.kind, 'committee_changed'))
      .orderBy(committeeEvents.blockNumber);
    // Construction made version 1; the threshold set again made version 2 (the registry's own count).
    expect(versions.map((row) => row.value)).toEqual([
      1n,
      BigInt(
        await testChain.publicClient.readContract({
          address: registry,
          abi: clusterRegistryAbi,
          functionName: 'committeeVersion',
        }),
      ),
    ]);
    // Each version names the committee and threshold it stands for, as the registry holds them now.
    const [signers, threshold] = await Promise.all([
      testChain.publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'signers' }),
      testChain.publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'threshold' }),
    ]);
    expect(versions.at(-1)).toMatchObject({ signers: [...signers], threshold: BigInt(threshold), previousValue: null });
    // Settlement credits the buyers' revenue since the decision to the escrow: the mirror keeps the chain's figure.
    const finalizedOnChain = await testChain.publicClient.getContractEvents({
      abi: offeringAbi,
      eventName: 'Finalized',
      fromBlock: testChain.deployment.deployBlock,
    });
    const finalizedRows = await db
      .select()
      .from(offeringEvents)
      .where(eq(offeringEvents.kind, 'finalized'))
      .orderBy(offeringEvents.blockNumber, offeringEvents.logIndex);
    expect(finalizedOnChain.some((log) => log.args.revenueEscrowed! > 0n)).toBe(true);
    expect(finalizedRows.map((row) => [row.offering, row.revenueEscrowed])).toEqual(
      finalizedOnChain.map((log) => [getAddress(log.address), log.args.revenueEscrowed]),
    );
    // The local registry has no guardian: construction recorded the zero address.
    const guardians = await db.select().from(committeeEvents).where(eq(committeeEvents.kind, 'guardian_set'));
    expect(guardians.map((row) => row.account)).toEqual([zeroAddress]);
    // The withdrawals of the scenario name their recipient (the buyers themselves).
    const withdrawn = await db.select().from(offeringEvents).where(eq(offeringEvents.kind, 'shares_withdrawn'));
    expect(withdrawn).toHaveLength(2);
    expect(withdrawn.map((row) => row.recipient)).toEqual(withdrawn.map((row) => row.account));
    // The listing update reaches the mirrored cluster (what the market and the API read) as the registry holds it.
    const listing = await testChain.publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [third],
    });
    expect([listing.metadataURI, listing.metadataHash]).toEqual([newListing.uri, newListing.hash]);
    const [mirroredThird] = await db.select().from(clusters).where(eq(clusters.clusterId, third));
    expect([mirroredThird!.metadataUri, mirroredThird!.metadataHash]).toEqual([
      listing.metadataURI,
      listing.metadataHash,
    ]);
    const updates = await db.select().from(clusterEvents).where(eq(clusterEvents.kind, 'metadata_updated'));
    expect(updates.map((row) => [row.clusterId, row.metadataUri, row.metadataHash])).toEqual([
      [third, newListing.uri, newListing.hash],
    ]);
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });

  it('gives the same mirror for small ranges, one large range, and a range written twice', async () => {
    const testChain = await startChain();
    await runScenario(testChain);
    const small = await openDb();
    await indexerFor(testChain, small, { maxBlockRange: 2 }).catchUp();
    const dumpSmall = await dumpMirror(small);
    expect(dumpSmall).toEqual(await cleanIndex());

    // Replay: write the last range again from fresh logs; the cursor makes it a no-op.
    const cursor = (await readCursor(small, 31_337))!;
    const logs = await testChain.publicClient.getLogs({
      fromBlock: testChain.deployment.deployBlock,
      toBlock: cursor.number,
    });
    const block = await testChain.publicClient.getBlock({ blockNumber: cursor.number });
    const { rows } = decodeLogs(
      31_337,
      logs,
      {
        registry: testChain.contracts.clusterRegistry.toLowerCase(),
        factory: testChain.contracts.factory.toLowerCase(),
        stablecoin: testChain.contracts.stablecoin.toLowerCase(),
        tokens: new Map(),
        offerings: new Map(),
      },
      () => new Date(Number(block.timestamp) * 1000),
    );
    const end = { number: block.number, hash: block.hash, parentHash: block.parentHash, timestamp: new Date() };
    expect(await writeRange(small, 31_337, rows, end)).toBe(0);
    expect(await dumpMirror(small)).toEqual(dumpSmall);
  });

  it('joins finalized ranges read ahead into one write and gives the same mirror', async () => {
    const testChain = await startChain();
    await runScenario(testChain);
    // Far enough past the scenario that all of it is finalized (anvil finalizes 64 blocks behind its head).
    await testChain.mine(100);
    const deployBlock = testChain.deployment.deployBlock;
    const db = await openDb();
    const indexer = indexerFor(testChain, db, { maxBlockRange: 1 });
    // The first range is read alone; writing it, the indexer reads the next four ahead, and writes them together.
    expect(await indexer.step()).toMatchObject({ from: deployBlock, to: deployBlock });
    expect(await indexer.step()).toMatchObject({ from: deployBlock + 1n, to: deployBlock + 4n });
    await indexer.catchUp();
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });

  it('rolls a reorg back to the common ancestor and equals a clean index of the new chain', async () => {
    const testChain = await startChain();
    const { sale, clusters: ids } = await runScenario(testChain);
    const db = await openDb();
    const indexer = indexerFor(testChain, db);
    await indexer.catchUp();
    const fork = await testChain.snapshot();
    // The branch that will be dropped: a trade, a report and a deposit.
    const [investorA, investorB] = devRoles.investors;
    await testChain.transferShares(investorA, sale.token, devAccount(investorB).address, 5n * 10n ** 18n);
    await testChain.report([
      { clusterId: ids[1]!, epoch: 2n, gpuHoursMilli: 1n, utilizationBps: 100, gpusOnline: 1, revenue: 1n },
    ]);
    // Enough to keep the running stream's rate for the added seconds (a deposit may not slow it down).
    await testChain.depositRevenue(devRoles.operators[0], sale.token, 5_000_000n, 3_600n);
    await indexer.catchUp();
    expect(await db.select().from(epochReports)).toHaveLength(4);

    await testChain.revert(fork);
    // The new branch: different transactions, and longer than the dropped one.
    await testChain.transferShares(investorB, sale.token, devAccount(investorA).address, 3n * 10n ** 18n);
    await testChain.mine(5);
    await indexer.catchUp();
    expect((await indexer.metrics.reorgs.get()).values[0]?.value).toBe(1);
    expect(await db.select().from(epochReports)).toHaveLength(3);
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });

  it('drops a range read ahead of the cursor when the chain reorganizes before it is written', async () => {
    const testChain = await startChain();
    const { sale } = await runScenario(testChain);
    const fork = await testChain.snapshot();
    const forkHead = await testChain.publicClient.getBlockNumber({ cacheTime: 0 });
    const [investorA, investorB] = devRoles.investors;
    // The branch that will be dropped: a transfer in the block after the fork, then one more block.
    await testChain.transferShares(investorA, sale.token, devAccount(investorB).address, 5n * 10n ** 18n);
    await testChain.mine(1);
    let signalReadAhead = () => {};
    const readAhead = new Promise<void>((resolve) => {
      signalReadAhead = resolve;
    });
    const watched = new Proxy(testChain.publicClient, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'request') return value;
        return async (request: { method: string; params?: [{ fromBlock?: Hex }] }, options?: unknown) => {
          const answer = await value.call(target, request as never, options as never);
          if (request.method === 'eth_getLogs' && request.params?.[0]?.fromBlock === toHex(forkHead + 1n)) {
            signalReadAhead();
          }
          return answer;
        };
      },
    });
    const db = await openDb();
    const indexer = createIndexer({
      db,
      publicClient: watched,
      chainId: 31_337,
      contracts: testChain.contracts,
      deployBlock: testChain.deployment.deployBlock,
      maxBlockRange: 1,
      signal: new AbortController().signal,
      log,
    });
    // Writing the fork block reads the next block (of the branch about to be dropped) ahead.
    while ((await indexer.step()).to !== forkHead) {}
    await readAhead;

    await testChain.revert(fork);
    await testChain.transferShares(investorB, sale.token, devAccount(investorA).address, 3n * 10n ** 18n);
    await testChain.mine(2);
    await indexer.catchUp();
    // The dropped branch was never written, so there was nothing to roll back.
    expect((await indexer.metrics.reorgs.get()).values[0]?.value ?? 0).toBe(0);
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });

  it('waits while the database is unreachable and resumes with nothing lost', async () => {
    const testChain = await startChain();
    const db = await openDb();
    let reachable = true;
    // Every database call fails while `reachable` is false, as a dropped connection would.
    const flaky = new Proxy(db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (!reachable) throw new Error('connection refused');
          return value.apply(target, args);
        };
      },
    });
    const controller = new AbortController();
    const indexer = indexerFor(testChain, flaky, { signal: controller.signal });
    const running = indexer.run();
    const { sale } = await runScenario(testChain);
    await caughtUp(testChain, db);
    reachable = false;
    const [investorA, investorC] = [devRoles.investors[0], devRoles.investors[2]];
    await testChain.transferShares(investorA, sale.token, devAccount(investorC).address, 1n);
    await testChain.mine(3);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await indexer.metrics.failures.get()).values[0]?.value ?? 0).toBeGreaterThan(0);
    reachable = true;
    await caughtUp(testChain, db);
    controller.abort();
    await running;
    expect(await dumpMirror(db)).toEqual(await cleanIndex());
  });
});
