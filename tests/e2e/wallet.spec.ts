/**
 * A newcomer with no wallet extension tries both journeys through the dashboard's development wallet (local chain
 * only): connect, switch to an operator and see its clusters, switch to an investor and see its holdings, every figure
 * compared with the chain. Only the demo's own investor and operator accounts are shown; nothing is sent, so no other
 * spec's account or state is touched.
 */
import { expect, type Page, test } from '@playwright/test';
import { type Address, zeroAddress } from 'viem';
import { clusterRegistryAbi, rackshareFactoryAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import { devAccount, devRoles } from '../../devnet/accounts';
import { deployment, publicClient } from './support/chain';
import { connectWallet } from './support/dev-wallet';
import { expectAccessible, fullPageShot, waitForHydration } from './support/page';

const operator = devAccount(devRoles.operators[0]).address;
const firstInvestor = devAccount(devRoles.investors[0]).address;
const investor = devAccount(devRoles.investors[1]).address;

async function clustersOperatedBy(account: Address): Promise<string[]> {
  const registry = deployment().contracts.clusterRegistry;
  const count = await publicClient.readContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'clusterCount',
  });
  const ids: string[] = [];
  for (let id = 1n; id <= count; id++) {
    const owner = await publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'operatorOf',
      args: [id],
    });
    if (owner === account) ids.push(id.toString());
  }
  return ids;
}

async function shownClusterIds(page: Page): Promise<string[]> {
  const testIds = await page
    .locator('[data-testid^="operator-nav-"]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')!));
  return testIds.map((testId) => testId.slice('operator-nav-'.length)).sort((a, b) => Number(a) - Number(b));
}

/** The wallet menu's balances of the connected account equal the chain's (re-read together until a refresh agrees). */
async function expectBalancesOfChain(page: Page, account: Address) {
  const stablecoin = deployment().contracts.stablecoin;
  await expect
    .poll(
      async () => {
        const [usd, eth, shownUsd, shownEth] = await Promise.all([
          publicClient.readContract({
            address: stablecoin,
            abi: testStablecoinAbi,
            functionName: 'balanceOf',
            args: [account],
          }),
          publicClient.getBalance({ address: account }),
          page.getByTestId('dev-wallet-usd').getAttribute('data-value'),
          page.getByTestId('dev-wallet-eth').getAttribute('data-value'),
        ]);
        return { usd: shownUsd === usd.toString(), eth: shownEth === eth.toString() };
      },
      // The menu re-reads every 15 s; the demo's actors may move a balance in between.
      { timeout: 40_000 },
    )
    .toEqual({ usd: true, eth: true });
}

test('a newcomer without an extension connects the development wallet, acts as an operator, then as an investor', async ({
  page,
}, testInfo) => {
  // No extension and no chosen account: what a first visit to `npm start` looks like.
  await page.goto('/operator');
  await waitForHydration(page);
  const menu = page.getByTestId('wallet-menu');
  await expect(menu.getByRole('button', { name: 'Connect the development wallet' })).toBeVisible();
  await expect(menu).toContainText('Dev wallet · public keys');
  await expect(menu).toContainText("anvil's public test keys");
  // No wallet announced itself and there is no window.ethereum: no dead "Injected" entry.
  await expect(menu.getByRole('button')).toHaveCount(1);
  await expectAccessible(page);

  await connectWallet(page);
  const wallet = page.getByTestId('dev-wallet');
  // A newcomer starts as the demo's first investor.
  await expect(wallet.getByTestId('dev-wallet-role')).toHaveAttribute('data-role', 'investor');
  await expect(wallet.getByTestId('dev-wallet-address')).toHaveAttribute('title', firstInvestor);
  await expectBalancesOfChain(page, firstInvestor);

  // Role switch: the operator page follows the wallet's accountsChanged and lists that account's clusters.
  await wallet.getByLabel('Account').selectOption(operator);
  await expect(wallet.getByTestId('dev-wallet-role')).toHaveAttribute('data-role', 'operator');
  await expect(page).toHaveURL(new RegExp(`operator=${operator}`, 'i'));
  const operated = await clustersOperatedBy(operator);
  expect(operated.length).toBeGreaterThan(0);
  await expect.poll(() => shownClusterIds(page)).toEqual(operated);
  await expectBalancesOfChain(page, operator);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'wallet-menu');

  // The choice survives a reload: the newcomer is still connected, as the same operator.
  await page.reload();
  await expect(page.getByTestId('dev-wallet').getByTestId('dev-wallet-address')).toHaveAttribute('title', operator);
  await expect.poll(() => shownClusterIds(page)).toEqual(operated);

  // Switch to another investor; the portfolio shows its holdings, each equal to the chain's balance.
  await page.getByTestId('dev-wallet').getByLabel('Account').selectOption(investor);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await expect(page.getByTestId('dev-wallet-role')).toHaveAttribute('data-role', 'investor');
  await expect(page.getByTestId('dev-wallet-address')).toHaveAttribute('title', investor);
  // Every cluster where the chain gives it shares has a row with that balance, and every row shows the chain's balance.
  const held = await holdingsOnChain(investor);
  expect(held.size).toBeGreaterThan(0);
  for (const [clusterId, balance] of held)
    await expect(page.getByTestId(`holding-${clusterId}`).getByTestId('holding-balance')).toHaveAttribute(
      'data-value',
      balance.toString(),
    );
  const rows = await page
    .locator('[data-testid^="holding-"]')
    .evaluateAll((nodes) =>
      nodes.map((node) => node.getAttribute('data-testid')!).filter((testId) => /^holding-\d+$/.test(testId)),
    );
  for (const testId of rows) {
    const shown = await page.getByTestId(testId).getByTestId('holding-balance').getAttribute('data-value');
    expect(shown, testId).toBe((held.get(testId.slice('holding-'.length)) ?? 0n).toString());
  }
  await expectBalancesOfChain(page, investor);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'wallet-investor');
});

/** Share balances of `account` on every tokenized cluster where it holds any, by cluster id. */
async function holdingsOnChain(account: Address): Promise<Map<string, bigint>> {
  const { clusterRegistry, factory } = deployment().contracts;
  const count = await publicClient.readContract({
    address: clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: 'clusterCount',
  });
  const held = new Map<string, bigint>();
  for (let id = 1n; id <= count; id++) {
    const token = await publicClient.readContract({
      address: factory,
      abi: rackshareFactoryAbi,
      functionName: 'tokenOf',
      args: [id],
    });
    if (token === zeroAddress) continue;
    const balance = await publicClient.readContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'balanceOf',
      args: [account],
    });
    if (balance > 0n) held.set(id.toString(), balance);
  }
  return held;
}
