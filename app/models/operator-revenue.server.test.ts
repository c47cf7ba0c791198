import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { epochReports, indexedBlocks, revenueDeposits, shareTokens, tokenControlEvents } from '#db/schema';
import { operatorRevenue, owedWeekStarts, PAYER_LIMIT, WEEK_SECONDS } from './operator-revenue.server';

const chainId = 31_337;
const operator = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
const successor = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as const;
const token = '0x1111111111111111111111111111111111111111' as const;
const otherToken = '0x2222222222222222222222222222222222222222' as const;
const payerA = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as const;
const payerB = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' as const;
/** Chain time of the reads: a Wednesday noon, UTC. */
const now = Date.UTC(2030, 0, 16, 12) / 1000;
const DAY = 86_400;

let logs = 0;
/** Where a made-up log sits: block `block`, at `time` (unix seconds). */
const at = (block: number, time: number, logIndex = 0) => ({
  chainId,
  blockNumber: BigInt(block),
  blockHash: `0x${(++logs).toString(16).padStart(64, '0')}` as const,
  logIndex,
  transactionHash: `0x${'ab'.repeat(32)}` as const,
  blockTime: new Date(time * 1000),
});

describe.each(testDatabases)('what an operator owes, on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  async function tokenized(block: number, time: number, logIndex = 5) {
    const { db } = handle!;
    await db.insert(shareTokens).values({
      ...at(block, time, logIndex),
      token,
      clusterId: 7n,
      offering: otherToken,
      operator,
      name: 'Cluster 7 shares',
      symbol: 'RSC7',
      supply: 10n ** 21n,
    });
  }

  const report = (block: number, time: number, revenue: bigint, clusterId = 7n, logIndex = 0) => ({
    ...at(block, time, logIndex),
    clusterId,
    epoch: BigInt(block),
    gpuHoursMilli: 1_000n,
    utilizationBps: 5_000,
    gpusOnline: 4,
    revenue,
    telemetryRoot: `0x${'cd'.repeat(32)}` as const,
    submitter: operator,
  });

  const deposit = (block: number, time: number, amount: bigint, onToken: `0x${string}` = token) => ({
    ...at(block, time),
    token: onToken,
    clusterId: 7n,
    payer: operator,
    amount,
    durationSeconds: 604_800n,
    ratePerSecond: 1n,
    streamEnd: new Date((time + 604_800) * 1000),
    carriedOver: 0n,
  });

  it('counts reports from the tokenization on against every deposit, per week of chain time, newest first', async () => {
    handle = await open();
    const { db } = handle;
    const starts = owedWeekStarts(now);
    const lastWeek = starts.at(-1)!;
    const tenWeeksAgo = now - 70 * DAY;
    await tokenized(100, tenWeeksAgo);
    await db.insert(epochReports).values([
      // Before the tokenization (an earlier block, and an earlier log of the same block): no holder to owe.
      report(99, tenWeeksAgo - DAY, 1_000_000n),
      report(100, tenWeeksAgo, 2_000_000n, 7n, 4),
      // Another cluster's report is not this one's.
      report(120, lastWeek + DAY, 5_000_000n, 8n),
      // Before the table's window: carried into its opening balance.
      report(100, tenWeeksAgo, 30_000_000n, 7n, 6),
      // Two reports in the oldest week shown, one in the last.
      report(130, starts[0]! + 10, 4_000_000n),
      report(131, starts[0]! + WEEK_SECONDS - 1, 6_000_000n),
      report(140, lastWeek + DAY, 12_345_678n),
    ]);
    await db
      .insert(revenueDeposits)
      .values([
        deposit(110, tenWeeksAgo + DAY, 20_000_000n),
        deposit(135, starts[3]! + DAY, 15_000_000n),
        deposit(136, starts[3]! + 2 * DAY, 1n, otherToken),
      ]);
    await db.insert(indexedBlocks).values({
      chainId,
      number: 140n,
      hash: `0x${'ef'.repeat(32)}`,
      parentHash: `0x${'ee'.repeat(32)}`,
      timestamp: new Date(now * 1000),
    });

    const owed = await operatorRevenue(db, { chainId, clusterId: 7n, operator, now });
    expect(owed).toBeDefined();
    const reported = 30_000_000n + 4_000_000n + 6_000_000n + 12_345_678n;
    const deposited = 20_000_000n + 15_000_000n;
    expect(owed!.reported).toBe(reported);
    expect(owed!.deposited).toBe(deposited);
    expect(owed!.outstanding).toBe(reported - deposited);
    expect(owed!.ahead).toBe(0n);
    expect(owed!.mirroredBlock).toBe(140n);
    expect(owed!.weeks).toHaveLength(8);
    expect(owed!.weeks.map((week) => week.from)).toEqual([...starts].reverse());
    const oldest = owed!.weeks.at(-1)!;
    expect(oldest).toMatchObject({ reported: 10_000_000n, deposited: 0n, balance: 10_000_000n + 10_000_000n });
    expect(owed!.weeks.find((week) => week.from === starts[3])).toMatchObject({
      reported: 0n,
      deposited: 15_000_000n,
      balance: 20_000_000n - 15_000_000n,
    });
    // The last week's balance is everything owed.
    expect(owed!.weeks[0]).toMatchObject({ reported: 12_345_678n, balance: reported - deposited });
    // The last week ends with the UTC day of `now`.
    expect(owed!.weeks[0]!.to).toBe(Date.UTC(2030, 0, 17) / 1000);
  });

  it('says paid ahead rather than a negative debt, and nothing for a cluster without a token', async () => {
    handle = await open();
    const { db } = handle;
    await tokenized(10, now - 3 * DAY);
    await db.insert(epochReports).values(report(11, now - 2 * DAY, 1_000n));
    await db.insert(revenueDeposits).values(deposit(12, now - DAY, 5_000n));
    const owed = await operatorRevenue(db, { chainId, clusterId: 7n, operator, now });
    expect(owed).toMatchObject({ outstanding: 0n, ahead: 4_000n, mirroredBlock: null });
    expect(owed!.weeks[0]!.balance).toBe(-4_000n);
    expect(await operatorRevenue(db, { chainId, clusterId: 8n, operator, now })).toBeUndefined();
  });

  it('lists the payers the current operator named and has not revoked, newest first and bounded', async () => {
    handle = await open();
    const { db } = handle;
    await tokenized(10, now - 3 * DAY);
    const named = (block: number, actor: `0x${string}`, payer: `0x${string}`, maxDuration: bigint) => ({
      ...at(block, now - DAY + block),
      token,
      kind: 'revenue_payer_set' as const,
      actor,
      account: payer,
      flag: maxDuration !== 0n,
      value: maxDuration,
    });
    await db.insert(tokenControlEvents).values([
      named(20, operator, payerA, 86_400n),
      named(21, operator, payerB, 3_600n),
      // Revoked later: gone.
      named(22, operator, payerB, 0n),
      // Widened later: the newest horizon.
      named(23, operator, payerA, 604_800n),
      // Named by another operator (before a hand-over): lapsed for the current one.
      named(24, successor, payerB, 3_600n),
    ]);
    const owed = await operatorRevenue(db, { chainId, clusterId: 7n, operator, now });
    expect(owed!.payers).toEqual([{ payer: payerA, maxDuration: 604_800n, since: new Date((now - DAY + 23) * 1000) }]);
    const forSuccessor = await operatorRevenue(db, { chainId, clusterId: 7n, operator: successor, now });
    expect(forSuccessor!.payers.map((payer) => payer.payer)).toEqual([payerB]);

    const many = Array.from({ length: PAYER_LIMIT + 5 }, (_, index) =>
      named(100 + index, operator, `0x${(index + 1).toString(16).padStart(40, '0')}`, 60n),
    );
    await db.insert(tokenControlEvents).values(many);
    const bounded = await operatorRevenue(db, { chainId, clusterId: 7n, operator, now });
    expect(bounded!.payers).toHaveLength(PAYER_LIMIT);
    expect(bounded!.payers[0]!.payer).toBe(`0x${(PAYER_LIMIT + 5).toString(16).padStart(40, '0')}`);
  });
});
