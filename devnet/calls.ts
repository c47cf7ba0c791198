/**
 * The one place each protocol call is built: the `writeContract` request (address, abi, functionName, args) of every
 * action the tests, the benches and the demo send, the committee-signed attestation and epoch reports (EIP-712 through
 * protocol/), and the events that tell what a call made. Nothing here sends: actions.ts sends one call at a time as a
 * dev account and waits for it; the e2e kit sends them to the e2e stack; the demo sends them in batches through its
 * own nonce manager and waits for the receipts together. Each caller decides who sends and how it waits, never what
 * is sent.
 */
import type { Address, Hex, LocalAccount, PublicClient, TransactionReceipt } from 'viem';
import { parseEventLogs } from 'viem';
import { clusterRegistryAbi, offeringAbi, rackshareFactoryAbi, shareTokenAbi, testStablecoinAbi } from '#contracts';
import type { Deployment } from '#contracts/deployments';
import { attestationTypedData, epochReportTypedData, firstSigners } from '#protocol/attestation';
import type { Attestation, ChainContext, EpochReport } from '#protocol/eip712';
import { devAccount } from './accounts';

export type ClusterFields = {
  gpuModel: string;
  gpuCount: number;
  location: string;
  hardwareRoot: Hex;
  metadataUri: string;
  metadataHash: Hex;
};

/** The factory's `tokenize` terms: `supply` and `softCap` in share-wei, `pricePerShare` in stablecoin base units. */
export type OfferingTerms = {
  name: string;
  symbol: string;
  supply: bigint;
  pricePerShare: bigint;
  start: number;
  end: number;
  softCap: bigint;
  perBuyerCap: bigint;
};

export type SignedReport = { report: EpochReport; signatures: Hex[] };

/** The registry's `registerCluster` request: `registry` registers `cluster` for whoever sends it. */
export const registerClusterCall = (registry: Address, cluster: ClusterFields) =>
  ({
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
  }) as const;

/** The requests of every protocol action on one deployment, ready for `writeContract` (or `simulateContract`). */
export function protocolCalls(contracts: Deployment['contracts']) {
  const { clusterRegistry, factory, stablecoin } = contracts;
  return {
    registerCluster: (cluster: ClusterFields) => registerClusterCall(clusterRegistry, cluster),
    submitAttestation: (attestation: Attestation, signatures: readonly Hex[]) =>
      ({
        address: clusterRegistry,
        abi: clusterRegistryAbi,
        functionName: 'submitAttestation',
        args: [attestation, signatures],
      }) as const,
    submitReports: (signed: readonly SignedReport[]) =>
      ({ address: clusterRegistry, abi: clusterRegistryAbi, functionName: 'submitReports', args: [signed] }) as const,
    tokenize: (clusterId: bigint, terms: OfferingTerms) =>
      ({ address: factory, abi: rackshareFactoryAbi, functionName: 'tokenize', args: [clusterId, terms] }) as const,
    /** The test stablecoin's open faucet: anyone mints to anyone (the deployer in the tests, the payer in the demo). */
    mintStablecoin: (to: Address, amount: bigint) =>
      ({ address: stablecoin, abi: testStablecoinAbi, functionName: 'mint', args: [to, amount] }) as const,
    approveStablecoin: (spender: Address, amount: bigint) =>
      ({ address: stablecoin, abi: testStablecoinAbi, functionName: 'approve', args: [spender, amount] }) as const,
    /** Buys `amount` share-wei for at most `maxCost` base units. */
    buy: (offering: Address, amount: bigint, maxCost: bigint) =>
      ({ address: offering, abi: offeringAbi, functionName: 'buy', args: [amount, maxCost] }) as const,
    finalize: (offering: Address) =>
      ({ address: offering, abi: offeringAbi, functionName: 'finalize', args: [] }) as const,
    withdrawShares: (offering: Address) =>
      ({ address: offering, abi: offeringAbi, functionName: 'withdrawShares', args: [] }) as const,
    transferShares: (token: Address, to: Address, amount: bigint) =>
      ({ address: token, abi: shareTokenAbi, functionName: 'transfer', args: [to, amount] }) as const,
    depositRevenue: (token: Address, amount: bigint, durationSeconds: bigint) =>
      ({
        address: token,
        abi: shareTokenAbi,
        functionName: 'depositRevenue',
        args: [amount, durationSeconds],
      }) as const,
    claim: (token: Address) => ({ address: token, abi: shareTokenAbi, functionName: 'claim', args: [] }) as const,
    /** The sender's revenue of every token in `tokens`, in one transaction (the factory's `claimAll`). */
    claimAll: (tokens: readonly Address[]) =>
      ({ address: factory, abi: rackshareFactoryAbi, functionName: 'claimAll', args: [tokens] }) as const,
  };
}

