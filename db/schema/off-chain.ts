/**
 * Off-chain tables in `public`: what operators wrote and the chain cannot give back, kept when the mirror is emptied,
 * and the state every web process shares (sign-in nonces, rate-limit buckets, built epoch exports).
 */
import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
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

/**
 * Why the operator forced a transfer, recovered a wallet or moved a frozen buyer's purchase, and on what document: the
 * chain keeps who moved what (ForcedTransfer, WalletRecovered in the mirror's token_control_events, PurchaseRecovered
 * in its offering_events), never why. Written through the Investors tab
 * of the operator console by the signed-in operator BEFORE its wallet sends the transaction, then keyed by the
 * transaction's hash once mined (app/models/interventions.server.ts explains the order). The document is copied (title,
 * URI, SHA-256) rather than pointed at, so removing it from the cluster's list loses no intervention's reference.
 */
export const clusterInterventions = pgTable(
  'cluster_interventions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    chainId: integer('chain_id').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    kind: text('kind').$type<'forced_transfer' | 'wallet_recovered' | 'purchase_recovered'>().notNull(),
    /** Null until the transaction is mined and the operator's browser reports its hash. */
    txHash: bytes32('tx_hash'),
    from: address('from').notNull(),
    to: address('to').notNull(),
    /**
     * Share-wei of a forced transfer; null for a recovery, which moves the whole balance or purchase (the event says
     * how much).
     */
    amount: uint256('amount'),
    reason: text('reason').notNull(),
    documentTitle: text('document_title'),
    documentUri: text('document_uri').notNull(),
    documentSha256: bytes32('document_sha256').notNull(),
    author: address('author').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('cluster_interventions_cluster').on(table.chainId, table.clusterId, table.createdAt),
    // A hash keys at most one reason of its cluster. Per cluster, not per chain (attacker report M-1): one transaction
    // may legitimately carry interventions of two clusters (an operator contract running both), and no reason of
    // another cluster may hold a hash that this cluster's reason needs.
    uniqueIndex('cluster_interventions_cluster_tx').on(table.chainId, table.clusterId, table.txHash),
    // The bounds the action checks (app/routes/operator.$clusterId.investors.tsx), held by the table too.
    check(
      'cluster_interventions_kind',
      sql`${table.kind} in ('forced_transfer', 'wallet_recovered', 'purchase_recovered')`,
    ),
    check('cluster_interventions_reason', sql`char_length(${table.reason}) between 1 and 1000`),
    check('cluster_interventions_document_title', sql`char_length(${table.documentTitle}) <= 120`),
    check('cluster_interventions_document_uri', sql`char_length(${table.documentUri}) <= 512`),
  ],
);

/**
 * Spent Sign-In with Ethereum nonces (app/lib/siwe.server.ts). Issuing a nonce stores nothing (it carries its own
 * time and MAC); using one inserts it here, and the insert that wins is the one sign-in it counts for, in any web
 * process. A row is kept until the nonce would fail the time check anyway (`expires_at`), then swept by later
 * consumes: the table holds at most (nonce TTL + clock skew) × the rate-limited sign-in POST rate.
 */
export const signInNonces = pgTable(
  'sign_in_nonces',
  {
    nonce: text('nonce').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /**
     * Unused since migration 0015; kept, nullable, only so that web processes of the previous release (which insert
     * their issued nonces with a client and an issue time) keep working during a rolling upgrade. The next release's
     * migration drops both columns.
     */
    client: text('client'),
    /** See `client`: dropped by the next release's migration. */
    issuedAt: timestamp('issued_at', { withTimezone: true }),
  },
  (table) => [
    index('sign_in_nonces_expires_idx').on(table.expiresAt),
    check('sign_in_nonces_nonce', sql`char_length(${table.nonce}) <= 96`),
  ],
);

/**
 * The web tier's per-client token buckets (scripts/stack/web-guards.ts), shared by every web process: each request
 * takes a token in one atomic upsert that also computes the refill. A bucket idle long enough to be full again says
 * nothing a missing row does not, so idle rows are swept; a cap on rows evicts the bucket idle longest.
 */
export const rateLimitBuckets = pgTable(
  'rate_limit_buckets',
  {
    route: text('route').notNull(),
    client: text('client').notNull(),
    /** Tokens held at `updatedAt` (fractions earned by the refill count). */
    tokens: doublePrecision('tokens').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 6 }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.route, table.client] }),
    index('rate_limit_buckets_updated_idx').on(table.updatedAt),
  ],
);

/**
 * Epoch sample exports built by any web process (app/models/epoch-exports.server.ts), served by all: an export of an
 * epoch whose report is on chain never changes. Keyed by everything its bytes depend on; bounded by total bytes and
 * rows, the least recently used evicted first.
 */
export const epochExports = pgTable(
  'epoch_exports',
  {
    chainId: integer('chain_id').notNull(),
    registry: address('registry').notNull(),
    clusterId: uint256('cluster_id').notNull(),
    epoch: uint256('epoch').notNull(),
    telemetryRoot: bytes32('telemetry_root').notNull(),
    reportTransaction: bytes32('report_transaction').notNull(),
    json: text('json').notNull(),
    samples: integer('samples').notNull(),
    gpus: integer('gpus').notNull(),
    /** The JSON's UTF-8 length in bytes (Buffer.byteLength), for the byte bound without reading the text. */
    bytes: integer('bytes').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({
      columns: [
        table.chainId,
        table.registry,
        table.clusterId,
        table.epoch,
        table.telemetryRoot,
        table.reportTransaction,
      ],
    }),
    index('epoch_exports_used_idx').on(table.usedAt),
  ],
);
