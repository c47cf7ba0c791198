/**
 * The `mirror` schema itself and the indexer's bookkeeping in it: which chain is mirrored and how far.
 */
import { bigint, integer, pgSchema, primaryKey, timestamp } from 'drizzle-orm/pg-core';
import { bytes32 } from '../columns';

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
