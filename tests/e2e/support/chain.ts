/**
 * Operator- and oracle-side set-up for end-to-end tests, driven straight at the e2e stack's anvil: what the running
 * oracle and other operators would do, so the browser tests can focus on the investor's and operator's own journeys.
 * The calls are devnet's (calls.ts builds them, actions.ts sends them); what is the e2e kit's own is reading the
 * deployment the stack recorded, the terms its sales open with, and the committee's cross-checks against the registry
 * (the threshold it asks for, the digest it computes).
 */
import { join } from 'node:path';
import {
  type Abi,
  type Address,
  encodeFunctionData,
  hashTypedData,
  keccak256,
  parseUnits,
  stringToBytes,
  zeroHash,
} from 'viem';
import { clusterRegistryAbi, offeringConstants, testStablecoinAbi, timelockControllerAbi } from '#contracts';
import { readDeployment } from '#contracts/deployments';
import type { EpochReport } from '#protocol/eip712';
import { hardwareRoot } from '#protocol/hardware';
import { devRoles } from '../../../devnet/accounts';
import { chainActions, registerClusterAs, sendAs } from '../../../devnet/actions';
import {
  attestationOf,
  committeeSigners,
  committeeVersionOf,
  protocolCalls,
  signAttestation,
  signReports,
  tokenizedSale,
} from '../../../devnet/calls';
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

/** devnet's chain actions on the stack's deployment (read when first needed: the stack starts after this loads). */
const actions = () => chainActions({ ...devnet, deployment: deployment() });

/** Random, valid GPU UUIDs (GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx). */
export function gpuUuids(count: number): string[] {
  const hex = (length: number) =>
    Array.from({ length }, () => '0123456789abcdef'[Math.floor(Math.random() * 16)]).join('');
  return Array.from({ length: count }, () => `GPU-${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`);
}

export function registerCluster(
  operatorIndex: number,
  options: { gpuModel?: string; location?: string; uuids?: string[]; metadataURI?: string } = {},
) {
  const uuids = options.uuids ?? gpuUuids(8);
  return registerClusterAs(devnet, deployment().contracts.clusterRegistry, operatorIndex, {
    gpuModel: options.gpuModel ?? 'NVIDIA H100 SXM5 80GB',
    gpuCount: uuids.length,
    location: options.location ?? 'KR-SEL-01',
    hardwareRoot: hardwareRoot(uuids),
    metadataUri: options.metadataURI ?? 'https://example.org/cluster.json',
    metadataHash: keccak256(stringToBytes('{}')),
  });
}

/** The registry's threshold and the committee (oracle dev keys #7-#9) members that sign for it. */
async function signers(registry: Address) {
  const threshold = await publicClient.readContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'threshold',
  });
  return committeeSigners(devRoles.oracleNodes, Number(threshold));
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
  const { contracts } = deployment();
  const registry = contracts.clusterRegistry;
  const attestation = await attestationOf(publicClient, registry, clusterId, { validForSeconds, issuedAt });
  const { typedData, signatures } = await signAttestation(
    await signers(registry),
    { chainId: 31_337, registry },
    attestation,
  );
  const onChainDigest = await publicClient.readContract({
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'hashAttestation',
    args: [attestation],
  });
  if (onChainDigest !== hashTypedData(typedData)) throw new Error('attestation digest differs from the registry’s');
  await sendAs(devnet, devRoles.deployer, protocolCalls(contracts).submitAttestation(attestation, signatures));
}

