/**
 * The market table and /api/v1/clusters evaluate the status rule at the mirror's chain time, never the web server's
 * wall clock: on a chain whose clock is ahead of the wall clock (anvil time travel, the e2e chain after
 * escrow.spec's evm_increaseTime) a cluster the registry calls Stale must be Stale through the app's own path too.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testDatabases } from '#db/databases.test-kit';
import { catchUpMirror, chainStatusNames, runScenario, startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { testPort } from '../../devnet/ports';
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
  const onChain = await chainStatusNames(chain, ids, block.number);
  expect(onChain).toEqual(['stale', 'stale']);
  await catchUpMirror(chain, handle.db);
  // What app/routes/clusters._index.tsx and app/routes/api.v1.clusters*.ts call.
  const rows = await cachedMarketRows(handle.db, 31_337);
  expect(ids.map((id) => rows.find((row) => row.clusterId === id)?.status)).toEqual(onChain);
});
