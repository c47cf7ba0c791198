import { and, count, eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { catchUpMirror, runScenario, startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { shareTransfers } from '#db/schema';
import { earned } from '#protocol/figures/earned';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { readPositions } from '../components/positions';
import { EARNINGS_DAYS, EARNINGS_LIMITS, earningsSeries } from './holdings.server';

let chain: TestChain;
let scenario: Awaited<ReturnType<typeof runScenario>>;

beforeAll(async () => {
  chain = await startTestChain(testPort(8890));
  scenario = await runScenario(chain);
  // Investor A (who claimed once in the scenario) sells some more shares later: two balance changes to replay.
  await chain.increaseTime(300);
  await chain.transferShares(
    devRoles.investors[0]!,
    scenario.sale.token,
    devAccount(devRoles.investors[2]!).address,
    10n ** 18n,
  );
  await chain.increaseTime(300);
  await chain.mine(1);
}, 300_000);

afterAll(async () => {
  await chain?.stop();
});

describe.each(testDatabases)('the portfolio’s earnings series on $name', ({ open }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
    await catchUpMirror(chain, handle.db);
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it.each([0, 1, 2])(
    'ends at the chain’s claimed + claimable of investor %i, to the contract’s rounding',
    async (i) => {
      const account = devAccount(devRoles.investors[i]!).address;
      const head = await chain.publicClient.getBlock({ blockTag: 'latest' });
      const context = { db: handle.db, chain: { chainId: 31_337, publicClient: chain.publicClient } } as never;
      const series = await earningsSeries(context, account, head.timestamp);
      expect(series.points).toHaveLength(EARNINGS_DAYS);
      expect(series.truncated).toBe(false);
      expect(series.points.at(-1)!.at).toBe(head.timestamp.toString());
      expect(series.points.every((point) => point.earned !== null)).toBe(true);

      const tokens = [
        { address: scenario.sale.token, offering: scenario.sale.offering, clusterId: 1n, symbol: '', name: '' },
      ];
      const read = await readPositions(chain.publicClient, account, tokens, chain.deployment.deployBlock);
      expect(read.readAt).toBe(head.timestamp);
      const onChain = read.positions.reduce(
        (sum, p) =>
          sum + earned({ claimed: p.claimed, claimable: p.snapshot.claimable, escrowRevenue: p.escrowRevenue }),
        0n,
      );
      expect(onChain).toBeGreaterThan(0n);
      // The contract rounds down at each checkpoint of the account (each transfer, claim and withdrawal: fewer than 8
      // here), the replay once: the mirror's figure is the chain's plus less than one base unit per checkpoint (minus
      // at most one for the event's rate, itself rounded down from the contract's).
      const mirrored = BigInt(series.points.at(-1)!.earned!);
      expect(mirrored - onChain).toBeGreaterThanOrEqual(-1n);
      expect(mirrored - onChain).toBeLessThan(8n);
      // Cumulative: never decreasing, day after day.
      const values = series.points.map((point) => BigInt(point.earned!));
      expect(values.every((value, k) => k === 0 || value >= values[k - 1]!)).toBe(true);
    },
  );

  it('is empty for an account that never held a share', async () => {
    const head = await chain.publicClient.getBlock({ blockTag: 'latest' });
    const context = { db: handle.db, chain: { chainId: 31_337, publicClient: chain.publicClient } } as never;
    const series = await earningsSeries(context, devAccount(devRoles.testWallets[8]!).address, head.timestamp);
    expect(series.points.map((point) => point.earned)).toEqual(Array(EARNINGS_DAYS).fill('0'));
  });

  it.each([
    ['share transfers', { transfers: 1 }],
    ['tokens', { tokens: 0 }],
    ['deposits', { deposits: 0 }],
    ['escrow payments', { paid: 0 }],
  ])(
    'leaves blank every point from the first %s a bound left out, and keeps the points before it',
    async (_, bound) => {
      const account = devAccount(devRoles.investors[0]!).address;
      const head = await chain.publicClient.getBlock({ blockTag: 'latest' });
      const context = { db: handle.db, chain: { chainId: 31_337, publicClient: chain.publicClient } } as never;
      const full = await earningsSeries(context, account, head.timestamp);
      const cut = await earningsSeries(context, account, head.timestamp, EARNINGS_DAYS, {
        ...EARNINGS_LIMITS,
        ...bound,
      });
      expect(full.truncated).toBe(false);
      expect(BigInt(full.points.at(-1)!.earned!)).toBeGreaterThan(0n);
      expect(cut.truncated).toBe(true);
      // The scenario's history lies within the last day: today's point is the one the cut hides.
      const blank = cut.points.findIndex((point) => point.earned === null);
      expect(blank).toBe(EARNINGS_DAYS - 1);
      expect(cut.points.slice(0, blank)).toEqual(full.points.slice(0, blank));
    },
  );

  it('is not cut at a bound the history exactly fills', async () => {
    const account = devAccount(devRoles.investors[0]!).address;
    const [{ rows }] = (await handle.db
      .select({ rows: count() })
      .from(shareTransfers)
      .where(
        and(eq(shareTransfers.chainId, 31_337), or(eq(shareTransfers.to, account), eq(shareTransfers.from, account))),
      )) as [{ rows: number }];
    expect(rows).toBeGreaterThan(1);
    const head = await chain.publicClient.getBlock({ blockTag: 'latest' });
    const context = { db: handle.db, chain: { chainId: 31_337, publicClient: chain.publicClient } } as never;
    const full = await earningsSeries(context, account, head.timestamp);
    const exact = await earningsSeries(context, account, head.timestamp, EARNINGS_DAYS, {
      ...EARNINGS_LIMITS,
      transfers: rows,
      tokens: 1,
    });
    expect(exact).toEqual(full);
  });
});
