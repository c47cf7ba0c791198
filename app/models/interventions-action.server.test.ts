/**
 * The Investors tab's action (app/routes/operator.$clusterId.investors.tsx) refuses before it records: anyone not
 * signed in (401), a signed-in account that is not the cluster's operator (403), and the operator's own form without
 * a reason or a document (400), each with its machine-readable code; the operator's complete form is recorded and
 * keyed by its hash afterwards.
 */

import { eq } from 'drizzle-orm';
import pino from 'pino';
import type { Address } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '#db';
import { clusterDocuments, clusterInterventions, shareTokens } from '#db/schema';
import { fakeReceipts } from './interventions.test-kit';

const CHAIN_ID = 31_337;
const REGISTRY = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address;
const OPERATOR = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const STRANGER = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;
const LOST = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as Address;
const REPLACEMENT = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' as Address;
const CLUSTER = 3n;
const TOKEN = '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853' as Address;
const MINED = `0x${'12'.repeat(32)}` as const;
/** The chain's receipts: MINED is the operator's recovery of LOST to REPLACEMENT on the cluster's token. */
const receipts = fakeReceipts([
  {
    hash: MINED,
    from: OPERATOR,
    to: TOKEN,
    kind: 'wallet_recovered',
    account: LOST,
    counterparty: REPLACEMENT,
    value: 5n,
  },
]);
const URL_BASE = `http://localhost:4550/operator/${CLUSTER}/investors`;

let database: DatabaseHandle;
let route: typeof import('~/routes/operator.$clusterId.investors');
let session: typeof import('~/lib/siwe-session.server');

const context = {
  db: undefined as unknown,
  chain: {
    chainId: CHAIN_ID,
    deployment: { contracts: { clusterRegistry: REGISTRY } },
    // The registry's operatorOf: the cluster belongs to OPERATOR.
    publicClient: { readContract: async () => OPERATOR, ...receipts.reader.publicClient },
  },
  log: pino({ level: 'silent' }),
  web: { publicOrigin: 'http://localhost:4550', trustProxy: false, sessionSecret: 's'.repeat(32) },
};

beforeAll(async () => {
  database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateDatabase(database);
  context.db = database.db;
  // The cluster's share token as the mirror has it: the receipt check reads the hash against it.
  await database.db.insert(shareTokens).values({
    chainId: CHAIN_ID,
    blockNumber: 1n,
    blockHash: `0x${'01'.repeat(32)}`,
    logIndex: 0,
    transactionHash: `0x${'02'.repeat(32)}`,
    blockTime: new Date(0),
    token: TOKEN,
    clusterId: CLUSTER,
    offering: REPLACEMENT,
    operator: OPERATOR,
    name: 'Rack',
    symbol: 'RACK',
    supply: 1_000n,
  });
  route = await import('~/routes/operator.$clusterId.investors');
  session = await import('~/lib/siwe-session.server');
});

afterAll(async () => {
  await database?.close();
});

const complete = {
  intent: 'recordIntervention',
  kind: 'wallet_recovered',
  from: LOST,
  to: REPLACEMENT,
  reason: 'Seed phrase lost in a fire; identity checked.',
  documentTitle: 'Police report',
  documentUri: 'https://example.com/report.pdf',
  documentSha256: `0x${'cd'.repeat(32)}`,
};

async function post(fields: Record<string, string>, signedInAs?: Address) {
  let cookie: string | undefined;
  if (signedInAs) {
    const setCookie = await session.signInCookie(new Request(URL_BASE), context as never, {
      address: signedInAs,
      chainId: CHAIN_ID,
    });
    cookie = setCookie.split(';')[0];
  }
  const request = new Request(URL_BASE, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
  });
  const answer = (await route.action({
    request,
    params: { clusterId: CLUSTER.toString() },
    context: context as never,
  })) as unknown as { data: unknown; init: { status?: number } | null };
  return { status: answer.init?.status ?? 200, body: answer.data as Record<string, unknown> };
}

