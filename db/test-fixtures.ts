/**
 * A fresh anvil chain with the protocol deployed and helpers that send real transactions: register clusters, attest
 * and report with committee signatures (EIP-712, oracle dev keys #7-#9), tokenize, buy, finalize, withdraw, transfer,
 * deposit revenue and claim. Shared by the data-layer and oracle tests; never used outside tests and benches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import {
  type Address,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  http,
  keccak256,
  type PublicClient,
  parseEventLogs,
  toHex,
} from 'viem';
import {
  clusterRegistryAbi,
  clusterRegistryClusterStatusNames,
  offeringAbi,
  rackshareFactoryAbi,
  shareTokenAbi,
  testStablecoinAbi,
} from '#contracts';
import { deployProtocol } from '#contracts/deploy';
import type { Deployment } from '#contracts/deployments';
import { attestationTypedData, epochReportTypedData, firstSigners } from '#protocol/attestation';
import type { EpochReport } from '#protocol/eip712';
import { type AnvilHandle, startAnvil } from '../scripts/stack/anvil';
import { DEV_ACCOUNT_COUNT, devAccount, devRoles } from '../scripts/stack/dev-accounts';
import type { Database } from './database';
import { createIndexer } from './indexer/indexer';

export type TestChain = Awaited<ReturnType<typeof startTestChain>>;

const chain = defineChain({
  id: 31_337,
  name: 'anvil',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1'] } },
});

/** Starts anvil on `port` (ephemeral state) and deploys the protocol with a 2-of-3 committee of oracle nodes #7-#9. */
export async function startTestChain(port: number) {
  const anvil: AnvilHandle = await startAnvil({ port, stateFile: null, accounts: DEV_ACCOUNT_COUNT });
  const transport = http(anvil.rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 }) as PublicClient;
  const wallet = (index: number) => createWalletClient({ account: devAccount(index), chain, transport });
  const deploymentDirectory = mkdtempSync(join(tmpdir(), 'rackshare-deployment-'));
  const oracleAccounts = devRoles.oracleNodes.map((index) => devAccount(index));
  const deployment: Deployment = await deployProtocol(
    { publicClient: publicClient as never, walletClient: wallet(devRoles.deployer) },
    {
      committee: { signers: oracleAccounts.map((account) => account.address), threshold: 2, heartbeatSeconds: 86_400 },
      directory: deploymentDirectory,
    },
  );
  const { contracts } = deployment;
  const signingContext = { chainId: chain.id, registry: contracts.clusterRegistry };
  const committee = firstSigners(oracleAccounts, 2, (account) => account.address);

  async function send(index: number, request: Parameters<ReturnType<typeof wallet>['writeContract']>[0]) {
    const hash = await wallet(index).writeContract(request as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
    return receipt;
  }

  async function now() {
    return (await publicClient.getBlock({ blockTag: 'latest' })).timestamp;
  }

  /** The committee version signatures must be made for (every committee change voids the older ones). */
  async function committeeVersionNow() {
    return publicClient.readContract({
      address: contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'committeeVersion',
    });
  }

  const fixture = {
    anvil,
    rpcUrl: anvil.rpcUrl,
    deploymentDirectory,
    publicClient,
    wallet,
    deployment,
    contracts,
    now,
    send,

    async registerCluster(operator: number, cluster: { gpuModel: string; gpuCount: number; location: string }) {
      const hardwareRoot = keccak256(
        toHex(`${cluster.gpuModel}/${cluster.location}/${cluster.gpuCount}/${Math.random()}`),
      );
      const receipt = await send(operator, {
        address: contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'registerCluster',
        args: [
          cluster.gpuModel,
          cluster.gpuCount,
          cluster.location,
          hardwareRoot,
          `ipfs://cluster/${hardwareRoot}`,
          keccak256(hardwareRoot),
        ],
      } as never);
      const [event] = parseEventLogs({ abi: clusterRegistryAbi, logs: receipt.logs, eventName: 'ClusterRegistered' });
      return event!.args.clusterId;
    },

    async attest(clusterId: bigint, validForSeconds = 30n * 86_400n) {
      const [info, committeeVersion, issuedAt] = await Promise.all([
        publicClient.readContract({
          address: contracts.clusterRegistry,
          abi: clusterRegistryAbi,
          functionName: 'clusterOf',
          args: [clusterId],
        }),
        committeeVersionNow(),
        now(),
      ]);
      const message = {
        clusterId,
        hardwareRoot: info.hardwareRoot,
        gpuCount: info.gpuCount,
        issuedAt,
        validUntil: issuedAt + validForSeconds,
        nonce: info.attestationNonce,
        committeeVersion,
      };
      const signatures = await Promise.all(
        committee.map((account) => account.signTypedData(attestationTypedData(signingContext, message))),
      );
      return send(devRoles.oracleNodes[0], {
        address: contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'submitAttestation',
        args: [message, signatures],
      } as never);
    },

    async report(reports: Omit<EpochReport, 'committeeVersion' | 'telemetryRoot'>[]) {
      const committeeVersion = await committeeVersionNow();
      const signed = await Promise.all(
        reports.map(async (report) => {
          const message = {
            ...report,
            telemetryRoot: keccak256(toHex(`${report.clusterId}/${report.epoch}`)),
            committeeVersion,
          };
          const signatures = await Promise.all(
            committee.map((account) => account.signTypedData(epochReportTypedData(signingContext, message))),
          );
          return { report: message, signatures };
        }),
      );
      return send(devRoles.oracleNodes[0], {
        address: contracts.clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'submitReports',
        args: [signed],
      } as never);
    },

    /** Tokenizes with a sale open from now for a day; `supply` whole shares at `price` base units per share. */
    async tokenize(operator: number, clusterId: bigint, supply = 1_000n, price = 10_000_000n) {
      const start = Number(await now());
      const receipt = await send(operator, {
        address: contracts.factory,
        abi: rackshareFactoryAbi,
        functionName: 'tokenize',
        args: [
          clusterId,
          {
            name: `Cluster ${clusterId} shares`,
            symbol: `RS${clusterId}`,
            supply: supply * 10n ** 18n,
            pricePerShare: price,
            start,
            end: start + 86_400,
            softCap: 0n,
            perBuyerCap: 0n,
          },
        ],
      } as never);
      const [event] = parseEventLogs({ abi: rackshareFactoryAbi, logs: receipt.logs, eventName: 'ClusterTokenized' });
      return { token: event!.args.token as Address, offering: event!.args.offering as Address };
    },

    async mintStablecoin(to: Address, amount: bigint) {
      return send(devRoles.deployer, {
        address: contracts.stablecoin,
        abi: testStablecoinAbi,
        functionName: 'mint',
        args: [to, amount],
      } as never);
    },

    async approveStablecoin(owner: number, spender: Address, amount: bigint) {
      return send(owner, {
        address: contracts.stablecoin,
        abi: testStablecoinAbi,
        functionName: 'approve',
        args: [spender, amount],
      } as never);
    },

    /** Buys `shares` whole shares (minting and approving the stablecoin first). */
    async buy(buyer: number, offering: Address, shares: bigint) {
      const cost = await publicClient.readContract({
        address: offering,
        abi: offeringAbi,
        functionName: 'quote',
        args: [shares * 10n ** 18n],
      });
      await fixture.mintStablecoin(devAccount(buyer).address, cost);
      await fixture.approveStablecoin(buyer, offering, cost);
      return send(buyer, {
        address: offering,
        abi: offeringAbi,
        functionName: 'buy',
        args: [shares * 10n ** 18n, cost],
      } as never);
    },

    async finalize(caller: number, offering: Address) {
      return send(caller, { address: offering, abi: offeringAbi, functionName: 'finalize', args: [] } as never);
    },

    async withdrawShares(buyer: number, offering: Address) {
      return send(buyer, { address: offering, abi: offeringAbi, functionName: 'withdrawShares', args: [] } as never);
    },

    async transferShares(from: number, token: Address, to: Address, amount: bigint) {
      return send(from, { address: token, abi: shareTokenAbi, functionName: 'transfer', args: [to, amount] } as never);
    },

    async depositRevenue(operator: number, token: Address, amount: bigint, durationSeconds = 86_400n) {
      await fixture.mintStablecoin(devAccount(operator).address, amount);
      await fixture.approveStablecoin(operator, token, amount);
      return send(operator, {
        address: token,
        abi: shareTokenAbi,
        functionName: 'depositRevenue',
        args: [amount, durationSeconds],
      } as never);
    },

    async claim(holder: number, token: Address) {
      return send(holder, { address: token, abi: shareTokenAbi, functionName: 'claim', args: [] } as never);
    },

    async mine(blocks = 1, secondsBetween = 1) {
      await publicClient.request({
        method: 'anvil_mine' as never,
        params: [toHex(blocks), toHex(secondsBetween)] as never,
      });
    },

    async increaseTime(seconds: number) {
      await publicClient.request({ method: 'evm_increaseTime' as never, params: [toHex(seconds)] as never });
    },

    async snapshot(): Promise<Hex> {
      return publicClient.request({ method: 'evm_snapshot' as never, params: [] as never });
    },

    async revert(id: Hex) {
      await publicClient.request({ method: 'evm_revert' as never, params: [id] as never });
    },

    async stop() {
      await anvil.stop();
      rmSync(deploymentDirectory, { recursive: true, force: true });
    },
  };
  return fixture;
}

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
