import { expect, type Page, test } from '@playwright/test';
import { type Address, keccak256, stringToBytes } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi } from '#contracts';
import { devRoles } from '../../devnet/accounts';
import {
  buyShares,
  deployment,
  depositRevenue,
  openOffering,
  publicClient,
  stablecoinBalance,
  submitReport,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { expectAccessible, fullPageShot } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

// TEST_ACCOUNTS[9..12] are this spec's: the operator, two buyers, a revenue payer.
const OPERATOR_INDEX = devRoles.testWallets[9]!;
const operator = TEST_ACCOUNTS[9]! as Address;
const BUYER_A = devRoles.testWallets[10]!;
const BUYER_B = devRoles.testWallets[11]!;
const payer = TEST_ACCOUNTS[12]! as Address;

/** Opens another tab and this one again: the tab's loader reads the mirror anew (it follows the chain within seconds). */
async function reopenTab(page: Page, tab: 'sale' | 'revenue') {
  await page.getByTestId(tab === 'sale' ? 'operator-tab-overview' : 'operator-tab-sale').click();
  await page.getByTestId(`operator-tab-${tab}`).click();
}

test('an operator closes its sale early from the Sale tab, is paid the proceeds the chain logged, deposits exactly what it owes and names a revenue payer', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  // Supply 100 at 10 tUSD, soft cap 10: 55 shares sold meets it, so the operator may close the sale early.
  const { clusterId, token, offering } = await openOffering(OPERATOR_INDEX, {
    supply: '100',
    price: '10',
    softCap: '10',
    gpuModel: 'NVIDIA H100 SXM5 80GB',
    location: 'JP-TYO-09',
  });
  await buyShares(BUYER_A, offering, 30n);
  await buyShares(BUYER_B, offering, 25n);
  const [sold, raised, supply] = await Promise.all([
    publicClient.readContract({ address: offering, abi: offeringAbi, functionName: 'sold' }),
    publicClient.readContract({ address: offering, abi: offeringAbi, functionName: 'raised' }),
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'totalSupply' }),
  ]);

  await chooseWallet(page, operator);
  await page.goto(`/operator/${clusterId}/sale`);
  await connectWallet(page);
  const card = page.getByTestId(`operator-cluster-${clusterId}`);
  // The console lists the cluster (the layout's list: the mirror, and the chain for what it has not seen yet) and the tab
  // its token (getClusterPassport, the same): reopened until both have the new cluster.
  await expect(async () => {
    await reopenTab(page, 'sale');
    await expect(card.getByTestId('sale-phase')).toHaveAttribute('data-phase', 'Open', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(card.getByTestId('sale-sold')).toHaveAttribute('data-value', sold.toString());
  await expect(card.getByTestId('sale-raised')).toHaveAttribute('data-value', raised.toString());
  await expect(card.getByTestId('sale-sold')).toContainText(`55 of 100 shares`);
  await expect(card.getByTestId('sale-countdown')).toContainText('Closes in');
  // What finalizing moves is said before it is sent: the proceeds (all that was raised) and the unsold shares.
  await expect(card.getByTestId('sale-finalize-what')).toContainText('550.00 tUSD');
  await expect(card.getByTestId('sale-finalize-what')).toContainText('45');
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-sale');

  const before = await stablecoinBalance(operator);
  await card.getByTestId('sale-finalize').click();
  await expect(card.getByTestId('sale-finalize-status')).toHaveAttribute('data-step', 'confirmed');
  const [finalized] = await publicClient.getContractEvents({
    address: offering,
    abi: offeringAbi,
    eventName: 'Finalized',
    fromBlock: 0n,
  });
  const args = finalized!.args;
  // The offering charges no fee: the proceeds are everything raised, paid in the finalize transaction itself.
  expect(args.succeeded).toBe(true);
  expect(args.proceeds).toBe(raised);
  expect(args.sharesReturned).toBe(supply - sold);
  expect((await stablecoinBalance(operator)) - before).toBe(args.proceeds! + args.revenueForwarded!);
  await expect(card.getByTestId('sale-received')).toHaveAttribute('data-proceeds', args.proceeds!.toString());
  await expect(card.getByTestId('sale-received')).toHaveAttribute('data-revenue', args.revenueForwarded!.toString());
  await expect(card.getByTestId('sale-phase')).toHaveAttribute('data-phase', 'Finalized');
  await expect(card.getByTestId('sale-finalize')).toHaveCount(0);
  await expect(async () => {
    await reopenTab(page, 'sale');
    await expect(card.getByTestId('sale-settled')).toContainText('in proceeds', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // The committee reports revenue after the tokenization; the operator has already paid part of it in.
  const head = await publicClient.getBlock();
  await submitReport({
    clusterId,
    epoch: (head.timestamp / 3_600n) * 3_600n,
    gpuHoursMilli: 4_000n,
    utilizationBps: 6_000,
    gpusOnline: 8,
    revenue: 12_345_678n,
    telemetryRoot: keccak256(stringToBytes(`settlement/${clusterId}`)),
  });
  await depositRevenue(OPERATOR_INDEX, token, 2_000_000n, 86_400n);
  const [tokenized] = await publicClient.getContractEvents({
    address: deployment().contracts.factory,
    abi: rackshareFactoryAbi,
    eventName: 'ClusterTokenized',
    args: { clusterId },
    fromBlock: 0n,
  });
  const reports = await publicClient.getContractEvents({
    address: deployment().contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    eventName: 'ReportSubmitted',
    args: { clusterId },
    fromBlock: tokenized!.blockNumber,
  });
  const reported = reports.reduce((total, log) => total + log.args.revenue!, 0n);
  const deposited = await publicClient.readContract({
    address: token,
    abi: shareTokenAbi,
    functionName: 'totalDeposited',
  });
  const outstanding = reported - deposited;
  expect(outstanding).toBeGreaterThan(0n);

  await expect(async () => {
    await reopenTab(page, 'revenue');
    await expect(card.getByTestId('owed-reported')).toHaveAttribute('data-value', reported.toString(), {
      timeout: 2_000,
    });
    await expect(card.getByTestId('owed-deposited')).toHaveAttribute('data-value', deposited.toString(), {
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(card.getByTestId('owed-outstanding')).toHaveAttribute('data-value', outstanding.toString());
  await expect(card.getByTestId('owed-weeks').locator('tbody tr').first().locator('td').nth(2)).toHaveAttribute(
    'data-value',
    outstanding.toString(),
  );
  // The stream as the token has it.
  const stream = await publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'stream' });
  await expect(card.getByTestId('owed-stream')).toHaveAttribute('data-end', stream.end.toString());
  // What the one-click deposit does to holders' revenue is said before it is sent.
  await expect(card.getByTestId(`deposit-owed-what-${clusterId}`)).toContainText('holders earn it second by second');
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-revenue');

  await card.getByTestId(`deposit-owed-button-${clusterId}`).click();
  await expect(card.getByTestId(`deposit-status-${clusterId}`)).toHaveAttribute('data-step', 'confirmed');
  const depositedAfter = await publicClient.readContract({
    address: token,
    abi: shareTokenAbi,
    functionName: 'totalDeposited',
  });
  expect(depositedAfter - deposited).toBe(outstanding);
  await expect(async () => {
    await reopenTab(page, 'revenue');
    await expect(card.getByTestId('owed-outstanding')).toHaveAttribute('data-value', '0', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // A revenue payer is named with a horizon, then removed (a horizon of 0 revokes it).
  const payers = card.getByTestId('revenue-payers');
  await payers.getByLabel('Payer address').fill(payer);
  await payers.getByLabel(/^Horizon/).fill('7');
  await expect(payers.getByTestId('payer-add-what')).toContainText('7 days');
  await payers.getByRole('button', { name: 'Name payer' }).click();
  await expect(card.getByTestId('revenue-payer-status')).toHaveAttribute('data-step', 'confirmed');
  const isPayer = () =>
    publicClient.readContract({ address: token, abi: shareTokenAbi, functionName: 'isRevenuePayer', args: [payer] });
  expect(await isPayer()).toBe(true);
  expect(
    await publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'revenuePayerHorizon',
      args: [payer],
    }),
  ).toBe(7n * 86_400n);
  const row = card.getByTestId(`revenue-payer-${payer}`);
  await expect(async () => {
    await reopenTab(page, 'revenue');
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row.locator('td').nth(1)).toHaveAttribute('data-value', (7n * 86_400n).toString());
  await row.getByRole('button', { name: /^Remove/ }).click();
  await expect(card.getByTestId('revenue-payer-status')).toHaveAttribute('data-step', 'confirmed');
  expect(await isPayer()).toBe(false);
  // The token's horizon wins over a mirror that has not seen the removal yet: the row is gone on the next read.
  await reopenTab(page, 'revenue');
  await expect(row).toHaveCount(0);
  await expectAccessible(page);
});
