/**
 * Derived tables, updated by the indexer in the same transaction as the events they come from: recomputed from the
 * event tables (clusters) or moved by deltas that a rollback reverses (balances, rollups).
 */
import { bigint, index, integer, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { MirroredClusterStatus } from '#protocol/status-names';
import { address, bytes32, uint256 } from '../columns';
import { mirror } from './chain';

/** The contract's ClusterStatus as events set it, lowercase (None and Stale are never stored, see protocol/). */
export type ClusterStatus = MirroredClusterStatus;

/**
 * Current state of each cluster, recomputed from `cluster_events`, `attestations` and `epoch_reports` whenever one of
 * them changes for the cluster. `status` is what the events say; expiry (Stale) depends on the time of reading.
 */
export const clusters = mirror.table(
  'clusters',
  {
    chainId: integer('chain_id').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    operator: address('operator').notNull(),
    pendingOperator: address('pending_operator'),
    gpuModel: text('gpu_model').notNull(),
    location: text('location').notNull(),
    gpuCount: integer('gpu_count').notNull(),
    hardwareRoot: bytes32('hardware_root').notNull(),
    metadataUri: text('metadata_uri').notNull(),
    metadataHash: bytes32('metadata_hash').notNull(),
    status: text('status').$type<ClusterStatus>().notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    registeredBlock: bigint('registered_block', { mode: 'bigint' }).notNull(),
    attestedAt: timestamp('attested_at', { withTimezone: true }),
    attestedUntil: timestamp('attested_until', { withTimezone: true }),
    lastEpoch: bigint('last_epoch', { mode: 'bigint' }).notNull(),
    lastReportAt: timestamp('last_report_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.clusterId] }),
    index('clusters_operator_idx').on(table.chainId, table.operator),
  ],
);

/**
 * Share balances, moved by the net delta of each indexed range's transfers (reversed on rollback). Rows that reach
 * zero are deleted, so the holders of a token are exactly its rows. Pages are kept half free (migration 0016,
 * fillfactor 50, which drizzle-kit does not track: keep it if the table is ever recreated) so those moves are HOT
 * updates; an index on `balance` would end that (db/indexer/derived/balances.test.ts checks both).
 */
export const balances = mirror.table(
  'balances',
  {
    chainId: integer('chain_id').notNull(),
    token: address('token').notNull(),
    account: address('account').notNull(),
    balance: uint256('balance').notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.token, table.account] })],
);

export type RollupGranularity = 'hour' | 'day';
export type RollupDimension = 'cluster' | 'gpu_model' | 'location' | 'network';

/**
 * Hourly and daily sums per cluster, GPU model, IDC location and the whole network, moved by deltas of the reports
 * and deposits indexed in each range (reversed on rollback). Averages are sums divided by counts at read time, so
 * the rows stay additive. `key` is the cluster id, model or location ('' for the network).
 */
export const rollups = mirror.table(
  'rollups',
  {
    chainId: integer('chain_id').notNull(),
    granularity: text('granularity').$type<RollupGranularity>().notNull(),
    dimension: text('dimension').$type<RollupDimension>().notNull(),
    key: text('key').notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    reportCount: integer('report_count').notNull(),
    utilizationBpsSum: bigint('utilization_bps_sum', { mode: 'bigint' }).notNull(),
    gpuHoursMilli: bigint('gpu_hours_milli', { mode: 'bigint' }).notNull(),
    gpusOnlineSum: bigint('gpus_online_sum', { mode: 'bigint' }).notNull(),
    revenueReported: uint256('revenue_reported').notNull(),
    depositCount: integer('deposit_count').notNull(),
    revenueDeposited: uint256('revenue_deposited').notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.granularity, table.dimension, table.key, table.bucket] })],
);
