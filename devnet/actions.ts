/**
 * The protocol's chain actions as the dev accounts, one at a time, sent for real and waited for: register a cluster,
 * attest it and report epochs with committee signatures, tokenize, buy, finalize, withdraw, transfer, deposit revenue,
 * claim, and anvil's clock and snapshot controls. The requests themselves are built in calls.ts; the tests, the
 * benches and the e2e kit send them through here instead of writing their own.
 */
import { createHash } from 'node:crypto';
import { type Address, type Hex, keccak256, toHex } from 'viem';
import { clusterRegistryAbi, offeringAbi, offeringConstants } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { withGasHeadroom } from '#protocol/chain';
import type { EpochReport } from '#protocol/eip712';
import { hardwareRoot } from '#protocol/hardware';
import { devAccount, devRoles } from './accounts';
import {
  attestationOf,
  type ClusterFields,
  committeeSigners,
  committeeVersionOf,
  protocolCalls,
  registerClusterCall,
  registeredClusterId,
  signAttestation,
  signReports,
  tokenizedSale,
} from './calls';
import type { ChainHandle, DevWallet } from './chain';

export type { ClusterFields };

type WriteRequest = Parameters<DevWallet['writeContract']>[0];

/** Sends `request` (a calls.ts request) as dev account `index` and waits for its receipt; a revert throws. */
export async function sendAs(handle: ChainHandle, index: number, request: object) {
  const wallet = handle.wallet(index);
  const write = request as WriteRequest;
  // A revert surfaces here as the contract's decoded error, as writeContract's own estimate would throw it.
  const estimate = await handle.publicClient.estimateContractGas({ ...write, account: wallet.account } as never);
  const hash = await wallet.writeContract({ ...write, gas: write.gas ?? withGasHeadroom(estimate) });
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
  return registeredClusterId(await sendAs(handle, operator, registerClusterCall(registry, cluster)));
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
 * account indices, default the local oracle nodes #7-#9) in ascending signer order; without a `threshold` the
 * registry's own is read. The first committee member sends them.
 */
export function chainActions(
  context: ChainHandle & { deployment: Deployment; committee?: readonly number[]; threshold?: number },
) {
  const { publicClient, deployment } = context;
  const { contracts } = deployment;
  const calls = protocolCalls(contracts);
  const committee = context.committee ?? devRoles.oracleNodes;
  const signingContext = { chainId: context.chain.id, registry: contracts.clusterRegistry };
  const reporter = committee[0] ?? devRoles.oracleNodes[0];
  const send = (index: number, request: object) => sendAs(context, index, request);

  async function now() {
    return (await publicClient.getBlock({ blockTag: 'latest' })).timestamp;
  }

  async function signers() {
    const threshold =
      context.threshold ??
      Number(
        await publicClient.readContract({
          address: contracts.clusterRegistry,
          abi: clusterRegistryAbi,
          functionName: 'threshold',
        }),
      );
    return committeeSigners(committee, threshold);
  }

  /** Buys `amount` share-wei at the offering's own quote (minting and approving the stablecoin first). */
  async function purchase(buyer: number, offering: Address, amount: bigint) {
    const cost = await publicClient.readContract({
      address: offering,
      abi: offeringAbi,
      functionName: 'quote',
      args: [amount],
    });
    await actions.mintStablecoin(devAccount(buyer).address, cost);
    await actions.approveStablecoin(buyer, offering, cost);
    return { cost, receipt: await send(buyer, calls.buy(offering, amount, cost)) };
  }

  const actions = {
    now,
    send,
    calls,

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
      const attestation = await attestationOf(publicClient, contracts.clusterRegistry, clusterId, { validForSeconds });
      const { signatures } = await signAttestation(await signers(), signingContext, attestation);
      return send(reporter, calls.submitAttestation(attestation, signatures));
    },

    /** The committee signs and submits `reports` in one transaction, each with a telemetry root made up from its id. */
    async report(reports: Omit<EpochReport, 'committeeVersion' | 'telemetryRoot'>[]) {
      const committeeVersion = await committeeVersionOf(publicClient, contracts.clusterRegistry);
      const messages = reports.map((report) => ({
        ...report,
        telemetryRoot: keccak256(toHex(`${report.clusterId}/${report.epoch}`)),
        committeeVersion,
      }));
      return send(reporter, calls.submitReports(await signReports(await signers(), signingContext, messages)));
    },

    /** Tokenizes with a sale open from now for a day; `supply` whole shares at `price` base units per share. */
    async tokenize(operator: number, clusterId: bigint, supply = 1_000n, price = 10_000_000n) {
      const start = Number(await now());
      const receipt = await send(
        operator,
        calls.tokenize(clusterId, {
          name: `Cluster ${clusterId} shares`,
          symbol: `RS${clusterId}`,
          supply: supply * offeringConstants.SHARE_UNIT,
          pricePerShare: price,
          start,
          end: start + 86_400,
          softCap: 0n,
          perBuyerCap: 0n,
        }),
      );
      return tokenizedSale(receipt);
    },

    async mintStablecoin(to: Address, amount: bigint) {
      return send(devRoles.deployer, calls.mintStablecoin(to, amount));
    },

    async approveStablecoin(owner: number, spender: Address, amount: bigint) {
      return send(owner, calls.approveStablecoin(spender, amount));
    },

    /** Buys `shares` whole shares (minting and approving the stablecoin first). */
    async buy(buyer: number, offering: Address, shares: bigint) {
      return (await purchase(buyer, offering, shares * offeringConstants.SHARE_UNIT)).receipt;
    },

    /**
     * Buys `amount` share-wei (not whole shares) at the offering's own quote; returns what it cost. A fraction of a
     * share costs a rounded-up base unit.
     */
    async buyShareUnits(buyer: number, offering: Address, amount: bigint) {
      return (await purchase(buyer, offering, amount)).cost;
    },

    async finalize(caller: number, offering: Address) {
      return send(caller, calls.finalize(offering));
    },

    async withdrawShares(buyer: number, offering: Address) {
      return send(buyer, calls.withdrawShares(offering));
    },

    async transferShares(from: number, token: Address, to: Address, amount: bigint) {
      return send(from, calls.transferShares(token, to, amount));
    },

    async depositRevenue(operator: number, token: Address, amount: bigint, durationSeconds = 86_400n) {
      await actions.mintStablecoin(devAccount(operator).address, amount);
      await actions.approveStablecoin(operator, token, amount);
      return send(operator, calls.depositRevenue(token, amount, durationSeconds));
    },

    async claim(holder: number, token: Address) {
      return send(holder, calls.claim(token));
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
