/**
 * The mirror of the chain. Two kinds of tables:
 * - event tables, append-only, one row per log, keyed by (chain id, block hash, log index) and carrying the block
 *   number so a reorg deletes everything above the common ancestor with one range delete per table;
 * - derived tables (clusters, balances, rollups), updated by the indexer in the same transaction as the events they
 *   come from, either recomputed from the event tables (clusters) or moved by deltas that a rollback reverses
 *   (balances, rollups). A clean re-index therefore produces the same derived rows as an incremental one.
 * Every table the chain can rebuild lives in the PostgreSQL schema `mirror`, so re-indexing (`npm run db:reindex`) and
 * the local chain's automatic reset empty that schema and nothing else. Off-chain data an operator wrote and the chain
 * cannot give back (notes, documents) lives in `public`, beside whatever else the database holds.
 */
import {
  bigint,
  boolean,
  index,
  integer,
  pgSchema,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Address } from 'viem';
import type { MirroredClusterStatus } from '#protocol/status-names';
import { address, bytes32, uint256 } from './columns';

/** The rebuildable mirror of the chain; `public` keeps what only the operators can give back. */
export const mirror = pgSchema('mirror');

/** Which chain this database mirrors: a different genesis or deployment block hash means the chain was reset. */
export const chainIdentity = mirror.table('chain_identity', {
  chainId: integer('chain_id').primaryKey(),
  genesisHash: bytes32('genesis_hash').notNull(),
  deployBlock: bigint('deploy_block', { mode: 'bigint' }).notNull(),
  deployBlockHash: bytes32('deploy_block_hash').notNull(),
});

/**
 * The indexer's cursor (the highest row per chain) and the hashes of recently indexed blocks (range ends and blocks
 * that carried logs), to find the common ancestor after a reorg.
 */
export const indexedBlocks = mirror.table(
  'indexed_blocks',
  {
    chainId: integer('chain_id').notNull(),
    number: bigint('number', { mode: 'bigint' }).notNull(),
    hash: bytes32('hash').notNull(),
    parentHash: bytes32('parent_hash'),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.number] })],
);

/** Columns every event table has: where the log sits on the chain. */
const logColumns = () => ({
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
 * (`account` the frozen buyer, `recipient` the replacement, `amount` what it paid), in one table keyed by `kind`.
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
  ],
);

/**
 * Share balances, moved by the net delta of each indexed range's transfers (reversed on rollback). Rows that reach
 * zero are deleted, so the holders of a token are exactly its rows.
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

/**
 * Off-chain notes an operator keeps on its cluster (maintenance windows, document links), written through the web
 * app after Sign-In with Ethereum. One note per cluster; `author` is the operator that signed in when it was saved.
 */
export const clusterNotes = pgTable(
  'cluster_notes',
  {
    chainId: integer('chain_id').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    body: text('body').notNull(),
    author: address('author').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.clusterId] })],
);

/**
 * Documents an operator publishes for a cluster (audit reports, hosting contracts, photos of the racks): a title, the
 * public URI where it lives and the SHA-256 of its bytes, computed in the operator's browser from the file itself so
 * an investor can check a download with `sha256sum`. Written after Sign-In with Ethereum, like the notes.
 */
export const clusterDocuments = pgTable(
  'cluster_documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    chainId: integer('chain_id').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    title: text('title').notNull(),
    uri: text('uri').notNull(),
    sha256: bytes32('sha256').notNull(),
    author: address('author').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('cluster_documents_cluster').on(table.chainId, table.clusterId)],
);

/**
 * Operator sign-in sessions (Sign-In with Ethereum), kept server-side so that signing out ends a session for good: a
 * copied cookie dies with it. The cookie carries a random 32-byte id; only its SHA-256 is stored, so a leaked database
 * row cannot be replayed as a cookie. Expired and revoked rows are pruned on sign-in (app/lib/sessions.server.ts).
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: bytes32('id_hash').primaryKey(),
    chainId: integer('chain_id').notNull(),
    address: address('address').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [
    index('sessions_expires_idx').on(table.expiresAt),
    index('sessions_address_idx').on(table.chainId, table.address, table.createdAt),
  ],
);
