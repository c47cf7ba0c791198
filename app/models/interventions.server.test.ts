import { eq } from 'drizzle-orm';
import type { Address, Hex } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { clusterInterventions, offeringEvents, shareTokens, tokenControlEvents } from '#db/schema';
import {
  abandonIntervention,
  DRAFT_TTL_MS,
  PENDING_PER_CLUSTER,
  recordIntervention,
  recordInterventions,
  TooManyPendingInterventionsError,
} from './interventions.server';
import { fakeReceipts } from './interventions.test-kit';
import { clusterSale, frozenAccounts, VERIFIED_PAGE_SIZE, verifiedAccounts } from './interventions-allowlist.server';
import {
  clusterInterventionHistory,
  clusterInterventionPage,
  HISTORY_LIMIT,
  parseHistoryCursor,
} from './interventions-history.server';
import { attachInterventionTx } from './interventions-receipt.server';

const CHAIN = 31_337;
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address;
const OPERATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const OTHER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;
const LOST = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as Address;
const REPLACEMENT = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' as Address;
const OFFERING = '0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0' as Address;
const SALE = { token: TOKEN, offering: OFFERING };
const DOCUMENT = { title: 'Court order', uri: 'https://example.com/order.pdf', sha256: `0x${'ab'.repeat(32)}` as Hex };
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;
const accountOf = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;

let block = 100n;
function eventRow(fields: Partial<typeof tokenControlEvents.$inferInsert> & { kind: string; txHash?: Hex }) {
  block += 1n;
  const { txHash, ...rest } = fields;
  return {
    chainId: CHAIN,
    blockNumber: block,
    blockHash: hash(Number(block) + 10_000),
    logIndex: 0,
    transactionHash: txHash ?? hash(Number(block) + 20_000),
    blockTime: new Date(Number(block) * 1_000),
    token: TOKEN,
    ...rest,
  } as typeof tokenControlEvents.$inferInsert;
}

/** A PurchaseRecovered of the offering as the indexer mirrors it (db/indexer/decode-contracts.ts). */
function purchaseRecoveredRow(fields: Partial<typeof offeringEvents.$inferInsert> & { txHash?: Hex }) {
  block += 1n;
  const { txHash, ...rest } = fields;
  return {
    chainId: CHAIN,
    blockNumber: block,
    blockHash: hash(Number(block) + 10_000),
    logIndex: 0,
    transactionHash: txHash ?? hash(Number(block) + 20_000),
    blockTime: new Date(Number(block) * 1_000),
    offering: OFFERING,
    kind: 'purchase_recovered',
    actor: OPERATOR,
    account: LOST,
    recipient: REPLACEMENT,
    shares: 7n,
    amount: 9n,
    ...rest,
  } as typeof offeringEvents.$inferInsert;
}

async function tokenize(db: Database) {
  await db.insert(shareTokens).values({
    chainId: CHAIN,
    blockNumber: 1n,
    blockHash: hash(1),
    logIndex: 0,
    transactionHash: hash(2),
    blockTime: new Date(0),
    token: TOKEN,
    clusterId: 1n,
    offering: OFFERING,
    operator: OPERATOR,
    name: 'Rack',
    symbol: 'RACK',
    supply: 1_000n,
  });
}

/** The chain's receipts of the hashes these tests report: the operator's recoveries of LOST to REPLACEMENT. */
const recovered = { from: OPERATOR, account: LOST, counterparty: REPLACEMENT, value: 40n, extra: 3n } as const;
const { reader: chain } = fakeReceipts([
  { ...recovered, hash: hash(7), to: TOKEN, kind: 'wallet_recovered' },
  { ...recovered, hash: hash(30), to: TOKEN, kind: 'wallet_recovered' },
  { ...recovered, hash: hash(51), to: OFFERING, kind: 'purchase_recovered', value: 7n, extra: 9n },
  { ...recovered, hash: hash(52), to: TOKEN, kind: 'wallet_recovered' },
]);

const recovery = {
  chainId: CHAIN,
  clusterId: 1n,
  kind: 'wallet_recovered' as const,
  from: LOST,
  to: REPLACEMENT,
  amount: null,
  reason: 'Holder lost the key; identity checked by KYC provider.',
  document: DOCUMENT,
  author: OPERATOR,
};

