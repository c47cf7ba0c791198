/**
 * The operator's Investors tab, through the wallet as the operator would use it: verify investors by CSV (the chain's
 * verifiedUntil equals the file), turn the allowlist on, freeze a holder (its transfer is refused, and the app shows
 * the token's reason when a forced transfer targets it), and recover a lost wallet with a recorded reason (the shares
 * AND the unclaimed revenue move, read on the chain before and after), which the cluster's public history shows.
 * Then, on a second sale, a frozen buyer's purchase still in the offering's escrow moves with its wallet recovery
 * (Offering.recoverPurchase), its escrow read on the chain at the block that moved it. Accounts: TEST_ACCOUNTS[13..17]
 * only (the e2e specs share one chain; the tests of this file run one after the other, each on its own sale).
 */
import { expect, test } from '@playwright/test';
import { type Address, type BaseError, ContractFunctionRevertedError, parseUnits } from 'viem';
import { offeringAbi, shareTokenAbi } from '#contracts';
import { devRoles } from '../../devnet/accounts';
import {
  buyShares,
  depositRevenue,
  finalizeOffering,
  increaseTime,
  openOffering,
  publicClient,
  walletOf,
  withdrawShares,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { expectAmountText, USD_DECIMALS } from './support/figures';
import { expectAccessible, fullPageShot } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

const operatorIndex = devRoles.testWallets[13]!;
const lostIndex = devRoles.testWallets[14]!;
const frozenIndex = devRoles.testWallets[15]!;
const operator = TEST_ACCOUNTS[13]! as Address;
const lost = TEST_ACCOUNTS[14]! as Address;
const frozenHolder = TEST_ACCOUNTS[15]! as Address;
const replacement = TEST_ACCOUNTS[16]! as Address;
const lateInvestor = TEST_ACCOUNTS[17]! as Address;
const replacementIndex = devRoles.testWallets[16]!;
const DAY = 86_400n;

test('an operator verifies investors by CSV, freezes one, and recovers a lost wallet whose revenue follows its shares', async ({
  page,
}, testInfo) => {
  // Set-up through the chain, as the operator's earlier journey (operator.spec.ts) would leave it: a tokenized cluster
  // whose sale settled, two holders, and revenue streaming.
  test.setTimeout(300_000);
  const { clusterId, token, offering } = await openOffering(operatorIndex, { supply: '100', softCap: '1' });
  await buyShares(lostIndex, offering, 10n);
  await buyShares(frozenIndex, offering, 5n);
  await finalizeOffering(operatorIndex, offering);
  await withdrawShares(lostIndex, offering);
  await withdrawShares(frozenIndex, offering);
  await depositRevenue(operatorIndex, token, parseUnits('500', 6), 7n * DAY);
  const read = <T>(functionName: string, args: readonly unknown[], blockNumber?: bigint) =>
    publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName,
      args,
      blockNumber,
    } as never) as Promise<T>;

  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);
  await page.getByRole('button', { name: 'Sign in with Ethereum' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Signed in as');
  // In-app navigation from here on: a full page load would disconnect the wallet.
  await page.getByTestId(`operator-nav-${clusterId}`).getByRole('link').click();
  await page.getByTestId('operator-tab-investors').click();
  const tab = page.getByTestId('operator-investors');
  /** Loads the tab again (its lists are the mirror's, which trails the chain by a few blocks). */
  const reopen = async () => {
    await page.getByTestId('operator-tab-overview').click();
    await page.getByTestId('operator-tab-investors').click();
  };
  await expect(tab.getByTestId('allowlist-state')).toHaveAttribute('data-value', 'false');

  // The CSV: two good rows (unix seconds, and a bare date meaning the end of that UTC day) and three refused ones,
  // each with its reason, before anything is sent.
  const now = (await publicClient.getBlock()).timestamp;
  const replacementUntil = now + 90n * DAY;
  const lateDay = new Date(Number(now + 365n * DAY) * 1_000).toISOString().slice(0, 10);
  const lateUntil = BigInt(Date.parse(`${lateDay}T23:59:59Z`) / 1_000);
  const csv = [
    'address,valid_until',
    `${replacement},${replacementUntil}`,
    `${lateInvestor},${lateDay}`,
    `${lost},someday`,
    '0x1234,1900000000',
    `${replacement.toLowerCase()},${replacementUntil}`,
  ].join('\n');
  await tab.getByLabel('Paste the CSV').fill(csv);
  await tab.getByTestId('verify-csv-preview').click();
  await expect(tab.getByTestId('verify-csv-summary')).toHaveText(
    '2 valid rows, 3 with an error (not sent); 1 transaction(s).',
  );
  await expect(tab.getByTestId('verify-csv-row-4')).toContainText('Not a date');
  await expect(tab.getByTestId('verify-csv-row-5')).toContainText('Not an address');
  await expect(tab.getByTestId('verify-csv-row-6')).toContainText('Duplicate');
  await tab.getByTestId('verify-csv-send').click();
  await expect(tab.getByTestId('verify-csv-status')).toHaveAttribute('data-step', 'confirmed');
  expect(await read<bigint>('verifiedUntil', [replacement])).toBe(replacementUntil);
  expect(await read<bigint>('verifiedUntil', [lateInvestor])).toBe(lateUntil);
  expect(await read<bigint>('verifiedUntil', [lost])).toBe(0n);
  // The list is the mirror's: it shows the new rows once indexed.
  await expect(async () => {
    await reopen();
    await expect(page.getByTestId(`verified-${replacement}`)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // The allowlist: the page says what it does before the button is pressed.
  await expect(tab.getByText('Holders keep their shares and keep earning')).toBeVisible();
  await tab.getByTestId('allowlist-toggle').click();
  await expect(tab.getByTestId('allowlist-state')).toHaveAttribute('data-value', 'true');
  expect(await read<boolean>('allowlistEnabled', [])).toBe(true);

  // Freeze a holder: its own transfers are refused by the token...
  await tab.getByLabel('Account', { exact: true }).nth(1).fill(frozenHolder);
  await expect(tab.getByTestId('freeze-target-state')).toHaveAttribute('data-value', 'false');
  await expect(tab.getByText('keeps earning on them and may still claim')).toBeVisible();
  await tab.getByTestId('freeze-toggle').click();
  await expect(tab.getByTestId('freeze-status')).toHaveAttribute('data-step', 'confirmed');
  await expect(tab.getByTestId('freeze-target-state')).toHaveAttribute('data-value', 'true');
  expect(await read<boolean>('isFrozen', [frozenHolder])).toBe(true);
  const refusal = await publicClient
    .simulateContract({
      account: frozenHolder,
      address: token,
      abi: shareTokenAbi,
      functionName: 'transfer',
      args: [replacement, 1n],
    })
    .then(
      () => undefined,
      (error: BaseError) => error.walk((inner) => inner instanceof ContractFunctionRevertedError),
    );
  expect((refusal as ContractFunctionRevertedError | undefined)?.data?.errorName).toBe('AccountFrozen');

  // ...and shares sent to it from the app are refused with the token's reason on the page.
  await tab.getByTestId('intervene-kind-forced_transfer').check();
  await tab.getByLabel('From', { exact: true }).fill(lost);
  await tab.getByLabel('To', { exact: true }).fill(frozenHolder);
  await tab.getByLabel('Shares to move').fill('1');
  await tab.getByLabel(/^Reason/).fill('Test of a transfer to a frozen account.');
  await tab.getByLabel('Document address (https:// or ipfs://)').fill('https://example.org/order.pdf');
  await tab.getByLabel(/^SHA-256 of the document/).fill(`0x${'ab'.repeat(32)}`);
  await tab.getByTestId('intervene-submit').click();
  await expect(tab.getByTestId('intervene-status')).toHaveAttribute('data-step', 'failed');
  await expect(tab.getByTestId('intervene-status-text')).toContainText(/frozen/i);
  expect(await read<bigint>('balanceOf', [frozenHolder])).toBe(parseUnits('5', 18));

  // Recover the lost wallet: what moves is said first, and the shares AND the unclaimed revenue move.
  const reason = 'Holder lost the key to a hardware failure; identity re-checked by the KYC provider.';
  await tab.getByTestId('intervene-kind-wallet_recovered').check();
  await tab.getByLabel('Lost wallet').fill(lost);
  await tab.getByLabel(/^Replacement wallet/).fill(replacement);
  await tab.getByLabel(/^Reason/).fill(reason);
  await expect(tab.getByTestId('intervene-effect')).toContainText('Moves all 10 shares');
  const sharesBefore = await read<bigint>('balanceOf', [lost]);
  const claimableBefore = await read<bigint>('claimable', [lost]);
  expect(sharesBefore).toBe(parseUnits('10', 18));
  expect(claimableBefore).toBeGreaterThan(0n);
  await tab.getByTestId('intervene-submit').click();
  await expect(tab.getByTestId('intervene-status')).toHaveAttribute('data-step', 'confirmed');
  const [recovered] = await publicClient.getContractEvents({
    address: token,
    abi: shareTokenAbi,
    eventName: 'WalletRecovered',
    args: { lost },
    fromBlock: 0n,
  });
  const at = recovered!.blockNumber;
  expect(recovered!.args.replacement).toBe(replacement);
  expect(recovered!.args.shares).toBe(sharesBefore);
  // Revenue kept streaming between the read and the block: at least what was claimable before moved.
  expect(recovered!.args.revenue!).toBeGreaterThanOrEqual(claimableBefore);
  expect(await read<bigint>('balanceOf', [lost], at)).toBe(0n);
  expect(await read<bigint>('claimable', [lost], at)).toBe(0n);
  expect(await read<bigint>('balanceOf', [replacement], at)).toBe(sharesBefore);
  expect(await read<bigint>('claimable', [replacement], at)).toBe(recovered!.args.revenue);

  // The reason is in the tab's history and on the public cluster page, once the mirror has the event.
  const entry = page.getByTestId(`intervention-${recovered!.transactionHash}`);
  await expect(async () => {
    await reopen();
    await expect(entry.getByTestId('intervention-reason')).toContainText(reason, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-investors');

  await page.goto(`/clusters/${clusterId}`);
  await expect(entry.getByTestId('intervention-reason')).toContainText(reason);
  await expect(entry.getByTestId('intervention-document')).toHaveText('https://example.org/order.pdf');
  expectAmountText((await entry.getByTestId('intervention-shares').textContent())!, sharesBefore, 18, 'shares moved');
  expectAmountText(
    (await entry.getByTestId('intervention-revenue').textContent())!,
    recovered!.args.revenue!,
    USD_DECIMALS,
    'revenue moved',
  );
  // The refused forced transfer left no reason behind: only the recovery is listed.
  await expect(page.getByTestId('interventions').locator('li')).toHaveCount(1);
  await expectAccessible(page);
});

test('an operator moves a frozen buyer’s purchase out of the offering’s escrow with its wallet recovery; the replacement’s escrow is the chain’s', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  // A settled sale whose buyer never withdrew (10 shares in escrow) and also holds 2 shares on the token, sent by
  // another holder; revenue streams into the escrow and to the holders; then the operator freezes the buyer.
  const { clusterId, token, offering } = await openOffering(operatorIndex, { supply: '100', softCap: '1' });
  await buyShares(lostIndex, offering, 10n);
  await buyShares(frozenIndex, offering, 5n);
  await finalizeOffering(operatorIndex, offering);
  await withdrawShares(frozenIndex, offering);
  const send = async (index: number, functionName: string, args: readonly unknown[]) =>
    publicClient.waitForTransactionReceipt({
      hash: await walletOf(index).writeContract({ address: token, abi: shareTokenAbi, functionName, args } as never),
    });
  await send(frozenIndex, 'transfer', [lost, parseUnits('2', 18)]);
  await depositRevenue(operatorIndex, token, parseUnits('700', 6), 7n * DAY);
  await increaseTime(3_600);
  await send(operatorIndex, 'setFrozen', [lost, true]);
  const fromOffering = <T>(functionName: string, args: readonly unknown[], blockNumber?: bigint) =>
    publicClient.readContract({
      address: offering,
      abi: offeringAbi,
      functionName,
      args,
      blockNumber,
    } as never) as Promise<T>;
  const fromToken = <T>(functionName: string, args: readonly unknown[], blockNumber?: bigint) =>
    publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName,
      args,
      blockNumber,
    } as never) as Promise<T>;
  const [escrowed, paid] = await fromOffering<readonly [bigint, bigint]>('purchasedOf', [lost]);
  expect(escrowed).toBe(parseUnits('10', 18));
  expect(await fromOffering<bigint>('escrowRevenueOf', [lost])).toBeGreaterThan(0n);

  await chooseWallet(page, operator);
  await page.goto('/operator');
  await connectWallet(page);
  await page.getByRole('button', { name: 'Sign in with Ethereum' }).click();
  await expect(page.getByTestId('signed-in-as')).toContainText('Signed in as');
  await page.getByTestId(`operator-nav-${clusterId}`).getByRole('link').click();
  await page.getByTestId('operator-tab-investors').click();
  const tab = page.getByTestId('operator-investors');

  // The lost wallet's purchase is read from the offering and offered with the recovery, what moves said first.
  const reason = 'Buyer lost its key before withdrawing; identity re-checked, purchase moved to its new wallet.';
  await tab.getByTestId('intervene-kind-wallet_recovered').check();
  await tab.getByLabel('Lost wallet').fill(lost);
  await tab.getByLabel(/^Replacement wallet/).fill(replacement);
  await tab.getByLabel(/^Reason/).fill(reason);
  await tab.getByLabel('Document address (https:// or ipfs://)').fill('https://example.org/kyc-recheck.pdf');
  await tab.getByLabel(/^SHA-256 of the document/).fill(`0x${'cd'.repeat(32)}`);
  await expect(tab.getByTestId('intervene-move-purchase')).toBeChecked();
  await expect(tab.getByTestId('intervene-purchase-effect')).toContainText('Its purchase of 10 shares');
  await expect(tab.getByTestId('intervene-purchase-effect')).not.toContainText('freeze the lost wallet first');
  await expect(tab.getByTestId('intervene-effect')).toContainText('Moves all 2 shares');
  await expect(tab.getByTestId('intervene-submit')).toHaveText(
    'Record the reason, move its purchase and recover the wallet',
  );
  await tab.getByTestId('intervene-submit').click();
  await expect(tab.getByTestId('intervene-status')).toHaveAttribute('data-step', 'confirmed', { timeout: 30_000 });

  // The chain moved the purchase (escrowed shares, payment, unclaimed escrow revenue) and the wallet's 2 shares.
  const [purchaseMoved] = await publicClient.getContractEvents({
    address: offering,
    abi: offeringAbi,
    eventName: 'PurchaseRecovered',
    args: { lost },
    fromBlock: 0n,
  });
  const at = purchaseMoved!.blockNumber;
  expect(purchaseMoved!.args).toMatchObject({ operator, replacement, shares: escrowed, paid });
  expect(await fromOffering('purchasedOf', [lost], at)).toEqual([0n, 0n]);
  expect(await fromOffering('purchasedOf', [replacement], at)).toEqual([escrowed, paid]);
  expect(await fromOffering<bigint>('escrowRevenueOf', [lost], at)).toBe(0n);
  const movedRevenue = await fromOffering<bigint>('escrowRevenueOf', [replacement], at);
  expect(movedRevenue).toBeGreaterThan(0n);
  // What the tab says the replacement now holds in the escrow is the chain's, at that block, to the base unit.
  await expect(tab.getByTestId('intervene-moved')).toBeVisible();
  expectAmountText((await tab.getByTestId('intervene-moved-shares').textContent())!, escrowed, 18, 'escrowed shares');
  expectAmountText(
    (await tab.getByTestId('intervene-moved-revenue').textContent())!,
    movedRevenue,
    USD_DECIMALS,
    'escrow revenue',
  );
  const [walletMoved] = await publicClient.getContractEvents({
    address: token,
    abi: shareTokenAbi,
    eventName: 'WalletRecovered',
    args: { lost },
    fromBlock: 0n,
  });
  expect(walletMoved!.args.shares).toBe(parseUnits('2', 18));
  expect(await fromToken<bigint>('balanceOf', [lost], walletMoved!.blockNumber)).toBe(0n);

  // Both in the history with the reason, the purchase with what was paid for it.
  const entry = page.getByTestId(`intervention-${purchaseMoved!.transactionHash}`);
  const walletEntry = page.getByTestId(`intervention-${walletMoved!.transactionHash}`);
  // Both once the indexer has mirrored both transactions (they may land in different ranges): the tabs reload the page.
  await expect(async () => {
    await page.getByTestId('operator-tab-overview').click();
    await page.getByTestId('operator-tab-investors').click();
    await expect(entry.getByTestId('intervention-reason')).toContainText(reason, { timeout: 1_000 });
    await expect(walletEntry.getByTestId('intervention-reason')).toContainText(reason, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(entry).toHaveAttribute('data-kind', 'purchase_recovered');
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'operator-investors-purchase');

  await page.goto(`/clusters/${clusterId}`);
  await expect(entry.getByTestId('intervention-reason')).toContainText(reason);
  expectAmountText((await entry.getByTestId('intervention-shares').textContent())!, escrowed, 18, 'shares moved');
  expectAmountText((await entry.getByTestId('intervention-paid').textContent())!, paid, USD_DECIMALS, 'paid');
  await expectAccessible(page);

  // The replacement withdraws what moved: the escrowed shares land beside the 2 recovered ones.
  expect(await fromToken<bigint>('balanceOf', [replacement], walletMoved!.blockNumber)).toBe(parseUnits('2', 18));
  await withdrawShares(replacementIndex, offering);
  expect(await fromToken<bigint>('balanceOf', [replacement])).toBe(parseUnits('2', 18) + escrowed);
  expect(await fromOffering('purchasedOf', [replacement])).toEqual([0n, 0n]);
});
