/**
 * The simulated hardware speaks the real tools' formats: dcgm-exporter's Prometheus text (label order, HELP/TYPE lines
 * and value spelling as dcgm-exporter 3.x prints them) and `nvidia-smi --query-gpu=... --format=csv,noheader,nounits`.
 * The billing export uses the project's one rental CSV format (telemetry/rental.ts).
 */
import { formatRentalCsv, type Lease } from '../telemetry/rental';
import type { GpuReadingSim, SimCluster } from './model';

type DcgmField = {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
  value: (reading: GpuReadingSim, cluster: SimCluster) => string;
};

const DCGM_FIELDS: DcgmField[] = [
  {
    name: 'DCGM_FI_DEV_SM_CLOCK',
    help: 'SM clock frequency (in MHz).',
    type: 'gauge',
    value: (r) => `${r.smClockMHz}`,
  },
  { name: 'DCGM_FI_DEV_GPU_TEMP', help: 'GPU temperature (in C).', type: 'gauge', value: (r) => `${r.temperatureC}` },
  {
    name: 'DCGM_FI_DEV_POWER_USAGE',
    help: 'Power draw (in W).',
    type: 'gauge',
    value: (r) => r.powerW.toFixed(6),
  },
  {
    name: 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION',
    help: 'Total energy consumption since boot (in mJ).',
    type: 'counter',
    value: (r) => r.energyMilliJoules.toString(),
  },
  {
    name: 'DCGM_FI_DEV_GPU_UTIL',
    help: 'GPU utilization (in %).',
    type: 'gauge',
    value: (r) => `${r.utilizationPct}`,
  },
  {
    name: 'DCGM_FI_DEV_MEM_COPY_UTIL',
    help: 'Memory utilization (in %).',
    type: 'gauge',
    value: (r) => `${Math.round(r.utilizationPct * 0.6)}`,
  },
  {
    name: 'DCGM_FI_DEV_FB_FREE',
    help: 'Framebuffer memory free (in MiB).',
    type: 'gauge',
    value: (r) => `${r.memoryFreeMiB}`,
  },
  {
    name: 'DCGM_FI_DEV_FB_USED',
    help: 'Framebuffer memory used (in MiB).',
    type: 'gauge',
    value: (r) => `${r.memoryUsedMiB}`,
  },
  {
    name: 'DCGM_FI_DEV_FB_RESERVED',
    help: 'Framebuffer memory reserved (in MiB).',
    type: 'gauge',
    value: (_r, cluster) => `${cluster.model.reservedMiB}`,
  },
];

/** The `/metrics` body of dcgm-exporter on the cluster's host. */
export function renderDcgmMetrics(cluster: SimCluster, readings: GpuReadingSim[]): string {
  const lines: string[] = [];
  for (const field of DCGM_FIELDS) {
    lines.push(`# HELP ${field.name} ${field.help}`, `# TYPE ${field.name} ${field.type}`);
    for (const reading of readings) {
      const { gpu } = reading;
      const labels = `gpu="${gpu.index}",UUID="${gpu.uuid}",pci_bus_id="${gpu.pciBusId}",device="nvidia${gpu.index}",modelName="${cluster.model.name}",Hostname="${cluster.hostname}"`;
      lines.push(`${field.name}{${labels}} ${field.value(reading, cluster)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `nvidia-smi --query-gpu=index,uuid,name,serial,utilization.gpu,memory.used,memory.total,temperature.gpu,power.draw --format=csv,noheader,nounits` */
export function renderNvidiaSmiCsv(cluster: SimCluster, readings: GpuReadingSim[]): string {
  return readings
    .map((reading) =>
      [
        reading.gpu.index,
        reading.gpu.uuid,
        cluster.model.name,
        reading.gpu.serial,
        reading.utilizationPct,
        reading.memoryUsedMiB,
        cluster.model.memoryTotalMiB,
        reading.temperatureC,
        reading.powerW.toFixed(2),
      ].join(', '),
    )
    .map((line) => `${line}\n`)
    .join('');
}

export const renderBillingCsv = (leases: Lease[]) => formatRentalCsv(leases);
