/**
 * What the passport adds to the chain's live state, from the database: the attestation history with its signers,
 * the utilization series, revenue reported vs deposited per day (gaps flagged), the holder distribution, and the
 * transactions every figure comes from.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, asc, desc, eq, gt, notInArray, sql } from 'drizzle-orm';
import { attestationHistory, depositHistory, epochReportList } from '#db/analytics/history';
import { clusterInvestment, clusterSeries } from '#db/analytics/series';
import { balances, shareTokens } from '#db/schema';
import { holderExcludes } from '#protocol/figures/holders';
import { pooledUtilizationBps } from '#protocol/figures/utilization';
import { cachedMarket } from './market.server';
import { serializeReport } from './reports.server';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const UTILIZATION_RANGES = ['hour', 'day', 'week'] as const;
export type UtilizationRange = (typeof UTILIZATION_RANGES)[number];
const TOP_HOLDERS = 10;

/**
 * Utilization points of one cluster: hourly over 48 hours, daily over 30 days, or weekly (Monday-based weeks summed
 * from the daily rollups) over 26 weeks, ending at chain time (the mirror's newest indexed block, as the market's
 * figures) unless `atMs` is given.
 */
export async function utilizationSeries(
  { db, chain }: AppLoadContext,
  clusterId: bigint,
  range: UtilizationRange,
  atMs?: number,
) {
  const nowMs = atMs ?? (await cachedMarket(db, chain.chainId)).at.getTime();
  const granularity = range === 'hour' ? 'hour' : 'day';
  const span = range === 'hour' ? 48 * HOUR_MS : range === 'day' ? 30 * DAY_MS : 26 * 7 * DAY_MS;
  const to = new Date(nowMs);
  const points = await clusterSeries(db, {
    chainId: chain.chainId,
    clusterId,
    granularity,
    from: new Date(nowMs - span),
    to,
  });
  if (range !== 'week') {
    return points.map((point) => ({
      bucket: point.bucket.toISOString().slice(0, range === 'hour' ? 13 : 10),
      utilizationBps: point.utilizationBps,
      reports: point.reports,
    }));
  }
  const weeks = new Map<string, { utilizationBpsSum: bigint; reports: number }[]>();
  for (const point of points) {
    const day = point.bucket.getUTCDay();
    const monday = new Date(point.bucket.getTime() - ((day + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
    const week = weeks.get(monday) ?? [];
    week.push({ utilizationBpsSum: point.utilizationBpsSum, reports: point.reports });
    weeks.set(monday, week);
  }
  return [...weeks].map(([bucket, week]) => ({
    bucket,
    utilizationBps: pooledUtilizationBps(week),
    reports: week.reduce((total, day) => total + day.reports, 0),
  }));
}

export async function clusterActivity({ db, chain }: AppLoadContext, clusterId: bigint) {
  const chainId = chain.chainId;
  // Chain time and the one 30-day window, the same as the market row's (review H1, L5).
  const { at, window } = await cachedMarket(db, chainId);
  const [signed, reports, deposits, daily, investment] = await Promise.all([
    attestationHistory(db, { chainId, clusterId, limit: 20 }),
    epochReportList(db, { chainId, clusterId, limit: 20 }),
    depositHistory(db, { chainId, clusterId, limit: 20 }),
    clusterSeries(db, { chainId, clusterId, granularity: 'day', from: window.from, to: window.to }),
    clusterInvestment(db, { chainId, clusterId, window }),
  ]);
  let holders: { account: string; balance: string }[] = [];
  let holderCount = 0;
  let othersBalance = 0n;
  if (investment) {
    // The top holders and the totals in SQL (review L-8): a token with a million holders still sends ten rows.
    const [token] = await db
      .select({ token: shareTokens.token })
      .from(shareTokens)
      .where(and(eq(shareTokens.chainId, chainId), eq(shareTokens.clusterId, clusterId)))
      .limit(1);
    if (token) {
      // protocol/figures/holders.ts: a positive balance, not the offering escrow.
      const ofToken = and(
        eq(balances.chainId, chainId),
        eq(balances.token, token.token),
        gt(balances.balance, 0n),
        notInArray(balances.account, holderExcludes(investment.offering)),
      );
      const [top, [totals]] = await Promise.all([
        db
          .select({ account: balances.account, balance: balances.balance })
          .from(balances)
          .where(ofToken)
          .orderBy(desc(balances.balance), asc(balances.account))
          .limit(TOP_HOLDERS),
        db
          .select({
            count: sql<number>`count(*)`.mapWith(Number),
            total: sql<string>`coalesce(sum(${balances.balance}), 0)::text`,
          })
          .from(balances)
          .where(ofToken),
      ]);
      holderCount = totals?.count ?? 0;
      holders = top.map((row) => ({ account: row.account, balance: row.balance.toString() }));
      othersBalance = BigInt(totals?.total ?? '0') - top.reduce((sum, row) => sum + row.balance, 0n);
    }
  }
  return {
    attestations: signed.map((entry) => ({
      attestedAt: Math.floor(entry.attestedAt.getTime() / 1000),
      validUntil: Math.floor(entry.validUntil.getTime() / 1000),
      gpuCount: entry.gpuCount,
      hardwareRoot: entry.hardwareRoot,
      signers: entry.signers,
      submitter: entry.submitter,
      transactionHash: entry.transactionHash,
    })),
    reports: reports.map(serializeReport),
    deposits: deposits.map((entry) => ({
      amount: entry.amount.toString(),
      payer: entry.payer,
      blockTime: entry.blockTime.toISOString(),
      transactionHash: entry.transactionHash,
    })),
    reconciliation: daily
      .filter((point) => point.revenueReported > 0n || point.revenueDeposited > 0n)
      .map((point) => ({
        day: point.bucket.toISOString().slice(0, 10),
        reported: point.revenueReported.toString(),
        deposited: point.revenueDeposited.toString(),
        gap: (point.revenueReported - point.revenueDeposited).toString(),
      })),
    investment: investment
      ? {
          holders: holderCount,
          sharesSold: investment.sharesSold.toString(),
          valueLocked: investment.valueLocked.toString(),
          pricePerShare: investment.pricePerShare.toString(),
          supply: investment.supply.toString(),
          trailingDays: investment.trailingDays,
          windowFrom: investment.window.from.toISOString(),
          windowTo: investment.window.to.toISOString(),
          chainTime: at.toISOString(),
          trailingRevenue: investment.trailingRevenue.toString(),
          trailingAprBps: investment.trailingAprBps,
        }
      : null,
    holders: { count: holderCount, top: holders, othersBalance: othersBalance.toString() },
  };
}
