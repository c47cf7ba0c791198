/**
 * The data-layer tests' chain: devnet's test chain with its defaults (2-of-3 committee of oracle dev keys #7-#9, a day's
 * heartbeat), a protocol history to mirror (`runScenario`), the registry's own status names, and one mirror catch-up.
 * Never used outside tests and benches.
 */
import pino from 'pino';
import { clusterRegistryAbi, clusterRegistryClusterStatusNames } from '#contracts';
import { devAccount, devRoles } from '../devnet/accounts';
import { startTestChain as startDevnetChain, type TestChain } from '../devnet/chain';
import type { Database } from './index';
import { createIndexer } from './indexer/index';

export type { TestChain };

/** Starts anvil on `port` (ephemeral state) and deploys the protocol with a 2-of-3 committee of oracle nodes #7-#9. */
export const startTestChain = (port: number) => startDevnetChain(port, { pollingInterval: 50, retryCount: 0 });

/**
 * A small but complete protocol history: two clusters of two operators in two IDCs, attested, reported on, tokenized,
 * one sale sold out and settled, shares withdrawn and traded, revenue deposited and claimed.
 */
export async function runScenario(testChain: TestChain) {
  const [operatorA, operatorB] = devRoles.operators;
  const [investorA, investorB, investorC] = devRoles.investors;
  const first = await testChain.registerCluster(operatorA, {
    gpuModel: 'NVIDIA H100 SXM5 80GB',
    gpuCount: 8,
    location: 'KR-SEL-01',
  });
  const second = await testChain.registerCluster(operatorB, {
    gpuModel: 'NVIDIA A100 80GB',
    gpuCount: 16,
    location: 'US-NYC-02',
  });
  await testChain.attest(first);
  await testChain.attest(second);
  await testChain.report([
    { clusterId: first, epoch: 1n, gpuHoursMilli: 6_000n, utilizationBps: 7_500, gpusOnline: 8, revenue: 12_000_000n },
    { clusterId: second, epoch: 1n, gpuHoursMilli: 9_000n, utilizationBps: 5_600, gpusOnline: 16, revenue: 9_000_000n },
  ]);
  const sale = await testChain.tokenize(operatorA, first, 100n);
  await testChain.buy(investorA, sale.offering, 60n);
  await testChain.buy(investorB, sale.offering, 40n);
  await testChain.finalize(operatorA, sale.offering);
  await testChain.withdrawShares(investorA, sale.offering);
  await testChain.withdrawShares(investorB, sale.offering);
  await testChain.transferShares(investorA, sale.token, devAccount(investorC).address, 10n * 10n ** 18n);
  await testChain.depositRevenue(operatorA, sale.token, 5_000_000n, 3_600n);
  await testChain.increaseTime(600);
  await testChain.mine(1);
  await testChain.claim(investorA, sale.token);
  await testChain.report([
    { clusterId: first, epoch: 2n, gpuHoursMilli: 7_000n, utilizationBps: 8_700, gpusOnline: 8, revenue: 14_000_000n },
  ]);
  return { clusters: [first, second], sale };
}

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
