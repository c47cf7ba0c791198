/**
 * The market: one row per cluster with its 30-day figures, as a snapshot of the mirror rebuilt when the indexed block
 * moves, and its statuses at chain time. Every query is built with drizzle (bound parameters) and reads the rollups
 * through their primary key (series.ts holds the rollup series, history.ts a cluster's reports, attestations and
 * deposits).
 */
import { and, desc, eq, inArray, sum } from 'drizzle-orm';
import { trailingAprBps } from '#protocol/figures/apr';
import { soldBps } from '#protocol/figures/sold';
import { meanUtilizationBps } from '#protocol/figures/utilization';
import { type TrailingWindow, thirtyDayWindow } from '#protocol/figures/window';
import { lifecycleOf, type OfferingOutcome, offeringPhaseAt, statusAt, unixSeconds } from '#protocol/status';
import type { ClusterStatusName, OfferingPhaseName } from '#protocol/status-names';
import type { Database } from '../database';
import { clusters, committeeEvents, indexedBlocks, offeringEvents, offerings, rollups, shareTokens } from '../schema';
import { rollupsIn } from './series';

/**
 * The registry's heartbeat as the mirror knows it (the newest HeartbeatChanged; the constructor emits the first), in
 * seconds, or null before the indexer has seen one (then no cluster can be called Attested for sure).
 */
export async function mirroredHeartbeat(db: Database, chainId: number): Promise<bigint | null> {
  const [row] = await db
    .select({ value: committeeEvents.value })
    .from(committeeEvents)
    .where(and(eq(committeeEvents.chainId, chainId), eq(committeeEvents.kind, 'heartbeat_changed')))
    .orderBy(desc(committeeEvents.blockNumber), desc(committeeEvents.logIndex))
    .limit(1);
  return row?.value ?? null;
}

/** A mirrored cluster's status at `now` by the contract's rule (protocol/status.ts), lowercased like the mirror's. */
export function mirroredStatusAt(
  cluster: {
    status: (typeof clusters.$inferSelect)['status'];
    attestedAt: Date | null;
    attestedUntil: Date | null;
    lastEpoch: bigint;
  },
  heartbeat: bigint | null,
  now: Date,
): Lowercase<Exclude<ClusterStatusName, 'None'>> {
  const name = statusAt(
    {
      registered: true,
      lifecycle: lifecycleOf(cluster.status),
      attestedAt: unixSeconds(cluster.attestedAt),
      attestedUntil: unixSeconds(cluster.attestedUntil),
      lastEpoch: cluster.lastEpoch,
    },
    // Without a known heartbeat, any lapse counts: Stale unless a report or attestation is from this very second.
    heartbeat ?? 0n,
    unixSeconds(now),
  );
  return name.toLowerCase() as Lowercase<Exclude<ClusterStatusName, 'None'>>;
}

export type MarketRow = {
  clusterId: bigint;
  operator: `0x${string}`;
  gpuModel: string;
  location: string;
  gpuCount: number;
  status: 'registered' | 'attested' | 'stale' | 'suspended' | 'retired';
  attestedAt: Date | null;
  attestedUntil: Date | null;
  lastReportAt: Date | null;
  lastEpoch: bigint;
  token: { address: `0x${string}`; offering: `0x${string}`; name: string; symbol: string } | null;
  supply: bigint;
  pricePerShare: bigint | null;
  sharesSold: bigint;
  /** Sold / supply in basis points (0 when not tokenized). */
  soldBps: number;
  /** Mean reported utilization over the window in basis points (protocol/figures/utilization.ts), null without reports. */
  utilizationBps: number | null;
  revenueReported: bigint;
  revenueDeposited: bigint;
  /** Deposits over the window, annualized, over the supply's value at the offering price; null when not tokenized. */
  trailingAprBps: number | null;
  /** The offering's phase at `now` (protocol/status.ts offeringPhaseAt); null when not tokenized or not mirrored yet. */
  phase: OfferingPhaseName | null;
};

/** The sale's terms and settlement as the mirror has them: what its phase at any instant is derived from. */
export type MirroredSale = { start: Date; end: Date; softCap: bigint; outcome: OfferingOutcome };

/** A market row as the mirror stores it: everything but the status and phase, which move with time (marketRowsAt). */
export type MarketSnapshotRow = Omit<MarketRow, 'status' | 'phase'> & {
  mirroredStatus: (typeof clusters.$inferSelect)['status'];
  sale: MirroredSale | null;
};

