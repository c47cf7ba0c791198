/**
 * The simulated IDCs: clusters of GPUs whose readings, outages and leases are pure functions of (seed, time), so
 * any moment can be asked for in any order (history is sampled at simulated times, live at the wall clock) and two
 * runs with one seed agree exactly. Nothing here keeps a clock: callers pass the time.
 */
import { createHash } from 'node:crypto';
import { keccak256, toBytes } from 'viem';
import type { Lease } from '../telemetry/rental';

export type GpuModel = {
  key: 'H100' | 'A100' | 'L40S' | 'RTX4090';
  /** The name nvidia-smi and DCGM print. */
  name: string;
  memoryTotalMiB: number;
  reservedMiB: number;
  idleW: number;
  maxW: number;
  /** List price per GPU-hour in stablecoin base units (6 decimals); each IDC prices around it (`priceBps`). */
  pricePerHour: bigint;
  /** Expected share of the time a GPU of this model is leased (the lease layout below realises it on average). */
  demand: number;
  /** What the operator paid per GPU, its share of the server, network and installation included (6 decimals). */
  hardwarePrice: bigint;
  /**
   * Share of the rental revenue the operator keeps for power, cooling, space, staff and its margin (basis points);
   * only the rest is deposited to the token holders. Higher for the cards whose draw is large against their price.
   */
  operatorCostShareBps: bigint;
};

/*
 * The demo's economics, so that an investor sees yields of the order a GPU fund could offer (about 20 % a year):
 * - Rental prices: public on-demand listings of GPU clouds and marketplaces in 2024-2025 (Lambda, RunPod, Vast.ai)
 *   put an H100 SXM at about $1.7-3.0 per GPU-hour (marketplaces and reserved terms at the low end), an A100 80GB at
 *   about $0.9-1.8, an L40S at about $0.7-1.0 and an RTX 4090 at about $0.3-0.7. The list prices below sit in the
 *   lower middle of those ranges, as a wholesale operator's would.
 * - Hardware: an H100 SXM in an HGX server costs about $25-30k a GPU with its share of the server, an A100 80GB
 *   $10-15k (now mostly refurbished), an L40S $7-9k and an RTX 4090 about $2-2.5k in a server; the upper ends are used.
 * - Demand (leased share of the time) falls with the card class; the operator's cost share rises as power and space
 *   weigh more against a cheaper card's rent (an H100 draws ~0.7 kW, ~$0.1/h with cooling, on $2/h; a 4090 ~0.45 kW
 *   on $0.35/h).
 * The offering prices each cluster at its hardware cost (demo/setup.ts), so the expected APR is
 * 8760 h x demand x price x IDC price level x (1 - cost share) / hardware price: about 19-24 % for every demo cluster.
 */

export const GPU_MODELS: Record<GpuModel['key'], GpuModel> = {
  H100: {
    key: 'H100',
    name: 'NVIDIA H100 80GB HBM3',
    memoryTotalMiB: 81_559,
    reservedMiB: 328,
    idleW: 70,
    maxW: 700,
    pricePerHour: 2_000_000n,
    demand: 0.78,
    hardwarePrice: 30_000_000_000n,
    operatorCostShareBps: 5_000n,
  },
  A100: {
    key: 'A100',
    name: 'NVIDIA A100-SXM4-80GB',
    memoryTotalMiB: 81_920,
    reservedMiB: 309,
    idleW: 55,
    maxW: 400,
    pricePerHour: 1_100_000n,
    demand: 0.7,
    hardwarePrice: 14_000_000_000n,
    operatorCostShareBps: 5_500n,
  },
  L40S: {
    key: 'L40S',
    name: 'NVIDIA L40S',
    memoryTotalMiB: 46_068,
    reservedMiB: 290,
    idleW: 35,
    maxW: 350,
    pricePerHour: 790_000n,
    demand: 0.65,
    hardwarePrice: 9_000_000_000n,
    operatorCostShareBps: 6_000n,
  },
  RTX4090: {
    key: 'RTX4090',
    name: 'NVIDIA GeForce RTX 4090',
    memoryTotalMiB: 24_564,
    reservedMiB: 262,
    idleW: 25,
    maxW: 450,
    pricePerHour: 350_000n,
    demand: 0.5,
    hardwarePrice: 2_500_000_000n,
    operatorCostShareBps: 6_500n,
  },
};

