/**
 * Event tables, append-only, one row per log, keyed by (chain id, block hash, log index) and carrying the block number
 * so a reorg deletes everything above the common ancestor with one range delete per table.
 */
import {
  bigint,
  boolean,
  index,
  integer,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Address } from 'viem';
import { address, bytes32, uint256 } from '../columns';
import { mirror } from './chain';

/** Columns every event table has: where the log sits on the chain. */
export const logColumns = () => ({
  chainId: integer('chain_id').notNull(),
  blockNumber: bigint('block_number', { mode: 'bigint' }).notNull(),
  blockHash: bytes32('block_hash').notNull(),
  logIndex: integer('log_index').notNull(),
  transactionHash: bytes32('transaction_hash').notNull(),
  blockTime: timestamp('block_time', { withTimezone: true }).notNull(),
});

/** Stablecoin Transfer events (mints included). */
export const stablecoinTransfers = mirror.table(
  'stablecoin_transfers',
  {
    ...logColumns(),
    from: address('from').notNull(),
    to: address('to').notNull(),
    value: uint256('value').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('stablecoin_transfers_block_idx').on(table.chainId, table.blockNumber),
  ],
);

/**
 * ClusterRegistry lifecycle events of one cluster, in one table: `kind` says which event, the other columns hold the
 * fields that event has (the rest are null). Folded in order they give the cluster's current state.
 */
export const clusterEvents = mirror.table(
  'cluster_events',
  {
    ...logColumns(),
    clusterId: uint256('cluster_id').notNull(),
    kind: text('kind')
      .$type<
        | 'registered'
        | 'metadata_updated'
        | 'hardware_updated'
        | 'operator_transfer_started'
        | 'operator_transferred'
        | 'suspended'
        | 'unsuspended'
        | 'retired'
      >()
      .notNull(),
    operator: address('operator'),
    gpuModel: text('gpu_model'),
    location: text('location'),
    gpuCount: integer('gpu_count'),
    hardwareRoot: bytes32('hardware_root'),
    metadataUri: text('metadata_uri'),
    metadataHash: bytes32('metadata_hash'),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('cluster_events_block_idx').on(table.chainId, table.blockNumber),
    index('cluster_events_cluster_idx').on(table.chainId, table.clusterId, table.blockNumber, table.logIndex),
  ],
);

/** ClusterAttested: the committee vouched for the hardware; `signers` are the members whose signatures counted. */
export const attestations = mirror.table(
  'attestations',
  {
    ...logColumns(),
    clusterId: uint256('cluster_id').notNull(),
    hardwareRoot: bytes32('hardware_root').notNull(),
    gpuCount: integer('gpu_count').notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    nonce: bigint('nonce', { mode: 'bigint' }).notNull(),
    attestedAt: timestamp('attested_at', { withTimezone: true }).notNull(),
    signers: text('signers').array().$type<Address[]>().notNull(),
    submitter: address('submitter').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('attestations_block_idx').on(table.chainId, table.blockNumber),
    index('attestations_cluster_idx').on(table.chainId, table.clusterId, table.blockNumber),
  ],
);

/** ReportSubmitted: one accepted epoch report. Its block time places it in the hourly/daily rollups. */
export const epochReports = mirror.table(
  'epoch_reports',
  {
    ...logColumns(),
    clusterId: uint256('cluster_id').notNull(),
    epoch: bigint('epoch', { mode: 'bigint' }).notNull(),
    gpuHoursMilli: bigint('gpu_hours_milli', { mode: 'bigint' }).notNull(),
    utilizationBps: smallint('utilization_bps').notNull(),
    gpusOnline: integer('gpus_online').notNull(),
    revenue: uint256('revenue').notNull(),
    telemetryRoot: bytes32('telemetry_root').notNull(),
    submitter: address('submitter').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('epoch_reports_block_idx').on(table.chainId, table.blockNumber),
    index('epoch_reports_cluster_idx').on(table.chainId, table.clusterId, table.epoch),
  ],
);

/**
 * Committee and governance changes: SignerAdded / SignerRemoved (`signer`), ThresholdChanged / HeartbeatChanged
 * (`previousValue` → `value`), CommitteeChanged (`previousValue` → `value`: the committee version, null before the
 * first), GuardianSet (`account` = the new guardian, the zero address for none).
 */
