import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { type Address, keccak256, parseUnits, stringToBytes } from 'viem';
import { shareTokenAbi } from '#contracts';
import { depositRevenue, openOffering, publicClient, submitReport } from './support/chain';
import { payoutFromChain, reportHour, reportLogs, USD_DECIMALS } from './support/figures';
import { fullPageShot, watchPageErrors } from './support/page';
import { ANVIL_RPC_URL } from './support/wallet';

/** The documented verification command (docs/formats.md "Epoch export"), run as an analyst would. */
function verifyExport(file: string) {
  return spawnSync('npx', ['tsx', 'oracle/export/cli.ts', '--file', file, '--rpc', ANVIL_RPC_URL], {
    encoding: 'utf8',
  });
}

const MODEL = 'NVIDIA L40S E2E';
const LOCATION = 'SG-E2E-01';
const OPERATOR = 2;
let clusterId: bigint;
let token: Address;
let epoch: bigint;

test.beforeAll(async () => {
  ({ clusterId, token } = await openOffering(OPERATOR, { gpuModel: MODEL, location: LOCATION }));
  const head = await publicClient.getBlock();
  epoch = (head.timestamp / 3_600n) * 3_600n;
  // 4 GPU-hours earning 7 USD: 1.75 USD per GPU-hour, 65 % utilization.
  await submitReport({
    clusterId,
    epoch,
    gpuHoursMilli: 4_000n,
    utilizationBps: 6_500,
    gpusOnline: 8,
    revenue: 7_000_000n,
    telemetryRoot: keccak256(stringToBytes(`e2e/${clusterId}/${epoch}`)),
  });
});

