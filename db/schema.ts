import { bigint, index, integer, pgTable, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { address, bytes32, uint256 } from './columns';

/** Which chain this database mirrors: a different genesis or deployment block hash means the chain was reset. */
export const chainIdentity = pgTable('chain_identity', {
  chainId: integer('chain_id').primaryKey(),
  genesisHash: bytes32('genesis_hash').notNull(),
  deployBlock: bigint('deploy_block', { mode: 'bigint' }).notNull(),
  deployBlockHash: bytes32('deploy_block_hash').notNull(),
});

/** The indexer's progress and the hashes of recent blocks, to detect reorgs by parent-hash mismatch. */
export const indexedBlocks = pgTable(
  'indexed_blocks',
  {
    chainId: integer('chain_id').notNull(),
    number: bigint('number', { mode: 'bigint' }).notNull(),
    hash: bytes32('hash').notNull(),
    parentHash: bytes32('parent_hash').notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.chainId, table.number] })],
);

/** Stablecoin Transfer events (mints included). */
export const stablecoinTransfers = pgTable(
  'stablecoin_transfers',
  {
    chainId: integer('chain_id').notNull(),
    blockNumber: bigint('block_number', { mode: 'bigint' }).notNull(),
    blockHash: bytes32('block_hash').notNull(),
    logIndex: integer('log_index').notNull(),
    transactionHash: bytes32('transaction_hash').notNull(),
    from: address('from').notNull(),
    to: address('to').notNull(),
    value: uint256('value').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.chainId, table.blockHash, table.logIndex] }),
    index('stablecoin_transfers_block_idx').on(table.chainId, table.blockNumber),
  ],
);