export type SourceKind = 'dcgm' | 'nvidia-smi-csv';

export type IdcSpec = {
  key: string;
  location: string;
  /** Dev account index of the operator. */
  operatorIndex: number;
  /** Hours ahead of UTC: the diurnal peak follows the local afternoon. */
  utcOffsetHours: number;
  /** Price level of this IDC relative to the list price, in basis points. */
  priceBps: number;
  /** What the agent of this IDC reads: a DCGM exporter or nvidia-smi CSV. */
  source: SourceKind;
  clusters: { model: GpuModel['key']; gpus: number }[];
};

/** The demo's three IDCs and eight clusters. */
export const DEMO_IDCS: IdcSpec[] = [
  {
    key: 'sel',
    location: 'KR-SEL-01',
    operatorIndex: 1,
    utcOffsetHours: 9,
    priceBps: 10_000,
    source: 'dcgm',
    clusters: [
      { model: 'H100', gpus: 8 },
      { model: 'H100', gpus: 8 },
      { model: 'A100', gpus: 4 },
    ],
  },
  {
    key: 'fra',
    location: 'DE-FRA-02',
    operatorIndex: 2,
    utcOffsetHours: 1,
    priceBps: 10_800,
    source: 'nvidia-smi-csv',
    clusters: [
      { model: 'A100', gpus: 8 },
      { model: 'L40S', gpus: 4 },
      { model: 'RTX4090', gpus: 8 },
    ],
  },
  {
    key: 'sjc',
    location: 'US-SJC-03',
    operatorIndex: 3,
    utcOffsetHours: -8,
    priceBps: 9_300,
    source: 'dcgm',
    clusters: [
      { model: 'H100', gpus: 8 },
      { model: 'L40S', gpus: 4 },
    ],
  },
];

export type SimGpu = { index: number; uuid: string; serial: string; pciBusId: string; key: string };

export type SimCluster = {
  /** Stable key within the simulation, e.g. `sel-0`. */
  key: string;
  idc: IdcSpec;
  model: GpuModel;
  gpus: SimGpu[];
  hostname: string;
};

