/**
 * The portfolio's "to another address" calls (elsewhere.ts), sent on a real chain exactly as the page sends them: the
 * recipient receives what the plain act would have paid the buyer — the refund, the shares with their escrow revenue,
 * the claim — each equal to the chain's own figure for the buyer at that block, and the buyer receives nothing. And the
 * question the form asks before a withdrawal (`canTransfer` from the offering) is the token's answer to it.
 */
import { type Address, parseEventLogs, parseUnits, type TransactionReceipt } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offeringAbi, offeringConstants, offeringPhase, shareTokenAbi, testStablecoinAbi } from '#contracts';
import { errorNameOfSelector } from '#protocol/errors';
import { devAccount, devRoles } from '../../../devnet/accounts';
import { startTestChain, type TestChain } from '../../../devnet/chain';
import { testPort } from '../../../devnet/ports';
import { type ElsewhereKind, elsewhereCall } from './elsewhere';

const SHARE = offeringConstants.SHARE_UNIT;
const OPERATOR = devRoles.operators[0]!;
const [BUYER_A, BUYER_B, BUYER_C] = devRoles.investors as [number, number, number];
/** Fresh addresses (keys nobody holds): their balances are exactly what these calls paid them. */
const fresh = (n: number) => privateKeyToAddress(`0x${(0xe15e00n + BigInt(n)).toString(16).padStart(64, '0')}`);

let chain: TestChain;

beforeAll(async () => {
  chain = await startTestChain(testPort(4620));
}, 120_000);
afterAll(async () => {
  await chain?.stop();
});

async function openSale() {
  const clusterId = await chain.registerCluster(OPERATOR, { gpuModel: 'H100', gpuCount: 8, location: 'KR-SEL-01' });
  await chain.attest(clusterId);
  // 100 shares at 10 tUSD, a day's sale with no soft cap: the operator may close it as soon as something sold.
  return chain.tokenize(OPERATOR, clusterId, 100n, 10_000_000n);
}

const stablecoin = (account: Address) =>
  chain.publicClient.readContract({
    address: chain.contracts.stablecoin,
    abi: testStablecoinAbi,
    functionName: 'balanceOf',
    args: [account],
  });

/** The buyer sends the page's call. */
function sendElsewhere(buyer: number, kind: ElsewhereKind, sale: { token: Address; offering: Address }, to: Address) {
  return chain.send(buyer, elsewhereCall(kind, { address: sale.token, offering: sale.offering }, to));
}

/** A view of the state just before `receipt`'s transaction, at its block's time (the transaction is alone in it). */
async function justBefore(receipt: TransactionReceipt) {
  const block = await chain.publicClient.getBlock({ blockNumber: receipt.blockNumber });
  expect(block.transactions).toHaveLength(1);
  return { blockNumber: receipt.blockNumber - 1n, blockOverrides: { time: block.timestamp } } as const;
}

