/**
 * The investor's portfolio, figure by figure against the chain: its standing on each token (verified until, frozen,
 * allowlist, the token's own reason a transfer to it would be refused), every token's revenue claimed in ONE
 * transaction for exactly the sum of the chain's claimable, the earnings chart ending at the chain's claimed +
 * claimable, and the refund of a sale that missed its soft cap.
 */
import { expect, type Page, test } from '@playwright/test';
import { type Address, type Hex, parseEventLogs, parseUnits } from 'viem';
import { offeringAbi, offeringPhase, shareTokenAbi } from '#contracts';
import { errorNameOfSelector } from '#protocol/errors';
import { devRoles } from '../../devnet/accounts';
import { protocolCalls, tokenizedSale } from '../../devnet/calls';
import {
  attestCluster,
  buyShares,
  deployment,
  depositRevenue,
  finalizeOffering,
  increaseTime,
  openOffering,
  publicClient,
  registerCluster,
  stablecoinBalance,
  walletOf,
  withdrawShares,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { expectAccessible, fullPageShot } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

const OPERATOR = devRoles.operators[2]!;
const INVESTOR_INDEX = devRoles.testWallets[6]!;
const investor = TEST_ACCOUNTS[6]! as Address;
const REFUND_BUYER_INDEX = devRoles.testWallets[7]!;
const refundBuyer = TEST_ACCOUNTS[7]! as Address;

/** The operator sends one call to a token (its RWA controls) and waits for it. */
async function asOperator(token: Address, functionName: string, args: unknown[]) {
  const hash = await walletOf(OPERATOR).writeContract({
    address: token,
    abi: shareTokenAbi,
    functionName,
    args,
  } as never);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
}

async function openPortfolio(page: Page, account: Address) {
  await chooseWallet(page, account);
  await page.goto('/portfolio');
  await connectWallet(page);
}

async function receiptOfStatus(page: Page) {
  await expect(page.getByTestId('portfolio-status')).toHaveAttribute('data-step', 'confirmed');
  const href = await page.getByTestId('portfolio-status-link').getAttribute('href');
  return publicClient.getTransactionReceipt({ hash: href!.slice('/tx/'.length) as Hex });
}

/** claimed (Claimed logs, escrow revenue paid with or without the shares) + claimable + escrow revenue at `block`. */
async function earnedOnChain(account: Address, sales: { token: Address; offering: Address }[], block: bigint) {
  const { deployBlock } = deployment();
  let total = 0n;
  for (const { token, offering } of sales) {
    const range = { fromBlock: deployBlock, toBlock: block } as const;
    const [claims, withdrawals, escrowClaims, claimable, escrowRevenue] = await Promise.all([
      publicClient.getContractEvents({
        address: token,
        abi: shareTokenAbi,
        eventName: 'Claimed',
        args: { account },
        ...range,
      }),
      publicClient.getContractEvents({
        address: offering,
        abi: offeringAbi,
        eventName: 'SharesWithdrawn',
        args: { buyer: account },
        ...range,
      }),
      publicClient.getContractEvents({
        address: offering,
        abi: offeringAbi,
        eventName: 'EscrowRevenueClaimed',
        args: { buyer: account },
        ...range,
      }),
      publicClient.readContract({
        address: token,
        abi: shareTokenAbi,
        functionName: 'claimable',
        args: [account],
        blockNumber: block,
      }),
      publicClient.readContract({
        address: offering,
        abi: offeringAbi,
        functionName: 'escrowRevenueOf',
        args: [account],
        blockNumber: block,
      }),
    ]);
    total +=
      claims.reduce((sum, log) => sum + log.args.amount!, 0n) +
      withdrawals.reduce((sum, log) => sum + log.args.revenue!, 0n) +
      escrowClaims.reduce((sum, log) => sum + log.args.amount!, 0n) +
      claimable +
      escrowRevenue;
  }
  return total;
}

/** The investor's claimable on each sale's token at `block`, or on that block's state at another `time`. */
function claimableAt(sales: { token: Address }[], block: bigint, time?: bigint) {
  return Promise.all(
    sales.map((sale) =>
      publicClient.readContract({
        address: sale.token,
        abi: shareTokenAbi,
        functionName: 'claimable',
        args: [investor],
        blockNumber: block,
        ...(time === undefined ? {} : { blockOverrides: { time } }),
      }),
    ),
  );
}

test('an investor sees its standing on each token, claims all in one transaction and sees its earnings end at the chain’s', async ({
  page,
}, testInfo) => {
  // Two sold-out sales, settled and withdrawn, each streaming revenue to the investor (its sole holder).
  const sales: { clusterId: bigint; token: Address; offering: Address }[] = [];
  for (const symbol of ['HLD1', 'HLD2']) {
    const sale = await openOffering(OPERATOR, { symbol, supply: '10', price: '5' });
    await buyShares(INVESTOR_INDEX, sale.offering, 10n);
    await finalizeOffering(OPERATOR, sale.offering);
    await withdrawShares(INVESTOR_INDEX, sale.offering);
    await depositRevenue(OPERATOR, sale.token, parseUnits('100', 6), 86_400n);
    sales.push(sale);
  }
  // The first token's allowlist is on with the investor verified for a year; the second freezes the investor (it keeps
  // earning and may claim, but no share may reach it).
  const head = await publicClient.getBlock();
  await asOperator(sales[0]!.token, 'setVerified', [investor, head.timestamp + 365n * 86_400n]);
  await asOperator(sales[0]!.token, 'setAllowlistEnabled', [true]);
  await asOperator(sales[1]!.token, 'setFrozen', [investor, true]);
  // Ten minutes of streaming, so there is revenue to claim (the least that makes the amounts read well).
  await increaseTime(600);

  await openPortfolio(page, investor);
  const verification = page.getByTestId('verification');
  await expect(verification).toBeVisible();
  const block = BigInt((await verification.getAttribute('data-block'))!);
  for (const sale of sales) {
    const row = verification.getByTestId(`verification-${sale.clusterId}`);
    const read = <T>(functionName: string, args: unknown[] = []) =>
      publicClient.readContract({
        address: sale.token,
        abi: shareTokenAbi,
        functionName,
        args,
        blockNumber: block,
      } as never) as Promise<T>;
    const [until, frozen, allowlist, [ok, reason]] = await Promise.all([
      read<bigint>('verifiedUntil', [investor]),
      read<boolean>('isFrozen', [investor]),
      read<boolean>('allowlistEnabled'),
      read<readonly [boolean, Hex]>('canTransfer', [sale.offering, investor, 0n]),
    ]);
    await expect(row.getByTestId('verified-until')).toHaveAttribute('data-value', until.toString());
    await expect(row.getByTestId('frozen')).toHaveAttribute('data-value', String(frozen));
    await expect(row.getByTestId('allowlist')).toHaveAttribute('data-value', String(allowlist));
    await expect(row.getByTestId('incoming')).toHaveAttribute('data-reason', ok ? '' : errorNameOfSelector(reason));
  }
  // In words: the first accepts shares, the second refuses them because the investor is frozen.
  await expect(verification.getByTestId(`verification-${sales[0]!.clusterId}`).getByTestId('incoming')).toHaveText(
    'would go through',
  );
  await expect(verification.getByTestId(`verification-${sales[1]!.clusterId}`).getByTestId('incoming')).toContainText(
    'frozen',
  );

  // Claim all: the total on the button is the chain's claimable summed at the block the page read.
  const button = page.getByTestId('claim-all');
  await expect(button).toBeEnabled();
  await expect(page.getByTestId('earnings')).toBeVisible();
  // Read in one go: the page re-reads the chain every 15 seconds, and both figures belong to one read.
  const shown = await page.evaluate(() => {
    const claimAll = document.querySelector<HTMLElement>('[data-testid="claim-all"]')!;
    const earnings = document.querySelector<HTMLElement>('[data-testid="earnings"]')!;
    return { block: claimAll.dataset.block!, total: claimAll.dataset.total!, last: earnings.dataset.last! };
  });
  const pinned = BigInt(shown.block);
  const owedAtRead = await claimableAt(sales, pinned);
  expect(owedAtRead.every((owed) => owed > 0n)).toBe(true);
  expect(BigInt(shown.total)).toBe(owedAtRead[0]! + owedAtRead[1]!);
  await expect(button).toContainText('Claim all (2 tokens');

  // The earnings chart ends at the chain's claimed + claimable + escrow revenue at the same block.
  expect(BigInt(shown.last)).toBe(await earnedOnChain(investor, sales, pinned));
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'portfolio');

  const before = await stablecoinBalance(investor);
  await button.click();
  const receipt = await receiptOfStatus(page);
  // One transaction, two Claimed events (one per token), each paying what that token owed in that block: claimable on
  // the state before the transaction at the block's own time (the chain mines one transaction per block).
  const claimedBlock = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  expect(claimedBlock.transactions).toEqual([receipt.transactionHash]);
  const owedAtClaim = await claimableAt(sales, receipt.blockNumber - 1n, claimedBlock.timestamp);
  const claimed = parseEventLogs({ abi: shareTokenAbi, logs: receipt.logs, eventName: 'Claimed' });
  expect(
    claimed.map((log) => [log.address.toLowerCase(), log.args.account, log.args.recipient, log.args.amount]),
  ).toEqual(sales.map((sale, i) => [sale.token.toLowerCase(), investor, investor, owedAtClaim[i]]));
  expect(await stablecoinBalance(investor)).toBe(before + owedAtClaim[0]! + owedAtClaim[1]!);
});

