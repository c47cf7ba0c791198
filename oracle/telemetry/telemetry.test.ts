import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalGpuUuid } from '#protocol/hardware';
import { TelemetryFormatError } from '../errors';
import { dcgmValue, parseDcgmMetrics } from './dcgm';
import { parseNvidiaSmiCsv } from './nvidia-smi-csv';
import { parseNvidiaSmiXml } from './nvidia-smi-xml';
import { formatRentalCsv, parseRentalCsv } from './rental';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const H100_0 = 'GPU-5f3e2a1b-7c4d-4e8f-9a0b-1c2d3e4f5a6b';
const H100_1 = 'GPU-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('canonicalGpuUuid', () => {
  it('accepts nvidia UUIDs in any case and rejects MIG and truncated ones', () => {
    expect(canonicalGpuUuid(` ${H100_0.toUpperCase().replace('GPU-', 'gpu-')} `)).toBe(H100_0);
    expect(canonicalGpuUuid('MIG-5f3e2a1b-7c4d-4e8f-9a0b-1c2d3e4f5a6b')).toBeNull();
    expect(canonicalGpuUuid('GPU-0a1b2c3d')).toBeNull();
  });
});

describe('nvidia-smi CSV', () => {
  it('reads every field and maps [N/A] and [Not Supported] to null', () => {
    const { gpus, problems } = parseNvidiaSmiCsv(fixture('nvidia-smi-query.csv'));
    expect(problems).toEqual([]);
    expect(gpus).toHaveLength(4);
    expect(gpus[0]).toEqual({
      uuid: H100_0,
      index: 0,
      name: 'NVIDIA H100 80GB HBM3',
      serial: '1652021034567',
      utilizationPct: 87,
      memoryUsedMiB: 40123,
      memoryTotalMiB: 81559,
      temperatureC: 64,
      powerW: 612.34,
    });
    expect(gpus[2]).toMatchObject({ utilizationPct: null, temperatureC: null, powerW: null, memoryUsedMiB: 2048 });
    expect(gpus[3]).toMatchObject({ serial: null, utilizationPct: 100 });
  });

  it('skips malformed lines with a reason and keeps the good ones', () => {
    const { gpus, problems } = parseNvidiaSmiCsv(fixture('nvidia-smi-query-malformed.csv'));
    expect(gpus.map((gpu) => gpu.uuid)).toEqual([H100_0, 'GPU-1234abcd-12ab-4cde-8f01-23456789abcd']);
    expect(gpus[1]!.utilizationPct).toBeNull();
    expect(problems.map((problem) => problem.reason)).toEqual([
      'not a GPU UUID: "GPU-0a1b2c3d"',
      'expected 9 fields, got 3',
      'expected 9 fields, got 1',
      'the same GPU UUID appears twice',
    ]);
  });

  it('tolerates the header line and units when nounits was left out', () => {
    const text = `index, uuid, name, serial, utilization.gpu [%], memory.used [MiB], memory.total [MiB], temperature.gpu, power.draw [W]\n0, ${H100_0}, NVIDIA H100 80GB HBM3, 1, 87 %, 40123 MiB, 81559 MiB, 64, 612.34 W\n`;
    const { gpus } = parseNvidiaSmiCsv(text);
    expect(gpus).toHaveLength(1);
    expect(gpus[0]).toMatchObject({ utilizationPct: 87, memoryUsedMiB: 40123, powerW: 612.34 });
  });
});

describe('nvidia-smi -q -x', () => {
  it('reads GPUs from both power-reading layouts and nulls unavailable values', () => {
    const { gpus, problems, timestamp } = parseNvidiaSmiXml(fixture('nvidia-smi-q.xml'));
    expect(problems).toEqual([]);
    expect(timestamp).toBe('Tue May 14 09:12:44 2024');
    expect(gpus).toEqual([
      {
        uuid: H100_0,
        index: 0,
        name: 'NVIDIA H100 80GB HBM3',
        serial: '1652021034567',
        utilizationPct: 87,
        memoryUsedMiB: 40123,
        memoryTotalMiB: 81559,
        temperatureC: 64,
        powerW: 612.34,
      },
      {
        uuid: H100_1,
        index: 1,
        name: 'NVIDIA H100 80GB HBM3',
        serial: null,
        utilizationPct: null,
        memoryUsedMiB: 1,
        memoryTotalMiB: 81559,
        temperatureC: 31,
        powerW: null,
      },
    ]);
  });

  it('rejects a truncated document', () => {
    expect(() => parseNvidiaSmiXml(fixture('nvidia-smi-q-malformed.xml'))).toThrow(TelemetryFormatError);
  });

  it('skips a GPU whose UUID is unavailable', () => {
    const complete = fixture('nvidia-smi-q-malformed.xml').split('\t<gpu id="00000000:3B:00.0">')[0];
    const { gpus, problems } = parseNvidiaSmiXml(`${complete}</nvidia_smi_log>\n`);
    expect(gpus.map((gpu) => gpu.uuid)).toEqual([H100_0]);
    expect(problems).toEqual([{ where: '00000000:2A:00.0', reason: 'missing or malformed <uuid>' }]);
  });

  it('rejects XML that is not nvidia-smi output', () => {
    expect(() => parseNvidiaSmiXml('<html><body/></html>')).toThrow(/nvidia_smi_log/);
  });
});

