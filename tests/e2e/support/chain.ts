/**
 * Operator- and oracle-side set-up for end-to-end tests, driven straight at anvil with viem: what the running oracle
 * and other operators would do, so the browser tests can focus on the investor's and operator's own journeys.
 */
import { join } from 'node:path';
import {
  type Abi,
  type Address,
  type Hex,
  hashTypedData,
  keccak256,
  parseEventLogs,
  parseUnits,
  stringToBytes,
} from 'viem';
import {
  clusterRegistryAbi,
  offeringAbi,
  offeringConstants,
  rackshareFactoryAbi,
  shareTokenAbi,
  testStablecoinAbi,
} from '#contracts';
import { readDeployment } from '#contracts/deployments';
import { attestationTypedData, epochReportTypedData, firstSigners } from '#protocol/attestation';
import type { EpochReport } from '#protocol/eip712';
import { hardwareRoot } from '#protocol/hardware';
import { devAccount, devRoles } from '../../../devnet/accounts';
import { connectChain } from '../../../devnet/chain';
import { E2E_DATA_DIR } from '../../../playwright.config';
import { ANVIL_RPC_URL } from './wallet';

/** The e2e stack's anvil, acting as the dev accounts (devnet's clients; the stack deployed the protocol there). */
const devnet = connectChain(ANVIL_RPC_URL);

export const publicClient = devnet.publicClient;

export const walletOf = devnet.wallet;

export function deployment() {
  const recorded = readDeployment(31_337, join(E2E_DATA_DIR, 'deployments'));
  if (!recorded) throw new Error(`no deployment recorded under ${E2E_DATA_DIR}: is the e2e stack running?`);
  return recorded;
}

async function mined(hash: Hex) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/** Random, valid GPU UUIDs (GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx). */
export function gpuUuids(count: number): string[] {
  const hex = (length: number) =>
    Array.from({ length }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
  return Array.from({ length: count }, () => `GPU-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`);
}

export async function registerCluster(
  operatorIndex: number,
  options: { gpuModel?: string; location?: string; uuids?: string[]; metadataURI?: string } = {},
) {
  const operator = walletOf(operatorIndex);
  const uuids = options.uuids ?? gpuUuids(8);
  const receipt = await mined(
    await operator.writeContract({
      address: deployment().contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      functionName: 'registerCluster',
      args: [
        options.gpuModel ?? 'NVIDIA H100 SXM5 80GB',
        uuids.length,
        options.location ?? 'KR-SEL-01',
        hardwareRoot(uuids),
        options.metadataURI ?? 'https://example.org/cluster.json',
        keccak256(stringToBytes('{}')),
      ],
    }),
  );
  const [event] = parseEventLogs({ abi: clusterRegistryAbi, logs: receipt.logs, eventName: 'ClusterRegistered' });
  return event!.args.clusterId;
}

/**
 * Attests a cluster as the oracle committee would: EIP-712 `Attestation` signed by `threshold` committee keys (dev
 * accounts #7-#9), signatures in ascending signer order. The digest is cross-checked against the registry's own.
 */
export async function attestCluster(
  clusterId: bigint,
  validForSeconds = 30n * 86_400n,
  /**
   * A signed issue time in the past, as a committee that attested the cluster then would have: the registry takes it as
   * the cluster's last activity, so a test can put the heartbeat behind it without moving the shared chain's clock.
   */
  issuedAt?: bigint,
) {
  const registry = deployment().contracts.clusterRegistry;
  const [info, threshold, committeeVersion, head] = await Promise.all([
    publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [clusterId],
    }),
    publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'threshold' }),
    publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'committeeVersion' }),
    publicClient.getBlock(),
  ]);
  const attestation = {
    clusterId,
    hardwareRoot: info.hardwareRoot,
    gpuCount: info.gpuCount,
    issuedAt: issuedAt ?? head.timestamp,
    validUntil: head.timestamp + validForSeconds,
    nonce: info.attestationNonce,
    committeeVersion,
  };
  const typedData = attestationTypedData({ chainId: 31_337, registry }, attestation);
  const onChainDigest = await publicClient.readContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'hashAttestation',
    args: [attestation],
  });
  if (onChainDigest !== hashTypedData(typedData)) throw new Error('attestation digest differs from the registry’s');
  const signers = firstSigners(
    devRoles.oracleNodes.map((index) => devAccount(index)),
    Number(threshold),
    (account) => account.address,
  );
  const signatures = await Promise.all(signers.map((signer) => signer.signTypedData(typedData)));
  await mined(
    await walletOf(devRoles.deployer).writeContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'submitAttestation',
      args: [attestation, signatures],
    }),
  );
}

export async function tokenizeCluster(
  operatorIndex: number,
  clusterId: bigint,
  options: { name?: string; symbol?: string; supply?: string; price?: string; softCap?: string } = {},
) {
  const head = await publicClient.getBlock();
  const receipt = await mined(
    await walletOf(operatorIndex).writeContract({
      address: deployment().contracts.factory,
      abi: rackshareFactoryAbi,
      functionName: 'tokenize',
      args: [
        clusterId,
        {
          name: options.name ?? `Cluster ${clusterId} shares`,
          symbol: options.symbol ?? `RSC${clusterId}`,
          supply: parseUnits(options.supply ?? '1000', 18),
          pricePerShare: parseUnits(options.price ?? '10', 6),
          start: Number(head.timestamp),
          end: Number(head.timestamp + 30n * 86_400n),
          softCap: parseUnits(options.softCap ?? '1', 18),
          perBuyerCap: 0n,
        },
      ],
    }),
  );
  const [event] = parseEventLogs({ abi: rackshareFactoryAbi, logs: receipt.logs, eventName: 'ClusterTokenized' });
  return { token: event!.args.token as Address, offering: event!.args.offering as Address };
}

