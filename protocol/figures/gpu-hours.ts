/**
 * GPU-hours, as the committee reports them per epoch in thousandths (EpochReport `gpuHoursMilli`), and the revenue per
 * GPU-hour derived from them. Sums stay in milli-hours (integers); only the display divides. The sums themselves are
 * the indexer's rollups (db/indexer, Σ gpuHoursMilli per bucket in SQL): there is no second, in-memory summing rule.
 */

/** Revenue (base units) per GPU-hour: revenue × 1000 ÷ gpuHoursMilli, rounded down; null without GPU-hours. */
export function revenuePerGpuHour(revenue: bigint, gpuHoursMilli: bigint): bigint | null {
  return gpuHoursMilli > 0n ? (revenue * 1000n) / gpuHoursMilli : null;
}
