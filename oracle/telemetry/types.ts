/**
 * One normalized reading of one GPU, whatever tool produced it. A field is null when the tool reported it as
 * unavailable (`[N/A]`, `[Not Supported]`, a DCGM blank sentinel) — never a made-up zero.
 */
export type GpuReading = {
  uuid: string;
  index: number | null;
  name: string | null;
  serial: string | null;
  utilizationPct: number | null;
  memoryUsedMiB: number | null;
  memoryTotalMiB: number | null;
  temperatureC: number | null;
  powerW: number | null;
};

/** A line, GPU element or series a parser could not use, and why. Parsers skip these instead of failing. */
export type TelemetryProblem = { where: string; reason: string };

export type ParsedTelemetry = { gpus: GpuReading[]; problems: TelemetryProblem[] };

const UNAVAILABLE = /^\[.*\]$|^n\/a$/i;

/**
 * A numeric field from nvidia-smi output: accepts `87`, `87 %`, `40123 MiB`, `612.34 W`, `64 C`; returns null for
 * `[N/A]`, `[Not Supported]`, `N/A` and anything that is not a finite number.
 */
export function parseMeasurement(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const text = raw.trim();
  if (text === '' || UNAVAILABLE.test(text)) return null;
  const match = /^(-?\d+(?:\.\d+)?)\s*(?:%|MiB|W|C|MHz)?$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  return Number.isFinite(value) ? value : null;
}

/** Keeps the first reading of each UUID; a repeated UUID in one snapshot is a problem, not a second GPU. */
export function dedupeByUuid(gpus: GpuReading[], problems: TelemetryProblem[]): GpuReading[] {
  const seen = new Set<string>();
  return gpus.filter((gpu) => {
    if (seen.has(gpu.uuid)) {
      problems.push({ where: gpu.uuid, reason: 'the same GPU UUID appears twice' });
      return false;
    }
    seen.add(gpu.uuid);
    return true;
  });
}