describe('sent to another address', () => {
  it('refundTo: a cancelled sale refunds exactly what the buyer paid, to the recipient', async () => {
    const sale = await openSale();
    const paid = await chain.buyShareUnits(BUYER_A, sale.offering, 3n * SHARE);
    // The test chain's registry is owned by the deployer (no timelock): governance cancels at once.
    await chain.send(devRoles.deployer, { address: sale.offering, abi: offeringAbi, functionName: 'cancel' });
    const buyer = devAccount(BUYER_A).address;
    const recipient = fresh(1);
    const buyerBefore = await stablecoin(buyer);

    const receipt = await sendElsewhere(BUYER_A, 'refundTo', sale, recipient);
    const [refunded] = parseEventLogs({ abi: offeringAbi, logs: receipt.logs, eventName: 'Refunded' });
    expect(refunded!.args).toEqual({ buyer, recipient, shares: 3n * SHARE, amount: paid });
    expect(await stablecoin(recipient)).toBe(paid);
    expect(await stablecoin(buyer)).toBe(buyerBefore);
    expect(
      await chain.publicClient.readContract({
        address: sale.offering,
        abi: offeringAbi,
        functionName: 'purchasedOf',
        args: [buyer],
      }),
    ).toEqual([0n, 0n]);
  });

  it('withdrawSharesTo, claimEscrowRevenue(recipient) and claimTo pay the recipient the chain’s own figure', async () => {
    const sale = await openSale();
    for (const buyer of [BUYER_A, BUYER_B, BUYER_C]) await chain.buy(buyer, sale.offering, 10n);
    await chain.finalize(OPERATOR, sale.offering);
    expect(
      await chain.publicClient.readContract({ address: sale.offering, abi: offeringAbi, functionName: 'phase' }),
    ).toBe(offeringPhase.Finalized);
    await chain.depositRevenue(OPERATOR, sale.token, parseUnits('240', 6), 86_400n);
    await chain.increaseTime(3_600);
    await chain.mine(1);

    // A: the shares and their escrow revenue, both to the recipient.
    const a = devAccount(BUYER_A).address;
    const shareHolder = fresh(2);
    const aBefore = await stablecoin(a);
    const withdrawal = await sendElsewhere(BUYER_A, 'withdrawSharesTo', sale, shareHolder);
    const owedA = await chain.publicClient.readContract({
      address: sale.offering,
      abi: offeringAbi,
      functionName: 'escrowRevenueOf',
      args: [a],
      ...(await justBefore(withdrawal)),
    });
    expect(owedA).toBeGreaterThan(0n);
    const [withdrawn] = parseEventLogs({ abi: offeringAbi, logs: withdrawal.logs, eventName: 'SharesWithdrawn' });
    expect(withdrawn!.args).toEqual({ buyer: a, recipient: shareHolder, shares: 10n * SHARE, revenue: owedA });
    expect(
      await chain.publicClient.readContract({
        address: sale.token,
        abi: shareTokenAbi,
        functionName: 'balanceOf',
        args: [shareHolder],
      }),
    ).toBe(10n * SHARE);
    expect(await stablecoin(shareHolder)).toBe(owedA);
    expect(await stablecoin(a)).toBe(aBefore);

    // C: only the escrow revenue, the shares stay in escrow.
    const c = devAccount(BUYER_C).address;
    const escrowRecipient = fresh(3);
    const escrowClaim = await sendElsewhere(BUYER_C, 'claimEscrowRevenue', sale, escrowRecipient);
    const owedC = await chain.publicClient.readContract({
      address: sale.offering,
      abi: offeringAbi,
      functionName: 'escrowRevenueOf',
      args: [c],
      ...(await justBefore(escrowClaim)),
    });
    const [escrowPaid] = parseEventLogs({
      abi: offeringAbi,
      logs: escrowClaim.logs,
      eventName: 'EscrowRevenueClaimed',
    });
    expect(escrowPaid!.args).toEqual({ buyer: c, recipient: escrowRecipient, amount: owedC });
    expect(await stablecoin(escrowRecipient)).toBe(owedC);
    const [escrowedC] = await chain.publicClient.readContract({
      address: sale.offering,
      abi: offeringAbi,
      functionName: 'purchasedOf',
      args: [c],
    });
    expect(escrowedC).toBe(10n * SHARE);

    // B: withdraws to itself, earns as a holder, then claims that revenue to the recipient.
    const b = devAccount(BUYER_B).address;
    await chain.withdrawShares(BUYER_B, sale.offering);
    await chain.increaseTime(3_600);
    await chain.mine(1);
    const claimRecipient = fresh(4);
    const bBefore = await stablecoin(b);
    const claim = await sendElsewhere(BUYER_B, 'claimTo', sale, claimRecipient);
    const owedB = await chain.publicClient.readContract({
      address: sale.token,
      abi: shareTokenAbi,
      functionName: 'claimable',
      args: [b],
      ...(await justBefore(claim)),
    });
    expect(owedB).toBeGreaterThan(0n);
    const [claimed] = parseEventLogs({ abi: shareTokenAbi, logs: claim.logs, eventName: 'Claimed' });
    expect(claimed!.args).toEqual({ account: b, recipient: claimRecipient, amount: owedB });
    expect(await stablecoin(claimRecipient)).toBe(owedB);
    expect(await stablecoin(b)).toBe(bBefore);
  });

  it('the withdrawal’s pre-check is the token’s own answer: an unverified recipient under the allowlist is refused', async () => {
    const sale = await openSale();
    await chain.buy(BUYER_A, sale.offering, 5n);
    await chain.finalize(OPERATOR, sale.offering);
    await chain.send(OPERATOR, {
      address: sale.token,
      abi: shareTokenAbi,
      functionName: 'setAllowlistEnabled',
      args: [true],
    });
    const stranger = fresh(5);
    // What SendElsewhere asks before offering the button: canTransfer(offering, recipient, escrowed shares).
    const [ok, reason] = await chain.publicClient.readContract({
      address: sale.token,
      abi: shareTokenAbi,
      functionName: 'canTransfer',
      args: [sale.offering, stranger, 5n * SHARE],
    });
    expect(ok).toBe(false);
    expect(errorNameOfSelector(reason)).toBe('RecipientNotVerified');
    await expect(sendElsewhere(BUYER_A, 'withdrawSharesTo', sale, stranger)).rejects.toThrow();
  });
});
