/**
 * A newcomer buys into the demo's open offering and claims (issue 15, Tests): a dev wallet nobody has used starts at
 * the front door with no wallet extension and no test dollars, takes test dollars from the faucet on /status, finds
 * the demo's open offering through the market's own filter and links, buys through the cluster page, sees its
 * purchase in escrow on the portfolio, and — once the sale is settled — withdraws its shares and claims its revenue.
 * Every figure it sees is compared with the chain's; axe runs on every page it visits.
 *
 * A buyer earns nothing while the sale is open (IOffering: until the sale is decided all revenue is the operator's),
 * so there is nothing to claim before settlement. The demo's open offering sells 35 % against a soft cap of 50 %
 * (demo/roles.ts): another untouched wallet buys up to the soft cap and the cluster's operator closes the sale early,
 * as operator-settlement.spec's operator may, both as chain calls (the operator's own journey is that spec's). This
 * spec therefore settles the demo's open sale: it runs after demo.spec, the only spec that counts the demo's states.
 */
import { expect, type Page, test } from '@playwright/test';
import { type Address, parseEventLogs } from 'viem';
import {
  clusterRegistryAbi,
  offeringAbi,
  offeringConstants,
  offeringPhase,
  rackshareFactoryAbi,
  shareTokenAbi,
} from '#contracts';
import { formatUsd } from '../../app/lib/format';
import { en } from '../../app/locales/en';
import { demoRoleOf } from '../../demo/roles';
import { devAccount, devRoles } from '../../devnet/accounts';
import { demoKeyOfMetadataUri } from '../../oracle/simulator/metadata';
import {
  buyShareUnits,
  deployment,
  depositRevenue,
  finalizeOffering,
  increaseTime,
  publicClient,
  stablecoinBalance,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import { claimableWindow, expectWithin, readFigures, USD_DECIMALS } from './support/figures';
import { expectAccessible, fullPageShot, waitForHydration } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

// TEST_ACCOUNTS[24] and [25] are this spec's: the newcomer, and the buyer that takes the sale to its soft cap.
const newcomer = TEST_ACCOUNTS[25]! as Address;
const TOP_UP_INDEX = devRoles.testWallets[24]!;
const SHARE = offeringConstants.SHARE_UNIT;
/** What the newcomer buys: whole shares, well inside one faucet mint at the demo's prices (checked below). */
const SHARES = 10n;

/** The demo's open offering, found as demo.spec finds the demo's clusters: by the metadata URI the demo registers. */
async function demoOpenOffering() {
  const { clusterRegistry: registry, factory } = deployment().contracts;
  const count = await publicClient.readContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'clusterCount',
  });
  const open: { id: bigint; location: string }[] = [];
  for (let id = 1n; id <= count; id++) {
    const info = await publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [id],
    });
    const key = demoKeyOfMetadataUri(info.metadataURI);
    if (key !== undefined && demoRoleOf(key) === 'open') open.push({ id, location: info.location });
  }
  expect(open, 'the demo has one open offering').toHaveLength(1);
  const { id, location } = open[0]!;
  const [token, offering, operator] = await Promise.all([
    publicClient.readContract({ address: factory, abi: rackshareFactoryAbi, functionName: 'tokenOf', args: [id] }),
    publicClient.readContract({ address: factory, abi: rackshareFactoryAbi, functionName: 'offeringOf', args: [id] }),
    publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'operatorOf', args: [id] }),
  ]);
  const operatorIndex = devRoles.operators.find((index) => devAccount(index).address === operator);
  expect(operatorIndex, 'the demo cluster’s operator is a demo operator').toBeDefined();
  return { id, location, token, offering, operatorIndex: operatorIndex! };
}

const readOffering = <T>(offering: Address, functionName: string, args: readonly unknown[] = []) =>
  publicClient.readContract({ address: offering, abi: offeringAbi, functionName, args } as never) as Promise<T>;

/** The chain's transaction behind the portfolio's status line, once confirmed. */
async function portfolioReceipt(page: Page) {
  await expect(page.getByTestId('portfolio-status')).toHaveAttribute('data-step', 'confirmed');
  const href = await page.getByTestId('portfolio-status-link').getAttribute('href');
  return publicClient.getTransactionReceipt({ hash: href!.slice('/tx/'.length) as `0x${string}` });
}

/** The state just before `receipt`'s transaction, at its block's time (the chain mines one transaction per block). */
async function justBefore(receipt: { blockNumber: bigint }) {
  const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  expect(block.transactions).toHaveLength(1);
  return { blockNumber: receipt.blockNumber - 1n, blockOverrides: { time: block.timestamp } } as const;
}

