/**
 * The data-layer tests' chain: devnet's test chain with its defaults (2-of-3 committee of oracle dev keys #7-#9, a day's
 * heartbeat), devnet's protocol history to mirror (`runScenario`), the registry's own status names, and one mirror
 * catch-up. Never used outside tests and benches.
 */
import pino from 'pino';
import { clusterRegistryAbi, clusterRegistryClusterStatusNames } from '#contracts';
import { startTestChain as startDevnetChain, type TestChain, type TestChainOptions } from '../devnet/chain';
import type { Database } from './database';
import { createIndexer } from './indexer/indexer';

export { runScenario } from '../devnet/scenario';
export type { TestChain };

/**
 * devnet's `startTestChain` (same signature: anvil on `port`, ephemeral state, the protocol deployed with a 2-of-3
 * committee of oracle nodes #7-#9) with the data-layer tests' client defaults: fast polling, and no retries, so a test
 * that kills anvil sees the failure at once.
 */
export const startTestChain = (port: number, options: TestChainOptions = {}) =>
  startDevnetChain(port, { pollingInterval: 50, retryCount: 0, ...options });

/** The registry's statusOf of each cluster at one block, by the contract's own (generated) names, lowercased as the mirror stores them. */
export async function chainStatusNames(testChain: TestChain, ids: readonly bigint[], blockNumber: bigint) {
  const statuses = await Promise.all(
    ids.map((id) =>
      testChain.publicClient.readContract({
        address: testChain.contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'statusOf',
        args: [id],
        blockNumber,
      }),
    ),
  );
  return statuses.map((status) => clusterRegistryClusterStatusNames[status]?.toLowerCase());
}

/** Mirrors the test chain into `db` up to its head, as the stack's indexer does (one catch-up, no polling). */
export async function catchUpMirror(testChain: TestChain, db: Database) {
  await createIndexer({
    db,
    publicClient: testChain.publicClient,
    chainId: 31_337,
    contracts: testChain.contracts,
    deployBlock: testChain.deployment.deployBlock,
    maxBlockRange: 1_000,
    pollIntervalMs: 20,
    signal: new AbortController().signal,
    log: pino({ level: 'silent' }),
  }).catchUp();
}
