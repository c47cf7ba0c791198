/**
 * Writes decoded ranges and rolls them back. Event rows are inserted in chunked multi-row statements; the derived
 * tables are moved in the same transaction: balances and rollups by deltas (negated on rollback), clusters by
 * recomputation from their events. Everything at or below the cursor is already stored, so writing a range again is a
 * no-op and a crash between two transactions loses nothing.
 */
import { and, asc, desc, eq, getTableColumns, getTableName, gt, inArray, max, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Address, Hex } from 'viem';
import type { Database } from '../index';
import {
  attestations,
  balances,
  claims,
  clusterEvents,
  clusters,
  committeeEvents,
  epochReports,
  indexedBlocks,
  offeringEvents,
  offerings,
  revenueDeposits,
  rollups,
  shareTokens,
  shareTransfers,
  stablecoinTransfers,
  tokenControlEvents,
} from '../schema';
import type { EventRows } from './decode';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type Executor = Database | Transaction;

/**
 * Inserts `rows` with one statement per chunk in which each column travels as a single array parameter that `unnest`
 * turns back into rows. The statement's text and parameter count stay the same however many rows it carries, so
 * Postgres parses and plans it once per chunk instead of walking tens of thousands of placeholders, and the client
 * does not build them (with drizzle's multi-row VALUES, building the statement cost as much as running it).
 * `conflict` is the statement's ON CONFLICT clause (default: skip rows already stored). Tables with array columns
 * (unnest would flatten them; only attestations, a few rows per range) go through drizzle's multi-row VALUES.
 */
