import { describe, expect, it } from 'vitest';
import { parseDcgmMetrics } from '../telemetry/dcgm';
import { parseNvidiaSmiCsv } from '../telemetry/nvidia-smi-csv';
import { parseRentalCsv } from '../telemetry/rental';
import { renderBillingCsv, renderDcgmMetrics, renderNvidiaSmiCsv } from './formats';
import { DEMO_IDCS, GPU_MODELS, Simulator } from './model';
import { startSimulatorServer } from './server';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const origin = Date.UTC(2025, 0, 6);
const simulator = new Simulator({ seed: 'test', origin });

/** The first time from `from` (stepping hourly) at which `check` holds. */
function findTime(check: (t: number) => boolean, from = origin, limit = 200 * DAY) {
  for (let t = from; t < from + limit; t += HOUR) if (check(t)) return t;
  throw new Error('no such time in the simulated period');
}

describe('simulated hardware output', () => {
  it('is read back by the DCGM exporter parser exactly', () => {
    const cluster = simulator.cluster('sel-0');
    const t = findTime((time) => simulator.read(cluster, time).length === cluster.gpus.length);
    const readings = simulator.read(cluster, t);
    const parsed = parseDcgmMetrics(renderDcgmMetrics(cluster, readings));
    expect(parsed.problems).toEqual([]);
    expect(parsed.hostname).toBe(cluster.hostname);
    expect(parsed.gpus.map((gpu) => gpu.uuid)).toEqual(cluster.gpus.map((gpu) => gpu.uuid));
    for (const [index, gpu] of parsed.gpus.entries()) {
      const reading = readings[index]!;
      expect(gpu).toMatchObject({
        index,
        name: GPU_MODELS.H100.name,
        utilizationPct: reading.utilizationPct,
        memoryUsedMiB: reading.memoryUsedMiB,
        memoryTotalMiB: GPU_MODELS.H100.memoryTotalMiB,
        temperatureC: reading.temperatureC,
        powerW: reading.powerW,
      });
    }
  });

  it('is read back by the nvidia-smi CSV parser exactly', () => {
    const cluster = simulator.cluster('fra-2');
    const readings = simulator.read(cluster, origin + 10 * DAY);
    const text = renderNvidiaSmiCsv(cluster, readings);
    expect(text.split('\n')[0]).toMatch(
      /^0, GPU-[0-9a-f-]{36}, NVIDIA GeForce RTX 4090, \d+, \d+, \d+, 24564, \d+, \d+\.\d{2}$/,
    );
    const parsed = parseNvidiaSmiCsv(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.gpus.map((gpu) => [gpu.uuid, gpu.utilizationPct, gpu.powerW])).toEqual(
      readings.map((reading) => [reading.gpu.uuid, reading.utilizationPct, reading.powerW]),
    );
  });

  it('exports leases in the rental CSV format, running ones without an end', () => {
    const cluster = simulator.cluster('sjc-0');
    const t = origin + 30 * DAY;
    const leases = simulator.billingExport(cluster, t);
    const parsed = parseRentalCsv(renderBillingCsv(leases));
    expect(parsed.problems).toEqual([]);
    expect(parsed.leases).toEqual(leases);
    expect(leases.length).toBeGreaterThan(0);
    for (const lease of leases) {
      expect(lease.start).toBeLessThanOrEqual(t);
      if (lease.end !== null) expect(lease.end).toBeLessThanOrEqual(t);
    }
    expect(leases.some((lease) => lease.end === null)).toBe(true);
  });

  it('serves both formats over HTTP at the injected clock', async () => {
    let now = origin + 5 * DAY;
    const server = await startSimulatorServer(simulator, () => now, 0);
    try {
      const cluster = simulator.cluster('sel-1');
      const first = parseDcgmMetrics(await (await fetch(server.sourceUrl(cluster))).text());
      expect(first.gpus.map((gpu) => gpu.utilizationPct)).toEqual(
        simulator.read(cluster, now).map((reading) => reading.utilizationPct),
      );
      now += 7 * HOUR;
      const later = parseDcgmMetrics(await (await fetch(server.sourceUrl(cluster))).text());
      expect(later.gpus.map((gpu) => gpu.utilizationPct)).toEqual(
        simulator.read(cluster, now).map((reading) => reading.utilizationPct),
      );
      const csv = parseNvidiaSmiCsv(await (await fetch(server.sourceUrl(simulator.cluster('fra-0')))).text());
      expect(csv.gpus.length).toBe(simulator.read(simulator.cluster('fra-0'), now).length);
      expect((await fetch(`${server.url}/nope/metrics`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('simulated behaviour', () => {
  it('is deterministic from the seed and differs between seeds', () => {
    const again = new Simulator({ seed: 'test', origin });
    const other = new Simulator({ seed: 'other', origin });
    const t = origin + 12.5 * DAY;
    const utilizations = (sim: Simulator) => sim.read(sim.cluster('sel-0'), t).map((r) => r.utilizationPct);
    expect(utilizations(again)).toEqual(utilizations(simulator));
    expect(again.cluster('sel-0').gpus[0]!.uuid).toBe(simulator.cluster('sel-0').gpus[0]!.uuid);
    expect(other.cluster('sel-0').gpus[0]!.uuid).not.toBe(simulator.cluster('sel-0').gpus[0]!.uuid);
  });

  it('follows the local day: busier in the afternoon than before dawn', () => {
    // Mean utilization of leased GPUs by local hour over 30 days in Seoul (UTC+9).
    const byHour = Array.from({ length: 24 }, () => ({ sum: 0, count: 0 }));
    for (const cluster of simulator.clusters.filter((entry) => entry.idc.key === 'sel')) {
      for (let t = origin; t < origin + 30 * DAY; t += HOUR) {
        const localHour = (new Date(t).getUTCHours() + 9) % 24;
        for (const reading of simulator.read(cluster, t)) {
          if (!simulator.leaseAt(cluster, reading.gpu, t)) continue;
          byHour[localHour]!.sum += reading.utilizationPct;
          byHour[localHour]!.count += 1;
        }
      }
    }
    const mean = (hour: number) => byHour[hour]!.sum / byHour[hour]!.count;
    expect(mean(15)).toBeGreaterThan(mean(3) + 40);
    expect(mean(12)).toBeGreaterThan(mean(6));
    expect(mean(21)).toBeLessThan(mean(15));
  });

  it('prices leases by model and IDC level', () => {
    const price = (key: string) => {
      const cluster = simulator.cluster(key);
      const leases = simulator.leasesOf(cluster, cluster.gpus[0]!, origin + 60 * DAY);
      return leases.reduce((sum, lease) => sum + lease.pricePerHour, 0n) / BigInt(leases.length);
    };
    expect(price('sel-0')).toBeGreaterThan(price('sel-2')); // H100 over A100
    expect(price('fra-1')).toBeGreaterThan(price('fra-2')); // L40S over RTX 4090
    expect(price('fra-0')).toBeGreaterThan(price('sel-2')); // A100 in Frankfurt priced above Seoul
  });

  it('makes GPUs vanish during outages and brings them back', () => {
    const cluster = simulator.cluster('sel-0');
    const down = findTime((t) => simulator.clusterDown(cluster, t));
    expect(simulator.read(cluster, down)).toEqual([]);
    expect(parseDcgmMetrics(renderDcgmMetrics(cluster, simulator.read(cluster, down))).gpus).toEqual([]);
    const back = findTime((t) => !simulator.clusterDown(cluster, t), down);
    expect(back - down).toBeLessThanOrEqual(5 * HOUR);
    const failed = findTime((t) =>
      cluster.gpus.some((gpu) => simulator.gpuDown(gpu, t) && !simulator.clusterDown(cluster, t)),
    );
    const gone = cluster.gpus.find((gpu) => simulator.gpuDown(gpu, failed))!;
    const visible = simulator.read(cluster, failed).map((reading) => reading.gpu.uuid);
    expect(visible).not.toContain(gone.uuid);
    expect(visible.length).toBeLessThan(cluster.gpus.length);
    expect(renderNvidiaSmiCsv(cluster, simulator.read(cluster, failed))).not.toContain(gone.uuid);
  });

  it('covers four GPU models in three IDCs with 4 to 16 GPUs per cluster', () => {
    expect(new Set(simulator.clusters.map((cluster) => cluster.model.key))).toEqual(
      new Set(['H100', 'A100', 'L40S', 'RTX4090']),
    );
    expect(DEMO_IDCS).toHaveLength(3);
    expect(simulator.clusters).toHaveLength(8);
    for (const cluster of simulator.clusters) {
      expect(cluster.gpus.length).toBeGreaterThanOrEqual(4);
      expect(cluster.gpus.length).toBeLessThanOrEqual(16);
    }
  });
});
