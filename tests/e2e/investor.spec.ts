import { expect, test } from '@playwright/test';
import { type Address, parseEventLogs, parseUnits } from 'viem';
import { offeringAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import { devRoles } from '../../devnet/accounts';
import {
  deployment,
  depositRevenue,
  finalizeOffering,
  increaseTime,
  mintStablecoin,
  openOffering,
  publicClient,
  stablecoinBalance,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { claimableWindow, expectWithin, readFigures } from './support/figures';
import { expectAccessible, fullPageShot } from './support/page';
import { installWallet, TEST_ACCOUNTS } from './support/wallet';

const investor = TEST_ACCOUNTS[1]! as Address;
const OPERATOR = devRoles.operators[0]!;

async function numericValue(locator: import('@playwright/test').Locator) {
  return BigInt((await locator.getAttribute('data-value')) ?? '0');
}

test('an investor buys shares with a permit, earns streamed revenue and claims exactly what the chain owed (review: claim checked in a window)', async ({
  page,
}, testInfo) => {
  const { clusterId, token, offering } = await openOffering(OPERATOR, { symbol: 'INV', price: '10' });
  await mintStablecoin(investor, parseUnits('1000', 6));
  await chooseWallet(page, investor);

  // Buy 5 shares through the passport: one permit signature, one transaction.
  await page.goto(`/clusters/${clusterId}`);
  await connectWallet(page);
  await page.getByLabel('Shares to buy').fill('5');
  await expect(page.getByTestId('buy-cost')).toHaveText('50.00 tUSD');
  await page.getByRole('button', { name: 'Buy', exact: true }).click();
  await expect(page.getByTestId('buy-status')).toHaveAttribute('data-step', 'confirmed');
  await expect(page.getByTestId('buy-method')).toHaveAttribute('data-method', 'permit');
  await expect(page.getByTestId('offering-sold')).toContainText('5 / 1,000');
  await expect(page.getByTestId('buy-status-link')).toHaveAttribute('href', /^\/tx\/0x[0-9a-f]{64}$/);
  await fullPageShot(page, testInfo, 'passport-bought');
  expect(await stablecoinBalance(investor)).toBe(parseUnits('950', 6));

  // The operator closes the sale early (soft cap met); the investor withdraws the escrowed shares.
  await finalizeOffering(OPERATOR, offering);
  // In-app navigation keeps the wallet connected (a full page load would need the wallet to reconnect).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  const row = page.getByTestId(`holding-${clusterId}`);
  await expect(row.getByTestId('holding-escrowed')).toHaveAttribute('data-value', parseUnits('5', 18).toString());
  await row.getByRole('button', { name: 'Withdraw shares' }).click();
  await expect(page.getByTestId('portfolio-status')).toHaveAttribute('data-step', 'confirmed');
  await expect(row.getByTestId('holding-balance')).toHaveAttribute('data-value', parseUnits('5', 18).toString());

  // Revenue streams in; the chain's clock moves an hour.
  await depositRevenue(OPERATOR, token, parseUnits('1000', 6), 86_400n);
  await increaseTime(3_600);
  const pinned = await publicClient.getBlock();
  const openedAt = Date.now();
  await page.reload();
  await connectWallet(page);
  await expect(row.getByTestId('holding-claimable')).toBeVisible();
  // It ticks every second between chain reads: wait for one tick so the extrapolation is part of what is compared.
  const firstRendered = await numericValue(row.getByTestId('holding-claimable'));
  await expect.poll(() => numericValue(row.getByTestId('holding-claimable'))).not.toBe(firstRendered);
  const shown = await readFigures(row, ['holding-claimable', 'holding-earned']);
  const elapsed = BigInt(Math.ceil((Date.now() - openedAt) / 1_000));
  const claimable = BigInt(shown['holding-claimable']!.value!);
  // The chain's claimable at the block before the page's read, plus at most the seconds it may have extrapolated.
  expectWithin(
    claimable,
    await claimableWindow(token, offering, investor, pinned, await publicClient.getBlock(), elapsed),
    'claimable',
  );
  // Nothing was paid out yet and the shares left escrow before the deposit: all it earned is still claimable.
  expect(BigInt(shown['holding-earned']!.value!)).toBe(claimable);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'portfolio-claimable');

  // Claim: the wallet's stablecoin balance grows by exactly what the Claimed event paid.
  const before = await stablecoinBalance(investor);
  const clickedAt = Date.now();
  await row.getByRole('button', { name: /^Claim INV$/ }).click();
  await expect(page.getByTestId('portfolio-status')).toHaveAttribute('data-step', 'confirmed');
  const txHref = await page.getByTestId('portfolio-status-link').getAttribute('href');
  const receipt = await publicClient.getTransactionReceipt({ hash: txHref!.slice('/tx/'.length) as `0x${string}` });
  const [claimed] = parseEventLogs({ abi: shareTokenAbi, logs: receipt.logs, eventName: 'Claimed' });
  expect(claimed!.args.account).toBe(investor);
  // The claim paid exactly the token's claimable on the state before its transaction (alone in its block), evaluated
  // at the claim block's time: the chain's own figure, not a window around it.
  const claimBlock = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  expect(claimBlock.transactions).toHaveLength(1);
  const paid = claimed!.args.amount;
  const owed = await publicClient.readContract({
    address: token,
    abi: shareTokenAbi,
    functionName: 'claimable',
    args: [investor],
    blockNumber: receipt.blockNumber - 1n,
    blockOverrides: { time: claimBlock.timestamp },
  });
  expect(paid).toBe(owed);
  expect(await stablecoinBalance(investor)).toBe(before + paid);
  // Once the page has re-read the chain, claimable restarts from what streamed since the claim, and earned keeps
  // what was paid: earned − paid = claimable, within the stream of the seconds since the claim. Waited for by that
  // difference: before the re-read the page still shows earned = claimable (its ticking pre-claim figure, which can
  // be below `paid` for a second, so "claimable < paid" did not prove the re-read).
  await expect
    .poll(async () => {
      const figures = await readFigures(row, ['holding-claimable', 'holding-earned']);
      return BigInt(figures['holding-earned']!.value!) - BigInt(figures['holding-claimable']!.value!);
    })
    .toBe(paid);
  const after = await readFigures(row, ['holding-claimable', 'holding-earned']);
  const sinceClaim = await claimableWindow(
    token,
    offering,
    investor,
    claimBlock,
    await publicClient.getBlock(),
    BigInt(Math.ceil((Date.now() - clickedAt) / 1_000)),
  );
  expectWithin(BigInt(after['holding-claimable']!.value!), sinceClaim, 'claimable after the claim');
  expect(BigInt(after['holding-earned']!.value!)).toBe(paid + BigInt(after['holding-claimable']!.value!));

  // The status page's wallet card shows the same balance as the chain.
  await page.goto('/status');
  await connectWallet(page);
  await expect(page.getByTestId('wallet-balance')).toHaveText(
    (Number(await stablecoinBalance(investor)) / 1e6).toString(),
  );

  // The transaction link opens the chain's receipt.
  await page.goto(txHref!);
  await expect(page.getByTestId('tx-page-status')).toHaveText('success');
});

test('a wallet that cannot sign typed data buys with approve, then buy', async ({ page }) => {
  const buyer = TEST_ACCOUNTS[5]! as Address;
  const { clusterId, offering } = await openOffering(OPERATOR, { symbol: 'APV', price: '2' });
  await mintStablecoin(buyer, parseUnits('100', 6));
  await installWallet(page, buyer, { signsTypedData: false });

  await page.goto(`/clusters/${clusterId}`);
  // The page offers the wallet in the buy panel and in the market's "Place an offer" card: either connects it.
  await page.getByRole('button', { name: 'Connect Test Wallet' }).first().click();
  await page.getByLabel('Shares to buy').fill('3');
  await expect(page.getByTestId('buy-cost')).toHaveText('6.00 tUSD');
  await page.getByRole('button', { name: 'Buy', exact: true }).click();
  await expect(page.getByTestId('buy-status')).toHaveAttribute('data-step', 'confirmed');
  await expect(page.getByTestId('buy-method')).toHaveAttribute('data-method', 'approve');
  await expect(page.getByTestId('offering-sold')).toContainText('3 / 1,000');

  // Two transactions from the buyer: an approval of exactly the cost, then the purchase, which spent all of it.
  const stablecoin = deployment().contracts.stablecoin;
  expect(await publicClient.getTransactionCount({ address: buyer })).toBe(2);
  expect(
    await publicClient.readContract({
      address: stablecoin,
      abi: testStablecoinAbi,
      functionName: 'allowance',
      args: [buyer, offering],
    }),
  ).toBe(0n);
  expect(await stablecoinBalance(buyer)).toBe(parseUnits('94', 6));
  expect(
    await publicClient.readContract({
      address: offering,
      abi: offeringAbi,
      functionName: 'purchasedOf',
      args: [buyer],
    }),
  ).toEqual([parseUnits('3', 18), parseUnits('6', 6)]);
});

test('a transfer the token would refuse shows the reason before sending', async ({ page }) => {
  await chooseWallet(page, investor);
  await page.goto('/portfolio');
  await connectWallet(page);
  await page.getByLabel('Recipient address').fill(TEST_ACCOUNTS[3]!);
  await page.getByLabel('Shares', { exact: true }).fill('1000000');
  await expect(page.getByTestId('transfer-blocked')).toContainText('ERC20InsufficientBalance');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await page.getByLabel('Shares', { exact: true }).fill('1');
  await expect(page.getByTestId('transfer-blocked')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('portfolio-status')).toHaveAttribute('data-step', 'confirmed');
});

test('holdings export as CSV', async ({ page }, testInfo) => {
  await chooseWallet(page, investor);
  await page.goto('/portfolio');
  await connectWallet(page);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const csv = readFileSync(file, 'utf8');
  expect(csv.split('\r\n')[0]).toBe(
    'cluster_id,token_symbol,token_name,token_address,balance,in_escrow,claimable_tusd,earned_tusd',
  );
  expect(csv).toContain(',INV,');
  await testInfo.attach('holdings.csv', { body: csv, contentType: 'text/csv' });
});
