/**
 * Reader for `nvidia-smi --query-gpu=index,uuid,name,serial,utilization.gpu,memory.used,memory.total,
 * temperature.gpu,power.draw --format=csv,noheader,nounits` (also tolerates the header line and units).
 */
import { parse } from 'csv-parse/sync';
import { canonicalGpuUuid } from '#protocol/hardware';
import { TelemetryFormatError } from '../errors';
import { dedupeByUuid, type GpuReading, type ParsedTelemetry, parseMeasurement } from './types';

export const NVIDIA_SMI_QUERY_FIELDS = [
  'index',
  'uuid',
  'name',
  'serial',
  'utilization.gpu',
  'memory.used',
  'memory.total',
  'temperature.gpu',
  'power.draw',
] as const;

/** The command line whose output this reader expects. */
export const NVIDIA_SMI_CSV_COMMAND = [
  'nvidia-smi',
  `--query-gpu=${NVIDIA_SMI_QUERY_FIELDS.join(',')}`,
  '--format=csv,noheader,nounits',
];

const optionalText = (value: string | undefined) => {
  const text = value?.trim() ?? '';
  return text === '' || /^\[.*\]$/.test(text) ? null : text;
};

export function parseNvidiaSmiCsv(text: string): ParsedTelemetry {
  let rows: string[][];
  try {
    rows = parse(text, { relax_column_count: true, skip_empty_lines: true, trim: true, relax_quotes: true });
  } catch (error) {
    throw new TelemetryFormatError(`nvidia-smi CSV output is not CSV: ${(error as Error).message}`, { cause: error });
  }
  const problems: ParsedTelemetry['problems'] = [];
  const gpus: GpuReading[] = [];
  rows.forEach((row, lineIndex) => {
    const where = `line ${lineIndex + 1}`;
    if (row[0] === 'index' || row[1]?.startsWith('uuid')) return; // a header line (csv without noheader)
    if (row.length !== NVIDIA_SMI_QUERY_FIELDS.length) {
      problems.push({ where, reason: `expected ${NVIDIA_SMI_QUERY_FIELDS.length} fields, got ${row.length}` });
      return;
    }
    const [index, uuid, name, serial, utilization, memoryUsed, memoryTotal, temperature, power] = row;
    const canonical = canonicalGpuUuid(uuid ?? '');
    if (!canonical) {
      problems.push({ where, reason: `not a GPU UUID: ${JSON.stringify(uuid)}` });
      return;
    }
    const gpuIndex = parseMeasurement(index);
    gpus.push({
      uuid: canonical,
      index: gpuIndex !== null && Number.isInteger(gpuIndex) ? gpuIndex : null,
      name: optionalText(name),
      serial: optionalText(serial),
      utilizationPct: parseMeasurement(utilization),
      memoryUsedMiB: parseMeasurement(memoryUsed),
      memoryTotalMiB: parseMeasurement(memoryTotal),
      temperatureC: parseMeasurement(temperature),
      powerW: parseMeasurement(power),
    });
  });
  return { gpus: dedupeByUuid(gpus, problems), problems };
}
