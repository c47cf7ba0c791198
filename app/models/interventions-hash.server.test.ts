/**
 * Security review of issue 15 (attacker report, finding M-1): a transaction hash keys a reason only within its own
 * cluster. The unique index on (chain_id, tx_hash) and attachInterventionTx's `taken` check span every cluster, so the
 * operator of ANY cluster (registration is permissionless) can key one of its own drafts by the hash of another
 * cluster's forced transfer or recovery as soon as it is broadcast or mined. The real operator's browser is then
 * refused, settleMinedDrafts never keys its draft (its `notExists(keyed)` is per chain too), and the draft is pruned
 * after DRAFT_TTL_MS: the chain keeps an intervention nobody can explain, which the recording order exists to prevent.
 */
import type { Address, Hex } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { shareTokens, tokenControlEvents } from '#db/schema';
import { DRAFT_TTL_MS, recordIntervention } from './interventions.server';
import { fakeReceipts } from './interventions.test-kit';
import { clusterSale } from './interventions-allowlist.server';
import { clusterInterventionHistory } from './interventions-history.server';
import { attachInterventionTx } from './interventions-receipt.server';

const CHAIN = 31_337;
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address;
const OPERATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
/** The operator of a cluster of its own (any registrant), signed in as such. */
const SQUATTER = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' as Address;
const SQUAT_TOKEN = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853' as Address;
const LOST = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as Address;
const REPLACEMENT = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' as Address;
const DOCUMENT = { title: 'Court order', uri: 'https://example.com/order.pdf', sha256: `0x${'ab'.repeat(32)}` as Hex };
const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as Hex;

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
    offering: REPLACEMENT,
    operator: OPERATOR,
    name: 'Rack',
    symbol: 'RACK',
    supply: 1_000n,
  });
}

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

describe.each(testDatabases)('intervention hashes on $name', ({ open }) => {
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
  });

  it('keeps a cluster’s reason keyed by its own intervention’s hash when another cluster’s operator claims that hash first', async () => {
    handle = await open();
    const { db } = handle;
    await tokenize(db);
    // Adapted to the fix: the squatter's cluster is tokenized too (its strongest position: a cluster whose reasons
    // the receipt check reads against a token of its own; an untokenized one is refused before any read).
    await db.insert(shareTokens).values({
      chainId: CHAIN,
      blockNumber: 2n,
      blockHash: hash(3),
      logIndex: 0,
      transactionHash: hash(4),
      blockTime: new Date(0),
      token: SQUAT_TOKEN,
      clusterId: 2n,
      offering: SQUATTER,
      operator: SQUATTER,
      name: 'Squat',
      symbol: 'SQ',
      supply: 1_000n,
    });
    const then = new Date('2030-01-01T00:00:00Z');
    const mined = hash(77);
    // The chain: hash 77 is cluster 1's recovery, sent by its operator to its token.
    const { reader: chain } = fakeReceipts([
      {
        hash: mined,
        from: OPERATOR,
        to: TOKEN,
        kind: 'wallet_recovered',
        account: LOST,
        counterparty: REPLACEMENT,
        value: 40n,
        extra: 3n,
      },
    ]);
    // Cluster 1's operator records why, then its wallet sends the recovery (hash 77).
    const reason = await recordIntervention(db, { ...recovery, now: then });
    // The squatter, operator of cluster 2, has a draft of its own and sees hash 77 in the mempool or the block.
    const squat = await recordIntervention(db, {
      ...recovery,
      clusterId: 2n,
      author: SQUATTER,
      reason: 'anything',
      now: then,
    });
    // Adapted to the fix: the squatter's claim is now refused outright (the receipt is not its cluster's intervention),
    // where the review's version only expected it to do no harm.
    await expect(
      attachInterventionTx(db, chain, { chainId: CHAIN, clusterId: 2n, id: squat.id, txHash: mined, author: SQUATTER }),
    ).rejects.toMatchObject({ code: 'transaction_mismatch', status: 422 });
    await db.insert(tokenControlEvents).values({
      chainId: CHAIN,
      blockNumber: 200n,
      blockHash: hash(200),
      logIndex: 0,
      transactionHash: mined,
      blockTime: new Date(then.getTime() + 12_000),
      token: TOKEN,
      kind: 'wallet_recovered',
      actor: OPERATOR,
      account: LOST,
      counterparty: REPLACEMENT,
      value: 40n,
      revenue: 3n,
    });

    // The operator's browser reports the hash once mined: it must key the reason.
    expect(
      await attachInterventionTx(db, chain, {
        chainId: CHAIN,
        clusterId: 1n,
        id: reason.id,
        txHash: mined,
        author: OPERATOR,
      }),
    ).toBe(true);
    // A week later the operator records another intervention (which prunes unsent drafts): the reason is still there.
    await recordIntervention(db, { ...recovery, to: SQUATTER, now: new Date(then.getTime() + DRAFT_TTL_MS + 1) });
    // (The review passed the token where the history takes the cluster's sale: its token and offering.)
    const [entry] = await clusterInterventionHistory(db, CHAIN, 1n, await clusterSale(db, CHAIN, 1n));
    expect(entry).toMatchObject({ txHash: mined, draft: false, record: { reason: recovery.reason } });
  });
});
