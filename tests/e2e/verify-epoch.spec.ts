/**
 * Issue 13 point 6: the epoch page verifies a demo epoch's export in the browser, no CLI. The expectations come from
 * outside the page: the telemetry root from the ReportSubmitted event on chain, the sample and per-GPU counts from the
 * export the samples API serves, and the tampered samples are the ones this test changed.
 */
import { expect, test } from '@playwright/test';
import type { Hex } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { deployment, publicClient } from './support/chain';
import { expectAccessible, fullPageShot, waitForHydration, watchPageErrors } from './support/page';

type ExportFile = {
  clusterId: string;
  epoch: string;
  telemetryRoot: Hex;
  samples: { uuidHash: Hex; timeMs: string; utilizationMilliPct: number; proof: Hex[] }[];
};

const CLUSTER = 1n;
let epoch: string;
let onChainRoot: Hex;
let onChain: { utilizationBps: number; revenue: bigint };
let exported: ExportFile;

test.beforeAll(async ({ request }) => {
  // Cluster 1 belongs to the demo: its reports came from simulator telemetry through the agent and the committee.
  const listed = await request.get(`/api/v1/reports?cluster=${CLUSTER}&limit=50`);
  expect(listed.status()).toBe(200);
  const reports = (await listed.json()).reports as { epoch: string; utilizationBps: number }[];
  // A busy hour: it has a reading per GPU (an idle or dark epoch could have none).
  const busy = reports.find((report) => report.utilizationBps > 0);
  expect(busy).toBeDefined();
  epoch = busy!.epoch;
  const events = await publicClient.getContractEvents({
    address: deployment().contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    eventName: 'ReportSubmitted',
    args: { clusterId: CLUSTER, epoch: BigInt(epoch) },
    fromBlock: 0n,
  });
  expect(events).toHaveLength(1);
  onChainRoot = events[0]!.args.telemetryRoot!;
  onChain = { utilizationBps: events[0]!.args.utilizationBps!, revenue: events[0]!.args.revenue! };
  const answer = await request.get(`/api/v1/clusters/${CLUSTER}/epochs/${epoch}/samples`);
  expect(answer.status()).toBe(200);
  exported = (await answer.json()) as ExportFile;
  expect(exported.telemetryRoot).toBe(onChainRoot);
});

/** Samples per GPU (by UUID hash) in the export the API served. */
function samplesPerGpu() {
  const counts = new Map<string, number>();
  for (const sample of exported.samples) {
    const key = sample.uuidHash.toLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

test('verifies every sample of a demo epoch against the on-chain root, in the browser', async ({ page }, testInfo) => {
  const problems = watchPageErrors(page);
  await page.goto(`/analytics/epochs/${CLUSTER}/${epoch}`);
  await waitForHydration(page);
  await expect(page.getByTestId('epoch-root')).toHaveText(onChainRoot);
  // The report's own figures, per epoch (not the 30-day utilization), equal the event's.
  await expect(page.getByTestId('epoch-id')).toHaveText(epoch);
  await expect(page.getByTestId('figure-epoch-utilization')).toHaveAttribute(
    'data-value',
    String(onChain.utilizationBps),
  );
  await expect(page.getByTestId('figure-epoch-revenue')).toHaveAttribute('data-value', onChain.revenue.toString());
  await expect(page.getByText('Utilization (this epoch)')).toBeVisible();
  await page.getByTestId('verify-run').click();
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  await expect(page.getByTestId('verify-status')).toHaveText('verified');
  await expect(page.getByTestId('verify-root')).toHaveText(onChainRoot);
  // The root came from the browser's own read of the chain, not from the web server.
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-root-source', 'chain');
  await expect(page.getByTestId('verify-rpc-unreachable')).toHaveCount(0);
  await expect(page.getByTestId('figure-verified-samples')).toHaveAttribute(
    'data-value',
    String(exported.samples.length),
  );

  const perGpu = samplesPerGpu();
  const rows = page.getByTestId('verify-gpu');
  await expect(rows).toHaveCount(perGpu.size);
  for (const [uuidHash, count] of perGpu) {
    const row = page.locator(`[data-testid="verify-gpu"][data-gpu="${uuidHash}"]`);
    await expect(row.getByTestId('verify-gpu-samples')).toHaveText(count.toLocaleString('en'));
    await expect(row.getByTestId('verify-gpu-verified')).toHaveText(count.toLocaleString('en'));
    await expect(row.getByTestId('verify-gpu-failed')).toHaveText('0');
    await expect(row.getByTestId('verify-gpu-status')).toHaveText('verified');
  }
  await expect(page.getByTestId('verify-failures')).toHaveCount(0);
  await fullPageShot(page, testInfo, 'epoch-verified-in-browser');
  await expectAccessible(page);
  expect(problems).toEqual([]);
});

test('names exactly the samples a tampered local export changed', async ({ page }, testInfo) => {
  // Two samples apart (the demo reports a reading per GPU every few minutes: a busy hour holds a dozen or more).
  expect(exported.samples.length).toBeGreaterThan(4);
  const tampered = structuredClone(exported);
  const changed = [3, Math.floor(exported.samples.length / 2)];
  tampered.samples[changed[0]!]!.utilizationMilliPct += 1;
  tampered.samples[changed[1]!]!.timeMs = (BigInt(tampered.samples[changed[1]!]!.timeMs) + 1n).toString();

  await page.goto(`/analytics/epochs/${CLUSTER}/${epoch}`);
  await waitForHydration(page);
  await page.getByTestId('verify-file').setInputFiles({
    name: 'tampered.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(tampered)),
  });
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-ok', 'false', { timeout: 60_000 });
  await expect(page.getByTestId('verify-status')).toHaveText('failed');
  await expect(page.getByTestId('figure-verified-samples')).toHaveAttribute(
    'data-value',
    String(exported.samples.length - changed.length),
  );
  const failures = page.getByTestId('verify-failure');
  await expect(failures).toHaveCount(changed.length);
  for (const [position, index] of [...changed].sort((a, b) => a - b).entries()) {
    await expect(failures.nth(position)).toHaveAttribute('data-index', String(index));
    await expect(failures.nth(position)).toContainText(`sample #${index}:`);
  }

  // Each changed sample's GPU shows one failure more; every other GPU stays verified.
  const failedPerGpu = new Map<string, number>();
  for (const index of changed) {
    const key = exported.samples[index]!.uuidHash.toLowerCase();
    failedPerGpu.set(key, (failedPerGpu.get(key) ?? 0) + 1);
  }
  for (const [uuidHash, count] of samplesPerGpu()) {
    const failed = failedPerGpu.get(uuidHash) ?? 0;
    const row = page.locator(`[data-testid="verify-gpu"][data-gpu="${uuidHash}"]`);
    await expect(row.getByTestId('verify-gpu-failed')).toHaveText(String(failed));
    await expect(row.getByTestId('verify-gpu-verified')).toHaveText((count - failed).toLocaleString('en'));
    await expect(row.getByTestId('verify-gpu-status')).toHaveText(failed > 0 ? 'failed' : 'verified');
  }
  await fullPageShot(page, testInfo, 'epoch-tampered-in-browser');

  // A file that is not an export is refused with a sentence, and nothing is marked.
  await page.getByTestId('verify-file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello":1}'),
  });
  await expect(page.getByTestId('verify-error')).toContainText('notes.json: the file is not an epoch export');
  await expect(page.getByTestId('verify-result')).toHaveCount(0);
});