export type ProtocolCalls = ReturnType<typeof protocolCalls>;

/** The dev accounts that sign for a committee of dev account indices: the first `threshold` by ascending signer. */
export const committeeSigners = (committee: readonly number[], threshold: number): LocalAccount[] =>
  firstSigners(
    committee.map((index) => devAccount(index)),
    threshold,
    (account) => account.address,
  );

/** The committee version signatures must be made for (every committee change voids the older ones). */
export const committeeVersionOf = (publicClient: PublicClient, registry: Address) =>
  publicClient.readContract({ address: registry, abi: clusterRegistryAbi, functionName: 'committeeVersion' });

/**
 * The attestation a committee would sign for `clusterId` now: its registered hardware and nonce, the current committee
 * version, valid for `validForSeconds` from the head block. `issuedAt` defaults to the head's time; an earlier one is
 * what a committee that checked the inventory back then would have signed.
 */
export async function attestationOf(
  publicClient: PublicClient,
  registry: Address,
  clusterId: bigint,
  { validForSeconds = 30n * 86_400n, issuedAt }: { validForSeconds?: bigint; issuedAt?: bigint } = {},
): Promise<Attestation> {
  const [info, committeeVersion, head] = await Promise.all([
    publicClient.readContract({
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'clusterOf',
      args: [clusterId],
    }),
    committeeVersionOf(publicClient, registry),
    publicClient.getBlock({ blockTag: 'latest' }),
  ]);
  return {
    clusterId,
    hardwareRoot: info.hardwareRoot,
    gpuCount: info.gpuCount,
    issuedAt: issuedAt ?? head.timestamp,
    validUntil: head.timestamp + validForSeconds,
    nonce: info.attestationNonce,
    committeeVersion,
  };
}

/** `signers` sign `attestation`; the typed data comes back too, for a caller that checks the registry's digest. */
export async function signAttestation(
  signers: readonly LocalAccount[],
  context: ChainContext,
  attestation: Attestation,
) {
  const typedData = attestationTypedData(context, attestation);
  const signatures = await Promise.all(signers.map((signer) => signer.signTypedData(typedData)));
  return { typedData, signatures };
}

/** `signers` sign each report: the `submitReports` entries. */
export function signReports(
  signers: readonly LocalAccount[],
  context: ChainContext,
  reports: readonly EpochReport[],
): Promise<SignedReport[]> {
  return Promise.all(
    reports.map(async (report) => {
      const typedData = epochReportTypedData(context, report);
      return { report, signatures: await Promise.all(signers.map((signer) => signer.signTypedData(typedData))) };
    }),
  );
}

/** The id of the cluster a `registerCluster` receipt registered. */
export function registeredClusterId(receipt: TransactionReceipt): bigint {
  const [event] = parseEventLogs({ abi: clusterRegistryAbi, eventName: 'ClusterRegistered', logs: receipt.logs });
  return event!.args.clusterId;
}

/** The share token and offering a `tokenize` receipt created. */
export function tokenizedSale(receipt: TransactionReceipt): { token: Address; offering: Address } {
  const [event] = parseEventLogs({ abi: rackshareFactoryAbi, eventName: 'ClusterTokenized', logs: receipt.logs });
  return { token: event!.args.token as Address, offering: event!.args.offering as Address };
}
