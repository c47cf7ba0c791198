/**
 * The market table's (and /api/v1/clusters') status, computed from the mirror by protocol/status.ts, against the
 * registry's own statusOf at the same chain second: one cluster kept reporting, the other stopped and passed its
 * heartbeat, so the mirror must say Stale for it while its attestation is still valid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { testPort } from '../../devnet/ports';
import type { DatabaseHandle } from '../database';
import { testDatabases } from '../databases.test-kit';
import { catchUpMirror, chainStatusNames, runScenario, startTestChain, type TestChain } from '../fixtures.test-kit';
import { marketRows } from './market';

const pglite = testDatabases.find((entry) => entry.name === 'pglite')!;
let chain: TestChain;
let handle: DatabaseHandle;

beforeAll(async () => {
  chain = await startTestChain(testPort(4252));
  handle = await pglite.open();
});
afterAll(async () => {
  await handle?.close();
  await chain?.stop();
});

async function chainStatuses(ids: bigint[]) {
  const block = await chain.publicClient.getBlock({ blockTag: 'latest' });
  return {
    now: new Date(Number(block.timestamp) * 1000),
    statuses: await chainStatusNames(chain, ids, block.number),
  };
}

async function mirrorStatuses(ids: bigint[], now: Date) {
  await catchUpMirror(chain, handle.db);
  const rows = await marketRows(handle.db, { chainId: 31_337, now });
  return ids.map((id) => rows.find((row) => row.clusterId === id)?.status);
}

describe('market status from the mirror', () => {
  it('equals the registry statusOf, Stale once a cluster’s reports stop past the heartbeat (review: generated status names)', async () => {
    const { clusters: ids } = await runScenario(chain);
    const [first, second] = ids as [bigint, bigint];
    const fresh = await chainStatuses(ids);
    expect(fresh.statuses).toEqual(['attested', 'attested']);
    expect(await mirrorStatuses(ids, fresh.now)).toEqual(fresh.statuses);

    // 20 hours on, only the first cluster reports; the second's last activity is its attestation.
    await chain.increaseTime(20 * 3_600);
    await chain.mine(1);
    const { timestamp } = await chain.publicClient.getBlock({ blockTag: 'latest' });
    await chain.report([
      { clusterId: first, epoch: timestamp, gpuHoursMilli: 1_000n, utilizationBps: 5_000, gpusOnline: 8, revenue: 1n },
    ]);
    const second0 = await chain.publicClient.readContract({
      address: chain.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [second],
    });
    // One second past the second cluster's heartbeat (one day in the fixture), well inside its 30-day attestation.
    await chain.publicClient.request({
      method: 'evm_setNextBlockTimestamp' as never,
      params: [`0x${(BigInt(second0.attestedAt) + 86_400n + 1n).toString(16)}`] as never,
    });
    await chain.mine(1);
    const later = await chainStatuses(ids);
    expect(later.statuses).toEqual(['attested', 'stale']);
    expect(await mirrorStatuses(ids, later.now)).toEqual(later.statuses);
  });
});
