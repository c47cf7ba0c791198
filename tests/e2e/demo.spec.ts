/**
 * A demo with something to do (issue 15 point 5): after `npm start`, besides the settled clusters, the demo has one
 * offering open for sale, one upcoming, one failed with refunds owed, a Stale cluster and a suspended one; the market
 * shows each (status and sale phase equal to the chain's) and each cluster page explains its state in a sentence.
 * Other specs add clusters of their own to the shared chain: only the demo's clusters (found by their metadata URI)
 * are counted here.
 */
import { expect, test } from '@playwright/test';
import type { Address } from 'viem';
import {
  clusterRegistryAbi,
  clusterRegistryClusterStatusNames,
  offeringAbi,
  offeringPhaseNames,
  rackshareFactoryAbi,
} from '#contracts';
import { en } from '../../app/locales/en';
import { demoKeyOfMetadataUri } from '../../oracle/simulator/metadata';
import { deployment, publicClient } from './support/chain';
import { expectAccessible, fullPageShot } from './support/page';

type DemoOnChain = {
  id: bigint;
  key: string;
  status: (typeof clusterRegistryClusterStatusNames)[number];
  phase: (typeof offeringPhaseNames)[number] | null;
};

/** The demo's clusters with their registry status and offering phase, read from the chain now. */
async function demoClustersOnChain(): Promise<DemoOnChain[]> {
  const { clusterRegistry: registry, factory } = deployment().contracts;
  const count = await publicClient.readContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'clusterCount',
  });
  const found: DemoOnChain[] = [];
  for (let id = 1n; id <= count; id++) {
    const info = await publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [id],
    });
    const key = demoKeyOfMetadataUri(info.metadataURI);
    if (key === undefined) continue;
    const [status, offering] = await Promise.all([
      publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'statusOf', args: [id] }),
      publicClient.readContract({ address: factory, abi: rackshareFactoryAbi, functionName: 'offeringOf', args: [id] }),
    ]);
    const tokenized = BigInt(offering as Address) !== 0n;
    const phase = tokenized
      ? await publicClient.readContract({ address: offering as Address, abi: offeringAbi, functionName: 'phase' })
      : null;
    found.push({
      id,
      key,
      status: clusterRegistryClusterStatusNames[status]!,
      phase: phase === null ? null : offeringPhaseNames[phase]!,
    });
  }
  return found;
}

let seen = '';
const only = <T>(items: T[], what: string) => {
  expect(items, `${what} among ${seen}`).toHaveLength(1);
  return items[0]!;
};

test('the demo has an open, an upcoming and a failed offering, a Stale and a suspended cluster, each explained', async ({
  page,
}, testInfo) => {
  const demo = await demoClustersOnChain();
  const head = await publicClient.getBlock();
  seen = `${demo.map((cluster) => `${cluster.key}: ${cluster.status}/${cluster.phase}`).join(', ')} at ${head.timestamp}`;
  expect(demo).toHaveLength(8);
  const open = only(
    demo.filter((cluster) => cluster.phase === 'Open'),
    'open offerings',
  );
  const upcoming = only(
    demo.filter((cluster) => cluster.phase === 'Pending'),
    'upcoming offerings',
  );
  const failed = only(
    demo.filter((cluster) => cluster.phase === 'Failed'),
    'failed offerings',
  );
  const stale = only(
    demo.filter((cluster) => cluster.status === 'Stale'),
    'Stale clusters',
  );
  const suspended = only(
    demo.filter((cluster) => cluster.status === 'Suspended'),
    'suspended clusters',
  );
  // Besides those, the settled ones: sold out and finalized.
  expect(demo.filter((cluster) => cluster.phase === 'Finalized').length).toBeGreaterThanOrEqual(3);
  expect(open.status).toBe('Attested');

  // The market: every demo cluster's row shows the chain's status and sale phase (the mirror may lag a block or two).
  await page.goto('/clusters');
  for (const cluster of demo) {
    const row = page.getByTestId(`cluster-row-${cluster.id}`);
    await expect(row.getByTestId('market-status'), cluster.key).toHaveAttribute(
      'data-value',
      cluster.status.toLowerCase(),
    );
    if (cluster.phase) {
      await expect(row.getByTestId('market-phase'), cluster.key).toHaveAttribute('data-value', cluster.phase);
      await expect(row.getByTestId('market-phase'), cluster.key).toHaveText(en.phase[cluster.phase]);
    }
  }
  // Each state is explained under the table, in words.
  const how = page.getByTestId('market-how');
  await how.locator('summary').click();
  for (const phase of ['Open', 'Pending', 'Failed'] as const) {
    await expect(page.getByTestId(`explain-phase-${phase}`)).toHaveText(en.phaseExplained[phase]);
  }
  await expect(page.getByTestId('explain-status-stale')).toHaveText(en.statusExplained.Stale);
  await expect(page.getByTestId('explain-status-suspended')).toHaveText(en.statusExplained.Suspended);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'market');

  // Each cluster page says what its state means.
  for (const cluster of [open, upcoming, failed, stale, suspended]) {
    await page.goto(`/clusters/${cluster.id}`);
    await expect(page.getByTestId('cluster-status').first(), cluster.key).toHaveAttribute('data-value', cluster.status);
    await expect(page.getByTestId('cluster-status-explained'), cluster.key).toHaveText(
      en.statusExplained[cluster.status],
    );
    await expect(page.getByTestId('offering-phase'), cluster.key).toHaveAttribute('data-value', cluster.phase!);
    await expect(page.getByTestId('offering-phase-explained'), cluster.key).toHaveText(
      en.phaseExplained[cluster.phase!],
    );
  }
  await page.goto(`/clusters/${open.id}`);
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'demo-open-offering');
});
