/**
 * attachInterventionTx against a real chain (anvil): the reported hash keys a reason only when its receipt is the
 * intervention the reason explains (attacker report M-1). The operator's real wallet recovery keys its reason; the
 * same hash is refused for a reason of other accounts or another kind, a hash the node does not know is a retryable
 * 409, and nothing is stored by any refusal.
 */
import { eq } from 'drizzle-orm';
import { type Address, keccak256, toHex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareTokenAbi } from '#contracts';
import type { DatabaseHandle } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { catchUpMirror, startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { clusterInterventions } from '#db/schema';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { recordIntervention } from './interventions.server';
import { clusterInterventionHistory } from './interventions-history.server';
import { attachInterventionTx } from './interventions-receipt.server';

const CHAIN = 31_337;
const OPERATOR = devRoles.operators[0]!;
const operator = devAccount(OPERATOR).address;
const BUYER = devRoles.investors[0]!;
const buyer = devAccount(BUYER).address;
/** Keys nobody holds: replacements that exist only in these tests. */
const fresh = (n: number) => privateKeyToAddress(`0x${(0x1f7e00n + BigInt(n)).toString(16).padStart(64, '0')}`);
const DOCUMENT = { title: 'KYC file', uri: 'https://example.com/kyc.pdf', sha256: keccak256(toHex('kyc')) };

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain(testPort(8720));
}, 120_000);

afterAll(async () => {
  await chain?.stop();
});

describe.each(testDatabases)('intervention receipts on $name', ({ open, name }) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await open();
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
  });

  it('keys a reason by its own mined recovery only, refusing a foreign or unknown hash without storing it', async () => {
    const { db } = handle;
    const clusterId = await chain.registerCluster(OPERATOR, { gpuModel: 'H100', gpuCount: 8, location: `IV-${name}` });
    await chain.attest(clusterId);
    const sale = await chain.tokenize(OPERATOR, clusterId, 100n, 10_000_000n);
    await chain.buy(BUYER, sale.offering, 10n);
    await chain.finalize(OPERATOR, sale.offering);
    await chain.withdrawShares(BUYER, sale.offering);
    const replacement = fresh(name === 'postgres' ? 2 : 1);
    const reason = {
      chainId: CHAIN,
      clusterId,
      kind: 'wallet_recovered' as const,
      from: buyer,
      to: replacement,
      amount: null,
      reason: 'Seed phrase lost; identity checked.',
      document: DOCUMENT,
      author: operator,
    };
    const recorded = await recordIntervention(db, reason);
    const otherAccounts = await recordIntervention(db, { ...reason, to: fresh(9), reason: 'another replacement' });
    const forced = await recordIntervention(db, {
      ...reason,
      kind: 'forced_transfer',
      amount: 1n,
      reason: 'forced',
    });
    const receipt = await chain.send(OPERATOR, {
      address: sale.token,
      abi: shareTokenAbi,
      functionName: 'recoverWallet',
      args: [buyer, replacement],
    });
    await catchUpMirror(chain, db);
    const attach = (id: number, txHash: `0x${string}`) =>
      attachInterventionTx(db, chain, { chainId: CHAIN, clusterId, id, txHash, author: operator });

    await expect(attach(recorded.id, keccak256(toHex(`never sent ${name}`)))).rejects.toMatchObject({
      code: 'transaction_not_mined',
      status: 409,
    });
    await expect(attach(otherAccounts.id, receipt.transactionHash)).rejects.toMatchObject({
      code: 'transaction_mismatch',
      status: 422,
    });
    await expect(attach(forced.id, receipt.transactionHash)).rejects.toMatchObject({ code: 'transaction_mismatch' });
    const untouched = await db
      .select({ txHash: clusterInterventions.txHash })
      .from(clusterInterventions)
      .where(eq(clusterInterventions.clusterId, clusterId));
    expect(untouched.map((row) => row.txHash)).toEqual([null, null, null]);

    expect(await attach(recorded.id, receipt.transactionHash)).toBe(true);
    const [entry] = await clusterInterventionHistory(db, CHAIN, clusterId, sale);
    // Every figure as the chain's receipt says it: the whole balance the buyer withdrew moved to the replacement.
    const balance = await chain.publicClient.readContract({
      address: sale.token,
      abi: shareTokenAbi,
      functionName: 'balanceOf',
      args: [replacement as Address],
      blockNumber: receipt.blockNumber,
    });
    expect(entry).toMatchObject({
      txHash: receipt.transactionHash,
      blockNumber: receipt.blockNumber.toString(),
      from: buyer,
      to: replacement,
      shares: balance.toString(),
      draft: false,
      record: { id: recorded.id, reason: reason.reason },
    });
  }, 120_000);
});
