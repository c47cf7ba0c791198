/**
 * The figure audit (issue 13, point 5): an investor with holdings reads every figure on the portfolio, the passport,
 * the market table, the overview and the matching /api/v1 answers, and each is compared with the chain's view at a
 * pinned block — or with the mirror's aggregate recomputed from the chain's event logs up to the block the mirror has
 * indexed. Texts are parsed at their display precision; raw `data-value` attributes, where a page has them, must match
 * exactly. The Stale scenario (a cluster's reports stop past its heartbeat) is tests/e2e/stale-status.spec.ts.
 */
import { expect, type Page, test } from '@playwright/test';
import { type Address, parseUnits } from 'viem';
import { offeringConstants } from '#contracts';
import { devRoles } from '../../devnet/accounts';
import {
  buyShares,
  buyShareUnits,
  claimRevenue,
  depositRevenue,
  finalizeOffering,
  openOffering,
  publicClient,
  submitReport,
  withdrawShares,
} from './support/chain';
import { chooseWallet, connectWallet } from './support/dev-wallet';
import {
  amountOrNull,
  chainStatus,
  claimableWindow,
  depositLogs,
  expectAmountText,
  expectPercent,
  expectRawValue,
  expectWithin,
  holdersOf,
  networkAt,
  PERCENT_DISPLAY_BPS,
  parseAmount,
  parsePercentBps,
  readFigure,
  reportHour,
  reportLogs,
  revenuePaidTo,
  SHARE_DECIMALS,
  tokenAt,
  trailingAprBps,
  trailingWindow,
  truncate,
  USD_DECIMALS,
} from './support/figures';
import { fullPageShot } from './support/page';
import { TEST_ACCOUNTS } from './support/wallet';

const OPERATOR = devRoles.operators[2]!;
const INVESTOR_INDEX = devRoles.testWallets[0]!;
const SECOND_HOLDER_INDEX = devRoles.testWallets[3]!;
const investor = TEST_ACCOUNTS[0]! as Address;
const MODEL = 'NVIDIA H100 AUDIT';
const LOCATION = 'DE-AUD-01';
// Below the analyst spec's 65 %: its "sorted by utilization" check expects its own cluster first on the shared chain.
const REPORT = { gpuHoursMilli: 6_000n, utilizationBps: 4_250, gpusOnline: 8, revenue: 9_000_000n };

// The tests wait for the mirror to catch up with the scenario.
test.describe.configure({ timeout: 120_000 });

let clusterId: bigint;
let token: Address;
let offering: Address;
/** The block of the scenario's last transaction: the mirror must have reached it before its figures are read. */
let settledBlock: bigint;

test.beforeAll(async () => {
  ({ clusterId, token, offering } = await openOffering(OPERATOR, {
    symbol: 'AUD',
    price: '10',
    supply: '1000',
    gpuModel: MODEL,
    location: LOCATION,
  }));
  await buyShares(INVESTOR_INDEX, offering, 40n);
  // Ten shares and one share-wei: the fraction costs a base unit rounded up, so value locked (Offering.quote(sold))
  // is one unit above what sold × price ÷ 10^18 rounded down would make it.
  await buyShareUnits(SECOND_HOLDER_INDEX, offering, parseUnits('10', SHARE_DECIMALS) + 1n);
  await finalizeOffering(OPERATOR, offering);
  await withdrawShares(INVESTOR_INDEX, offering);
  await withdrawShares(SECOND_HOLDER_INDEX, offering);
  const head = await publicClient.getBlock();
  await submitReport({
    clusterId,
    epoch: (head.timestamp / 3_600n) * 3_600n,
    ...REPORT,
    telemetryRoot: `0x${'a1'.repeat(32)}`,
  });
  await depositRevenue(OPERATOR, token, parseUnits('1000', USD_DECIMALS), 86_400n);
  // One claim already paid, so "earned" must add what was paid to what is claimable.
  settledBlock = (await claimRevenue(INVESTOR_INDEX, token)).blockNumber;
});