async function openPortfolioFresh(page: Page) {
  await page.goto('/portfolio');
  await connectWallet(page);
}

test('a newcomer buys into the demo’s open offering through the pages, and claims once the sale is settled', async ({
  page,
}, testInfo) => {
  // Several pages, a purchase, a settlement, a withdrawal, a deposit and a claim on the shared chain.
  test.slow();
  const demo = await demoOpenOffering();
  expect(await readOffering<number>(demo.offering, 'phase')).toBe(offeringPhase.Open);
  // Untouched: no test dollars, no purchase, no shares.
  expect(await stablecoinBalance(newcomer)).toBe(0n);
  expect(await readOffering<readonly bigint[]>(demo.offering, 'purchasedOf', [newcomer])).toEqual([0n, 0n]);
  const symbol = await publicClient.readContract({ address: demo.token, abi: shareTokenAbi, functionName: 'symbol' });

  // The front door, without a wallet.
  await chooseWallet(page, newcomer);
  await page.goto('/');
  await waitForHydration(page);
  await expectAccessible(page);

  // Test dollars: the faucet on /status (the footer's link), after connecting the development wallet there.
  await page.getByRole('link', { name: en.home.statusLink }).click();
  await expect(page).toHaveURL(/\/status$/);
  await connectWallet(page);
  await page.getByRole('button', { name: en.overview.mint }).click();
  await expect(page.getByTestId('receipt-status')).toHaveText('success');
  const minted = await stablecoinBalance(newcomer);
  expect(minted).toBeGreaterThan(0n);
  await expect(page.getByTestId('wallet-balance')).toHaveAttribute('data-value', minted.toString());
  await expectAccessible(page);

  const nav = page.getByRole('navigation', { name: en.nav.label });
  // What the offering needs of a buyer, from the portfolio's standing table (nothing held yet): the demo never turns
  // the allowlist on (demo/setup.ts), so a purchase to this wallet goes through without verification — as the chain says.
  await nav.getByRole('link', { name: en.nav.portfolio }).click();
  await expect(page.getByTestId('portfolio-empty')).toBeVisible();
  const standing = page.getByTestId(`verification-${demo.id}`);
  const allowlist = await publicClient.readContract({
    address: demo.token,
    abi: shareTokenAbi,
    functionName: 'allowlistEnabled',
  });
  expect(allowlist).toBe(false);
  await expect(standing.getByTestId('allowlist')).toHaveAttribute('data-value', String(allowlist));
  const [accepted] = await publicClient.readContract({
    address: demo.token,
    abi: shareTokenAbi,
    functionName: 'canTransfer',
    args: [demo.offering, newcomer, SHARES * SHARE],
  });
  expect(accepted).toBe(true);
  await expect(standing.getByTestId('incoming')).toHaveAttribute('data-reason', '');
  await expectAccessible(page);

  // The market: filtered to the cluster's location, its row says the sale is open; its link leads to the cluster page.
  await nav.getByRole('link', { name: en.nav.market }).click();
  const filters = page.getByRole('form', { name: en.market.filters });
  await filters.getByLabel(en.market.location).selectOption(demo.location);
  await filters.getByRole('button', { name: en.market.apply }).click();
  await expect(page).toHaveURL(/location=/);
  const row = page.getByTestId(`cluster-row-${demo.id}`);
  await expect(row.getByTestId('market-phase')).toHaveAttribute('data-value', 'Open');
  await expect(row.getByTestId('market-status')).toHaveAttribute('data-value', 'attested');
  await expectAccessible(page);
  await row.getByRole('link', { name: `#${demo.id}` }).click();
  await expect(page).toHaveURL(new RegExp(`/clusters/${demo.id}$`));

  // Buy through the cluster page: the cost shown is the offering's own quote.
  await expect(page.getByTestId('offering-phase')).toHaveAttribute('data-value', 'Open');
  const cost = await readOffering<bigint>(demo.offering, 'quote', [SHARES * SHARE]);
  expect(cost).toBeLessThanOrEqual(minted);
  await page.getByLabel(en.buy.amount).fill(SHARES.toString());
  await expect(page.getByTestId('buy-cost')).toHaveText(formatUsd(cost, USD_DECIMALS, 'en', 6));
  await page.getByRole('button', { name: en.buy.submit, exact: true }).click();
  await expect(page.getByTestId('buy-status')).toHaveAttribute('data-step', 'confirmed');
  expect(await readOffering<readonly bigint[]>(demo.offering, 'purchasedOf', [newcomer])).toEqual([
    SHARES * SHARE,
    cost,
  ]);
  expect(await stablecoinBalance(newcomer)).toBe(minted - cost);
  const sold = await readOffering<bigint>(demo.offering, 'sold');
  await expect(page.getByTestId('offering-sold')).toHaveAttribute('data-value', sold.toString());
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'newcomer-bought');

  // The portfolio: the purchase in escrow, and nothing earned yet — the chain's figures.
  await nav.getByRole('link', { name: en.nav.portfolio }).click();
  const holding = page.getByTestId(`holding-${demo.id}`);
  await expect(holding.getByTestId('holding-escrowed')).toHaveAttribute('data-value', (SHARES * SHARE).toString());
  const [claimableOpen, escrowOpen] = await Promise.all([
    publicClient.readContract({ address: demo.token, abi: shareTokenAbi, functionName: 'claimable', args: [newcomer] }),
    readOffering<bigint>(demo.offering, 'escrowRevenueOf', [newcomer]),
  ]);
  expect([claimableOpen, escrowOpen]).toEqual([0n, 0n]);
  await expect(holding.getByTestId('holding-claimable')).toHaveAttribute('data-value', claimableOpen.toString());
  await expect(holding.getByTestId('holding-earned')).toHaveAttribute('data-value', escrowOpen.toString());
  await expectAccessible(page);

  // The sale settles: another wallet buys up to the soft cap and the operator closes the sale early.
  const terms = await readOffering<{ softCap: bigint }>(demo.offering, 'terms');
  const missing = terms.softCap - (await readOffering<bigint>(demo.offering, 'sold'));
  if (missing > 0n) await buyShareUnits(TOP_UP_INDEX, demo.offering, missing);
  await finalizeOffering(demo.operatorIndex, demo.offering);
  expect(await readOffering<number>(demo.offering, 'phase')).toBe(offeringPhase.Finalized);

  // Withdraw the shares from the portfolio: exactly the purchase, with the escrow revenue the chain owed then.
  await openPortfolioFresh(page);
  await expect(holding.getByTestId('holding-escrowed')).toHaveAttribute('data-value', (SHARES * SHARE).toString());
  await holding.getByRole('button', { name: en.portfolio.withdraw, exact: true }).click();
  const withdrawal = await portfolioReceipt(page);
  const [withdrawn] = parseEventLogs({ abi: offeringAbi, logs: withdrawal.logs, eventName: 'SharesWithdrawn' });
  const owedInEscrow = await publicClient.readContract({
    address: demo.offering,
    abi: offeringAbi,
    functionName: 'escrowRevenueOf',
    args: [newcomer],
    ...(await justBefore(withdrawal)),
  });
  expect(withdrawn!.args).toEqual({
    buyer: newcomer,
    recipient: newcomer,
    shares: SHARES * SHARE,
    revenue: owedInEscrow,
  });
  await expect(holding.getByTestId('holding-balance')).toHaveAttribute('data-value', (SHARES * SHARE).toString());
  expect(
    await publicClient.readContract({
      address: demo.token,
      abi: shareTokenAbi,
      functionName: 'balanceOf',
      args: [newcomer],
    }),
  ).toBe(SHARES * SHARE);

  // Revenue streams in (the operator's deposit over a day) and the chain's clock moves an hour.
  await depositRevenue(demo.operatorIndex, demo.token, 240n * 10n ** BigInt(USD_DECIMALS), 86_400n);
  await increaseTime(3_600);
  const pinned = await publicClient.getBlock();
  const openedAt = Date.now();
  await openPortfolioFresh(page);
  await expect(holding.getByTestId('holding-claimable')).toBeVisible();
  const shown = await readFigures(holding, ['holding-claimable']);
  expectWithin(
    BigInt(shown['holding-claimable']!.value!),
    await claimableWindow(
      demo.token,
      demo.offering,
      newcomer,
      pinned,
      await publicClient.getBlock(),
      BigInt(Math.ceil((Date.now() - openedAt) / 1_000)),
    ),
    'claimable',
  );
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'newcomer-claimable');

  // Claim: exactly the token's claimable at the claim, and the stablecoin balance grows by exactly that.
  const before = await stablecoinBalance(newcomer);
  await holding.getByRole('button', { name: new RegExp(`^${en.portfolio.claim} ${symbol}$`) }).click();
  const claim = await portfolioReceipt(page);
  const [claimed] = parseEventLogs({ abi: shareTokenAbi, logs: claim.logs, eventName: 'Claimed' });
  const owed = await publicClient.readContract({
    address: demo.token,
    abi: shareTokenAbi,
    functionName: 'claimable',
    args: [newcomer],
    ...(await justBefore(claim)),
  });
  expect(owed).toBeGreaterThan(0n);
  expect(claimed!.args).toEqual({ account: newcomer, recipient: newcomer, amount: owed });
  expect(await stablecoinBalance(newcomer)).toBe(before + owed);
});