describe('the Investors tab action', () => {
  it('refuses anyone not signed in, with not_signed_in', async () => {
    const { status, body } = await post(complete);
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: { code: 'not_signed_in' } });
  });

  it('refuses a signed-in account that is not the operator, with not_operator', async () => {
    const { status, body } = await post(complete, STRANGER);
    expect(status).toBe(403);
    expect(body).toMatchObject({ error: { code: 'not_operator' } });
  });

  it('refuses the operator’s form without a reason or without a document, recording nothing', async () => {
    const noReason = await post({ ...complete, reason: '   ' }, OPERATOR);
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ error: { code: 'invalid_parameter' } });
    expect(String((noReason.body.error as { message: string }).message)).toMatch(/reason/);
    const { documentUri: _, ...withoutDocument } = complete;
    const noDocument = await post(withoutDocument, OPERATOR);
    expect(noDocument.status).toBe(400);
    expect(String((noDocument.body.error as { message: string }).message)).toMatch(/document/);
    const forcedWithoutAmount = await post({ ...complete, kind: 'forced_transfer' }, OPERATOR);
    expect(forcedWithoutAmount.status).toBe(400);
    expect(await database.db.select().from(clusterInterventions)).toEqual([]);
  });

  it('records the operator’s complete form, then keys it by the hash it is sent once', async () => {
    const recorded = await post(complete, OPERATOR);
    expect(recorded.status).toBe(200);
    const id = String((recorded.body.intervention as { id: number }).id);
    // A hash the chain does not know yet: retry later (409, machine-readable), nothing stored.
    const early = await post({ intent: 'attachTx', id, txHash: `0x${'56'.repeat(32)}` }, OPERATOR);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ error: { code: 'transaction_not_mined', retryable: true } });
    // A mined transaction that is not this intervention (another recovery): refused, nothing stored.
    receipts.mine({
      hash: `0x${'78'.repeat(32)}`,
      from: OPERATOR,
      to: TOKEN,
      kind: 'wallet_recovered',
      account: LOST,
      counterparty: STRANGER,
      value: 5n,
    });
    const other = await post({ intent: 'attachTx', id, txHash: `0x${'78'.repeat(32)}` }, OPERATOR);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: { code: 'transaction_mismatch' } });
    expect((await database.db.select().from(clusterInterventions))[0]?.txHash).toBeNull();
    const txHash = MINED;
    expect((await post({ intent: 'attachTx', id, txHash }, OPERATOR)).status).toBe(200);
    const [row] = await database.db.select().from(clusterInterventions);
    expect(row).toMatchObject({ txHash, from: LOST, to: REPLACEMENT, reason: complete.reason, author: OPERATOR });
    const again = await post({ intent: 'attachTx', id, txHash: `0x${'34'.repeat(32)}` }, OPERATOR);
    expect(again.status).toBe(404);
    expect(again.body).toMatchObject({ error: { code: 'not_found' } });
  });

  it('records a wallet recovery with its purchase as two reasons, answered by kind, and refuses a purchase with anything else', async () => {
    const before = (await database.db.select().from(clusterInterventions)).length;
    const both = await post({ ...complete, withPurchase: 'true' }, OPERATOR);
    expect(both.status).toBe(200);
    const wallet = (both.body.intervention as { id: number }).id;
    const purchase = (both.body.purchase as { id: number }).id;
    const rows = await database.db.select().from(clusterInterventions);
    expect(rows).toHaveLength(before + 2);
    expect(rows.find((row) => row.id === wallet)).toMatchObject({ kind: 'wallet_recovered', reason: complete.reason });
    expect(rows.find((row) => row.id === purchase)).toMatchObject({
      kind: 'purchase_recovered',
      from: LOST,
      to: REPLACEMENT,
      amount: null,
      reason: complete.reason,
      documentUri: complete.documentUri,
      txHash: null,
    });
    // Only the purchase (the lost wallet holds nothing on the token itself).
    const alone = await post({ ...complete, kind: 'purchase_recovered' }, OPERATOR);
    expect(alone.status).toBe(200);
    expect(alone.body.purchase).toBeUndefined();
    const forcedWithPurchase = await post(
      { ...complete, kind: 'forced_transfer', amount: '5', withPurchase: 'true' },
      OPERATOR,
    );
    expect(forcedWithPurchase.status).toBe(400);
    expect(forcedWithPurchase.body).toMatchObject({ error: { code: 'invalid_parameter' } });
    expect(await database.db.select().from(clusterInterventions)).toHaveLength(before + 3);
    for (const id of [wallet, purchase, (alone.body.intervention as { id: number }).id])
      expect((await post({ intent: 'abandon', id: String(id) }, OPERATOR)).status).toBe(200);
  });

  it('copies a chosen document of the cluster, refuses another cluster’s and a move to the same account; only the author abandons', async () => {
    const document = (clusterId: bigint, title: string) => ({
      chainId: CHAIN_ID,
      clusterId,
      title,
      uri: `ipfs://${title.replaceAll(' ', '-')}`,
      sha256: `0x${'ef'.repeat(32)}` as const,
      author: OPERATOR,
      addedAt: new Date(),
    });
    const [mine, theirs] = await database.db
      .insert(clusterDocuments)
      .values([document(CLUSTER, 'KYC file'), document(CLUSTER + 1n, 'not yours')])
      .returning();
    const { documentTitle: _t, documentUri: _u, documentSha256: _s, ...bare } = complete;
    const foreign = await post({ ...bare, documentId: String(theirs!.id) }, OPERATOR);
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ error: { code: 'not_found' } });
    const same = await post({ ...bare, to: LOST, documentId: String(mine!.id) }, OPERATOR);
    expect(same.status).toBe(400);
    expect(same.body).toMatchObject({ error: { code: 'invalid_parameter' } });
    const before = (await database.db.select().from(clusterInterventions)).length;

    const chosen = await post({ ...bare, documentId: String(mine!.id) }, OPERATOR);
    expect(chosen.status).toBe(200);
    const id = (chosen.body.intervention as { id: number }).id;
    const [row] = await database.db.select().from(clusterInterventions).where(eq(clusterInterventions.id, id));
    expect(row).toMatchObject({
      documentTitle: 'KYC file',
      documentUri: 'ipfs://KYC-file',
      documentSha256: mine!.sha256,
      txHash: null,
    });
    expect(await database.db.select().from(clusterInterventions)).toHaveLength(before + 1);

    expect((await post({ intent: 'abandon', id: String(id) }, STRANGER)).status).toBe(403);
    expect((await post({ intent: 'abandon', id: String(id) }, OPERATOR)).status).toBe(200);
    const gone = await post({ intent: 'abandon', id: String(id) }, OPERATOR);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ error: { code: 'not_found' } });
    expect(await database.db.select().from(clusterInterventions)).toHaveLength(before);
  });
});
