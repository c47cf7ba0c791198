/**
 * The market page's rows as its loader hands them over: one JSON array of tuples, packed once per page of a snapshot
 * (app/models/market.server.ts marketTablePage), instead of fifty objects that single fetch's turbo-stream flattened
 * value by value on every render and every 3-second revalidation (issue 12: ~0.3 ms of a full render). The browser
 * unpacks them into the same rows; the server reads them only the first time a page's rows are rendered
 * (app/lib/fragment-cache.tsx).
 */
import type { MarketTableRow } from '~/models/market.server';

/** A packed row's fields, in order: every field of a table row (checked below). */
const FIELDS = [
  'clusterId',
  'gpuModel',
  'gpuCount',
  'location',
  'status',
  'lastReportAt',
  'lastEpoch',
  'utilizationBps',
  'trailingAprBps',
  'pricePerShare',
  'soldBps',
  'phase',
  'token',
] as const satisfies readonly (keyof MarketTableRow)[];

/** A compile error when a table row gains a field the packing does not carry. */
type Unpacked = Exclude<keyof MarketTableRow, (typeof FIELDS)[number]>;
const everyField: [Unpacked] extends [never] ? true : never = true;
void everyField;

/** A page of table rows: how many, and the rows as a JSON array of FIELDS-ordered tuples. */
export type PackedMarketRows = { count: number; packed: string };

export function packMarketRows(rows: readonly MarketTableRow[]): PackedMarketRows {
  return { count: rows.length, packed: JSON.stringify(rows.map((row) => FIELDS.map((field) => row[field]))) };
}

export function unpackMarketRows({ packed }: PackedMarketRows): MarketTableRow[] {
  return (JSON.parse(packed) as unknown[][]).map(
    (tuple) => Object.fromEntries(FIELDS.map((field, index) => [field, tuple[index]])) as MarketTableRow,
  );
}
