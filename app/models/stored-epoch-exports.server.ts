/**
 * Built epoch exports in the database (db/schema `epoch_exports`), so that an export one web process built is served
 * by every other without asking the oracle nodes or building its proofs again (app/models/epoch-exports.server.ts
 * keeps a per-process copy in front). An export of an on-chain report never changes, so a row is written once (a
 * concurrent build of another process loses the insert, harmlessly) and read as is. Bounded by total bytes and rows:
 * each insert evicts the least recently used beyond either; a read marks its row used at most once a minute, so a
 * popular export does not cost a write per request.
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Address, Hex } from 'viem';
import type { Database } from '#db';
import { epochExports } from '#db/schema';

/** Bytes of export JSON the table holds at most: a few dozen production-sized epochs (about 40 MB each). */
export const STORED_EXPORT_BYTES = 1_024 * 1_024 * 1_024;
/** Rows the table holds at most, whatever their size (thousands of small demo epochs). */
export const STORED_EXPORT_ROWS = 4_096;
/** A read refreshes its row's `used_at` only when older than this. */
const TOUCH_AFTER_MS = 60_000;

export type ExportKey = {
  chainId: number;
  registry: Address;
  clusterId: string;
  epoch: string;
  telemetryRoot: Hex;
  reportTransaction: Hex;
};
export type StoredExport = { json: string; samples: number; gpus: number };

const whereKey = (key: ExportKey) =>
  and(
    eq(epochExports.chainId, key.chainId),
    eq(epochExports.registry, key.registry),
    eq(epochExports.clusterId, BigInt(key.clusterId)),
    eq(epochExports.epoch, BigInt(key.epoch)),
    eq(epochExports.telemetryRoot, key.telemetryRoot),
    eq(epochExports.reportTransaction, key.reportTransaction),
  );

/** The stored export of `key`, or undefined. */
export async function readStoredExport(
  db: Database,
  key: ExportKey,
  now = new Date(),
): Promise<StoredExport | undefined> {
  const [row] = await db
    .select({ json: epochExports.json, samples: epochExports.samples, gpus: epochExports.gpus })
    .from(epochExports)
    .where(whereKey(key));
  if (!row) return undefined;
  await db
    .update(epochExports)
    .set({ usedAt: now })
    .where(and(whereKey(key), lt(epochExports.usedAt, new Date(now.getTime() - TOUCH_AFTER_MS))));
  return row;
}

/** How many samples and GPUs the stored export of `key` holds, without reading its JSON. */
export async function readStoredSummary(db: Database, key: ExportKey) {
  const [row] = await db
    .select({ samples: epochExports.samples, gpus: epochExports.gpus })
    .from(epochExports)
    .where(whereKey(key));
  return row;
}

/** Stores a built export (a row already there stays), then evicts the least recently used beyond the bounds. */
export async function storeExport(
  db: Database,
  key: ExportKey,
  built: StoredExport,
  options: { now?: Date; maxBytes?: number; maxRows?: number } = {},
) {
  const bytes = Buffer.byteLength(built.json);
  const maxBytes = options.maxBytes ?? STORED_EXPORT_BYTES;
  // One export larger than the whole bound is served from the building process's memory only.
  if (bytes > maxBytes) return;
  await db
    .insert(epochExports)
    .values({
      ...key,
      clusterId: BigInt(key.clusterId),
      epoch: BigInt(key.epoch),
      ...built,
      bytes,
      usedAt: options.now ?? new Date(),
    })
    .onConflictDoNothing();
  // The window runs over the key columns of at most maxRows + a few rows (every insert evicts): bounded.
  await db.execute(sql`
    delete from ${epochExports} where (chain_id, registry, cluster_id, epoch, telemetry_root, report_transaction) in (
      select chain_id, registry, cluster_id, epoch, telemetry_root, report_transaction from (
        select chain_id, registry, cluster_id, epoch, telemetry_root, report_transaction,
          sum(bytes) over newest as kept_bytes, row_number() over newest as kept_rows
        from ${epochExports}
        window newest as (order by used_at desc, chain_id, registry, cluster_id, epoch, telemetry_root, report_transaction)
      ) as ranked
      where kept_bytes > ${maxBytes} or kept_rows > ${options.maxRows ?? STORED_EXPORT_ROWS}
    )`);
}
