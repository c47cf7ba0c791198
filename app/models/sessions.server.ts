/**
 * Sign-in sessions kept in the database (db/schema.ts `sessions`), so that signing out revokes a session for good
 * (review I-2: a stateless cookie stayed valid for its whole 8 hours after sign-out). The table stays bounded:
 * every sign-in prunes expired rows and keeps at most SESSIONS_PER_ADDRESS live sessions per address.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, lte } from 'drizzle-orm';
import { type Address, getAddress, type Hex } from 'viem';
import type { Database } from '#db';
import { sessions } from '#db/schema';

/** More browsers than one operator uses; an address signing in in a loop replaces its own oldest sessions. */
export const SESSIONS_PER_ADDRESS = 20;

/** The stored form of a session id: a leaked row is no cookie. */
const idHash = (id: string): Hex => `0x${createHash('sha256').update(id).digest('hex')}`;

/** Opens a session and returns its id (random 32 bytes, hex), which only the cookie carries. */
export async function createSession(
  db: Database,
  session: { chainId: number; address: Address; expiresAt: Date; now?: Date },
): Promise<string> {
  const now = session.now ?? new Date();
  const id = randomBytes(32).toString('hex');
  await db.delete(sessions).where(lte(sessions.expiresAt, now));
  await db.insert(sessions).values({
    idHash: idHash(id),
    chainId: session.chainId,
    address: session.address,
    createdAt: now,
    expiresAt: session.expiresAt,
  });
  const surplus = await db
    .select({ idHash: sessions.idHash })
    .from(sessions)
    .where(and(eq(sessions.chainId, session.chainId), eq(sessions.address, session.address)))
    .orderBy(desc(sessions.createdAt))
    .offset(SESSIONS_PER_ADDRESS);
  if (surplus.length > 0)
    await db.delete(sessions).where(
      inArray(
        sessions.idHash,
        surplus.map((row) => row.idHash),
      ),
    );
  return id;
}

/** The address of a live (not expired, not revoked) session of `chainId`. */
export async function sessionAddress(
  db: Database,
  id: string,
  chainId: number,
  now = new Date(),
): Promise<Address | undefined> {
  const [row] = await db
    .select({ address: sessions.address })
    .from(sessions)
    .where(
      and(
        eq(sessions.idHash, idHash(id)),
        eq(sessions.chainId, chainId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    );
  return row ? getAddress(row.address) : undefined;
}

/** Ends a session: its cookie, wherever copies of it are, no longer signs anyone in. */
export async function revokeSession(db: Database, id: string, now = new Date()) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.idHash, idHash(id)), isNull(sessions.revokedAt)));
}