/** Reloads until the indexer has mirrored the scenario (the API's report list has its report). */
async function waitForMirror(page: Page) {
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/v1/reports?cluster=${clusterId}`);
        return response.ok() ? ((await response.json()).reports as unknown[]).length : -1;
      },
      { timeout: 30_000 },
    )
    .toBe(1);
  await expect
    .poll(
      async () => {
        await page.goto('/');
        return BigInt((await page.getByTestId('indexed-block').textContent()) ?? '0');
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(settledBlock);
}

test('the portfolio shows the chain’s balance, claimable (within the seconds it extrapolates) and earned', async ({
  page,
}, testInfo) => {
  await chooseWallet(page, investor);
  // The page reads the chain after this block; every second it then adds the holder's share of the stream.
  const pinned = await publicClient.getBlock();
  const openedAt = Date.now();
  await page.goto('/portfolio');
  await connectWallet(page);
  const row = page.getByTestId(`holding-${clusterId}`);
  await expect(row.getByTestId('holding-balance')).toBeVisible();
  // Wait for the page's own clock to tick once, so what it extrapolates is part of what is compared.
  const firstRendered = await row.getByTestId('holding-claimable').getAttribute('data-value');
  await expect.poll(() => row.getByTestId('holding-claimable').getAttribute('data-value')).not.toBe(firstRendered);
  const [balance, claimable, earned] = await row.evaluate((element) =>
    ['holding-balance', 'holding-claimable', 'holding-earned'].map((id) => {
      const cell = element.querySelector(`[data-testid="${id}"]`);
      return { text: (cell?.textContent ?? '').trim(), value: cell?.getAttribute('data-value') ?? null };
    }),
  );
  const elapsedSeconds = BigInt(Math.ceil((Date.now() - openedAt) / 1_000));
  const latest = await publicClient.getBlock();
  await fullPageShot(page, testInfo, 'audit-portfolio');

  const window = await claimableWindow(token, offering, investor, pinned, latest, elapsedSeconds);
  const { position } = window;
  expect.soft(balance!.value).toBe(position.balance.toString());
  expectAmountText(balance!.text, position.balance, SHARE_DECIMALS, 'balance');
  const shownClaimable = BigInt(claimable!.value ?? '-1');
  expectWithin(shownClaimable, window, 'claimable');
  expectAmountText(claimable!.text, shownClaimable, USD_DECIMALS, 'claimable');

  // Earned = what the token and the offering paid the investor + what is claimable now + escrow revenue.
  const paid = await revenuePaidTo(investor, [token, offering], latest.number);
  const shownEarned = BigInt(earned!.value ?? '-1');
  expect
    .soft(shownEarned, 'earned = paid + the claimable shown beside it')
    .toBe(paid + shownClaimable + position.escrowRevenue);
  const beyondClaimable = paid + position.escrowRevenue;
  expectWithin(
    shownEarned,
    { ...window, min: window.min + beyondClaimable, max: window.max + beyondClaimable },
    'earned',
  );
  expectAmountText(earned!.text, BigInt(earned!.value ?? '-1'), USD_DECIMALS, 'earned');
});

test('the passport shows the chain’s status, sale, price, stream rate, value locked as Offering.quote and the mirror’s holders and APR (review: value locked rounding)', async ({
  page,
}, testInfo) => {
  await waitForMirror(page);
  await page.goto(`/clusters/${clusterId}`);
  const figures = Object.fromEntries(
    await Promise.all(
      [
        'cluster-status',
        'offering-sold',
        'offering-raised',
        'figure-price',
        'figure-stream-rate',
        'figure-total-deposited',
        'holder-count',
        'figure-value-locked',
        'figure-cluster-apr',
      ].map(async (id) => [id, await readFigure(page.getByTestId(id))] as const),
    ),
  );
  const head = await publicClient.getBlock();
  await fullPageShot(page, testInfo, 'audit-passport');
  const sale = await tokenAt(token, offering, head.number);

  expect.soft(figures['cluster-status']!.text).toBe(await chainStatus(clusterId, head.number));
  const [sold, supply] = figures['offering-sold']!.text.split('/');
  expectAmountText(sold!, sale.sold, SHARE_DECIMALS, 'sold');
  expectAmountText(supply!, sale.totalSupply, SHARE_DECIMALS, 'supply');
  expectRawValue(figures['offering-sold']!, sale.sold, 'sold');
  expectAmountText(figures['offering-raised']!.text, sale.raised, USD_DECIMALS, 'raised');
  expectRawValue(figures['offering-raised']!, sale.raised, 'raised');
  expectAmountText(figures['figure-price']!.text, sale.pricePerShare, USD_DECIMALS, 'price');
  expectRawValue(figures['figure-price']!, sale.pricePerShare, 'price');
  expectAmountText(figures['figure-total-deposited']!.text, sale.totalDeposited, USD_DECIMALS, 'total deposited');
  expectRawValue(figures['figure-total-deposited']!, sale.totalDeposited, 'total deposited');

  // Base units per day = rate per second × 86,400 / RATE_SCALE, the scale read from the token itself.
  const perDay = (sale.stream.ratePerSecond * 86_400n) / sale.rateScale;
  expectAmountText(figures['figure-stream-rate']!.text, perDay, USD_DECIMALS, 'rate per day');
  expectRawValue(figures['figure-stream-rate']!, perDay, 'rate per day');

  const holders = await holdersOf(token, offering, head.number);
  expect.soft(amountOrNull(figures['holder-count']!.text, 0), 'holders').toBe(BigInt(holders));
  expectRawValue(figures['holder-count']!, holders, 'holders');
  // Value locked is the Offering's own quote of the shares sold (review: floor instead of quote); the scenario's
  // fractional share makes the two roundings differ, so a floor on the page is caught.
  expect(sale.valueLocked).toBe((sale.sold * sale.pricePerShare) / offeringConstants.SHARE_UNIT + 1n);
  expectAmountText(figures['figure-value-locked']!.text, sale.valueLocked, USD_DECIMALS, 'value locked');
  expectRawValue(figures['figure-value-locked']!, sale.valueLocked, 'value locked');
  const window = trailingWindow(head.timestamp);
  const deposited = (await depositLogs(token, head.number))
    .filter((deposit) => window.hasDeposit(deposit.blockTime))
    .reduce((sum, deposit) => sum + deposit.amount, 0n);
  expectPercent(
    figures['figure-cluster-apr']!,
    trailingAprBps(deposited, sale.totalSupply, sale.pricePerShare, window.seconds)!,
    'APR',
  );
});

test('the market row and the /api/v1 answers agree with the chain and its event logs', async ({ page }, testInfo) => {
  await waitForMirror(page);
  const head = await publicClient.getBlock();
  const sale = await tokenAt(token, offering, head.number);
  const reports = await reportLogs(head.number, clusterId);
  // The 30-day figures cover the 30 UTC days ending with the chain time's day, today included.
  const window = trailingWindow(head.timestamp);
  const windowReports = reports.filter((report) => window.hasReport(report.epoch));
  const deposits = await depositLogs(token, head.number);
  const deposited = deposits
    .filter((deposit) => window.hasDeposit(deposit.blockTime))
    .reduce((sum, deposit) => sum + deposit.amount, 0n);
  const aprBps = trailingAprBps(deposited, sale.totalSupply, sale.pricePerShare, window.seconds)!;
  const utilizationBps =
    windowReports.length > 0
      ? Math.round(windowReports.reduce((sum, report) => sum + report.utilizationBps, 0) / windowReports.length)
      : null;
  const soldBps = Number((sale.sold * 10_000n) / sale.totalSupply);
  const status = await chainStatus(clusterId, head.number);

  await page.goto(`/clusters?model=${encodeURIComponent(MODEL)}`);
  const row = page.getByTestId(`cluster-row-${clusterId}`);
  await expect.soft(row.getByTestId('market-status')).toHaveText(status);
  await fullPageShot(page, testInfo, 'audit-market');
  expectPercent(await readFigure(row.getByTestId('market-utilization')), utilizationBps, 'market utilization');
  expectPercent(await readFigure(row.getByTestId('market-apr')), aprBps, 'market APR');
  expectPercent(await readFigure(row.getByTestId('market-sold')), soldBps, 'market sold');
  const price = await readFigure(row.getByTestId('market-price'));
  expectAmountText(price.text, sale.pricePerShare, USD_DECIMALS, 'market price');
  expectRawValue(price, sale.pricePerShare, 'market price');

  const one = await (await page.request.get(`/api/v1/clusters/${clusterId}`)).json();
  expect.soft(one.cluster).toMatchObject({
    clusterId: clusterId.toString(),
    gpuModel: MODEL,
    location: LOCATION,
    supply: sale.totalSupply.toString(),
    pricePerShare: sale.pricePerShare.toString(),
    sharesSold: sale.sold.toString(),
    soldBps,
    utilizationBps,
    revenueReported30d: windowReports.reduce((sum, report) => sum + report.revenue, 0n).toString(),
    revenueDeposited30d: deposited.toString(),
    trailingAprBps: aprBps,
  });
  expect.soft(String(one.cluster.status).toLowerCase()).toBe(status.toLowerCase());
  expect.soft(one.holders.count).toBe(await holdersOf(token, offering, head.number));
  expect.soft(one.investment.valueLocked, 'value locked = Offering.quote(sold)').toBe(sale.valueLocked.toString());
  const listed = await (await page.request.get(`/api/v1/clusters?model=${encodeURIComponent(MODEL)}`)).json();
  expect.soft(listed.clusters).toContainEqual(one.cluster);

  // Each report as the registry logged it, and its hour of the cluster's series: utilization and GPU-hours.
  const expectedReports = reports.map((report) => ({
    clusterId: clusterId.toString(),
    epoch: report.epoch.toString(),
    gpuHoursMilli: report.gpuHoursMilli.toString(),
    utilizationBps: report.utilizationBps,
    gpusOnline: report.gpusOnline,
    revenue: report.revenue.toString(),
    telemetryRoot: report.telemetryRoot,
    transactionHash: report.log.transactionHash,
    blockNumber: report.log.blockNumber.toString(),
  }));
  const api = await (await page.request.get(`/api/v1/reports?cluster=${clusterId}`)).json();
  expect.soft(api.reports).toEqual(expectedReports.map((report) => expect.objectContaining(report)));
  expect.soft(one.reports).toEqual(expectedReports.map((report) => expect.objectContaining(report)));
  const series = await (
    await page.request.get(`/api/v1/series?scope=cluster&key=${clusterId}&granularity=hour`)
  ).json();
  for (const report of reports) {
    const bucket = reportHour(report.epoch);
    expect.soft(series.points).toContainEqual(
      expect.objectContaining({
        bucket,
        reports: 1,
        utilizationBps: report.utilizationBps,
        gpuHoursMilli: report.gpuHoursMilli.toString(),
        revenueReported: report.revenue.toString(),
      }),
    );
  }
  const depositedInSeries = (series.points as { revenueDeposited: string }[]).reduce(
    (sum, point) => sum + BigInt(point.revenueDeposited),
    0n,
  );
  expect.soft(depositedInSeries).toBe(deposited);
});

test('the overview’s network figures equal the chain recomputed at the block the mirror has indexed', async ({
  page,
}, testInfo) => {
  await waitForMirror(page);
  // The figures are cached for a moment and the demo keeps reporting: reload until one rendering agrees with the
  // chain at the indexed block it names (a wrong formula never converges).
  let mismatch: string[] = ['not read yet'];
  await expect
    .poll(
      async () => {
        await page.goto('/');
        const indexed = BigInt((await page.getByTestId('indexed-block').textContent()) ?? '0');
        const [gpus, tvl, revenue, utilization, apr] = await Promise.all(
          ['figure-gpus', 'figure-tvl', 'figure-revenue', 'figure-utilization', 'figure-apr'].map((id) =>
            readFigure(page.getByTestId(id)),
          ),
        );
        const network = await networkAt(indexed);
        mismatch = [];
        const check = (ok: boolean, what: string) => ok || mismatch.push(what);
        check(Number(parseAmount(gpus!.text, 0)) === network.gpus, `GPUs ${gpus!.text} vs ${network.gpus}`);
        check(
          parseAmount(tvl!.text, USD_DECIMALS) === truncate(network.valueLocked, USD_DECIMALS, 2),
          `value locked ${tvl!.text} vs ${network.valueLocked}`,
        );
        check(
          parseAmount(revenue!.text, USD_DECIMALS) === truncate(network.revenue, USD_DECIMALS, 2),
          `revenue ${revenue!.text} vs ${network.revenue}`,
        );
        check(
          network.utilizationBps !== null &&
            Math.abs(parsePercentBps(utilization!.text) - network.utilizationBps) <= PERCENT_DISPLAY_BPS,
          `utilization ${utilization!.text} vs ${network.utilizationBps} bps`,
        );
        check(
          network.aprBps !== null && Math.abs(parsePercentBps(apr!.text) - network.aprBps) <= PERCENT_DISPLAY_BPS,
          `APR ${apr!.text} vs ${network.aprBps} bps`,
        );
        return mismatch;
      },
      { timeout: 45_000, intervals: [1_000] },
    )
    .toEqual([]);
  await fullPageShot(page, testInfo, 'audit-overview');
});
