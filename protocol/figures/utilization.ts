/**
 * Utilization, in basis points of the GPUs' time, as the oracle committee reports it per epoch (EpochReport
 * `utilizationBps`, at most ClusterRegistry.MAX_UTILIZATION_BPS). Over a window it is the mean of the reports in it,
 * each report weighing one (the rollups keep the sum and the count): Σ utilizationBps ÷ reports, rounded to the
 * nearest basis point. Null without reports (no figure, rather than 0 %).
 */
export function meanUtilizationBps(utilizationBpsSum: bigint | number, reports: number): number | null {
  if (!Number.isInteger(reports) || reports <= 0) return null;
  const sum = BigInt(utilizationBpsSum);
  const count = BigInt(reports);
  // Round half up in integers: (2·sum + count) ÷ (2·count).
  return Number((2n * sum + count) / (2n * count));
}

/** The mean over several windows or clusters: their sums and counts added, never an average of averages. */
export function pooledUtilizationBps(parts: readonly { utilizationBpsSum: bigint | number; reports: number }[]) {
  let sum = 0n;
  let reports = 0;
  for (const part of parts) {
    sum += BigInt(part.utilizationBpsSum);
    reports += part.reports;
  }
  return meanUtilizationBps(sum, reports);
}
