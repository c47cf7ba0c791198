/**
 * The chain identity of the mirror (genesis hash, deployment block and its hash): checked read-only before an indexer
 * stands by (a wrong RPC_URL or deployment refuses to start, even behind a running indexer), then again under the
 * lock, fenced, before it indexes (supervisor.ts), for every role that runs an indexer.
 */
import { eq } from 'drizzle-orm';
import { ConfigError } from '#protocol/base-error';
import type { Database } from '../database';
import { emptyMirrorOfChain } from '../mirror';
import { chainIdentity, marketOffers } from '../schema';
import type { WriteFence } from './store';

/**
 * Thrown at start when the mirror describes another deployment than the one the chain has now and nobody asked for it
 * to be emptied; the message is one sentence for the operator.
 */
export class MirrorMismatchError extends ConfigError {
  override name = 'MirrorMismatchError';
  constructor(shortMessage: string) {
    super(shortMessage, { code: 'mirror_mismatch' });
  }
}

type ChainIdentity = typeof chainIdentity.$inferInsert;

const describeIdentity = (identity: ChainIdentity) =>
  `genesis ${identity.genesisHash}, deployment block ${identity.deployBlock} ${identity.deployBlockHash}`;

/** True when `stored` exists and describes `identity`. */
const sameIdentity = (stored: ChainIdentity | undefined, identity: ChainIdentity) =>
  stored !== undefined &&
  stored.genesisHash === identity.genesisHash &&
  stored.deployBlockHash === identity.deployBlockHash &&
  stored.deployBlock === identity.deployBlock;

const mismatch = (stored: ChainIdentity, identity: ChainIdentity) =>
  new MirrorMismatchError(
    `The database mirrors another deployment (chain ${identity.chainId}: the mirror has ${describeIdentity(stored)}, ` +
      `the chain has ${describeIdentity(identity)}): run \`npm run db:reindex\` to rebuild the mirror; operator ` +
      'notes and documents are kept.',
  );

/**
 * The read-only check before standing by: throws MirrorMismatchError when the mirror records another identity
 * (unless `autoReset`: the local chain's mirror is emptied under the lock instead). It writes nothing, so it needs no
 * lock; ensureChainIdentity decides again under the lock.
 */
export async function checkChainIdentity(db: Database, identity: ChainIdentity, options: { autoReset: boolean }) {
  if (options.autoReset) return;
  const [stored] = await db.select().from(chainIdentity).where(eq(chainIdentity.chainId, identity.chainId));
  if (stored && !sameIdentity(stored, identity)) throw mismatch(stored, identity);
}

/**
 * Makes the mirror describe the chain it is connected to; returns true when it had to be emptied. A different
 * identity means the mirror's rows belong to another chain or deployment. Emptying it is automatic only where the
 * caller says the chain is disposable (`autoReset`: the local anvil chain); anywhere else a changed identity is far
 * more likely a wrong RPC_URL or deployment record than a reset network, so start-up stops and leaves the decision to
 * `npm run db:reindex`. Either way only the mirror schema is touched: notes and documents in `public` stay. Run by
 * the indexer supervisor under the indexer lock, `fence` (lock.ts) first in its transaction.
 */
export async function ensureChainIdentity(
  db: Database,
  identity: ChainIdentity,
  options: { autoReset: boolean; fence?: WriteFence },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // First: an indexer that lost its lock neither empties nor records a mirror another indexer now writes.
    await options.fence?.(tx);
    const [stored] = await tx.select().from(chainIdentity).where(eq(chainIdentity.chainId, identity.chainId));
    if (sameIdentity(stored, identity)) return false;
    if (stored && !options.autoReset) throw mismatch(stored, identity);
    // In the same transaction as the new identity: a crash in between leaves the old mirror, never half of one. Only
    // this chain's rows: another chain's mirror in a shared database has its own identity, unchanged.
    if (stored) {
      await emptyMirrorOfChain(tx, identity.chainId);
      // Relayed offers are off-chain but signed for the market that is gone: no taker could fill one again.
      await tx.delete(marketOffers).where(eq(marketOffers.chainId, identity.chainId));
    }
    await tx.insert(chainIdentity).values(identity);
    return stored !== undefined;
  });
}
