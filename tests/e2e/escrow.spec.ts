/**
 * Holder protection, seen from the portfolio: revenue owed to shares still in escrow can be claimed while the token is
 * paused (claims never stop), and a sale governance cancelled refunds exactly what was paid, to the buyer or to another
 * address of its (`refundTo`). Every figure is compared with the chain.
 */
import { expect, test } from '@playwright/test';
import { type Address, parseEventLogs, parseUnits } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { offeringAbi, offeringPhase, shareTokenAbi } from '#contracts';
import { devRoles } from '../../devnet/accounts';
import {
  asGovernance,
  buyShares,
  depositRevenue,
  finalizeOffering,
  increaseTime,
  openOffering,
  publicClient,
  stablecoinBalance,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { expectAccessible, fullPageShot } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

const OPERATOR = devRoles.operators[1]!;
const BUYER_INDEX = devRoles.testWallets[4]!;
const buyer = TEST_ACCOUNTS[4]! as Address;

async function openPortfolio(page: import('@playwright/test').Page) {
  await chooseWallet(page, buyer);
  await page.goto('/portfolio');
  await connectWallet(page);
}

async function receiptOfStatus(page: import('@playwright/test').Page) {
  await expect(page.getByTestId('portfolio-status')).toHaveAttribute('data-step', 'confirmed');
  const href = await page.getByTestId('portfolio-status-link').getAttribute('href');
  return publicClient.getTransactionReceipt({ hash: href!.slice('/tx/'.length) as `0x${string}` });
}

/**
 * What the Offering owed the buyer in escrow revenue when `receipt`'s transaction ran: its escrowRevenueOf on the state
 * before that transaction (the page's transaction is alone in its block: the chain mines one per block), evaluated at
 * that block's time — the chain's own figure, not a range around it.
 */
async function escrowOwedAt(offering: Address, receipt: { blockNumber: bigint }) {
  const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  expect(block.transactions).toHaveLength(1);
  return publicClient.readContract({
    address: offering,
    abi: offeringAbi,
    functionName: 'escrowRevenueOf',
    args: [buyer],
    blockNumber: receipt.blockNumber - 1n,
    blockOverrides: { time: block.timestamp },
  });
}

test('escrow revenue is claimed while the token is paused, exactly what the Offering owed at the claim; the shares wait for the unpause (review: escrow claim only > 9.99, withdrawal "at least")', async ({
  page,
}, testInfo) => {
  const { clusterId, token, offering } = await openOffering(OPERATOR, { symbol: 'ESC', supply: '10', price: '5' });
  await buyShares(BUYER_INDEX, offering, 10n);
  await finalizeOffering(OPERATOR, offering);
  await depositRevenue(OPERATOR, token, parseUnits('240', 6), 86_400n);
  await increaseTime(3_600);
  await asGovernance(token, shareTokenAbi, 'governancePause');

  await openPortfolio(page);
  const row = page.getByTestId(`holding-${clusterId}`);
  await expect(row.getByTestId('holding-escrowed')).toHaveAttribute('data-value', parseUnits('10', 18).toString());
  // Withdrawing the shares is a transfer: refused while paused, with the token's own reason.
  await row.getByRole('button', { name: 'Withdraw shares' }).click();
  await expect(page.getByTestId('portfolio-status')).toHaveAttribute('data-step', 'failed');
  await expect(page.getByTestId('portfolio-status')).toContainText('TokenPaused');

  const before = await stablecoinBalance(buyer);
  await row.getByRole('button', { name: 'Claim escrow revenue' }).click();
  const receipt = await receiptOfStatus(page);
  const [claimed] = parseEventLogs({ abi: offeringAbi, logs: receipt.logs, eventName: 'EscrowRevenueClaimed' });
  expect(claimed!.args).toMatchObject({ buyer, recipient: buyer });
  // Exactly what the chain owed at the claim (review: only "> 9.99").
  const owedAtClaim = await escrowOwedAt(offering, receipt);
  expect(claimed!.args.amount).toBe(owedAtClaim);
  // About an hour of a 240 tUSD day-long stream to the sole holder: 10 tUSD, less what the checkpoint floors.
  expect(owedAtClaim).toBeGreaterThan(parseUnits('9.99', 6));
  expect(await stablecoinBalance(buyer)).toBe(before + claimed!.args.amount);
  // Nothing more is owed right after the claim but what streamed since, and the shares are still escrowed.
  expect(
    await publicClient.readContract({
      address: offering,
      abi: offeringAbi,
      functionName: 'purchasedOf',
      args: [buyer],
    }),
  ).toEqual([parseUnits('10', 18), parseUnits('50', 6)]);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'portfolio-escrow-claimed');

  // Governance lifts its pause: the shares come out, with the revenue earned since the claim (and only that).
  await asGovernance(token, shareTokenAbi, 'governanceUnpause');
  await row.getByRole('button', { name: 'Withdraw shares' }).click();
  const withdrawal = await receiptOfStatus(page);
  const [withdrawn] = parseEventLogs({ abi: offeringAbi, logs: withdrawal.logs, eventName: 'SharesWithdrawn' });
  expect(withdrawn!.args).toMatchObject({ buyer, recipient: buyer, shares: parseUnits('10', 18) });
  // Exactly what the Offering owed at the withdrawal's block (review: "at least", within 0.1 tUSD).
  expect(withdrawn!.args.revenue).toBe(await escrowOwedAt(offering, withdrawal));
  await expect(row.getByTestId('holding-balance')).toHaveAttribute('data-value', parseUnits('10', 18).toString());
  expect(
    await publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'balanceOf', args: [buyer] }),
  ).toBe(parseUnits('10', 18));
});

