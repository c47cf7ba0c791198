/**
 * The front door (/) and the developer's status page (/status), issue 15 point 6. The front door's figures are
 * recomputed from the chain at the block the mirror says it has indexed (the page names it), its best-APR list is
 * compared with the JSON API's market sorted by APR, and /status shows the deployment's chain id and contracts. The
 * spec sends no transaction: it reads the shared chain as the other specs and the demo leave it.
 */
import { expect, type Page, test } from '@playwright/test';
import type { Address } from 'viem';
import { clusterRegistryAbi, rackshareFactoryAbi, shareTokenAbi } from '#contracts';
import { deployment, publicClient } from './support/chain';
import { chainStatus, readFigures, reportLogs } from './support/figures';
import { expectAccessible, fullPageShot, waitForHydration } from './support/page';

test.describe.configure({ timeout: 120_000 });

const FIGURES = [
  'figure-clusters-attested',
  'figure-clusters',
  'figure-gpus-attested',
  'figure-revenue-total',
  'figure-deposited-total',
];

/** What the front door's own figures must be at `blockNumber`, from the chain's state and event logs. */
async function frontDoorAt(blockNumber: bigint) {
  const { clusterRegistry, factory } = deployment().contracts;
  const fromBlock = deployment().deployBlock;
  const registered = await publicClient.getContractEvents({
    address: clusterRegistry,
    abi: clusterRegistryAbi,
    eventName: 'ClusterRegistered',
    fromBlock,
    toBlock: blockNumber,
  });
  let clustersAttested = 0;
  let gpusAttested = 0;
  for (const event of registered) {
    const clusterId = event.args.clusterId!;
    if ((await chainStatus(clusterId, blockNumber)) !== 'Attested') continue;
    const info = await publicClient.readContract({
      address: clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [clusterId],
      blockNumber,
    });
    clustersAttested += 1;
    gpusAttested += info.gpuCount;
  }
  const tokenized = await publicClient.getContractEvents({
    address: factory,
    abi: rackshareFactoryAbi,
    eventName: 'ClusterTokenized',
    fromBlock,
    toBlock: blockNumber,
  });
  const tokens = tokenized.map((event) => (event.args as { token: Address }).token);
  const deposits =
    tokens.length === 0
      ? []
      : await publicClient.getContractEvents({
          address: tokens,
          abi: shareTokenAbi,
          eventName: 'RevenueDeposited',
          fromBlock,
          toBlock: blockNumber,
        });
  deposits.sort((a, b) => Number(b.blockNumber - a.blockNumber) || b.logIndex - a.logIndex);
  const reports = await reportLogs(blockNumber);
  return {
    clusters: registered.length,
    clustersAttested,
    gpusAttested,
    revenueReported: reports.reduce((total, report) => total + report.revenue, 0n),
    revenueDeposited: deposits.reduce((total, deposit) => total + deposit.args.amount!, 0n),
    newestDeposit: deposits[0]?.args.amount ?? null,
  };
}

/** Reloads until one rendering agrees with the chain at the block it names (the demo keeps reporting meanwhile). */
async function expectFiguresMatchTheChain(page: Page) {
  let mismatch: string[] = ['not read yet'];
  await expect
    .poll(
      async () => {
        await page.goto('/');
        const main = page.locator('main');
        const shown = await readFigures(main, [...FIGURES, 'indexed-block']);
        const indexed = BigInt(shown['indexed-block']!.text || '0');
        const newestShown = await page.evaluate(
          () => document.querySelector('[data-testid="latest-deposits"] td.num')?.getAttribute('data-value') ?? null,
        );
        const chain = await frontDoorAt(indexed);
        mismatch = [];
        const check = (what: string, seen: string | null | undefined, expected: bigint | number | null) => {
          if (seen !== (expected === null ? null : expected.toString()))
            mismatch.push(`${what}: ${seen} vs ${expected}`);
        };
        check('clusters attested', shown['figure-clusters-attested']!.value, chain.clustersAttested);
        check('clusters registered', shown['figure-clusters']!.value, chain.clusters);
        check('GPUs attested', shown['figure-gpus-attested']!.value, chain.gpusAttested);
        check('revenue reported', shown['figure-revenue-total']!.value, chain.revenueReported);
        check('revenue deposited', shown['figure-deposited-total']!.value, chain.revenueDeposited);
        check('newest deposit', newestShown, chain.newestDeposit);
        return mismatch;
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toEqual([]);
}

test('the front door explains Rackshare and its figures equal the chain at the indexed block', async ({
  page,
}, testInfo) => {
  await expectFiguresMatchTheChain(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Own a share of a GPU cluster’s rental revenue');
  await expect(page.getByTestId('pitch')).toContainText('Rackshare turns GPU clusters');
  // Attest → tokenize → stream, each step linking to where it can be seen.
  const steps = page.getByTestId('how-steps').getByRole('listitem');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0).getByRole('link')).toHaveAttribute('href', '/analytics');
  // The demo's history has reports, so the newest ones are listed, each linking to its epoch page.
  await expect(page.getByTestId('latest-reports').getByRole('row').first()).toBeVisible();
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'home');
});