test('a buyer of a sale that missed its soft cap gets exactly what it paid back from the portfolio', async ({
  page,
}, testInfo) => {
  // A two-minute sale with a soft cap of 8 of 10 shares; the buyer takes 3 and the sale ends below the cap.
  const clusterId = await registerCluster(OPERATOR);
  await attestCluster(clusterId);
  const head = await publicClient.getBlock();
  const end = head.timestamp + 120n;
  const hash = await walletOf(OPERATOR).writeContract(
    protocolCalls(deployment().contracts).tokenize(clusterId, {
      name: 'Failing sale',
      symbol: 'FAIL',
      supply: parseUnits('10', 18),
      pricePerShare: parseUnits('7', 6),
      start: Number(head.timestamp),
      end: Number(end),
      softCap: parseUnits('8', 18),
      perBuyerCap: 0n,
    }) as never,
  );
  const { offering } = tokenizedSale(await publicClient.waitForTransactionReceipt({ hash }));
  const paid = await buyShares(REFUND_BUYER_INDEX, offering, 3n);
  // Past the sale's end by the least the chain allows (one second), so the sale is decided: Failed.
  const now = (await publicClient.getBlock()).timestamp;
  if (now <= end) await increaseTime(Number(end - now) + 1);
  expect(await publicClient.readContract({ address: offering, abi: offeringAbi, functionName: 'phase' })).toBe(
    offeringPhase.Failed,
  );
  const [, owed] = await publicClient.readContract({
    address: offering,
    abi: offeringAbi,
    functionName: 'purchasedOf',
    args: [refundBuyer],
  });
  expect(owed).toBe(paid);

  await openPortfolio(page, refundBuyer);
  const refund = page.getByTestId(`refund-${clusterId}`);
  await expect(refund).toHaveAttribute('data-value', owed.toString());
  await expect(refund.getByRole('button')).toHaveText('Refund 21.00 tUSD');
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'portfolio-refund');
  const before = await stablecoinBalance(refundBuyer);
  await refund.getByRole('button').click();
  const receipt = await receiptOfStatus(page);
  const [refunded] = parseEventLogs({ abi: offeringAbi, logs: receipt.logs, eventName: 'Refunded' });
  expect(refunded!.args).toMatchObject({ buyer: refundBuyer, shares: parseUnits('3', 18), amount: owed });
  expect(await stablecoinBalance(refundBuyer)).toBe(before + owed);
  await expect(page.getByTestId('refunds')).toHaveCount(0);
});
