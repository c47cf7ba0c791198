/**
 * The rental signal: which GPUs are leased, to whom (hashed) and at what price, from the operator's scheduler or
 * billing system. ONE format, CSV with this header (RFC 4180, UTF-8, one lease per line):
 *
 *   gpu_uuid,lease_id,tenant_hash,price_per_hour,start,end
 *   GPU-5f3e2a1b-7c4d-4e8f-9a0b-1c2d3e4f5a6b,lease-2024-0001,0x3f…(32 bytes),2450000,2024-05-01T00:00:00Z,
 *
 * - gpu_uuid: the GPU as nvidia-smi prints it; one line per GPU of a multi-GPU lease.
 * - lease_id: the billing system's id (unique per GPU line: the pair (lease_id, gpu_uuid) identifies a line).
 * - tenant_hash: 0x-prefixed keccak256 of the operator's own tenant id (with a secret salt); tenants stay private.
 * - price_per_hour: price of this GPU per hour, in stablecoin base units (integer; 2450000 = 2.45 USDC).
 * - start, end: ISO 8601 with a zone (`Z` or `+09:00`); end empty while the lease runs. end > start.
 *
 * A line that changes (a lease ends) is exported again with the same ids; the latest export wins.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { canonicalGpuUuid } from '#protocol/hardware';
import { TelemetryFormatError } from '../errors';
import type { TelemetryProblem } from './types';

export type Lease = {
  gpuUuid: string;
  leaseId: string;
  tenantHash: `0x${string}`;
  /** Stablecoin base units per GPU-hour. */
  pricePerHour: bigint;
  /** Unix milliseconds. */
  start: number;
  /** Unix milliseconds; null while the lease runs. */
  end: number | null;
};

export const RENTAL_CSV_HEADER = ['gpu_uuid', 'lease_id', 'tenant_hash', 'price_per_hour', 'start', 'end'] as const;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseRentalCsv(text: string): { leases: Lease[]; problems: TelemetryProblem[] } {
  let rows: Record<string, string>[];
  try {
    rows = parse(text, { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new TelemetryFormatError(`rental export is not CSV with the documented header: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const first = rows[0];
  if (first && RENTAL_CSV_HEADER.some((column) => !(column in first))) {
    throw new TelemetryFormatError(`rental export header must be ${RENTAL_CSV_HEADER.join(',')}`);
  }
  const problems: TelemetryProblem[] = [];
  const leases = new Map<string, Lease>();
  rows.forEach((row, index) => {
    const where = `line ${index + 2}`;
    const gpuUuid = canonicalGpuUuid(row.gpu_uuid ?? '');
    const leaseId = row.lease_id ?? '';
    const tenantHash = (row.tenant_hash ?? '').toLowerCase();
    const price = row.price_per_hour ?? '';
    const start = ISO_WITH_ZONE.test(row.start ?? '') ? Date.parse(row.start!) : Number.NaN;
    const end = row.end ? (ISO_WITH_ZONE.test(row.end) ? Date.parse(row.end) : Number.NaN) : null;
    const reason = !gpuUuid
      ? 'gpu_uuid is not a GPU UUID'
      : leaseId === '' || leaseId.length > 128
        ? 'lease_id must be 1 to 128 characters'
        : !/^0x[0-9a-f]{64}$/.test(tenantHash)
          ? 'tenant_hash must be a 0x-prefixed 32-byte hex hash'
          : !/^\d{1,30}$/.test(price)
            ? 'price_per_hour must be a non-negative integer in stablecoin base units'
            : Number.isNaN(start)
              ? 'start must be ISO 8601 with a time zone'
              : end !== null && (Number.isNaN(end) || end <= start)
                ? 'end must be ISO 8601 with a time zone, after start'
                : null;
    if (reason) {
      problems.push({ where, reason });
      return;
    }
    leases.set(`${leaseId}\u0000${gpuUuid}`, {
      gpuUuid: gpuUuid!,
      leaseId,
      tenantHash: tenantHash as `0x${string}`,
      pricePerHour: BigInt(price),
      start,
      end,
    });
  });
  return { leases: [...leases.values()], problems };
}

export async function readRentalCsv(path: string) {
  return parseRentalCsv(await readFile(path, 'utf8'));
}

export function formatRentalCsv(leases: Lease[]): string {
  const lines = leases.map((lease) =>
    [
      lease.gpuUuid,
      lease.leaseId,
      lease.tenantHash,
      lease.pricePerHour.toString(),
      new Date(lease.start).toISOString(),
      lease.end === null ? '' : new Date(lease.end).toISOString(),
    ].join(','),
  );
  return `${[RENTAL_CSV_HEADER.join(','), ...lines].join('\n')}\n`;
}