test('the best clusters are the market sorted by trailing APR, best first, with their status', async ({ page }) => {
  let mismatch: string[] = ['not read yet'];
  await expect
    .poll(
      async () => {
        await page.goto('/');
        const rows = page.getByTestId('best-cluster');
        const shown = await rows.evaluateAll((elements) =>
          elements.map((row) => ({
            clusterId: row.getAttribute('data-cluster'),
            apr: Number(row.querySelector('[data-testid="best-apr"]')?.getAttribute('data-value')),
            status: row.querySelector('[data-testid="best-status"]')?.getAttribute('data-value'),
          })),
        );
        const api = (await (await page.request.get('/api/v1/clusters?sort=apr&order=desc')).json()) as {
          clusters: { clusterId: string; trailingAprBps: number | null; status: string }[];
        };
        const expected = api.clusters
          .filter((cluster) => cluster.trailingAprBps !== null)
          .slice(0, 5)
          .map((cluster) => ({ clusterId: cluster.clusterId, apr: cluster.trailingAprBps, status: cluster.status }));
        mismatch = [];
        if (JSON.stringify(shown) !== JSON.stringify(expected)) {
          mismatch.push(`shown ${JSON.stringify(shown)} vs API ${JSON.stringify(expected)}`);
        }
        if (shown.length === 0) mismatch.push('no cluster listed (the demo tokenizes several)');
        return mismatch;
      },
      { timeout: 30_000, intervals: [1_000] },
    )
    .toEqual([]);
  const aprs = await page
    .getByTestId('best-apr')
    .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
  expect(aprs).toEqual([...aprs].sort((a, b) => b - a));
  // Each cluster links to its passport.
  const first = page.getByTestId('best-cluster').first();
  await expect(first.getByRole('link')).toHaveAttribute(
    'href',
    `/clusters/${await first.getAttribute('data-cluster')}`,
  );
});

/** Makes the page's tab look hidden or shown again, as switching browser tabs does (and tells the page). */
async function setVisibility(page: Page, state: 'hidden' | 'visible') {
  await page.evaluate((value) => {
    Object.defineProperty(document, 'visibilityState', { value, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

test('the front door follows the chain while shown and asks the server nothing from a background tab', async ({
  page,
}) => {
  const loads: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('.data')) loads.push(request.url());
  });
  await page.goto('/');
  await waitForHydration(page);
  // Shown: the loaders re-run every 5 seconds.
  await expect.poll(() => loads.length, { timeout: 15_000 }).toBeGreaterThan(0);
  await setVisibility(page, 'hidden');
  await page.waitForTimeout(1_000);
  const whileHidden = loads.length;
  // Two refresh periods in the background: not one request.
  await page.waitForTimeout(11_000);
  expect(loads.length).toBe(whileHidden);
  // Shown again: it refreshes at once, not at the next tick.
  await setVisibility(page, 'visible');
  await expect.poll(() => loads.length, { timeout: 2_000 }).toBeGreaterThan(whileHidden);
});

test('the status page shows the chain id and the deployment’s contracts, linked from every footer', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await page
    .getByRole('contentinfo')
    .getByRole('link', { name: /Network status/ })
    .click();
  await expect(page).toHaveURL(/\/status$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Network status');
  await expect(page.getByTestId('chain-id')).toHaveText(String(await publicClient.getChainId()));
  const contracts = Object.entries(deployment().contracts).filter(([, address]) => address);
  expect(contracts.length).toBeGreaterThan(0);
  for (const [name, address] of contracts) {
    await expect(page.getByTestId(`contract-${name}`)).toHaveText(address as string);
  }
  await expect(page.getByTestId('indexed-block')).toHaveText(/^\d+$/);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'status');
});
