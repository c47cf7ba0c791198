/**
 * The mirror of the chain. Two kinds of tables:
 * - event tables, append-only, one row per log, keyed by (chain id, block hash, log index) and carrying the block
 *   number so a reorg deletes everything above the common ancestor with one range delete per table;
 * - derived tables (clusters, balances, rollups), updated by the indexer in the same transaction as the events they
 *   come from, either recomputed from the event tables (clusters) or moved by deltas that a rollback reverses
 *   (balances, rollups). A clean re-index therefore produces the same derived rows as an incremental one.
 * Every table the chain can rebuild lives in the PostgreSQL schema `mirror`, so re-indexing (`npm run db:reindex`) and
 * the local chain's automatic reset empty that schema and nothing else. Off-chain data an operator wrote and the chain
 * cannot give back (notes, documents, sign-in sessions) lives in `public`, beside whatever else the database holds.
 * The tables live in ./schema/ by concern: chain.ts (the `mirror` schema, the chain's identity and the indexer's
 * cursor), events.ts, derived.ts, off-chain.ts and market.ts (the secondary market: its events and the relayed
 * offers); this file is the one drizzle-kit and the code import.
 */
export * from './schema/chain';
export * from './schema/derived';
export * from './schema/events';
export * from './schema/off-chain';
export * from './schema/market';
