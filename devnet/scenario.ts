import { devAccount, devRoles } from './accounts';
import type { TestChain } from './chain';

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