describe.each(testDatabases)('interventions on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('joins each mirrored intervention with the reason keyed by its hash, newest first', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    const recorded = await recordIntervention(db, recovery);
    expect(await attachInterventionTx(db, chain, { ...recovery, id: recorded.id, txHash: hash(7) })).toBe(true);
    // Attached once: a second hash (or the same one on another record) changes nothing.
    expect(await attachInterventionTx(db, chain, { ...recovery, id: recorded.id, txHash: hash(8) })).toBe(false);
    const forced = await recordIntervention(db, {
      ...recovery,
      kind: 'forced_transfer',
      from: OTHER,
      amount: 5n,
      reason: 'Court order',
    });
    // Another record's hash: refused since the receipt check (the transaction is not the intervention it explains).
    await expect(
      attachInterventionTx(db, chain, { ...recovery, id: forced.id, txHash: hash(7) }),
    ).rejects.toMatchObject({
      code: 'transaction_mismatch',
    });
    await db.insert(tokenControlEvents).values([
      eventRow({
        kind: 'wallet_recovered',
        txHash: hash(7),
        actor: OPERATOR,
        account: LOST,
        counterparty: REPLACEMENT,
        value: 40n,
        revenue: 3n,
      }),
      // Sent outside the dashboard: no reason on record.
      eventRow({ kind: 'forced_transfer', actor: OPERATOR, account: LOST, counterparty: OTHER, value: 1n }),
      eventRow({ kind: 'freeze_set', actor: OPERATOR, account: LOST, flag: true }),
    ]);

    const history = await clusterInterventionHistory(db, CHAIN, 1n, SALE);
    expect(history.map((entry) => [entry.kind, entry.record?.reason ?? null])).toEqual([
      ['forced_transfer', null],
      ['wallet_recovered', recovery.reason],
    ]);
    expect(history[1]).toMatchObject({ shares: '40', revenue: '3', from: LOST, to: REPLACEMENT, draft: false });
    expect(history[1]!.record!.document).toEqual(DOCUMENT);
    expect(await clusterInterventionHistory(db, CHAIN, 2n, await clusterSale(db, CHAIN, 2n))).toEqual([]);
  });

  it('matches an event whose hash never arrived to the oldest unattached reason of the same kind and accounts', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    await recordIntervention(db, { ...recovery, reason: 'first' });
    await recordIntervention(db, { ...recovery, to: OTHER, reason: 'other replacement' });
    await db.insert(tokenControlEvents).values(
      eventRow({
        kind: 'wallet_recovered',
        actor: OPERATOR,
        account: LOST,
        counterparty: REPLACEMENT,
        value: 1n,
        revenue: 0n,
      }),
    );
    const [entry] = await clusterInterventionHistory(db, CHAIN, 1n, SALE);
    expect(entry).toMatchObject({ draft: true, record: { reason: 'first' } });
  });

  it('lends a reason only to the intervention it explains: not through a hash naming another one, nor as a draft of another operator or amount', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    // The operator keys a forced transfer's reason by the hash of a recovery it did not send with it.
    const misattached = await recordIntervention(db, {
      ...recovery,
      kind: 'forced_transfer',
      to: OTHER,
      amount: 5n,
      reason: 'keyed to another intervention',
    });
    // The receipt check refuses it now; a reason keyed so before that check (or by hand) must still lend nothing.
    await expect(
      attachInterventionTx(db, chain, { ...recovery, id: misattached.id, txHash: hash(30) }),
    ).rejects.toMatchObject({ code: 'transaction_mismatch' });
    await db
      .update(clusterInterventions)
      .set({ txHash: hash(30) })
      .where(eq(clusterInterventions.id, misattached.id));
    // A former operator's draft of the same recovery, and a forced transfer's draft of 5 share-wei.
    await recordIntervention(db, { ...recovery, author: OTHER, reason: 'former operator' });
    await recordIntervention(db, { ...recovery, kind: 'forced_transfer', to: OTHER, amount: 5n, reason: 'five' });
    const forced = { kind: 'forced_transfer' as const, actor: OPERATOR, account: LOST, counterparty: OTHER };
    await db.insert(tokenControlEvents).values([
      eventRow({
        kind: 'wallet_recovered',
        txHash: hash(30),
        actor: OPERATOR,
        account: LOST,
        counterparty: REPLACEMENT,
        value: 40n,
        revenue: 0n,
      }),
      eventRow({ ...forced, value: 7n }),
      eventRow({ ...forced, value: 5n }),
    ]);

    const history = await clusterInterventionHistory(db, CHAIN, 1n, SALE);
    expect(history.map((entry) => [entry.kind, entry.shares, entry.record?.reason ?? null, entry.draft])).toEqual([
      ['forced_transfer', '5', 'five', true],
      ['forced_transfer', '7', null, false],
      ['wallet_recovered', '40', null, false],
    ]);
  });

  it('lets only the author attach a hash to, or abandon, a reason of its cluster', async () => {
    handle = await open();
    const { db } = handle;
    const recorded = await recordIntervention(db, recovery);
    expect(
      await attachInterventionTx(db, chain, { ...recovery, author: OTHER, id: recorded.id, txHash: hash(9) }),
    ).toBe(false);
    expect(
      await attachInterventionTx(db, chain, { ...recovery, clusterId: 2n, id: recorded.id, txHash: hash(9) }),
    ).toBe(false);
    expect(await abandonIntervention(db, { ...recovery, author: OTHER, id: recorded.id })).toBe(false);
    expect(await abandonIntervention(db, { ...recovery, id: recorded.id })).toBe(true);
    expect(await attachInterventionTx(db, chain, { ...recovery, id: recorded.id, txHash: hash(9) })).toBe(false);
  });

  it('bounds the reasons waiting for their transaction per cluster, and prunes forgotten ones', async () => {
    handle = await open();
    const { db } = handle;
    const then = new Date('2030-01-01T00:00:00Z');
    for (let i = 0; i < PENDING_PER_CLUSTER; i++) await recordIntervention(db, { ...recovery, now: then });
    await expect(recordIntervention(db, { ...recovery, now: then })).rejects.toBeInstanceOf(
      TooManyPendingInterventionsError,
    );
    // Another cluster has its own bound.
    await recordIntervention(db, { ...recovery, clusterId: 2n, now: then });
    // So does another author: the operator the cluster was handed to is not locked out by its predecessor's drafts,
    // and its draft still fits its own intervention behind them.
    await tokenize(db);
    await recordIntervention(db, { ...recovery, author: OTHER, reason: 'next operator', now: then });
    await db.insert(tokenControlEvents).values(
      eventRow({
        kind: 'wallet_recovered',
        actor: OTHER,
        account: LOST,
        counterparty: REPLACEMENT,
        value: 2n,
        revenue: 0n,
      }),
    );
    expect((await clusterInterventionHistory(db, CHAIN, 1n, SALE))[0]?.record?.reason).toBe('next operator');
    const later = new Date(then.getTime() + DRAFT_TTL_MS + 1);
    await expect(recordIntervention(db, { ...recovery, now: later })).resolves.toMatchObject({
      reason: recovery.reason,
    });
  });

  it('keys a draft that a mined intervention fits by its hash before pruning or counting: the reason outlives the TTL and frees its place', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    const then = new Date('2030-01-01T00:00:00Z');
    await recordIntervention(db, { ...recovery, reason: 'mined, hash lost', now: then });
    for (let i = 1; i < PENDING_PER_CLUSTER; i++)
      await recordIntervention(db, { ...recovery, to: OTHER, reason: 'never sent', now: then });
    await db.insert(tokenControlEvents).values(
      eventRow({
        kind: 'wallet_recovered',
        txHash: hash(40),
        actor: OPERATOR,
        account: LOST,
        counterparty: REPLACEMENT,
        value: 9n,
        revenue: 0n,
      }),
    );
    // The mined one no longer waits: one more place.
    await recordIntervention(db, { ...recovery, to: OTHER, reason: 'never sent', now: then });
    await expect(recordIntervention(db, { ...recovery, to: OTHER, now: then })).rejects.toBeInstanceOf(
      TooManyPendingInterventionsError,
    );
    // A week later the unsent drafts are pruned, the mined one's reason is not.
    await recordIntervention(db, { ...recovery, to: OTHER, now: new Date(then.getTime() + DRAFT_TTL_MS + 1) });
    const rows = await db.select().from(clusterInterventions);
    expect(rows.map((row) => [row.reason, row.txHash])).toEqual(
      expect.arrayContaining([['mined, hash lost', hash(40)]]),
    );
    expect(rows.filter((row) => row.reason === 'never sent')).toEqual([]);
    const [entry] = await clusterInterventionHistory(db, CHAIN, 1n, SALE);
    expect(entry).toMatchObject({ txHash: hash(40), draft: false, record: { reason: 'mined, hash lost' } });
  });

  it('joins a purchase moved out of the offering’s escrow with the reason recorded beside its wallet recovery, in chain order', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    expect(await clusterSale(db, CHAIN, 1n)).toEqual(SALE);
    const [wallet, purchase] = await recordInterventions(db, recovery, ['wallet_recovered', 'purchase_recovered']);
    expect([wallet!.kind, purchase!.kind]).toEqual(['wallet_recovered', 'purchase_recovered']);
    expect([wallet!.reason, purchase!.reason, purchase!.amount]).toEqual([recovery.reason, recovery.reason, null]);
    // The purchase is sent first (InterventionForm), then the wallet's recovery.
    expect(await attachInterventionTx(db, chain, { ...recovery, id: purchase!.id, txHash: hash(51) })).toBe(true);
    expect(await attachInterventionTx(db, chain, { ...recovery, id: wallet!.id, txHash: hash(52) })).toBe(true);
    await db.insert(offeringEvents).values(purchaseRecoveredRow({ txHash: hash(51) }));
    await db.insert(tokenControlEvents).values(
      eventRow({
        kind: 'wallet_recovered',
        txHash: hash(52),
        actor: OPERATOR,
        account: LOST,
        counterparty: REPLACEMENT,
        value: 40n,
        revenue: 3n,
      }),
    );
    // Another sale's recovery and another kind of the offering's events are not this cluster's interventions.
    await db
      .insert(offeringEvents)
      .values([purchaseRecoveredRow({ offering: OTHER }), purchaseRecoveredRow({ kind: 'shares_withdrawn' })]);

    const history = await clusterInterventionHistory(db, CHAIN, 1n, SALE);
    expect(history.map((entry) => [entry.kind, entry.txHash, entry.record?.reason ?? null])).toEqual([
      ['wallet_recovered', hash(52), recovery.reason],
      ['purchase_recovered', hash(51), recovery.reason],
    ]);
    expect(history[1]).toMatchObject({
      operator: OPERATOR,
      from: LOST,
      to: REPLACEMENT,
      shares: '7',
      paid: '9',
      revenue: null,
      draft: false,
    });
    expect(history[0]).toMatchObject({ shares: '40', revenue: '3', paid: null });
    // Bounded as one list: the newest `limit` of both tables together.
    expect((await clusterInterventionHistory(db, CHAIN, 1n, SALE, 1)).map((entry) => entry.kind)).toEqual([
      'wallet_recovered',
    ]);
  });

  it('lends a purchase recovery no reason of another operator, nor one mirrored without its operator', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    await recordIntervention(db, { ...recovery, kind: 'purchase_recovered', reason: 'draft by the operator' });
    // Sent by another account (a later operator), and a row indexed before the mirror kept the operator.
    await db
      .insert(offeringEvents)
      .values([purchaseRecoveredRow({ actor: OTHER }), purchaseRecoveredRow({ actor: null })]);
    const history = await clusterInterventionHistory(db, CHAIN, 1n, SALE);
    expect(history.map((entry) => [entry.kind, entry.record])).toEqual([
      ['purchase_recovered', null],
      ['purchase_recovered', null],
    ]);
    // The operator's own recovery, whose hash never arrived, takes the draft.
    await db.insert(offeringEvents).values(purchaseRecoveredRow({}));
    const [latest] = await clusterInterventionHistory(db, CHAIN, 1n, SALE);
    expect(latest).toMatchObject({
      draft: true,
      record: { reason: 'draft by the operator', kind: 'purchase_recovered' },
    });
  });

  it('records the reasons of a two-transaction intervention together, or refuses both past the pending bound', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    for (let i = 0; i < PENDING_PER_CLUSTER - 1; i++) await recordIntervention(db, { ...recovery, reason: `r${i}` });
    await expect(recordInterventions(db, recovery, ['wallet_recovered', 'purchase_recovered'])).rejects.toBeInstanceOf(
      TooManyPendingInterventionsError,
    );
    expect(await db.select().from(clusterInterventions)).toHaveLength(PENDING_PER_CLUSTER - 1);
    expect(await recordInterventions(db, recovery, ['purchase_recovered'])).toHaveLength(1);
  });

  it('pages the history by (block, log index) and keys a draft whose event is below the newest page before pruning it', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    const then = new Date('2030-01-01T00:00:00Z');
    // The operator recorded a recovery's reason, the browser's report of its hash never arrived, and the indexer was
    // down while HISTORY_LIMIT + 9 other recoveries followed (attacker report L-2).
    await recordIntervention(db, { ...recovery, to: OTHER, reason: 'first of many', now: then });
    // Mined first (eventRow numbers the blocks in call order).
    const first = eventRow({
      kind: 'wallet_recovered',
      actor: OPERATOR,
      account: LOST,
      counterparty: OTHER,
      value: 11n,
      revenue: 0n,
    });
    const others = Array.from({ length: HISTORY_LIMIT + 9 }, (_, i) =>
      eventRow({
        kind: 'wallet_recovered',
        actor: OPERATOR,
        account: accountOf(1_000 + i),
        counterparty: REPLACEMENT,
        value: BigInt(i + 1),
        revenue: 0n,
      }),
    );
    await db.insert(tokenControlEvents).values([first, ...others]);

    const newest = await clusterInterventionPage(db, CHAIN, 1n, SALE);
    expect(newest.entries).toHaveLength(HISTORY_LIMIT);
    expect(newest.entries[0]).toMatchObject({ shares: String(HISTORY_LIMIT + 9), blockNumber: String(block) });
    const last = newest.entries.at(-1)!;
    expect(newest.older).toBe(`${last.blockNumber}:${last.logIndex}`);
    const older = await clusterInterventionPage(db, CHAIN, 1n, SALE, { before: parseHistoryCursor(newest.older) });
    // The rest, in chain order, the draft matched to the oldest; no page after it.
    expect(older.entries.map((entry) => entry.shares)).toEqual([
      ...Array.from({ length: 9 }, (_, i) => String(9 - i)),
      '11',
    ]);
    expect(older.entries.at(-1)).toMatchObject({
      from: LOST,
      to: OTHER,
      draft: true,
      record: { reason: 'first of many' },
    });
    expect(older.older).toBeNull();
    expect(parseHistoryCursor('12:x')).toBeUndefined();

    // A week later the operator records another reason: the draft is keyed by its event's hash, not pruned.
    await recordIntervention(db, { ...recovery, now: new Date(then.getTime() + DRAFT_TTL_MS + 1) });
    const [kept] = await db.select().from(clusterInterventions).where(eq(clusterInterventions.reason, 'first of many'));
    expect(kept?.txHash).toBe(first.transactionHash);
    const again = await clusterInterventionPage(db, CHAIN, 1n, SALE, { before: parseHistoryCursor(newest.older) });
    expect(again.entries.at(-1)).toMatchObject({ draft: false, record: { reason: 'first of many' } });
  });

  it('lists verified accounts by their latest verification, paginated, and frozen accounts by their latest freeze', async () => {
    handle = await open();
    const { db } = handle;
    const rows = [];
    for (let i = 1; i <= VERIFIED_PAGE_SIZE + 2; i++) {
      rows.push(eventRow({ kind: 'verification_set', account: accountOf(i), value: 2_000_000_000n + BigInt(i) }));
    }
    // Revoked after being verified: no longer listed.
    rows.push(eventRow({ kind: 'verification_set', account: accountOf(1), value: 0n }));
    // Re-verified: the latest expiry counts.
    rows.push(eventRow({ kind: 'verification_set', account: accountOf(2), value: 2_100_000_000n }));
    rows.push(eventRow({ kind: 'freeze_set', account: LOST, flag: true }));
    rows.push(eventRow({ kind: 'freeze_set', account: OTHER, flag: true }));
    rows.push(eventRow({ kind: 'freeze_set', account: OTHER, flag: false }));
    await db.insert(tokenControlEvents).values(rows);

    const first = await verifiedAccounts(db, CHAIN, TOKEN, 0);
    expect(first.accounts).toHaveLength(VERIFIED_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(first.accounts[0]).toMatchObject({ account: accountOf(2), validUntil: '2100000000' });
    const second = await verifiedAccounts(db, CHAIN, TOKEN, 1);
    expect(second.accounts.map((row) => row.account)).toEqual([accountOf(VERIFIED_PAGE_SIZE + 2)]);
    expect(second.hasMore).toBe(false);
    expect(await frozenAccounts(db, CHAIN, TOKEN)).toEqual([LOST]);
  });
});