export const committeeEvents = mirror.table(
  'committee_events',
  {
    ...logColumns(),
    kind: text('kind')
      .$type<
        | 'signer_added'
        | 'signer_removed'
        | 'threshold_changed'
        | 'heartbeat_changed'
        | 'committee_changed'
        | 'guardian_set'
      >()
      .notNull(),
    signer: address('signer'),
    account: address('account'),
    previousValue: uint256('previous_value'),
    value: uint256('value'),
    /** committee_changed: the committee and threshold from this version on (`value` is the version). */
    signers: text('signers').array().$type<Address[]>(),
    threshold: uint256('threshold'),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('committee_events_block_idx').on(table.chainId, table.blockNumber),
  ],
);

/** One row per ShareToken, from RackshareFactory.ClusterTokenized (the event that makes the indexer follow it). */
export const shareTokens = mirror.table(
  'share_tokens',
  {
    ...logColumns(),
    token: address('token').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    offering: address('offering').notNull(),
    operator: address('operator').notNull(),
    name: text('name').notNull(),
    symbol: text('symbol').notNull(),
    supply: uint256('supply').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    uniqueIndex('share_tokens_token_idx').on(table.chainId, table.token),
    index('share_tokens_cluster_idx').on(table.chainId, table.clusterId),
    index('share_tokens_block_idx').on(table.chainId, table.blockNumber),
  ],
);

/** One row per Offering (primary sale), from the same ClusterTokenized event; its terms never change. */
export const offerings = mirror.table(
  'offerings',
  {
    ...logColumns(),
    offering: address('offering').notNull(),
    token: address('token').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    pricePerShare: uint256('price_per_share').notNull(),
    saleStart: timestamp('sale_start', { withTimezone: true }).notNull(),
    saleEnd: timestamp('sale_end', { withTimezone: true }).notNull(),
    softCap: uint256('soft_cap').notNull(),
    perBuyerCap: uint256('per_buyer_cap').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    uniqueIndex('offerings_offering_idx').on(table.chainId, table.offering),
    index('offerings_block_idx').on(table.chainId, table.blockNumber),
  ],
);

/**
 * Offering events: Purchased, Finalized, Refunded, SharesWithdrawn, EscrowRevenueClaimed, Cancelled, PurchaseRecovered
 * (`actor` the operator, `account` the frozen buyer, `recipient` the replacement, `amount` what it paid), in one table
 * keyed by `kind`.
 */
export const offeringEvents = mirror.table(
  'offering_events',
  {
    ...logColumns(),
    offering: address('offering').notNull(),
    kind: text('kind')
      .$type<
        | 'purchased'
        | 'finalized'
        | 'refunded'
        | 'shares_withdrawn'
        | 'escrow_revenue_claimed'
        | 'cancelled'
        | 'purchase_recovered'
      >()
      .notNull(),
    /**
     * Buyer (purchased, refunded, shares_withdrawn, escrow_revenue_claimed), operator (finalized) or governance
     * (cancelled).
     */
    account: address('account').notNull(),
    /**
     * The operator who moved a purchase (purchase_recovered): the history lends the reason an operator recorded only
     * to a recovery that operator sent (app/models/interventions.server.ts). Null for the other kinds.
     */
    actor: address('actor'),
    /**
     * Who received the shares and revenue (shares_withdrawn), the revenue (escrow_revenue_claimed), the refund
     * (refunded) or the purchase (purchase_recovered).
     */
    recipient: address('recipient'),
    /** Shares bought, refunded, withdrawn, sold at settlement or cancellation; 0 for escrow_revenue_claimed. */
    shares: uint256('shares').notNull(),
    /**
     * Cost (purchased), refund (refunded), revenue paid with the shares (shares_withdrawn), revenue claimed
     * (escrow_revenue_claimed), proceeds (finalized), money raised and now refundable (cancelled).
     */
    amount: uint256('amount').notNull(),
    /** After a purchase: shares sold and money raised so far. */
    totalSold: uint256('total_sold'),
    totalRaised: uint256('total_raised'),
    succeeded: boolean('succeeded'),
    sharesReturned: uint256('shares_returned'),
    revenueForwarded: uint256('revenue_forwarded'),
    /** finalized: revenue the sold shares earned since the decision, credited to their buyers in escrow. */
    revenueEscrowed: uint256('revenue_escrowed'),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('offering_events_block_idx').on(table.chainId, table.blockNumber),
    index('offering_events_offering_idx').on(table.chainId, table.offering, table.kind, table.blockNumber),
    index('offering_events_account_idx').on(table.chainId, table.account),
    // The escrow revenue paid to a holder (/portfolio earnings): without it, a scan of every offering event.
    index('offering_events_recipient_idx').on(table.chainId, table.recipient),
  ],
);

