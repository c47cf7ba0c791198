/**
 * A cluster's history as the mirror holds it: accepted epoch reports, attestations and revenue deposits, newest
 * first and always limited by the caller (the pages page through them). Built with drizzle (bound parameters).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../database';
import { attestations, epochReports, revenueDeposits } from '../schema';

/** Accepted epoch reports, newest first, of one cluster or of all. */
export async function epochReportList(
  db: Database,
  query: { chainId: number; clusterId?: bigint; limit: number; offset?: number },
) {
  return db
    .select({
      clusterId: epochReports.clusterId,
      epoch: epochReports.epoch,
      gpuHoursMilli: epochReports.gpuHoursMilli,
      utilizationBps: epochReports.utilizationBps,
      gpusOnline: epochReports.gpusOnline,
      revenue: epochReports.revenue,
      telemetryRoot: epochReports.telemetryRoot,
      submitter: epochReports.submitter,
      transactionHash: epochReports.transactionHash,
      blockNumber: epochReports.blockNumber,
      blockTime: epochReports.blockTime,
    })
    .from(epochReports)
    .where(
      query.clusterId === undefined
        ? eq(epochReports.chainId, query.chainId)
        : and(eq(epochReports.chainId, query.chainId), eq(epochReports.clusterId, query.clusterId)),
    )
    .orderBy(desc(epochReports.blockNumber), desc(epochReports.logIndex))
    .limit(query.limit)
    .offset(query.offset ?? 0);
}

/** One accepted report (the newest if a reorg left several), or undefined. */
export async function epochReport(db: Database, query: { chainId: number; clusterId: bigint; epoch: bigint }) {
  const [row] = await db
    .select()
    .from(epochReports)
    .where(
      and(
        eq(epochReports.chainId, query.chainId),
        eq(epochReports.clusterId, query.clusterId),
        eq(epochReports.epoch, query.epoch),
      ),
    )
    .orderBy(desc(epochReports.blockNumber))
    .limit(1);
  return row;
}

/** A cluster's attestations, newest first, with the committee members whose signatures counted. */
export async function attestationHistory(db: Database, query: { chainId: number; clusterId: bigint; limit: number }) {
  return db
    .select({
      attestedAt: attestations.attestedAt,
      validUntil: attestations.validUntil,
      gpuCount: attestations.gpuCount,
      hardwareRoot: attestations.hardwareRoot,
      signers: attestations.signers,
      submitter: attestations.submitter,
      transactionHash: attestations.transactionHash,
      blockNumber: attestations.blockNumber,
    })
    .from(attestations)
    .where(and(eq(attestations.chainId, query.chainId), eq(attestations.clusterId, query.clusterId)))
    .orderBy(desc(attestations.blockNumber), desc(attestations.logIndex))
    .limit(query.limit);
}

/** A cluster's revenue deposits, newest first (the transactions behind "deposited"). */
export async function depositHistory(db: Database, query: { chainId: number; clusterId: bigint; limit: number }) {
  return db
    .select({
      amount: revenueDeposits.amount,
      payer: revenueDeposits.payer,
      blockTime: revenueDeposits.blockTime,
      transactionHash: revenueDeposits.transactionHash,
    })
    .from(revenueDeposits)
    .where(and(eq(revenueDeposits.chainId, query.chainId), eq(revenueDeposits.clusterId, query.clusterId)))
    .orderBy(desc(revenueDeposits.blockNumber), desc(revenueDeposits.logIndex))
    .limit(query.limit);
}