/** Reloads until the indexer has mirrored the report (the analytics read the database, not the chain). */
async function openWhenIndexed(page: Page, path: string) {
  await expect
    .poll(
      async () => {
        await page.goto(path);
        return page.getByRole('link', { name: `#${clusterId}`, exact: true }).count();
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0);
}

async function downloadText(page: Page, testId: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync((await download.path())!, 'utf8');
}

test('an analyst changes range and grouping and downloads the charts as CSV', async ({ page }, testInfo) => {
  const problems = watchPageErrors(page);
  await openWhenIndexed(page, '/analytics');
  await expect(page.getByTestId('analytics-window')).toHaveAttribute('data-granularity', 'day');
  await page.getByTestId('analytics-range').selectOption('7d');
  await page.getByTestId('analytics-group').selectOption('gpu_model');
  await page.getByLabel('Cloud reference (USD per GPU-hour)').fill('3.10');
  await page.getByTestId('analytics-apply').click();
  await expect(page).toHaveURL(/range=7d/);
  await expect(page).toHaveURL(/group=gpu_model/);
  await expect(page.getByTestId('analytics-window')).toHaveAttribute('data-granularity', 'hour');
  await expect(page.getByTestId('chart-utilization').locator('canvas')).toBeVisible();
  await fullPageShot(page, testInfo, 'analytics-7d-by-model');

  const utilization = await downloadText(page, 'chart-utilization-csv');
  const lines = utilization.trim().split('\r\n');
  expect(lines[0]).toBe('bucket,group,reports,utilization_pct');
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T\\d{2},${MODEL},1,65\\.00$`)));

  const perGpuHour = await downloadText(page, 'chart-revenue-per-gpu-hour-csv');
  expect(perGpuHour.split('\r\n')[0]).toBe(
    'bucket,group,gpu_hours,revenue_reported_usd,revenue_per_gpu_hour_usd,reference_usd',
  );
  expect(perGpuHour).toMatch(new RegExp(`,${MODEL},4,7,1\\.75,3\\.10\\r\\n`));

  await page.getByTestId('analytics-group').selectOption('location');
  await page.getByTestId('analytics-apply').click();
  await expect(page).toHaveURL(/group=location/);
  const byLocation = await downloadText(page, 'chart-utilization-csv');
  expect(byLocation).toContain(`,${LOCATION},1,65.00`);
  expect(problems).toEqual([]);
});

test('the market table sorts and filters through linkable parameters', async ({ page }, testInfo) => {
  await page.goto(`/clusters?model=${encodeURIComponent(MODEL)}`);
  await expect(page.getByTestId(`cluster-row-${clusterId}`)).toContainText('65');
  await expect(page.getByTestId('market-total')).toHaveText('1 clusters');
  await page.goto('/clusters');
  await page.getByTestId('sort-utilization').click();
  await expect(page).toHaveURL(/sort=utilization/);
  await expect(page.locator('tbody tr').first()).toHaveAttribute('data-testid', `cluster-row-${clusterId}`);
  await fullPageShot(page, testInfo, 'market-sorted');
  const invalid = await page.goto('/clusters?sort=color');
  expect(invalid?.status()).toBe(400);
  await expect(page.getByTestId('error-page')).toHaveAttribute('data-status', '400');
});

test('the passport shows attestations with signers, its utilization chart and links to sources', async ({
  page,
}, testInfo) => {
  await page.goto(`/clusters/${clusterId}`);
  await expect(page.getByTestId('attestation-history')).toContainText(/signed by 0x/);
  await expect(page.getByTestId('attestation-history').getByRole('link').first()).toHaveAttribute(
    'href',
    /^\/tx\/0x[0-9a-f]{64}$/,
  );
  await expect(page.getByTestId('report-sources').getByRole('link', { name: 'View transaction' })).toHaveAttribute(
    'href',
    /^\/tx\/0x[0-9a-f]{64}$/,
  );
  await page.getByTestId('util-hour').click();
  await expect(page).toHaveURL(/util=hour/);
  // One point per hour the mirror holds figures for: the hours of this cluster's reports on the chain (no deposits).
  const hours = new Set(
    (await reportLogs(await publicClient.getBlockNumber(), clusterId)).map((r) => reportHour(r.epoch)),
  );
  await expect(page.getByTestId('passport-utilization-chart')).toHaveAttribute('data-points', String(hours.size));
  await fullPageShot(page, testInfo, 'passport-analytics');
});

test('the passport’s payout card shows the chain’s reported revenue and deposits over its window (review: payout card)', async ({
  page,
}, testInfo) => {
  // The operator pays the holders' part of the reported 7 USD: deposits are current, so no "stopped paying" warning.
  await depositRevenue(OPERATOR, token, parseUnits('3', USD_DECIMALS), 86_400n);
  const head = await publicClient.getBlock();
  const totalDeposited = await publicClient.readContract({
    address: token,
    abi: shareTokenAbi,
    functionName: 'totalDeposited',
    blockNumber: head.number,
  });
  // The mirror catches up with the deposit: reload until the card agrees with the chain over the window it names
  // (its weeks, the newest ending on the page's chain day), each figure's raw value compared with the event logs.
  let expected = { reported: -1n, deposited: -1n };
  await expect
    .poll(
      async () => {
        await page.goto(`/clusters/${clusterId}`);
        const weeks = await page
          .getByTestId('reconciliation')
          .locator('tr[data-week]')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-week') ?? ''));
        if (weeks.length === 0) return 'no weekly rows';
        // YYYY-MM-DD sorts as it reads.
        const [from, newest] = [weeks.toSorted()[0]!, weeks.toSorted().at(-1)!];
        const to = new Date(Date.parse(`${newest}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
        expected = await payoutFromChain(clusterId, token, head.number, from, to);
        const shown = await Promise.all(
          ['figure-payout-reported', 'figure-payout-deposited'].map((id) =>
            page.getByTestId(id).getAttribute('data-value'),
          ),
        );
        return { reported: shown[0], deposited: shown[1], expected: [expected.reported, expected.deposited].join() };
      },
      { timeout: 30_000 },
    )
    .toEqual({
      reported: expect.any(String),
      deposited: totalDeposited.toString(),
      expected: expect.any(String),
    });
  expect(await page.getByTestId('figure-payout-reported').getAttribute('data-value')).toBe(
    expected.reported.toString(),
  );
  expect(await page.getByTestId('figure-payout-deposited').getAttribute('data-value')).toBe(
    expected.deposited.toString(),
  );
  // This cluster's only report and only deposit both fall in the window: 7 USD reported, 3 USD deposited.
  expect(expected).toEqual({ reported: 7_000_000n, deposited: totalDeposited });
  await expect(page.getByTestId('figure-payout-reported')).toContainText('7.00');
  await expect(page.getByTestId('figure-payout-deposited')).toContainText('3.00');
  await expect(page.getByTestId('payout-stopped')).toHaveCount(0);
  await fullPageShot(page, testInfo, 'passport-payout');
});

