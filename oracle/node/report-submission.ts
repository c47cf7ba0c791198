/**
 * The submitReports call a relayer sends: each report with the first `threshold` signatures of members the chain
 * seats (ascending signers, as the registry requires), its simulation against the pending block, and the items the
 * registry skipped in a receipt.
 */
import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  ContractFunctionRevertedError,
  type PublicClient,
  parseEventLogs,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from 'viem';
import { clusterRegistryAbi } from '#contracts';
import type { ChainCommittee } from './chain';
import type { ReportEntry } from './core';

/** Where and as whom reports are submitted (a part of RelayerOptions). */
export type SubmissionTarget = {
  walletClient: WalletClient<Transport, Chain, Account>;
  publicClient: PublicClient;
  registry: Address;
};

const byAddress = (a: Address, b: Address) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);

/** This entry's signatures by members the chain seats, in the ascending signer order the registry requires. */
export function chainSignatures(entry: ReportEntry, signers: Set<Address>) {
  return [...entry.signatures.entries()].filter(([signer]) => signers.has(signer)).sort(([a], [b]) => byAddress(a, b));
}

export function submitReportsCall(options: SubmissionTarget, entries: ReportEntry[], committee: ChainCommittee) {
  const { walletClient, registry } = options;
  const signed = entries.map((entry) => ({
    report: entry.report,
    signatures: chainSignatures(entry, committee.signers)
      .slice(0, committee.threshold)
      .map(([, signature]) => signature),
  }));
  return {
    address: registry,
    abi: clusterRegistryAbi,
    functionName: 'submitReports',
    args: [signed],
    account: walletClient.account,
  } as const;
}

/** The revert error's name when `entries` would revert now, else undefined. */
export async function wouldRevert(options: SubmissionTarget, entries: ReportEntry[], committee: ChainCommittee) {
  try {
    // Against the pending block: the registry refuses an epoch that ends after the block's time, and on a quiet
    // chain the latest block may be older than an epoch that has ended.
    await options.publicClient.simulateContract({
      ...submitReportsCall(options, entries, committee),
      blockTag: 'pending',
    });
    return undefined;
  } catch (error) {
    const revert =
      error instanceof BaseError ? error.walk((cause) => cause instanceof ContractFunctionRevertedError) : null;
    return (
      (revert as ContractFunctionRevertedError | null)?.data?.errorName ?? (error as Error).message.split('\n')[0]!
    );
  }
}

/** `clusterId:epoch` → SkipReason of every item the registry skipped in `receipt`. */
export function skipReasons(receipt: TransactionReceipt, registry: Address) {
  const skipped = parseEventLogs({
    abi: clusterRegistryAbi,
    eventName: 'ReportSkipped',
    logs: receipt.logs.filter((log) => log.address.toLowerCase() === registry.toLowerCase()),
  });
  return new Map(skipped.map((log) => [`${log.args.clusterId}:${log.args.epoch}`, log.args.reason]));
}
