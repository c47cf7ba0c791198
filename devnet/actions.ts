/**
 * The protocol's chain actions as the dev accounts, sent for real and waited for: register a cluster, attest it and
 * report epochs with committee signatures (EIP-712 through protocol/), tokenize, buy, finalize, withdraw, transfer,
 * deposit revenue, claim, and anvil's clock and snapshot controls. The tests, the benches and the demo use these
 * instead of writing their own.
 */
import { createHash } from 'node:crypto';
import { type Address, type Hex, keccak256, parseEventLogs, toHex } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { attestationTypedData, epochReportTypedData, firstSigners } from '#protocol/attestation';
import type { EpochReport } from '#protocol/eip712';
import { hardwareRoot } from '#protocol/hardware';
import { devAccount, devRoles } from './accounts';
import type { ChainHandle, DevWallet } from './chain';

type WriteRequest = Parameters<DevWallet['writeContract']>[0];

export type ClusterFields = {
  gpuModel: string;
  gpuCount: number;
  location: string;
  hardwareRoot: Hex;
  metadataUri: string;
  metadataHash: Hex;
};

/** Sends `request` as dev account `index` and waits for its receipt; a revert throws. */
export async function sendAs(handle: ChainHandle, index: number, request: WriteRequest) {
  const hash = await handle.wallet(index).writeContract(request as never);
  const receipt = await handle.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/** Registers a cluster as dev account `operator`; returns its id. */
export async function registerClusterAs(
  handle: ChainHandle,
  registry: Address,
  operator: number,
  cluster: ClusterFields,
) {
  const receipt = await sendAs(handle, operator, {
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'registerCluster',
    args: [
      cluster.gpuModel,
      cluster.gpuCount,
      cluster.location,
      cluster.hardwareRoot,
      cluster.metadataUri,
      cluster.metadataHash,
    ],
  } as never);
  const [event] = parseEventLogs({ abi: clusterRegistryAbi, eventName: 'ClusterRegistered', logs: receipt.logs });
  return event!.args.clusterId;
}

/** Deterministic GPU UUIDs (nvidia's format) for simulated hardware. */
export function simulatedUuids(seed: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const hex = createHash('sha256').update(`${seed}/${index}`).digest('hex');
    return `GPU-${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  });
}

/** Registers a cluster whose hardware commitment is the root of `uuids` (what the oracle nodes check inventories against). */
export function registerClusterOfUuids(
  handle: ChainHandle,
  registry: Address,
  operator: number,
  uuids: string[],
  gpuModel = 'NVIDIA H100 80GB HBM3',
  location = 'KR-SEL-01',
): Promise<bigint> {
  return registerClusterAs(handle, registry, operator, {
    gpuModel,
    gpuCount: uuids.length,
    location,
    hardwareRoot: hardwareRoot(uuids),
    metadataUri: `ipfs://rackshare/${location}`,
    metadataHash: `0x${'00'.repeat(32)}`,
  });
}

/**
 * The chain actions on one deployment. Committee signatures come from the first `threshold` of `committee` (dev
 * account indices) in ascending signer order; the first committee member sends them.
 */
export function chainActions(
  context: ChainHandle & { deployment: Deployment; committee: readonly number[]; threshold: number },
) {
  const { publicClient, deployment } = context;
  const { contracts } = deployment;
  const signingContext = { chainId: context.chain.id, registry: contracts.clusterRegistry };
  const signers = firstSigners(
    context.committee.map((index) => devAccount(index)),
    context.threshold,
    (account) => account.address,
  );
  const reporter = context.committee[0] ?? devRoles.oracleNodes[0];
  const send = (index: number, request: WriteRequest) => sendAs(context, index, request);

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

  const actions = {
    now,
    send,

    /** Registers a cluster with a random hardware commitment (a cluster no oracle node is asked to inventory). */
    async registerCluster(operator: number, cluster: { gpuModel: string; gpuCount: number; location: string }) {
      const root = keccak256(toHex(`${cluster.gpuModel}/${cluster.location}/${cluster.gpuCount}/${Math.random()}`));
      return registerClusterAs(context, contracts.clusterRegistry, operator, {
        ...cluster,
        hardwareRoot: root,
        metadataUri: `ipfs://cluster/${root}`,
        metadataHash: keccak256(root),
      });
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
        signers.map((account) => account.signTypedData(attestationTypedData(signingContext, message))),
      );
      return send(reporter, {
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
            signers.map((account) => account.signTypedData(epochReportTypedData(signingContext, message))),
          );
          return { report: message, signatures };
        }),
      );
      return send(reporter, {
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
      await actions.mintStablecoin(devAccount(buyer).address, cost);
      await actions.approveStablecoin(buyer, offering, cost);
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
      await actions.mintStablecoin(devAccount(operator).address, amount);
      await actions.approveStablecoin(operator, token, amount);
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

    /** Moves chain time up to the wall clock (a chain started in the past) and mines a block there. */
    async catchUp() {
      const behind = Math.floor(Date.now() / 1000) - Number(await now());
      if (behind <= 0) return;
      await publicClient.request({ method: 'evm_increaseTime' as never, params: [behind] as never });
      await publicClient.request({ method: 'evm_mine' as never, params: [] as never });
    },

    async snapshot(): Promise<Hex> {
      return publicClient.request({ method: 'evm_snapshot' as never, params: [] as never });
    },

    async revert(id: Hex) {
      await publicClient.request({ method: 'evm_revert' as never, params: [id] as never });
    },
  };
  return actions;
}