export type GpuReadingSim = {
  gpu: SimGpu;
  utilizationPct: number;
  memoryUsedMiB: number;
  memoryFreeMiB: number;
  temperatureC: number;
  powerW: number;
  smClockMHz: number;
  energyMilliJoules: bigint;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MIN_LEASE_HOURS = 6;
const MEAN_LEASE_HOURS = 75;

/** A uniform number in [0, 1) determined by the seed and the parts (a keyed hash, not a stream). */
export function unit(seed: string, ...parts: (string | number)[]) {
  const digest = createHash('sha1')
    .update(`${seed}|${parts.join('|')}`)
    .digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

function uuidFor(seed: string, clusterKey: string, index: number) {
  const hex = createHash('sha256').update(`${seed}/gpu/${clusterKey}/${index}`).digest('hex');
  return `GPU-${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** How busy a leased GPU is at this local hour: low at night, peak mid-afternoon (0.35 .. 1.0). */
export function diurnalFactor(localHour: number) {
  return 0.675 + 0.325 * Math.cos(((localHour - 15) / 24) * 2 * Math.PI);
}

export type SimulatorOptions = {
  seed: string;
  /** Start of the simulated world (Unix ms): leases and outages are laid out from here. */
  origin: number;
  idcs?: IdcSpec[];
  /** Probability per cluster and day of an outage (all GPUs vanish for 1-4 hours). */
  clusterOutagesPerDay?: number;
  /** Probability per GPU and day of a failure (that GPU vanishes for 2-12 hours). */
  gpuFailuresPerDay?: number;
};

export class Simulator {
  readonly seed: string;
  readonly origin: number;
  readonly clusters: SimCluster[];
  private readonly clusterOutagesPerDay: number;
  private readonly gpuFailuresPerDay: number;
  private readonly leaseCache = new Map<string, { leases: Lease[]; horizon: number }>();
  private readonly tenants: `0x${string}`[];

  constructor(options: SimulatorOptions) {
    this.seed = options.seed;
    this.origin = options.origin;
    this.clusterOutagesPerDay = options.clusterOutagesPerDay ?? 0.03;
    this.gpuFailuresPerDay = options.gpuFailuresPerDay ?? 0.004;
    this.tenants = Array.from({ length: 12 }, (_, index) => keccak256(toBytes(`${this.seed}/tenant/${index}`)));
    this.clusters = (options.idcs ?? DEMO_IDCS).flatMap((idc) =>
      idc.clusters.map((spec, position) => {
        const key = `${idc.key}-${position}`;
        return {
          key,
          idc,
          model: GPU_MODELS[spec.model],
          hostname: `${idc.key}-node-${position + 1}`,
          gpus: Array.from({ length: spec.gpus }, (_, index) => ({
            index,
            key: `${key}/${index}`,
            uuid: uuidFor(this.seed, key, index),
            serial: String(1_652_021_000_000 + Math.floor(unit(this.seed, 'serial', key, index) * 999_999)),
            pciBusId: `00000000:${(0x18 + index * 0x11).toString(16).toUpperCase().padStart(2, '0')}:00.0`,
          })),
        };
      }),
    );
  }

  cluster(key: string) {
    const cluster = this.clusters.find((entry) => entry.key === key);
    if (!cluster) throw new Error(`no simulated cluster ${key}`);
    return cluster;
  }

  /** Whether the whole cluster is down at `t` (its exporter shows no GPUs). */
  clusterDown(cluster: SimCluster, t: number) {
    return this.inOutage(t, (day) => ['outage', cluster.key, day], this.clusterOutagesPerDay, 1, 4);
  }

  /** Whether one GPU has fallen off the bus at `t`. */
  gpuDown(gpu: SimGpu, t: number) {
    return this.inOutage(t, (day) => ['gpu-failure', gpu.key, day], this.gpuFailuresPerDay, 2, 12);
  }

  private inOutage(
    t: number,
    parts: (day: number) => (string | number)[],
    perDay: number,
    minHours: number,
    maxHours: number,
  ) {
    const day = Math.floor((t - this.origin) / DAY_MS);
    // An outage starting late on the previous day may still last.
    for (const candidate of [day, day - 1]) {
      if (unit(this.seed, ...parts(candidate), 'happens') >= perDay) continue;
      const start = this.origin + candidate * DAY_MS + Math.floor(unit(this.seed, ...parts(candidate), 'at') * DAY_MS);
      const length = (minHours + unit(this.seed, ...parts(candidate), 'len') * (maxHours - minHours)) * HOUR_MS;
      if (t >= start && t < start + length) return true;
    }
    return false;
  }

  /** Every lease of this GPU that starts before `until` (Unix ms), ascending; laid out deterministically from origin. */
  leasesOf(cluster: SimCluster, gpu: SimGpu, until: number): Lease[] {
    let cached = this.leaseCache.get(gpu.key);
    if (!cached) {
      cached = { leases: [], horizon: this.origin - 3 * DAY_MS };
      this.leaseCache.set(gpu.key, cached);
    }
    const { model, idc } = cluster;
    while (cached.horizon < until) {
      const n = cached.leases.length;
      // Leases last 6 hours to 6 days (75 on average); the gaps between them average 75 x (1 - demand) / demand
      // hours, so that a GPU is leased `demand` of the time in the long run.
      const gapHours = unit(this.seed, 'gap', gpu.key, n) * 2 * MEAN_LEASE_HOURS * ((1 - model.demand) / model.demand);
      const lengthHours =
        MIN_LEASE_HOURS + unit(this.seed, 'length', gpu.key, n) * 2 * (MEAN_LEASE_HOURS - MIN_LEASE_HOURS);
      const start = Math.round((cached.horizon + gapHours * HOUR_MS) / 60_000) * 60_000;
      const end = start + Math.round(lengthHours * 60) * 60_000;
      const priceFactor = BigInt(Math.round(idc.priceBps * (0.92 + unit(this.seed, 'price', gpu.key, n) * 0.16)));
      cached.leases.push({
        gpuUuid: gpu.uuid,
        leaseId: `${cluster.key}-${gpu.index}-${n}`,
        tenantHash: this.tenants[Math.floor(unit(this.seed, 'tenant', gpu.key, n) * this.tenants.length)]!,
        pricePerHour: ((model.pricePerHour * priceFactor) / 10_000n / 1_000n) * 1_000n,
        start,
        end,
      });
      cached.horizon = end;
    }
    return cached.leases.filter((lease) => lease.start < until);
  }

  leaseAt(cluster: SimCluster, gpu: SimGpu, t: number) {
    return this.leasesOf(cluster, gpu, t + 1).find((lease) => lease.start <= t && (lease.end ?? Infinity) > t);
  }

  /**
   * The billing system's export at `t`: leases that started by `t` and were running within `windowMs` before it.
   * A lease still running at `t` is exported without an end, as a billing system would.
   */
  billingExport(cluster: SimCluster, t: number, windowMs = 2 * DAY_MS): Lease[] {
    return cluster.gpus.flatMap((gpu) =>
      this.leasesOf(cluster, gpu, t + 1)
        .filter((lease) => lease.start <= t && (lease.end ?? Infinity) > t - windowMs)
        .map((lease) => ({ ...lease, end: lease.end !== null && lease.end <= t ? lease.end : null })),
    );
  }

  /** The GPUs visible at `t` and what they read; GPUs in an outage are simply absent, as on real hardware. */
  read(cluster: SimCluster, t: number): GpuReadingSim[] {
    if (this.clusterDown(cluster, t)) return [];
    const localHour = (((t / HOUR_MS + cluster.idc.utcOffsetHours) % 24) + 24) % 24;
    const diurnal = diurnalFactor(localHour);
    const minute = Math.floor(t / 60_000);
    const { model } = cluster;
    return cluster.gpus
      .filter((gpu) => !this.gpuDown(gpu, t))
      .map((gpu) => {
        const leased = this.leaseAt(cluster, gpu, t) !== undefined;
        const noise = unit(this.seed, 'util', gpu.key, minute);
        const utilization = leased
          ? Math.min(100, Math.max(0, Math.round(diurnal * 92 + (noise - 0.5) * 16)))
          : Math.round(noise * 3);
        const load = utilization / 100;
        const memoryUsedMiB = leased
          ? Math.round((model.memoryTotalMiB - model.reservedMiB) * (0.35 + 0.55 * load))
          : 1 + Math.floor(noise * 4);
        const powerW = Math.round((model.idleW + (model.maxW - model.idleW) * load * (0.9 + noise * 0.1)) * 100) / 100;
        const hoursSinceOrigin = Math.max(0, (t - this.origin) / HOUR_MS);
        return {
          gpu,
          utilizationPct: utilization,
          memoryUsedMiB,
          memoryFreeMiB: model.memoryTotalMiB - model.reservedMiB - memoryUsedMiB,
          temperatureC: Math.round(30 + 48 * load + noise * 4),
          powerW,
          smClockMHz: leased ? 1_755 + Math.round(load * 225) : 345,
          // Not an exact integral: a monotone counter that grows with the model's average draw.
          energyMilliJoules: BigInt(Math.round(hoursSinceOrigin * 3_600 * (model.idleW + model.maxW) * 500)),
        };
      });
  }
}
