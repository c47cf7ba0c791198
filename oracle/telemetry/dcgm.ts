/**
 * Reader for the DCGM exporter's Prometheus text (`/metrics` of dcgm-exporter): one series per GPU and field, the GPU
 * identified by its `UUID` label. DCGM marks missing values with "blank" sentinels instead of omitting the series:
 * int32 fields use 0x7ffffff0 (2147483632) and above, int64 fields 0x7ffffffffffffff0 and above (printed as
 * 9.223372036854776e+18), fp64 fields 2^47 (140737488355328) and above. Those read as null.
 */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { UnavailableError } from '#protocol/base-error';
import { canonicalGpuUuid } from '#protocol/hardware';
import { TelemetryFormatError } from '../errors';
import { dedupeByUuid, type GpuReading, type ParsedTelemetry } from './types';

const DCGM_INT32_BLANK = 2_147_483_632;
const DCGM_FP64_BLANK = 140_737_488_355_328;

export const DCGM_FIELDS = {
  utilizationPct: 'DCGM_FI_DEV_GPU_UTIL',
  memoryUsedMiB: 'DCGM_FI_DEV_FB_USED',
  memoryFreeMiB: 'DCGM_FI_DEV_FB_FREE',
  memoryReservedMiB: 'DCGM_FI_DEV_FB_RESERVED',
  temperatureC: 'DCGM_FI_DEV_GPU_TEMP',
  powerW: 'DCGM_FI_DEV_POWER_USAGE',
} as const;

/** A DCGM sample value, or null for blank sentinels, NaN and infinities. */
export function dcgmValue(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const value = Number(raw);
  if (!Number.isFinite(value)) return null;
  // Every DCGM blank sentinel is at or above the fp64 one (2^47); no real GPU field gets anywhere near it, and the
  // int32 family starts at 0x7ffffff0.
  if (value >= DCGM_FP64_BLANK || (value >= DCGM_INT32_BLANK && value < 2 ** 32)) return null;
  return value;
}

const SAMPLE_LINE = /^[A-Za-z_:][\w:]*(\{(?:[A-Za-z_]\w*="(?:[^"\\]|\\.)*",?)*\})?[ \t]+\S+([ \t]+-?\d+)?$/;

export function parseDcgmMetrics(text: string): ParsedTelemetry & { hostname: string | null } {
  // The Prometheus parser is lenient (it accepts truncated lines); a scrape cut off mid-line must not count.
  const badLine = text.split('\n').findIndex((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#') && !SAMPLE_LINE.test(trimmed);
  });
  if (badLine >= 0) throw new TelemetryFormatError(`DCGM exporter output line ${badLine + 1} is not a sample`);
  let families: ReturnType<typeof parsePrometheusTextFormat>;
  try {
    families = parsePrometheusTextFormat(text);
  } catch (error) {
    throw new TelemetryFormatError(`DCGM exporter output is not Prometheus text: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const problems: ParsedTelemetry['problems'] = [];
  const byUuid = new Map<string, GpuReading & { memoryFreeMiB: number | null; memoryReservedMiB: number | null }>();
  let hostname: string | null = null;
  const fieldByMetric = new Map<string, string>(Object.entries(DCGM_FIELDS).map(([field, metric]) => [metric, field]));
  for (const family of families) {
    const field = fieldByMetric.get(family.name);
    if (!field) continue;
    for (const series of family.metrics) {
      const labels = series.labels ?? {};
      const uuid = canonicalGpuUuid(labels.UUID ?? '');
      if (!uuid) {
        problems.push({ where: family.name, reason: `series without a GPU UUID label: ${JSON.stringify(labels)}` });
        continue;
      }
      hostname ??= labels.Hostname ?? null;
      let gpu = byUuid.get(uuid);
      if (!gpu) {
        const index = labels.gpu === undefined ? Number.NaN : Number(labels.gpu);
        gpu = {
          uuid,
          index: Number.isInteger(index) ? index : null,
          name: labels.modelName ?? null,
          serial: null,
          utilizationPct: null,
          memoryUsedMiB: null,
          memoryTotalMiB: null,
          temperatureC: null,
          powerW: null,
          memoryFreeMiB: null,
          memoryReservedMiB: null,
        };
        byUuid.set(uuid, gpu);
      }
      (gpu as unknown as Record<string, number | null>)[field] = dcgmValue(series.value);
    }
  }
  const gpus = [...byUuid.values()].map(({ memoryFreeMiB, memoryReservedMiB, ...gpu }) => ({
    ...gpu,
    memoryTotalMiB:
      gpu.memoryUsedMiB !== null && memoryFreeMiB !== null
        ? gpu.memoryUsedMiB + memoryFreeMiB + (memoryReservedMiB ?? 0)
        : null,
  }));
  return { gpus: dedupeByUuid(gpus, problems), problems, hostname };
}

/** Scrapes a DCGM exporter endpoint. Network failures and 5xx are retryable; a 4xx or garbage body is not. */
export async function scrapeDcgm(url: string, signal?: AbortSignal, timeoutMs = 5_000) {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new UnavailableError(`cannot reach the DCGM exporter at ${url}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (response.status >= 500) throw new UnavailableError(`DCGM exporter at ${url} answered ${response.status}`);
  if (!response.ok) throw new TelemetryFormatError(`DCGM exporter at ${url} answered ${response.status}`);
  return parseDcgmMetrics(await response.text());
}
