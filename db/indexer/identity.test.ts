import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { mirrorTableNames } from '../mirror';
import { addOperatorData, fillMirror, rowCounts } from '../rows.test-kit';
import { chainIdentity, clusterDocuments, clusterNotes, marketOffers } from '../schema';
import { IndexerLockLostError } from './errors';
import { ensureChainIdentity, MirrorMismatchError } from './identity';

// fillMirror's rows: chain 1, genesis and deployment block hash 0x22…22, deployment block 1.
const recorded = {
  chainId: 1,
  genesisHash: `0x${'22'.repeat(32)}`,
  deployBlock: 1n,
  deployBlockHash: `0x${'22'.repeat(32)}`,
} as const;
const redeployed = { ...recorded, deployBlock: 7n, deployBlockHash: `0x${'77'.repeat(32)}` } as const;

const everyMirrorTable = (rows: number) => Object.fromEntries(mirrorTableNames.map((name) => [name, rows]));

describe.each(testDatabases)('ensureChainIdentity on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  async function mirrorWithOperatorData() {
    handle = await open();
    await fillMirror(handle.db);
    await addOperatorData(handle.db);
    return handle.db;
  }

  async function expectOperatorDataKept() {
    expect(await handle!.db.select().from(clusterNotes)).toHaveLength(1);
    expect(await handle!.db.select().from(clusterDocuments)).toHaveLength(1);
  }

  it('refuses to start on another deployment without autoReset and keeps the mirror, notes and documents (H-4)', async () => {
    const db = await mirrorWithOperatorData();
    const attempt = ensureChainIdentity(db, redeployed, { autoReset: false });
    await expect(attempt).rejects.toBeInstanceOf(MirrorMismatchError);
    await expect(attempt).rejects.toThrow(
      /^The database mirrors another deployment \(chain 1: .*deployment block 1 0x2{64}.*deployment block 7 0x7{64}\): run `npm run db:reindex` to rebuild the mirror; operator notes and documents are kept\.$/,
    );
    expect(await rowCounts(db, 'mirror')).toEqual(everyMirrorTable(1));
    expect(await db.select().from(chainIdentity)).toEqual([recorded]);
    await expectOperatorDataKept();
  });

  it('empties and records nothing when its fence refuses (an indexer that lost its lock, A-7)', async () => {
    const db = await mirrorWithOperatorData();
    let fenced = 0;
    const refuse = async () => {
      fenced += 1;
      throw new IndexerLockLostError('Lost the indexer lock.');
    };
    await expect(ensureChainIdentity(db, redeployed, { autoReset: true, fence: refuse })).rejects.toMatchObject({
      code: 'indexer_lock_lost',
    });
    expect(fenced).toBe(1);
    expect(await rowCounts(db, 'mirror')).toEqual(everyMirrorTable(1));
    expect(await db.select().from(chainIdentity)).toEqual([recorded]);
  });

  it('refuses a changed genesis as well: a wrong RPC_URL is not a reason to wipe (H-4)', async () => {
    const db = await mirrorWithOperatorData();
    const otherChain = { ...recorded, genesisHash: `0x${'99'.repeat(32)}` } as const;
    await expect(ensureChainIdentity(db, otherChain, { autoReset: false })).rejects.toBeInstanceOf(MirrorMismatchError);
    expect(await rowCounts(db, 'mirror')).toEqual(everyMirrorTable(1));
  });

  it('empties only the mirror on the local chain (autoReset) and keeps notes and documents (H-4)', async () => {
    const db = await mirrorWithOperatorData();
    expect(await ensureChainIdentity(db, redeployed, { autoReset: true })).toBe(true);
    expect(await rowCounts(db, 'mirror')).toEqual({ ...everyMirrorTable(0), chain_identity: 1 });
    expect(await db.select().from(chainIdentity).where(eq(chainIdentity.chainId, 1))).toEqual([redeployed]);
    await expectOperatorDataKept();
  });

  it("deletes the reset chain's relayed offers (signed for a market that is gone) and keeps other chains'", async () => {
    const db = await mirrorWithOperatorData();
    const offer = (chainId: number, hash: string) => ({
      offerHash: `0x${hash.repeat(64)}` as const,
      chainId,
      market: `0x${'33'.repeat(20)}` as const,
      maker: `0x${'44'.repeat(20)}` as const,
      side: 0,
      clusterId: 1n,
      amount: 10n ** 18n,
      price: 10n ** 6n,
      taker: `0x${'00'.repeat(20)}` as const,
      expiry: 2_000_000_000n,
      nonce: 0n,
      signature: `0x${'55'.repeat(65)}`,
      status: 'open' as const,
      filled: 0n,
      checkedAt: new Date(),
      checkedBlock: 1n,
      statusAt: new Date(),
      createdAt: new Date(),
    });
    await db.insert(marketOffers).values([offer(1, 'a'), offer(5, 'b')]);
    expect(await ensureChainIdentity(db, redeployed, { autoReset: true })).toBe(true);
    expect((await db.select().from(marketOffers)).map((row) => row.chainId)).toEqual([5]);
    await expectOperatorDataKept();
  });

  it('keeps the relayed offers when the identity is unchanged or refused', async () => {
    const db = await mirrorWithOperatorData();
    await db.insert(marketOffers).values({
      offerHash: `0x${'c'.repeat(64)}`,
      chainId: 1,
      market: `0x${'33'.repeat(20)}`,
      maker: `0x${'44'.repeat(20)}`,
      side: 1,
      clusterId: 1n,
      amount: 1n,
      price: 1n,
      taker: `0x${'00'.repeat(20)}`,
      expiry: 1n,
      nonce: 0n,
      signature: '0x',
      status: 'open',
      filled: 0n,
      checkedAt: new Date(),
      checkedBlock: 1n,
      statusAt: new Date(),
      createdAt: new Date(),
    });
    expect(await ensureChainIdentity(db, recorded, { autoReset: true })).toBe(false);
    await expect(ensureChainIdentity(db, redeployed, { autoReset: false })).rejects.toBeInstanceOf(MirrorMismatchError);
    expect(await db.select().from(marketOffers)).toHaveLength(1);
  });

  it('records the first identity and keeps a matching one without touching the mirror', async () => {
    handle = await open();
    expect(await ensureChainIdentity(handle.db, recorded, { autoReset: false })).toBe(false);
    expect(await handle.db.select().from(chainIdentity)).toEqual([recorded]);
    await addOperatorData(handle.db);
    expect(await ensureChainIdentity(handle.db, recorded, { autoReset: true })).toBe(false);
    expect(await rowCounts(handle.db, 'mirror')).toMatchObject({ chain_identity: 1 });
    await expectOperatorDataKept();
  });
});
