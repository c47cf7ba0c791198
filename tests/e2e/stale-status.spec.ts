/**
 * Stale, end to end (issue 13, point 5): a cluster's reports stop until its heartbeat has passed, and the passport,
 * the market table and /api/v1 say what the registry's statusOf says. The chain is shared and other specs move its
 * clock (escrow.spec.ts jumps an hour), so nothing here reads the wall clock: every page is compared with statusOf at
 * the block it read — the passport's chain read, or the newest block the mirror has indexed for the market and API.
 */
import { expect, type Page, test } from '@playwright/test';
import type { Address } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { devRoles } from '../../devnet/accounts';
import { attestCluster, deployment, increaseTime, publicClient, registerCluster, submitReport } from './support/chain';
import { chainStatus } from './support/figures';
import { fullPageShot } from './support/page';

const OPERATOR = devRoles.operators[2]!;
const MODEL = 'NVIDIA H100 STALE';
const LOCATION = 'DE-STL-01';
const REPORT = { gpuHoursMilli: 6_000n, utilizationBps: 4_250, gpusOnline: 8, revenue: 9_000_000n };
const registry = (): Address => deployment().contracts.clusterRegistry;

// The chain's clock has to pass a heartbeat (tens of seconds after the last report), then the mirror has to follow.
test.describe.configure({ timeout: 150_000 });

/** The newest block the mirror has indexed, as the overview names it. */
async function indexedBlock(page: Page) {
  await page.goto('/');
  return BigInt((await page.getByTestId('indexed-block').textContent())?.trim() || '0');
}

/** The block the passport read the chain at, from its status figure's source ("chain read at block N"). */
async function passportBlock(page: Page) {
  const source = await page.getByTestId('cluster-status-how').textContent();
  const block = /block\s+(\d+)/.exec(source ?? '')?.[1];
  expect(block, `passport status source: ${source}`).toBeDefined();
  return BigInt(block!);
}

test('a cluster whose reports stopped past the heartbeat is Stale on the passport, the market table and the API, as statusOf says at the block each read (review: stale on a moved clock)', async ({
  page,
}, testInfo) => {
  // The chain's clock runs ahead of the wall clock, as after escrow.spec.ts: a page that judged the heartbeat by the
  // server's wall clock would still say Attested here for an hour.
  await increaseTime(3_600);
  const heartbeat = await publicClient.readContract({
    address: registry(),
    abi: clusterRegistryAbi,
    functionName: 'heartbeat',
  });
  const id = await registerCluster(OPERATOR, { gpuModel: MODEL, location: LOCATION });
  // Signed times put the last report just inside the heartbeat: attested now, Stale once the chain's clock passes
  // it — no governance change on the shared chain, and no jump beyond the one above.
  const head = await publicClient.getBlock();
  await attestCluster(id, 30n * 86_400n, head.timestamp - heartbeat - 3_600n);
  const lastReport = head.timestamp - heartbeat + 30n;
  const receipt = await submitReport({
    clusterId: id,
    epoch: lastReport,
    ...REPORT,
    telemetryRoot: `0x${'b2'.repeat(32)}`,
  });
  expect.soft(await chainStatus(id, receipt.blockNumber)).toBe('Attested');

  // No report follows: once a block is past lastReport + heartbeat, the registry says Stale.
  await expect
    .poll(
      async () => {
        await publicClient.request({ method: 'evm_mine' as never, params: [] as never });
        return chainStatus(id);
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe('Stale');
  const staleBlock = await publicClient.getBlock();
  expect(staleBlock.timestamp).toBeGreaterThan(lastReport + heartbeat);

  // The passport reads the chain: its status is statusOf at the block it names.
  await page.goto(`/clusters/${id}`);
  const read = await passportBlock(page);
  expect(read).toBeGreaterThanOrEqual(staleBlock.number);
  await expect.soft(page.getByTestId('cluster-status')).toHaveText(await chainStatus(id, read));
  await expect.soft(page.getByTestId('cluster-status')).toHaveText('Stale');

  // The market and the API read the mirror: wait until it has indexed a block at which the chain says Stale, then
  // their status must be statusOf at the mirror's newest block (polled, softly: the market rows are cached briefly).
  await expect.poll(() => indexedBlock(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(staleBlock.number);
  const indexed = await indexedBlock(page);
  const atIndexed = await chainStatus(id, indexed);
  expect(atIndexed).toBe('Stale');
  await expect
    .configure({ soft: true })
    .poll(
      async () => {
        const response = await page.request.get(`/api/v1/clusters/${id}`);
        return response.ok() ? String((await response.json()).cluster.status).toLowerCase() : response.status();
      },
      { timeout: 30_000 },
    )
    .toBe(atIndexed.toLowerCase());
  const listed = await (await page.request.get(`/api/v1/clusters?model=${encodeURIComponent(MODEL)}`)).json();
  const row = (listed.clusters as { clusterId: string; status: string }[]).find((c) => c.clusterId === id.toString());
  expect.soft(row?.status.toLowerCase()).toBe(atIndexed.toLowerCase());
  await page.goto(`/clusters?model=${encodeURIComponent(MODEL)}`);
  await expect.soft(page.getByTestId(`cluster-row-${id}`).getByTestId('market-status')).toHaveText(atIndexed);
  await fullPageShot(page, testInfo, 'audit-stale');
});