/**
 * What the mirror says about every cluster of a chain at one indexed block: rows without their status plus the
 * heartbeat, so the status can be derived at any later instant with the contract's rule and no query.
 */
export type MarketSnapshot = {
  rows: MarketSnapshotRow[];
  heartbeat: bigint | null;
  /** The chain time the snapshot's figures are at (protocol/figures/window.ts). */
  at: Date;
  window: TrailingWindow;
};

/**
 * The indexer's cursor for a chain (its highest indexed block): the mirror changes only when this does. Its timestamp
 * is the chain time every time-dependent figure of the mirror is evaluated at (statuses, windows): the chain's clock,
 * not the server's, as the contract's statusOf and the passport use.
 */
export async function indexedCursor(db: Database, chainId: number) {
  const [row] = await db
    .select({ number: indexedBlocks.number, hash: indexedBlocks.hash, timestamp: indexedBlocks.timestamp })
    .from(indexedBlocks)
    .where(eq(indexedBlocks.chainId, chainId))
    .orderBy(desc(indexedBlocks.number))
    .limit(1);
  return row;
}

/**
 * Every cluster of a chain with its market figures over the trailing window of chain time `now` (thirtyDayWindow):
 * three queries (clusters with their token and offering, the latest purchase per offering, the daily cluster rollups
 * of the window grouped by cluster) joined in memory, so the cost does not grow with the number of reports. Statuses
 * are those at `now`.
 */
export async function marketRows(db: Database, query: { chainId: number; now: Date }): Promise<MarketRow[]> {
  return marketRowsAt(await marketSnapshot(db, query), query.now);
}

/** The rows of a snapshot with each cluster's status at `now` (protocol/status.ts, the contract's `_statusOf`). */
export function marketRowsAt(snapshot: MarketSnapshot, now: Date): MarketRow[] {
  return snapshot.rows.map(({ mirroredStatus, sale, ...row }) => ({
    ...row,
    status: mirroredStatusAt({ ...row, status: mirroredStatus }, snapshot.heartbeat, now),
    phase: sale
      ? offeringPhaseAt(
          {
            ...sale,
            start: unixSeconds(sale.start),
            end: unixSeconds(sale.end),
            supply: row.supply,
            sold: row.sharesSold,
          },
          unixSeconds(now),
        )
      : null,
  }));
}

/**
 * The first instant after `now` (ms) at which some row's status changes by the contract's rule, or Infinity: the
 * rule compares whole seconds, so an attestation valid until T lapses at (T + 1) s, and likewise the heartbeat.
 * Until then marketRowsAt(snapshot, t) returns the same statuses.
 */
export function nextStatusChange(snapshot: MarketSnapshot, now: number): number {
  const heartbeat = snapshot.heartbeat ?? 0n;
  let next = Number.POSITIVE_INFINITY;
  for (const row of snapshot.rows) {
    // A sale opens at its start and is decided at its end (exclusive): its phase changes at those seconds.
    if (row.sale?.outcome === 'none') {
      for (const at of [row.sale.start.getTime(), row.sale.end.getTime()]) {
        if (at > now && at < next) next = at;
      }
    }
    if (lifecycleOf(row.mirroredStatus) !== 'active' || !row.attestedUntil) continue;
    const attestedAt = unixSeconds(row.attestedAt);
    let lastActivity = attestedAt;
    if (row.lastEpoch > lastActivity) lastActivity = row.lastEpoch;
    for (const lapse of [unixSeconds(row.attestedUntil), lastActivity + heartbeat]) {
      const at = Number(lapse + 1n) * 1000;
      if (at > now && at < next) next = at;
    }
  }
  return next;
}

