/**
 * Writes decoded ranges and rolls them back. Event rows are inserted in chunked multi-row statements; the derived
 * tables are moved in the same transaction: balances and rollups by deltas (negated on rollback), clusters by
 * recomputation from their events. Everything at or below the cursor is already stored, so writing a range again is a
 * no-op and a crash between two transactions loses nothing.
 */
import { and, desc, eq, getTableColumns, getTableName, gt, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Address, Hex } from 'viem';
import type { Database } from '../database';
import {
  attestations,
  balances,
  claims,
  clusterEvents,
  committeeEvents,
  epochReports,
  indexedBlocks,
  offeringEvents,
  offerings,
  revenueDeposits,
  shareTokens,
  shareTransfers,
  stablecoinTransfers,
  tokenControlEvents,
} from '../schema';
import type { EventRows } from './decode';
import { applyRollupDeltas, clusterMeta, recomputeClusters } from './derived';

export { applyRollupDeltas, type ReportLike, reportTime } from './derived';

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Executor = Database | Transaction;

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
      // Consecutive rows repeat most values (chain id, block hash and time, token): each is mapped to the driver once
      // per run (a timestamp's toISOString per row was a visible share of a backfill's CPU).
      let lastValue: unknown;
      let lastMapped: unknown = null;
      let literal = '{';
      for (let index = 0; index < chunk.length; index++) {
        const value = chunk[index]![key];
        if (index > 0) literal += ',';
        if (value === undefined || value === null) {
          literal += 'NULL';
          continue;
        }
        if (value !== lastValue) {
          const driverValue = column.mapToDriverValue(value);
          lastValue = value;
          lastMapped = arrayElement(typeof driverValue === 'bigint' ? driverValue.toString() : driverValue);
        }
        literal += lastMapped;
      }
      // The array travels as its text literal: the drivers' generic serializers quote and escape every element.
      return sql`${sql.param(`${literal}}`)}::${sql.raw(column.getSQLType())}[]`;
    });
    await db.execute(
      sql`insert into ${table} (${sql.join(
        columns.map(([, column]) => sql.identifier(column.name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)}) ${conflict ?? sql`on conflict do nothing`}`,
    );
  }
}

/** Characters that make an array element need quotes (separators, quotes, escapes, braces, blanks). */
const ARRAY_SPECIAL = /[\s",\\{}]/;

/** One element of a Postgres array literal: bare where that reads back as the same text, else quoted and escaped. */
function arrayElement(value: unknown) {
  const text = typeof value === 'string' ? value : String(value);
  if (text !== '' && !ARRAY_SPECIAL.test(text) && (text.length !== 4 || text.toUpperCase() !== 'NULL')) return text;
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
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
  // Only a balance that went down can have reached zero: asking for those keys alone spares a scan of every holder of
  // the token per range (on a backfill, one sender pays thousands of recipients).
  const lowered = rows.filter((row) => row.balance < 0n);
  for (let start = 0; start < lowered.length; start += UNNEST_ROWS) {
    const chunk = lowered.slice(start, start + UNNEST_ROWS);
    await tx.execute(sql`delete from ${balances} where ${balances.chainId} = ${chainId} and ${balances.balance} = 0
      and (${balances.token}, ${balances.account}) in (select * from unnest(
        ${sql.param(chunk.map((row) => row.token))}::varchar(42)[], ${sql.param(chunk.map((row) => row.account))}::varchar(42)[]))`);
  }
}

/** The ShareTokens and Offerings recorded so far, to follow their logs. */
export async function loadKnownTokens(db: Executor, chainId: number) {
  return db
    .select({ token: shareTokens.token, offering: shareTokens.offering, clusterId: shareTokens.clusterId })
    .from(shareTokens)
    .where(eq(shareTokens.chainId, chainId));
}