export async function tokenizeCluster(
  operatorIndex: number,
  clusterId: bigint,
  options: { name?: string; symbol?: string; supply?: string; price?: string; softCap?: string } = {},
) {
  const head = await publicClient.getBlock();
  const receipt = await sendAs(
    devnet,
    operatorIndex,
    protocolCalls(deployment().contracts).tokenize(clusterId, {
      name: options.name ?? `Cluster ${clusterId} shares`,
      symbol: options.symbol ?? `RSC${clusterId}`,
      supply: parseUnits(options.supply ?? '1000', 18),
      pricePerShare: parseUnits(options.price ?? '10', 6),
      start: Number(head.timestamp),
      end: Number(head.timestamp + 30n * 86_400n),
      softCap: parseUnits(options.softCap ?? '1', 18),
      perBuyerCap: 0n,
    }),
  );
  return tokenizedSale(receipt);
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
  await actions().mintStablecoin(to, amount);
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

/** What the guardian (the deployer on the local stack) may do at once; everything else waits out the timelock. */
const GUARDIAN_ACTS = new Set(['governancePause', 'suspendCluster']);

/**
 * Governance acts on a token, an offering or the registry. The stack's registry is owned by a TimelockController whose
 * proposer and executor is the deployer (contracts/ts/deploy.ts): a pause or a suspension is the deployer's own as
 * guardian; any other act is scheduled, the chain's clock moved by the timelock's delay (a minute), and executed.
 */
export async function asGovernance(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) {
  const timelock = deployment().contracts.timelock;
  if (!timelock || GUARDIAN_ACTS.has(functionName)) {
    return sendAs(devnet, devRoles.deployer, { address, abi, functionName, args });
  }
  const data = encodeFunctionData({ abi, functionName, args });
  const salt = keccak256(stringToBytes(`e2e governance ${functionName} ${Date.now()} ${Math.random()}`));
  const operation = [address, 0n, data, zeroHash, salt] as const;
  const delay = await publicClient.readContract({
    address: timelock,
    abi: timelockControllerAbi,
    functionName: 'getMinDelay',
  });
  const send = (name: 'schedule' | 'execute', callArgs: readonly unknown[]) =>
    sendAs(devnet, devRoles.deployer, {
      address: timelock,
      abi: timelockControllerAbi,
      functionName: name,
      args: callArgs,
    });
  await send('schedule', [...operation, delay]);
  await increaseTime(Number(delay) + 1);
  return send('execute', operation);
}

export async function finalizeOffering(operatorIndex: number, offering: Address) {
  await actions().finalize(operatorIndex, offering);
}

export async function depositRevenue(operatorIndex: number, token: Address, amount: bigint, durationSeconds: bigint) {
  await actions().depositRevenue(operatorIndex, token, amount, durationSeconds);
}

/** Moves the chain's clock forward and mines a block at the new time. */
export async function increaseTime(seconds: number) {
  await publicClient.request({ method: 'evm_increaseTime' as never, params: [seconds] as never });
  await publicClient.request({ method: 'evm_mine' as never, params: [] as never });
}

/** The committee (threshold of the oracle dev keys) signs and submits one epoch report, as the oracle nodes would. */
export async function submitReport(figures: Omit<EpochReport, 'committeeVersion'>) {
  const { contracts } = deployment();
  const registry = contracts.clusterRegistry;
  const [committee, committeeVersion] = await Promise.all([
    signers(registry),
    committeeVersionOf(publicClient, registry),
  ]);
  const signed = await signReports(committee, { chainId: 31_337, registry }, [{ ...figures, committeeVersion }]);
  return sendAs(devnet, devRoles.deployer, protocolCalls(contracts).submitReports(signed));
}

/** A buyer takes its escrowed shares (and the revenue they earned in escrow) out of a finalized offering. */
export function withdrawShares(buyerIndex: number, offering: Address) {
  return actions().withdrawShares(buyerIndex, offering);
}

/** A holder claims its streamed revenue from the share token itself (not through the page). */
export function claimRevenue(holderIndex: number, token: Address) {
  return actions().claim(holderIndex, token);
}

/**
 * A buyer takes `amount` share-wei (not whole shares) at the Offering's own quote: a fraction of a share costs a
 * rounded-up base unit, the case where a figure computed with floor instead of the contract's quote is off by one.
 */
export function buyShareUnits(buyerIndex: number, offering: Address, amount: bigint) {
  return actions().buyShareUnits(buyerIndex, offering, amount);
}