/** The mirror's market rows without statuses, over the trailing window of chain time `now` (see marketRows). */
export async function marketSnapshot(db: Database, query: { chainId: number; now: Date }): Promise<MarketSnapshot> {
  const window = thirtyDayWindow(query.now);
  const [clusterRows, sold, settlements, windowed, heartbeat] = await Promise.all([
    db
      .select({
        cluster: clusters,
        token: shareTokens,
        pricePerShare: offerings.pricePerShare,
        saleStart: offerings.saleStart,
        saleEnd: offerings.saleEnd,
        softCap: offerings.softCap,
      })
      .from(clusters)
      .leftJoin(
        shareTokens,
        and(eq(shareTokens.chainId, clusters.chainId), eq(shareTokens.clusterId, clusters.clusterId)),
      )
      .leftJoin(
        offerings,
        and(eq(offerings.chainId, shareTokens.chainId), eq(offerings.offering, shareTokens.offering)),
      )
      .where(eq(clusters.chainId, query.chainId))
      .orderBy(desc(clusters.clusterId)),
    db
      .selectDistinctOn([offeringEvents.offering], {
        offering: offeringEvents.offering,
        totalSold: offeringEvents.totalSold,
      })
      .from(offeringEvents)
      .where(and(eq(offeringEvents.chainId, query.chainId), eq(offeringEvents.kind, 'purchased')))
      .orderBy(offeringEvents.offering, desc(offeringEvents.blockNumber), desc(offeringEvents.logIndex)),
    // At most two per offering: a cancellation and the finalize() that follows it.
    db
      .select({ offering: offeringEvents.offering, kind: offeringEvents.kind, succeeded: offeringEvents.succeeded })
      .from(offeringEvents)
      .where(and(eq(offeringEvents.chainId, query.chainId), inArray(offeringEvents.kind, ['finalized', 'cancelled']))),
    db
      .select({
        key: rollups.key,
        reports: sum(rollups.reportCount).mapWith(Number),
        utilizationBpsSum: sum(rollups.utilizationBpsSum).mapWith(Number),
        revenueReported: sum(rollups.revenueReported).mapWith(BigInt),
        revenueDeposited: sum(rollups.revenueDeposited).mapWith(BigInt),
      })
      .from(rollups)
      .where(
        rollupsIn({
          chainId: query.chainId,
          granularity: 'day',
          dimension: 'cluster',
          from: window.from,
          to: window.to,
        }),
      )
      .groupBy(rollups.key),
    mirroredHeartbeat(db, query.chainId),
  ]);
  const soldByOffering = new Map(sold.map((row) => [row.offering.toLowerCase(), row.totalSold ?? 0n]));
  // The contract's outcome: a cancellation stays one after its finalize(); otherwise finalize() says how it ended.
  const outcomeByOffering = new Map<string, OfferingOutcome>();
  for (const event of settlements) {
    const key = event.offering.toLowerCase();
    if (event.kind === 'cancelled') outcomeByOffering.set(key, 'cancelled');
    else if (outcomeByOffering.get(key) !== 'cancelled') {
      outcomeByOffering.set(key, event.succeeded ? 'succeeded' : 'failed');
    }
  }
  const windowByCluster = new Map(windowed.map((row) => [row.key, row]));
  const rows = clusterRows.map(({ cluster, token, pricePerShare, saleStart, saleEnd, softCap }): MarketSnapshotRow => {
    const figures = windowByCluster.get(cluster.clusterId.toString());
    const supply = token?.supply ?? 0n;
    const sharesSold = token ? (soldByOffering.get(token.offering.toLowerCase()) ?? 0n) : 0n;
    const revenueDeposited = figures?.revenueDeposited ?? 0n;
    return {
      clusterId: cluster.clusterId,
      operator: cluster.operator,
      gpuModel: cluster.gpuModel,
      location: cluster.location,
      gpuCount: cluster.gpuCount,
      mirroredStatus: cluster.status,
      attestedAt: cluster.attestedAt,
      attestedUntil: cluster.attestedUntil,
      lastReportAt: cluster.lastReportAt,
      lastEpoch: cluster.lastEpoch,
      token: token ? { address: token.token, offering: token.offering, name: token.name, symbol: token.symbol } : null,
      supply,
      pricePerShare: pricePerShare ?? null,
      sharesSold,
      soldBps: soldBps(sharesSold, supply),
      utilizationBps: figures ? meanUtilizationBps(figures.utilizationBpsSum, figures.reports) : null,
      revenueReported: figures?.revenueReported ?? 0n,
      revenueDeposited,
      // protocol/figures/apr.ts; a token whose offering the mirror has not seen yet has no price: no figure.
      trailingAprBps: pricePerShare
        ? trailingAprBps({ deposited: revenueDeposited, supply, pricePerShare, windowSeconds: window.seconds })
        : null,
      sale:
        token && saleStart && saleEnd && softCap !== null
          ? {
              start: saleStart,
              end: saleEnd,
              softCap,
              outcome: outcomeByOffering.get(token.offering.toLowerCase()) ?? 'none',
            }
          : null,
    };
  });
  return { rows, heartbeat, at: query.now, window };
}