/** ShareToken Transfer events (the initial mint to the Offering included). */
export const shareTransfers = mirror.table(
  'share_transfers',
  {
    ...logColumns(),
    token: address('token').notNull(),
    from: address('from').notNull(),
    to: address('to').notNull(),
    value: uint256('value').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('share_transfers_block_idx').on(table.chainId, table.blockNumber),
    index('share_transfers_token_idx').on(table.chainId, table.token, table.blockNumber),
    // A holder's transfers (/portfolio earnings read "to = holder or from = holder"): without them every page view
    // scanned the whole table (45 ms at 100k transfers, growing with the chain); they cost the backfill's COPY into
    // this table about a fifth of its rate (measured: 3 indexes 75-106k rows/s, 5 indexes 54-80k rows/s).
    index('share_transfers_to_idx').on(table.chainId, table.to),
    index('share_transfers_from_idx').on(table.chainId, table.from),
  ],
);

/** RevenueDeposited: each deposit (re)starts the token's revenue stream; the newest row is the current stream. */
export const revenueDeposits = mirror.table(
  'revenue_deposits',
  {
    ...logColumns(),
    token: address('token').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    payer: address('payer').notNull(),
    amount: uint256('amount').notNull(),
    durationSeconds: bigint('duration_seconds', { mode: 'bigint' }).notNull(),
    ratePerSecond: uint256('rate_per_second').notNull(),
    streamEnd: timestamp('stream_end', { withTimezone: true }).notNull(),
    carriedOver: uint256('carried_over').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('revenue_deposits_block_idx').on(table.chainId, table.blockNumber),
    index('revenue_deposits_token_idx').on(table.chainId, table.token, table.blockNumber),
  ],
);

/** Claimed: revenue paid out to a holder. */
export const claims = mirror.table(
  'claims',
  {
    ...logColumns(),
    token: address('token').notNull(),
    account: address('account').notNull(),
    recipient: address('recipient').notNull(),
    amount: uint256('amount').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('claims_block_idx').on(table.chainId, table.blockNumber),
    index('claims_account_idx').on(table.chainId, table.account),
  ],
);

/**
 * RWA control events of a ShareToken (RevenuePayerSet, VerificationSet, AllowlistEnabledSet, FreezeSet, PauseSet,
 * ForcedTransfer, WalletRecovered) in one table keyed by `kind`; PauseSet is `pause_set` for the operator's pause and
 * `governance_pause_set` for governance's.
 */
export const tokenControlEvents = mirror.table(
  'token_control_events',
  {
    ...logColumns(),
    token: address('token').notNull(),
    kind: text('kind')
      .$type<
        | 'revenue_payer_set'
        | 'verification_set'
        | 'allowlist_enabled_set'
        | 'freeze_set'
        | 'pause_set'
        | 'governance_pause_set'
        | 'forced_transfer'
        | 'wallet_recovered'
      >()
      .notNull(),
    /** Who acted (operator / governance), when the event names it. */
    actor: address('actor'),
    /** The account concerned (payer, verified or frozen account, `from` of a forced transfer, lost wallet). */
    account: address('account'),
    /** `to` of a forced transfer, replacement wallet. */
    counterparty: address('counterparty'),
    flag: boolean('flag'),
    /** Verification expiry, shares moved, a revenue payer's horizon in seconds (0: revoked). */
    value: uint256('value'),
    /** Revenue moved with a recovered wallet. */
    revenue: uint256('revenue'),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('token_control_events_block_idx').on(table.chainId, table.blockNumber),
    index('token_control_events_token_idx').on(table.chainId, table.token, table.kind),
  ],
);
