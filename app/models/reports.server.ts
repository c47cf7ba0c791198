/** Epoch reports and their raw samples: the database for the reports, the oracle committee for the samples. */
import type { AppLoadContext } from '@remix-run/node';
import { epochReport, epochReportList } from '#db/analytics/history';
import { type MinedReport, type MinedWireReport, toWireReport } from '#protocol/wire';
import { staleWhileRevalidate } from '~/models/stale-while-revalidate.server';

/** The one report serializer (protocol/wire.ts), kept under this name for the pages that import it. */
export const serializeReport = (report: MinedReport): MinedWireReport => toWireReport(report);

export async function recentReports(
  { db, chain }: AppLoadContext,
  query: { clusterId?: bigint; limit: number; offset?: number },
) {
  const rows = await epochReportList(db, { chainId: chain.chainId, ...query });
  return rows.map(serializeReport);
}

const recentCache = staleWhileRevalidate<MinedWireReport[]>({
  freshMs: 2_000,
  maxStaleMs: 30_000,
  maxEntries: 16,
});

/** The newest `limit` reports of the network for pages: reused for 2 seconds, then served stale while re-read. */
export function cachedRecentReports(context: AppLoadContext, limit: number) {
  return recentCache(context.db, `${context.chain.chainId}/${limit}`, () => recentReports(context, { limit }));
}

export async function findReport({ db, chain }: AppLoadContext, clusterId: bigint, epoch: bigint) {
  const row = await epochReport(db, { chainId: chain.chainId, clusterId, epoch });
  return row ? serializeReport(row) : undefined;
}