export async function insertRows<TTable extends PgTable>(
  db: Executor,
  table: TTable,
  rows: TTable['$inferInsert'][],
  conflict?: SQL,
) {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>).filter(([key]) =>
    rows.some((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
  if (columns.some(([, column]) => column.getSQLType().endsWith(']'))) {
    if (conflict) throw new Error(`insertRows: ${getTableName(table)} has array columns; only skipping is supported`);
    const size = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
    for (let start = 0; start < rows.length; start += size) {
      await db
        .insert(table)
        .values(rows.slice(start, start + size) as never)
        .onConflictDoNothing();
    }
    return;
  }
  for (let start = 0; start < rows.length; start += UNNEST_ROWS) {
    const chunk = rows.slice(start, start + UNNEST_ROWS) as Record<string, unknown>[];
    const arrays = columns.map(([key, column]) => {
      const values = chunk.map((row) => {
        const value = row[key];
        if (value === undefined || value === null) return null;
        const driverValue = column.mapToDriverValue(value);
        return typeof driverValue === 'bigint' ? driverValue.toString() : driverValue;
      });
      return sql`${sql.param(values)}::${sql.raw(column.getSQLType())}[]`;
    });
    await db.execute(
      sql`insert into ${table} (${sql.join(
        columns.map(([, column]) => sql.identifier(column.name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)}) ${conflict ?? sql`on conflict do nothing`}`,
    );
  }
}

/** Postgres takes at most 65,535 parameters per statement; stay well below for both drivers. */
const MAX_PARAMETERS = 30_000;
/** Rows per unnest statement: large enough that per-statement costs vanish, small enough to bound memory. */
const UNNEST_ROWS = 10_000;

/** Inserts `rows`, skipping those already stored (same primary key). */
export async function insertChunked<TTable extends PgTable>(
  db: Executor,
  table: TTable,
  rows: TTable['$inferInsert'][],
) {
  await insertRows(db, table, rows);
}

export type Cursor = { number: bigint; hash: Hex };

export async function readCursor(db: Executor, chainId: number): Promise<Cursor | undefined> {
  const [row] = await db
    .select({ number: indexedBlocks.number, hash: indexedBlocks.hash })
    .from(indexedBlocks)
    .where(eq(indexedBlocks.chainId, chainId))
    .orderBy(desc(indexedBlocks.number))
    .limit(1);
  return row;
}

export type RangeEnd = { number: bigint; hash: Hex; parentHash: Hex; timestamp: Date };

const tablesByKey = {
  stablecoinTransfers,
  clusterEvents,
  attestations,
  epochReports,
  committeeEvents,
  shareTokens,
  offerings,
  offeringEvents,
  shareTransfers,
  revenueDeposits,
  claims,
  tokenControlEvents,
} satisfies Record<keyof EventRows, PgTable>;

/** How many recent range ends are kept to find a common ancestor after a reorg. */
const KEPT_BLOCK_HASHES = 256;

/**
 * Stores one range (its rows and its end as the new cursor) in one transaction. Rows at or below the stored cursor are
 * skipped: they were written by an earlier transaction. Returns how many rows were written.
 */
export async function writeRange(db: Database, chainId: number, rows: EventRows, end: RangeEnd) {
  return db.transaction(async (tx) => {
    const cursor = await readCursor(tx, chainId);
    if (cursor && cursor.number >= end.number) return 0;
    const fresh = cursor ? filterAbove(rows, cursor.number) : rows;
    let written = 0;
    for (const key of Object.keys(tablesByKey) as (keyof EventRows)[]) {
      await insertRows(tx, tablesByKey[key], fresh[key] as never[]);
      written += fresh[key].length;
    }
    await applyBalanceDeltas(tx, chainId, fresh.shareTransfers, 1n);
    await recomputeClusters(tx, chainId, affectedClusters(fresh));
    const meta = await clusterMeta(tx, chainId, [
      ...fresh.epochReports.map((row) => row.clusterId),
      ...fresh.revenueDeposits.map((row) => row.clusterId),
    ]);
    await applyRollupDeltas(tx, chainId, meta, fresh.epochReports, fresh.revenueDeposits, 1n);
    await tx
      .insert(indexedBlocks)
      .values({ chainId, number: end.number, hash: end.hash, parentHash: end.parentHash, timestamp: end.timestamp })
      .onConflictDoNothing();
    await tx.execute(sql`
      delete from ${indexedBlocks} where ${indexedBlocks.chainId} = ${chainId} and ${indexedBlocks.number} < (
        select ${indexedBlocks.number} from ${indexedBlocks} where ${indexedBlocks.chainId} = ${chainId}
        order by ${indexedBlocks.number} desc offset ${KEPT_BLOCK_HASHES} limit 1)`);
    return written;
  });
}

function filterAbove(rows: EventRows, blockNumber: bigint): EventRows {
  const result = {} as Record<keyof EventRows, unknown[]>;
  for (const key of Object.keys(rows) as (keyof EventRows)[]) {
    result[key] = (rows[key] as { blockNumber: bigint }[]).filter((row) => row.blockNumber > blockNumber);
  }
  return result as EventRows;
}

type WithCluster = { clusterId: bigint }[];

function affectedClusters(rows: { clusterEvents: WithCluster; attestations: WithCluster; epochReports: WithCluster }) {
  return [
    ...rows.clusterEvents.map((row) => row.clusterId),
    ...rows.attestations.map((row) => row.clusterId),
    ...rows.epochReports.map((row) => row.clusterId),
  ];
}

/**
 * Removes everything above `ancestor` and reverses what it had added to the derived tables, in one transaction.
 * `anchor` (the ancestor's own block) becomes the cursor where no kept range end is left at or below it: after a
 * reorg deeper than the kept hashes, the rows up to the finalized block stay and the indexer resumes above it.
 */
export async function rollBackTo(db: Database, chainId: number, ancestor: bigint, anchor?: RangeEnd) {
  await db.transaction(async (tx) => {
    const above = <T extends PgTable & { chainId: never; blockNumber: never }>(table: T) =>
      and(eq(table.chainId, chainId), gt(table.blockNumber, ancestor));
    const removedTransfers = await tx
      .delete(shareTransfers)
      .where(above(shareTransfers as never))
      .returning();
    const removedReports = await tx
      .select()
      .from(epochReports)
      .where(above(epochReports as never));
    const removedDeposits = await tx
      .select()
      .from(revenueDeposits)
      .where(above(revenueDeposits as never));
    const removedClusterEvents = await tx
      .delete(clusterEvents)
      .where(above(clusterEvents as never))
      .returning({ clusterId: clusterEvents.clusterId });
    const removedAttestations = await tx
      .delete(attestations)
      .where(above(attestations as never))
      .returning({ clusterId: attestations.clusterId });
    // Rollups are keyed by model and location: read them before the clusters themselves may be rolled back.
    const meta = await clusterMeta(tx, chainId, [
      ...removedReports.map((row) => row.clusterId),
      ...removedDeposits.map((row) => row.clusterId),
    ]);
    // Every event table, from the same list the writes use: a table added there is rolled back without a second list
    // to remember (those already emptied above hold nothing more to delete).
    for (const table of Object.values(tablesByKey)) {
      await tx.delete(table).where(above(table as never));
    }
    await applyBalanceDeltas(tx, chainId, removedTransfers, -1n);
    await applyRollupDeltas(tx, chainId, meta, removedReports, removedDeposits, -1n);
    await recomputeClusters(
      tx,
      chainId,
      affectedClusters({
        clusterEvents: removedClusterEvents,
        attestations: removedAttestations,
        epochReports: removedReports,
      }),
    );
    await tx.delete(indexedBlocks).where(and(eq(indexedBlocks.chainId, chainId), gt(indexedBlocks.number, ancestor)));
    if (anchor)
      await tx
        .insert(indexedBlocks)
        .values({ chainId, ...anchor })
        .onConflictDoNothing();
  });
}

type TransferLike = { token: Address; from: Address; to: Address; value: bigint };

const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';

/** Adds `sign` × the net effect of `transfers` to the balances; balances that reach zero are deleted. */
async function applyBalanceDeltas(tx: Transaction, chainId: number, transfers: TransferLike[], sign: 1n | -1n) {
  if (transfers.length === 0) return;
  const deltas = new Map<string, { token: Address; account: Address; delta: bigint }>();
  const add = (token: Address, account: Address, delta: bigint) => {
    if (account === ZERO_ADDRESS) return;
    const key = `${token}:${account}`;
    const entry = deltas.get(key);
    if (entry) entry.delta += delta;
    else deltas.set(key, { token, account, delta });
  };
  for (const transfer of transfers) {
    add(transfer.token, transfer.from, -transfer.value * sign);
    add(transfer.token, transfer.to, transfer.value * sign);
  }
  const rows = [...deltas.values()]
    .filter((entry) => entry.delta !== 0n)
    .map((entry) => ({ chainId, token: entry.token, account: entry.account, balance: entry.delta }));
  await insertRows(
    tx,
    balances,
    rows,
    sql`on conflict (chain_id, token, account) do update set balance = ${balances}.balance + excluded.balance`,
  );
  const tokens = [...new Set(rows.map((row) => row.token))];
  if (tokens.length > 0) {
    await tx
      .delete(balances)
      .where(and(eq(balances.chainId, chainId), inArray(balances.token, tokens), eq(balances.balance, 0n)));
  }
}

type ClusterMeta = Map<bigint, { gpuModel: string; location: string }>;

async function clusterMeta(tx: Transaction, chainId: number, ids: bigint[]): Promise<ClusterMeta> {
  const unique = [...new Set(ids)];
  const meta: ClusterMeta = new Map();
  if (unique.length === 0) return meta;
  const rows = await tx
    .select({ clusterId: clusters.clusterId, gpuModel: clusters.gpuModel, location: clusters.location })
    .from(clusters)
    .where(and(eq(clusters.chainId, chainId), inArray(clusters.clusterId, unique)));
  for (const row of rows) meta.set(row.clusterId, row);
  return meta;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

export type ReportLike = {
  clusterId: bigint;
  /** The Unix second the epoch ended: the report's place in the rollups (see reportTime). */
  epoch: bigint;
  utilizationBps: number;
  gpuHoursMilli: bigint;
  gpusOnline: number;
  revenue: bigint;
};
type DepositLike = { clusterId: bigint; blockTime: Date; amount: bigint };

type RollupRow = typeof rollups.$inferInsert;

/**
 * Where a report sits in time: the last millisecond of the epoch it measures, never the block that carried it. The
 * contract accepts any increasing epochs, so a relayer (or a new cluster's operator) can land 90 days of reports in
 * one block; keyed by block time they would all count as today's revenue and utilization and inflate every trailing
 * window. Deposits stay at block time: a deposit is money paid into the stream when it lands.
 */
export function reportTime(epoch: bigint) {
  return new Date(Number(epoch) * 1000 - 1);
}

/** The rollup keys one cluster-time contributes to: hour and day × cluster, GPU model, location and network. */
function rollupKeys(clusterId: bigint, time: Date, meta: ClusterMeta) {
  const cluster = meta.get(clusterId);
  const keys: Pick<RollupRow, 'granularity' | 'dimension' | 'key' | 'bucket'>[] = [];
  for (const [granularity, size] of [
    ['hour', HOUR],
    ['day', DAY],
  ] as const) {
    const bucket = new Date(Math.floor(time.getTime() / size) * size);
    keys.push({ granularity, dimension: 'cluster', key: clusterId.toString(), bucket });
    keys.push({ granularity, dimension: 'network', key: '', bucket });
    if (cluster) {
      keys.push({ granularity, dimension: 'gpu_model', key: cluster.gpuModel, bucket });
      keys.push({ granularity, dimension: 'location', key: cluster.location, bucket });
    }
  }
  return keys;
}

/** Folds reports and deposits into rollup deltas (× `sign`) and adds them; rows left empty are deleted. */
export async function applyRollupDeltas(
  tx: Executor,
  chainId: number,
  meta: ClusterMeta,
  reports: ReportLike[],
  deposits: DepositLike[],
  sign: 1n | -1n,
) {
  if (reports.length === 0 && deposits.length === 0) return;
  const deltas = new Map<string, RollupRow>();
  const entry = (key: Pick<RollupRow, 'granularity' | 'dimension' | 'key' | 'bucket'>) => {
    const id = `${key.granularity}|${key.dimension}|${key.key}|${key.bucket.getTime()}`;
    let row = deltas.get(id);
    if (!row) {
      row = {
        chainId,
        ...key,
        reportCount: 0,
        utilizationBpsSum: 0n,
        gpuHoursMilli: 0n,
        gpusOnlineSum: 0n,
        revenueReported: 0n,
        depositCount: 0,
        revenueDeposited: 0n,
      };
      deltas.set(id, row);
    }
    return row;
  };
  const n = Number(sign);
  for (const report of reports) {
    for (const key of rollupKeys(report.clusterId, reportTime(report.epoch), meta)) {
      const row = entry(key);
      row.reportCount += n;
      row.utilizationBpsSum! += BigInt(report.utilizationBps) * sign;
      row.gpuHoursMilli! += report.gpuHoursMilli * sign;
      row.gpusOnlineSum! += BigInt(report.gpusOnline) * sign;
      row.revenueReported! += report.revenue * sign;
    }
  }
  for (const deposit of deposits) {
    for (const key of rollupKeys(deposit.clusterId, deposit.blockTime, meta)) {
      const row = entry(key);
      row.depositCount! += n;
      row.revenueDeposited! += deposit.amount * sign;
    }
  }
  const rows = [...deltas.values()];
  await insertRows(
    tx,
    rollups,
    rows,
    sql`on conflict (chain_id, granularity, dimension, key, bucket) do update set
      report_count = ${rollups}.report_count + excluded.report_count,
      utilization_bps_sum = ${rollups}.utilization_bps_sum + excluded.utilization_bps_sum,
      gpu_hours_milli = ${rollups}.gpu_hours_milli + excluded.gpu_hours_milli,
      gpus_online_sum = ${rollups}.gpus_online_sum + excluded.gpus_online_sum,
      revenue_reported = ${rollups}.revenue_reported + excluded.revenue_reported,
      deposit_count = ${rollups}.deposit_count + excluded.deposit_count,
      revenue_deposited = ${rollups}.revenue_deposited + excluded.revenue_deposited`,
  );
  if (sign < 0n) {
    await tx
      .delete(rollups)
      .where(and(eq(rollups.chainId, chainId), eq(rollups.reportCount, 0), eq(rollups.depositCount, 0)));
  }
}

/** Rebuilds the `clusters` rows of `ids` from their events (deleting those whose registration is gone). */
async function recomputeClusters(tx: Transaction, chainId: number, ids: bigint[]) {
  for (const clusterId of new Set(ids)) {
    const events = await tx
      .select()
      .from(clusterEvents)
      .where(and(eq(clusterEvents.chainId, chainId), eq(clusterEvents.clusterId, clusterId)))
      .orderBy(asc(clusterEvents.blockNumber), asc(clusterEvents.logIndex));
    const registration = events.find((event) => event.kind === 'registered');
    if (!registration) {
      await tx.delete(clusters).where(and(eq(clusters.chainId, chainId), eq(clusters.clusterId, clusterId)));
      continue;
    }
    const state = {
      operator: registration.operator!,
      pendingOperator: null as Address | null,
      gpuCount: registration.gpuCount!,
      hardwareRoot: registration.hardwareRoot!,
      metadataUri: registration.metadataUri!,
      metadataHash: registration.metadataHash!,
      suspended: false,
      retired: false,
      hardwareChangedAt: [registration.blockNumber, registration.logIndex] as [bigint, number],
    };
    for (const event of events) {
      switch (event.kind) {
        case 'metadata_updated':
          state.metadataUri = event.metadataUri!;
          state.metadataHash = event.metadataHash!;
          break;
        case 'hardware_updated':
          state.hardwareRoot = event.hardwareRoot!;
          state.gpuCount = event.gpuCount!;
          state.hardwareChangedAt = [event.blockNumber, event.logIndex];
          break;
        case 'operator_transfer_started':
          state.pendingOperator = event.operator === ZERO_ADDRESS ? null : event.operator;
          break;
        case 'operator_transferred':
          state.operator = event.operator!;
          state.pendingOperator = null;
          break;
        case 'suspended':
          state.suspended = true;
          break;
        case 'unsuspended':
          state.suspended = false;
          break;
        case 'retired':
          state.retired = true;
          break;
      }
    }
    const [attestation] = await tx
      .select()
      .from(attestations)
      .where(and(eq(attestations.chainId, chainId), eq(attestations.clusterId, clusterId)))
      .orderBy(desc(attestations.blockNumber), desc(attestations.logIndex))
      .limit(1);
    const [changedBlock, changedLog] = state.hardwareChangedAt;
    const attested =
      attestation &&
      (attestation.blockNumber > changedBlock ||
        (attestation.blockNumber === changedBlock && attestation.logIndex > changedLog));
    // The registry's last report time is the newest epoch itself (its signed end time), not when it was submitted.
    const [reports] = await tx
      .select({ lastEpoch: max(epochReports.epoch) })
      .from(epochReports)
      .where(and(eq(epochReports.chainId, chainId), eq(epochReports.clusterId, clusterId)));
    const row = {
      chainId,
      clusterId,
      operator: state.operator,
      pendingOperator: state.pendingOperator,
      gpuModel: registration.gpuModel!,
      location: registration.location!,
      gpuCount: state.gpuCount,
      hardwareRoot: state.hardwareRoot,
      metadataUri: state.metadataUri,
      metadataHash: state.metadataHash,
      status: state.retired
        ? ('retired' as const)
        : state.suspended
          ? ('suspended' as const)
          : attested
            ? ('attested' as const)
            : ('registered' as const),
      registeredAt: registration.blockTime,
      registeredBlock: registration.blockNumber,
      attestedAt: attested ? attestation.attestedAt : null,
      attestedUntil: attested ? attestation.validUntil : null,
      lastEpoch: reports?.lastEpoch ? BigInt(reports.lastEpoch) : 0n,
      lastReportAt: reports?.lastEpoch ? new Date(Number(reports.lastEpoch) * 1000) : null,
    };
    const { chainId: _chain, clusterId: _id, ...update } = row;
    await tx
      .insert(clusters)
      .values(row)
      .onConflictDoUpdate({ target: [clusters.chainId, clusters.clusterId], set: update });
  }
}

/** The ShareTokens and Offerings recorded so far, to follow their logs. */
export async function loadKnownTokens(db: Executor, chainId: number) {
  return db
    .select({ token: shareTokens.token, offering: shareTokens.offering, clusterId: shareTokens.clusterId })
    .from(shareTokens)
    .where(eq(shareTokens.chainId, chainId));
}