test('a sale governance cancelled refunds exactly what the buyer paid', async ({ page }) => {
  const { clusterId, offering } = await openOffering(OPERATOR, { symbol: 'CNL', supply: '10', price: '7' });
  const paid = await buyShares(BUYER_INDEX, offering, 3n);
  await asGovernance(offering, offeringAbi, 'cancel');
  expect(await publicClient.readContract({ address: offering, abi: offeringAbi, functionName: 'phase' })).toBe(
    offeringPhase.Cancelled,
  );

  await openPortfolio(page);
  // The refund is offered once, in the refunds section (not again in the holdings row).
  const row = page.getByTestId(`holding-${clusterId}`);
  await expect(row.getByTestId('holding-escrowed')).toHaveAttribute('data-value', parseUnits('3', 18).toString());
  await expect(row.getByRole('button', { name: /^Refund/ })).toHaveCount(0);
  const refund = page.getByTestId(`refund-${clusterId}`);
  await expect(refund).toHaveAttribute('data-value', paid.toString());
  const before = await stablecoinBalance(buyer);
  await refund.getByRole('button', { name: /^Refund / }).click();
  const receipt = await receiptOfStatus(page);
  const [refunded] = parseEventLogs({ abi: offeringAbi, logs: receipt.logs, eventName: 'Refunded' });
  expect(refunded!.args).toMatchObject({ buyer, recipient: buyer, shares: parseUnits('3', 18), amount: paid });
  expect(await stablecoinBalance(buyer)).toBe(before + paid);
});

test('a buyer the stablecoin would block refunds to another address of its: the recipient gets exactly what was paid', async ({
  page,
}) => {
  const { clusterId, offering } = await openOffering(OPERATOR, { symbol: 'RTO', supply: '10', price: '7' });
  const paid = await buyShares(BUYER_INDEX, offering, 2n);
  await asGovernance(offering, offeringAbi, 'cancel');
  // A fresh address nobody holds the key of: its balance is exactly what the refund paid it.
  const recipient = privateKeyToAddress(generatePrivateKey());

  await openPortfolio(page);
  const refund = page.getByTestId(`refund-${clusterId}`);
  await expect(refund).toHaveAttribute('data-value', paid.toString());
  const elsewhere = page.getByTestId(`refund-elsewhere-${clusterId}`);
  // Closed by default: the plain refund stays one click.
  await expect(elsewhere.getByTestId('elsewhere-send')).toBeHidden();
  await elsewhere.locator('summary').click();
  // Checked as typed: not an address, then the buyer itself, are refused in words.
  await elsewhere.getByTestId('elsewhere-recipient').fill('0x1234');
  await expect(elsewhere.getByTestId('elsewhere-invalid')).toContainText('Enter an address');
  await expect(elsewhere.getByTestId('elsewhere-send')).toBeDisabled();
  await elsewhere.getByTestId('elsewhere-recipient').fill(buyer);
  await expect(elsewhere.getByTestId('elsewhere-invalid')).toHaveText(
    'That is this account: use the button without a recipient.',
  );
  await elsewhere.getByTestId('elsewhere-recipient').fill(recipient);
  await expect(elsewhere.getByTestId('elsewhere-effect')).toHaveText(
    `The 14.00 tUSD this account paid for RTO is refunded to ${recipient} instead of this account, and the purchase is closed.`,
  );
  await expectAccessible(page);
  const buyerBefore = await stablecoinBalance(buyer);
  await elsewhere.getByTestId('elsewhere-send').click();
  const receipt = await receiptOfStatus(page);
  const [refunded] = parseEventLogs({ abi: offeringAbi, logs: receipt.logs, eventName: 'Refunded' });
  expect(refunded!.args).toMatchObject({ buyer, recipient, shares: parseUnits('2', 18), amount: paid });
  // The chain's balance of the recipient equals the refund; the buyer's is untouched and its purchase is closed.
  expect(await stablecoinBalance(recipient)).toBe(paid);
  expect(await stablecoinBalance(buyer)).toBe(buyerBefore);
  expect(
    await publicClient.readContract({
      address: offering,
      abi: offeringAbi,
      functionName: 'purchasedOf',
      args: [buyer],
    }),
  ).toEqual([0n, 0n]);
  await expect(refund).toHaveCount(0);
});
