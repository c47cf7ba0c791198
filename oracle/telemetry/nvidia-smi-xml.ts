/**
 * Reader for `nvidia-smi -q -x`. Drivers differ in where they put power: R535+ uses
 * `<gpu_power_readings><power_draw>` (or `<instant_power_draw>`), older ones `<power_readings><power_draw>`.
 */
import { XMLParser } from 'fast-xml-parser';
import { canonicalGpuUuid } from '#protocol/hardware';
import { TelemetryFormatError } from '../errors';
import { dedupeByUuid, type GpuReading, type ParsedTelemetry, parseMeasurement } from './types';

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name, jpath) => name === 'gpu' && jpath === 'nvidia_smi_log.gpu',
});

const child = (node: unknown, key: string): unknown =>
  node && typeof node === 'object' ? (node as XmlNode)[key] : undefined;
const text = (node: unknown): string | undefined => (typeof node === 'string' ? node : undefined);

export function parseNvidiaSmiXml(xml: string): ParsedTelemetry & { timestamp: string | null } {
  let document: XmlNode;
  try {
    document = parser.parse(xml, true) as XmlNode;
  } catch (error) {
    throw new TelemetryFormatError(`nvidia-smi XML is not well-formed: ${(error as Error).message}`, { cause: error });
  }
  const log = child(document, 'nvidia_smi_log');
  if (!log) throw new TelemetryFormatError('nvidia-smi XML has no <nvidia_smi_log> element');
  const problems: ParsedTelemetry['problems'] = [];
  const gpus: GpuReading[] = [];
  const elements = (child(log, 'gpu') as unknown[] | undefined) ?? [];
  elements.forEach((gpu, position) => {
    const busId = text(child(gpu, '@_id')) ?? `gpu #${position}`;
    const uuid = canonicalGpuUuid(text(child(gpu, 'uuid')) ?? '');
    if (!uuid) {
      problems.push({ where: busId, reason: 'missing or malformed <uuid>' });
      return;
    }
    const power = child(gpu, 'gpu_power_readings') ?? child(gpu, 'power_readings');
    const minor = parseMeasurement(text(child(gpu, 'minor_number')));
    const name = text(child(gpu, 'product_name'))?.trim();
    const serial = text(child(gpu, 'serial'))?.trim();
    gpus.push({
      uuid,
      index: minor !== null && Number.isInteger(minor) ? minor : position,
      name: name && !/^\[|^N\/A$/.test(name) ? name : null,
      serial: serial && !/^\[|^N\/A$/.test(serial) ? serial : null,
      utilizationPct: parseMeasurement(text(child(child(gpu, 'utilization'), 'gpu_util'))),
      memoryUsedMiB: parseMeasurement(text(child(child(gpu, 'fb_memory_usage'), 'used'))),
      memoryTotalMiB: parseMeasurement(text(child(child(gpu, 'fb_memory_usage'), 'total'))),
      temperatureC: parseMeasurement(text(child(child(gpu, 'temperature'), 'gpu_temp'))),
      powerW: parseMeasurement(text(child(power, 'power_draw')) ?? text(child(power, 'instant_power_draw'))),
    });
  });
  return { gpus: dedupeByUuid(gpus, problems), problems, timestamp: text(child(log, 'timestamp'))?.trim() ?? null };
}