describe('DCGM exporter', () => {
  it('groups series by UUID, derives total memory and nulls blank sentinels', () => {
    const { gpus, problems, hostname } = parseDcgmMetrics(fixture('dcgm-exporter.prom'));
    expect(problems).toEqual([]);
    expect(hostname).toBe('node-1');
    expect(gpus).toEqual([
      {
        uuid: H100_0,
        index: 0,
        name: 'NVIDIA H100 80GB HBM3',
        serial: null,
        utilizationPct: 87,
        memoryUsedMiB: 40123,
        memoryTotalMiB: 40123 + 41108 + 328,
        temperatureC: 64,
        powerW: 612.34,
      },
      {
        uuid: H100_1,
        index: 1,
        name: 'NVIDIA H100 80GB HBM3',
        serial: null,
        utilizationPct: null,
        memoryUsedMiB: null,
        memoryTotalMiB: null,
        temperatureC: 31,
        powerW: null,
      },
    ]);
  });

  it('treats every DCGM blank family and non-finite values as missing', () => {
    for (const sentinel of [
      '2147483632',
      '2147483647',
      '9.223372036854776e+18',
      '9223372036854775794',
      '140737488355328',
      'NaN',
      '+Inf',
    ]) {
      expect(dcgmValue(sentinel)).toBeNull();
    }
    expect(dcgmValue('0')).toBe(0);
    expect(dcgmValue('4294967296')).toBe(4294967296);
  });

  it('rejects text that is not Prometheus exposition format', () => {
    expect(() => parseDcgmMetrics(fixture('dcgm-exporter-malformed.prom'))).toThrow(TelemetryFormatError);
  });

  it('skips series without a UUID label and keeps a GPU whose value is NaN', () => {
    const { gpus, problems } = parseDcgmMetrics(fixture('dcgm-exporter-no-uuid.prom'));
    expect(gpus.map((gpu) => [gpu.uuid, gpu.utilizationPct])).toEqual([
      [H100_0, 87],
      ['GPU-9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', null],
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.reason).toMatch(/without a GPU UUID/);
  });
});

describe('rental export', () => {
  it('reads valid leases, with zones and open ends, and reports each bad line', () => {
    const { leases, problems } = parseRentalCsv(fixture('billing-export.csv'));
    expect(leases).toEqual([
      {
        gpuUuid: H100_0,
        leaseId: 'lease-2024-0001',
        tenantHash: '0x8f1d2c4b6a7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9011223344556677889',
        pricePerHour: 2_450_000n,
        start: Date.UTC(2024, 4, 1),
        end: Date.UTC(2024, 4, 14, 12),
      },
      {
        gpuUuid: H100_1,
        leaseId: 'lease-2024-0002',
        tenantHash: '0x8f1d2c4b6a7e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9011223344556677889',
        pricePerHour: 2_450_000n,
        start: Date.UTC(2024, 4, 14, 0),
        end: null,
      },
    ]);
    expect(problems).toEqual([
      { where: 'line 4', reason: 'price_per_hour must be a non-negative integer in stablecoin base units' },
      { where: 'line 5', reason: 'end must be ISO 8601 with a time zone, after start' },
      { where: 'line 6', reason: 'start must be ISO 8601 with a time zone' },
    ]);
  });

  it('round-trips through its own writer', () => {
    const { leases } = parseRentalCsv(fixture('billing-export.csv'));
    expect(parseRentalCsv(formatRentalCsv(leases)).leases).toEqual(leases);
  });

  it('rejects an export with another header', () => {
    expect(() => parseRentalCsv('uuid,price\nGPU-x,1\n')).toThrow(TelemetryFormatError);
  });
});
