/**
 * The secondary market (ShareMarket.sol): its four events in the mirror (rebuilt by a re-index like every event table)
 * and the signed offers the relay accepted in `public` (off-chain: the chain never saw them, so no re-index may drop
 * them; a local chain reset deletes that chain's, whose signatures name a market that is gone).
 */
import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { address, bytes32, uint256 } from '../columns';
import { OFFER_STATUSES, type OfferStatusName } from '../market/types';
import { mirror } from './chain';
import { logColumns } from './events';

/** OfferFilled: one fill of a signed offer. `side` is the offer's (0 Sell: the maker sold; 1 Buy: the maker bought). */
export const marketFills = mirror.table(
  'market_fills',
  {
    ...logColumns(),
    market: address('market').notNull(),
    offerHash: bytes32('offer_hash').notNull(),
    maker: address('maker').notNull(),
    taker: address('taker').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    side: smallint('side').notNull(),
    amount: uint256('amount').notNull(),
    price: uint256('price').notNull(),
    cost: uint256('cost').notNull(),
    fee: uint256('fee').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('market_fills_block_idx').on(table.chainId, table.blockNumber),
    // Trades of a cluster, newest first; the filled total of an offer; an account's trades as maker or taker.
    index('market_fills_cluster_idx').on(table.chainId, table.clusterId, table.blockNumber, table.logIndex),
    index('market_fills_offer_idx').on(table.chainId, table.offerHash),
    index('market_fills_maker_idx').on(table.chainId, table.maker, table.blockNumber),
    index('market_fills_taker_idx').on(table.chainId, table.taker, table.blockNumber),
    // The market stats' 30-day window, by block time.
    index('market_fills_time_idx').on(table.chainId, table.blockTime),
  ],
);

/** OfferCancelled: one offer cancelled by its maker. */
export const marketOfferCancels = mirror.table(
  'market_offer_cancels',
  {
    ...logColumns(),
    market: address('market').notNull(),
    offerHash: bytes32('offer_hash').notNull(),
    maker: address('maker').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('market_offer_cancels_block_idx').on(table.chainId, table.blockNumber),
    index('market_offer_cancels_offer_idx').on(table.chainId, table.offerHash),
  ],
);

/** NoncesCancelled: every offer of `maker` with a nonce below `minNonce` is dead. */
export const marketNonceCancels = mirror.table(
  'market_nonce_cancels',
  {
    ...logColumns(),
    market: address('market').notNull(),
    maker: address('maker').notNull(),
    minNonce: uint256('min_nonce').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('market_nonce_cancels_block_idx').on(table.chainId, table.blockNumber),
    index('market_nonce_cancels_maker_idx').on(table.chainId, table.maker, table.minNonce),
  ],
);

/** FeeSet: the market's fee from this block on. */
export const marketFeeEvents = mirror.table(
  'market_fee_events',
  {
    ...logColumns(),
    market: address('market').notNull(),
    feeBps: integer('fee_bps').notNull(),
    recipient: address('recipient').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('market_fee_events_block_idx').on(table.chainId, table.blockNumber),
  ],
);

export type OfferStatus = OfferStatusName;

/**
 * Signed offers the relay accepted (db/market/relay.ts), keyed by their EIP-712 hash (which names the chain and the
 * market, so one hash is one offer anywhere). `status` is the relay's latest word (db/market/upkeep.ts keeps it):
 * open, unfillable (with `reason`, may become open again), or dead (filled, cancelled, expired). `filled` is the
 * mirror's total filled amount. The optional maker permit (EIP-2612 for the maker's asset) is kept for takers to
 * pass to fillWithPermits. Bounded by the relay (per maker, per cluster) and pruned 30 days after death.
 */
export const marketOffers = pgTable(
  'market_offers',
  {
    offerHash: bytes32('offer_hash').primaryKey(),
    chainId: integer('chain_id').notNull(),
    market: address('market').notNull(),
    maker: address('maker').notNull(),
    side: smallint('side').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    amount: uint256('amount').notNull(),
    price: uint256('price').notNull(),
    taker: address('taker').notNull(),
    expiry: bigint('expiry', { mode: 'bigint' }).notNull(),
    nonce: uint256('nonce').notNull(),
    signature: text('signature').notNull(),
    status: text('status').$type<OfferStatus>().notNull(),
    reason: text('reason'),
    filled: uint256('filled').notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }).notNull(),
    /** The block the last check read the chain at (a reorg re-reads the offers checked within 64 blocks of it). */
    checkedBlock: bigint('checked_block', { mode: 'bigint' }).notNull(),
    /** When the status last changed (pruning counts 30 days from a dead offer's). */
    statusAt: timestamp('status_at', { withTimezone: true }).notNull(),
    permitValue: uint256('permit_value'),
    permitDeadline: uint256('permit_deadline'),
    permitV: smallint('permit_v'),
    permitR: bytes32('permit_r'),
    permitS: bytes32('permit_s'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('market_offers_book_idx').on(table.chainId, table.clusterId, table.status, table.side, table.price),
    index('market_offers_maker_idx').on(table.chainId, table.maker, table.status),
    index('market_offers_checked_idx').on(table.chainId, table.status, table.checkedAt),
    check(
      'market_offers_status',
      sql`${table.status} in (${sql.raw(OFFER_STATUSES.map((status) => `'${status}'`).join(', '))})`,
    ),
    check('market_offers_side', sql`${table.side} in (0, 1)`),
    check('market_offers_signature', sql`char_length(${table.signature}) <= 4098`),
    check('market_offers_reason', sql`char_length(${table.reason}) <= 300`),
  ],
);