/** A registered, attested, tokenized cluster with its offering open. */
export async function openOffering(
  operatorIndex: number,
  options: Parameters<typeof registerCluster>[1] & Parameters<typeof tokenizeCluster>[2] = {},
) {
  const clusterId = await registerCluster(operatorIndex, options);
  await attestCluster(clusterId);
  return { clusterId, ...(await tokenizeCluster(operatorIndex, clusterId, options)) };
}

export async function mintStablecoin(to: Address, amount: bigint) {
  await mined(
    await walletOf(devRoles.deployer).writeContract({
      address: deployment().contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'mint',
      args: [to, amount],
    }),
  );
}

export function stablecoinBalance(account: Address) {
  return publicClient.readContract({
    address: deployment().contracts.stablecoin,
    abi: testStablecoinAbi,
    functionName: 'balanceOf',
    args: [account],
  });
}

/** `buyerIndex` (a dev account) buys `shares` whole shares, paying with freshly minted stablecoin. */
export function buyShares(buyerIndex: number, offering: Address, shares: bigint) {
  return buyShareUnits(buyerIndex, offering, shares * offeringConstants.SHARE_UNIT);
}

/** Governance (the deployer owns the local registry) acts on a token or an offering. */
export async function asGovernance(address: Address, abi: Abi, functionName: string) {
  return mined(await walletOf(devRoles.deployer).writeContract({ address, abi, functionName } as never));
}

export async function finalizeOffering(operatorIndex: number, offering: Address) {
  await mined(
    await walletOf(operatorIndex).writeContract({ address: offering, abi: offeringAbi, functionName: 'finalize' }),
  );
}

export async function depositRevenue(operatorIndex: number, token: Address, amount: bigint, durationSeconds: bigint) {
  const operator = walletOf(operatorIndex);
  await mintStablecoin(operator.account.address, amount);
  await mined(
    await operator.writeContract({
      address: deployment().contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'approve',
      args: [token, amount],
    }),
  );
  await mined(
    await operator.writeContract({
      address: token,
      abi: shareTokenAbi,
      functionName: 'depositRevenue',
      args: [amount, durationSeconds],
    }),
  );
}

/** Moves the chain's clock forward and mines a block at the new time. */
export async function increaseTime(seconds: number) {
  await publicClient.request({ method: 'evm_increaseTime' as never, params: [seconds] as never });
  await publicClient.request({ method: 'evm_mine' as never, params: [] as never });
}

/** The committee (threshold of the oracle dev keys) signs and submits one epoch report, as the oracle nodes would. */
export async function submitReport(figures: Omit<EpochReport, 'committeeVersion'>) {
  const registry = deployment().contracts.clusterRegistry;
  const [threshold, committeeVersion] = await Promise.all([
    publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'threshold' }),
    publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'committeeVersion' }),
  ]);
  const report = { ...figures, committeeVersion };
  const typedData = epochReportTypedData({ chainId: 31_337, registry }, report);
  const signers = firstSigners(
    devRoles.oracleNodes.map((index) => devAccount(index)),
    Number(threshold),
    (account) => account.address,
  );
  const signatures = await Promise.all(signers.map((signer) => signer.signTypedData(typedData)));
  return mined(
    await walletOf(devRoles.deployer).writeContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'submitReports',
      args: [[{ report, signatures }]],
    }),
  );
}

/** A buyer takes its escrowed shares (and the revenue they earned in escrow) out of a finalized offering. */
export async function withdrawShares(buyerIndex: number, offering: Address) {
  return mined(
    await walletOf(buyerIndex).writeContract({ address: offering, abi: offeringAbi, functionName: 'withdrawShares' }),
  );
}

/** A holder claims its streamed revenue from the share token itself (not through the page). */
export async function claimRevenue(holderIndex: number, token: Address) {
  return mined(
    await walletOf(holderIndex).writeContract({ address: token, abi: shareTokenAbi, functionName: 'claim' }),
  );
}

/**
 * A buyer takes `amount` share-wei (not whole shares) at the Offering's own quote: a fraction of a share costs a
 * rounded-up base unit, the case where a figure computed with floor instead of the contract's quote is off by one.
 */
export async function buyShareUnits(buyerIndex: number, offering: Address, amount: bigint) {
  const buyer = walletOf(buyerIndex);
  const cost = await publicClient.readContract({
    address: offering,
    abi: offeringAbi,
    functionName: 'quote',
    args: [amount],
  });
  await mintStablecoin(buyer.account.address, cost);
  await mined(
    await buyer.writeContract({
      address: deployment().contracts.stablecoin,
      abi: testStablecoinAbi,
      functionName: 'approve',
      args: [offering, cost],
    }),
  );
  await mined(
    await buyer.writeContract({ address: offering, abi: offeringAbi, functionName: 'buy', args: [amount, cost] }),
  );
  return cost;
}