test('an epoch the oracle committee never saw cannot be exported (503), but its on-chain root is shown', async ({
  page,
  request,
}, testInfo) => {
  const response = await page.goto(`/analytics/epochs/${clusterId}/${epoch}`);
  expect(response?.status()).toBe(503);
  await expect(page.getByTestId('oracle-unreachable')).toContainText('Oracle node unreachable');
  await expect(page.getByTestId('epoch-root')).toHaveText(keccak256(stringToBytes(`e2e/${clusterId}/${epoch}`)));
  await fullPageShot(page, testInfo, 'epoch-export-unreachable');
  const api = await request.get(`/api/v1/clusters/${clusterId}/epochs/${epoch}/samples`);
  expect(api.status()).toBe(503);
  expect((await api.json()).error.code).toBe('unavailable');
});

test('an analyst downloads a demo epoch with Merkle proofs and verifies it against the chain', async ({
  page,
  request,
}, testInfo) => {
  // Cluster 1 belongs to the demo: its reports came from simulator telemetry through the agent and the oracle committee.
  const listed = await request.get('/api/v1/reports?cluster=1&limit=50');
  expect(listed.status()).toBe(200);
  const reports = (await listed.json()).reports as { epoch: string; utilizationBps: number }[];
  // A busy hour of the history: it has a reading per GPU (an idle or dark epoch could have none).
  const busy = reports.find((report) => report.utilizationBps > 0);
  expect(busy).toBeDefined();

  await page.goto(`/analytics/epochs/1/${busy!.epoch}`);
  await expect(page.getByTestId('epoch-sample-count')).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('epoch-export').click()]);
  const file = testInfo.outputPath('epoch-export.json');
  await download.saveAs(file);
  await fullPageShot(page, testInfo, 'epoch-export');

  const verified = verifyExport(file);
  expect(verified.status, verified.stdout + verified.stderr).toBe(0);

  // One changed utilization breaks its proof: the command refuses the file.
  const tampered = JSON.parse(readFileSync(file, 'utf8'));
  // The file holds exactly the samples the page announced (a count, not merely "some").
  const announced = /([\d,]+)/.exec((await page.getByTestId('epoch-sample-count').textContent()) ?? '')?.[1];
  expect(tampered.samples.length).toBe(Number(announced?.replaceAll(',', '')));
  tampered.samples[0].utilizationMilliPct += 1;
  const tamperedFile = testInfo.outputPath('epoch-export-tampered.json');
  writeFileSync(tamperedFile, JSON.stringify(tampered));
  expect(verifyExport(tamperedFile).status).toBe(1);
});

test('the JSON API answers data and JSON errors', async ({ request }) => {
  const cluster = await request.get(`/api/v1/clusters/${clusterId}`);
  expect(cluster.status()).toBe(200);
  const body = await cluster.json();
  expect(body.cluster).toMatchObject({ clusterId: clusterId.toString(), gpuModel: MODEL, utilizationBps: 6_500 });
  expect(body.reports[0]).toMatchObject({ epoch: epoch.toString(), revenue: '7000000' });
  const reports = await request.get(`/api/v1/reports?cluster=${clusterId}`);
  expect((await reports.json()).reports).toHaveLength(1);
  const series = await request.get(`/api/v1/series?scope=gpu_model&key=${encodeURIComponent(MODEL)}&granularity=hour`);
  expect((await series.json()).points).toContainEqual(expect.objectContaining({ reports: 1, utilizationBps: 6_500 }));
  const missing = await request.get('/api/v1/clusters/999999');
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.code).toBe('not_found');
  const invalid = await request.get('/api/v1/clusters?sort=color');
  expect(invalid.status()).toBe(400);
  expect(await invalid.json()).toMatchObject({ error: { code: 'invalid_parameter' } });
});
