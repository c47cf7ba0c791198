/**
 * The token's allowlist and freezes as the mirror has them (VerificationSet, FreezeSet in token_control_events): the
 * latest event per account decides. The chain itself only answers per account, so the lists come from the mirror and
 * trail the chain by the indexer's lag; the Investors tab says so and reads the chain for the one account it checks.
 */
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { Address } from 'viem';
import type { Database } from '#db';
import type { Executor } from '#db/bulk-insert';
import { shareTokens, tokenControlEvents } from '#db/schema';

export const VERIFIED_PAGE_SIZE = 50;
export const FROZEN_LIMIT = 100;

export type VerifiedAccount = { account: Address; validUntil: string; setAt: string };

/** The latest event of `kind` per account of the token (its VerificationSet or FreezeSet), as a subquery. */
function latestPerAccount(db: Database, chainId: number, token: Address, kind: 'verification_set' | 'freeze_set') {
  return db
    .selectDistinctOn([tokenControlEvents.account], {
      account: sql<Address>`${tokenControlEvents.account}`.as('account'),
      value: sql<string>`${tokenControlEvents.value}`.as('value'),
      flag: sql<boolean>`${tokenControlEvents.flag}`.as('flag'),
      setAt: sql<Date>`${tokenControlEvents.blockTime}`.as('set_at'),
    })
    .from(tokenControlEvents)
    .where(
      and(
        eq(tokenControlEvents.chainId, chainId),
        eq(tokenControlEvents.token, token),
        eq(tokenControlEvents.kind, kind),
      ),
    )
    .orderBy(tokenControlEvents.account, desc(tokenControlEvents.blockNumber), desc(tokenControlEvents.logIndex))
    .as('latest');
}

/** Accounts whose latest verification is not a revocation, by address, one page (`page` from 0). */
export async function verifiedAccounts(db: Database, chainId: number, token: Address, page = 0) {
  const latest = latestPerAccount(db, chainId, token, 'verification_set');
  const rows = await db
    .select({ account: latest.account, validUntil: latest.value, setAt: latest.setAt })
    .from(latest)
    .where(gt(latest.value, sql`0`))
    .orderBy(asc(latest.account))
    .limit(VERIFIED_PAGE_SIZE + 1)
    .offset(Math.max(0, page) * VERIFIED_PAGE_SIZE);
  return {
    accounts: rows.slice(0, VERIFIED_PAGE_SIZE).map(
      (row): VerifiedAccount => ({
        account: row.account,
        validUntil: BigInt(row.validUntil).toString(),
        setAt: new Date(row.setAt).toISOString(),
      }),
    ),
    hasMore: rows.length > VERIFIED_PAGE_SIZE,
  };
}

/** Accounts frozen now (their latest FreezeSet froze them), at most FROZEN_LIMIT, by address. */
export async function frozenAccounts(db: Database, chainId: number, token: Address): Promise<Address[]> {
  const latest = latestPerAccount(db, chainId, token, 'freeze_set');
  const rows = await db
    .select({ account: latest.account })
    .from(latest)
    .where(eq(latest.flag, true))
    .orderBy(asc(latest.account))
    .limit(FROZEN_LIMIT);
  return rows.map((row) => row.account);
}

/** A tokenized cluster's share token and its offering (primary sale). */
export type ClusterSale = { token: Address; offering: Address };

/**
 * The cluster's share token and offering as the mirror knows them (undefined before it is tokenized, or before the
 * mirror saw it).
 */
export async function clusterSale(db: Executor, chainId: number, clusterId: bigint): Promise<ClusterSale | undefined> {
  const [row] = await db
    .select({ token: shareTokens.token, offering: shareTokens.offering })
    .from(shareTokens)
    .where(and(eq(shareTokens.chainId, chainId), eq(shareTokens.clusterId, clusterId)))
    .limit(1);
  return row;
}

/** The cluster's share token as the mirror knows it (undefined before it is tokenized, or before the mirror saw it). */
export async function clusterToken(db: Executor, chainId: number, clusterId: bigint): Promise<Address | undefined> {
  return (await clusterSale(db, chainId, clusterId))?.token;
}
