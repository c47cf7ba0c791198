/**
 * GPU-hours, as the committee reports them per epoch in thousandths (EpochReport `gpuHoursMilli`), and the revenue per
 * GPU-hour derived from them. Sums stay in milli-hours (integers); only the display divides.
 */

/** Σ gpuHoursMilli of the reports. */
export function totalGpuHoursMilli(reports: readonly { gpuHoursMilli: bigint }[]): bigint {
  let total = 0n;
  for (const report of reports) total += report.gpuHoursMilli;
  return total;
}

/** Revenue (base units) per GPU-hour: revenue × 1000 ÷ gpuHoursMilli, rounded down; null without GPU-hours. */
export function revenuePerGpuHour(revenue: bigint, gpuHoursMilli: bigint): bigint | null {
  return gpuHoursMilli > 0n ? (revenue * 1000n) / gpuHoursMilli : null;
}
