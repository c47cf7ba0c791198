/**
 * Off-chain tables in `public`: what operators wrote and the chain cannot give back, kept when the mirror is emptied.
 */
import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { address, bytes32, uint256 } from '../columns';

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
 * row cannot be replayed as a cookie. Expired and revoked rows are pruned on sign-in (app/models/sessions.server.ts).
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
