/**
 * Review (maintainer): the market table and /api/v1/clusters take the status rule's "now" from the web server's wall
 * clock (cachedMarketRows' default `Date.now()`), while the registry's statusOf and the passport use the chain's block
 * time. On a chain whose clock is ahead of the wall clock (the e2e chain after escrow.spec's evm_increaseTime, any
 * anvil time travel) a cluster the chain calls Stale is still "attested" on the market table and the API.
 */
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clusterRegistryAbi, clusterRegistryClusterStatusNames } from '#contracts';
import { createIndexer } from '#db/indexer/index';
import { testDatabases } from '#db/test-databases';
import { runScenario, startTestChain, type TestChain } from '#db/test-fixtures';
import { testPort } from '../../oracle/node/harness';
import { cachedMarketRows } from './market.server';

const pglite = testDatabases.find((entry) => entry.name === 'pglite')!;
let chain: TestChain;
let handle: Awaited<ReturnType<typeof pglite.open>>;

beforeAll(async () => {
  chain = await startTestChain(testPort(4262));
  handle = await pglite.open();
});
afterAll(async () => {
  await handle?.close();
  await chain?.stop();
});

it('market status (app path) equals the registry statusOf when the chain clock is ahead of the wall clock (review H1)', async () => {
  const { clusters: ids } = await runScenario(chain);
  // The chain's clock moves two heartbeats (one day in the fixture) ahead of the wall clock; nothing reports.
  await chain.increaseTime(2 * 86_400);
  await chain.mine(1);
  const block = await chain.publicClient.getBlock({ blockTag: 'latest' });
  const onChain = await Promise.all(
    ids.map(async (id) =>
      clusterRegistryClusterStatusNames[
        await chain.publicClient.readContract({
          address: chain.contracts.clusterRegistry,
          abi: clusterRegistryAbi,
          functionName: 'statusOf',
          args: [id],
          blockNumber: block.number,
        })
      ]!.toLowerCase(),
    ),
  );
  expect(onChain).toEqual(['stale', 'stale']);
  await createIndexer({
    db: handle.db,
    publicClient: chain.publicClient,
    chainId: 31_337,
    contracts: chain.contracts,
    deployBlock: chain.deployment.deployBlock,
    maxBlockRange: 1_000,
    pollIntervalMs: 20,
    signal: new AbortController().signal,
    log: pino({ level: 'silent' }),
  }).catchUp();
  // What app/routes/clusters._index.tsx and app/routes/api.v1.clusters*.ts call.
  const rows = await cachedMarketRows(handle.db, 31_337);
  expect(ids.map((id) => rows.find((row) => row.clusterId === id)?.status)).toEqual(onChain);
});
