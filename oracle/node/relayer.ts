/**
 * Lands reports with k signatures on chain, one submitReports transaction per epoch (all its clusters; a backlog of
 * consecutive epochs may share one, see maxEpochsPerSubmission). Every node
 * runs a relayer; the live committee member with the lowest address submits at once, the next one after
 * `takeoverMs`, and so on, so a dead leader delays reports but never stops them. Before each transaction the relayer
 * reads lastEpochOf and drops what is already on chain, then simulates the call: a report is never submitted twice
 * and a peer's bad signature is found and discarded before it costs gas.
 *
 * The registry skips (ReportSkipped) instead of reverting an item whose epoch already landed or was overtaken, and
 * one signed for an older committee version. Every node re-signs its unsubmitted reports when the committee version
 * moves on (whatever its relaying rank), and an item the registry skipped for its version is not counted as landed.
 */
import type { Logger } from 'pino';
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
import { recoverSigner } from '../eip712';
import type { OracleCore, ReportEntry } from './core';

export type RelayerOptions = {
  walletClient: WalletClient<Transport, Chain, Account>;
  publicClient: PublicClient;
  registry: Address;
  liveMembers: () => Address[];
  intervalMs?: number;
  takeoverMs?: number;
  /** Called before a submission for the newest epoch end in it (the demo warps chain time here). */
  prepareSubmission?: (epochEnd: number) => Promise<void>;
  /**
   * Hold an epoch until every cluster this node holds an inventory for has a ready report for it, at most this long
   * after its first report was ready, so an epoch lands in one transaction (the demo's history backfill; 0 = off).
   */
  gatherMs?: number;
  /**
   * Ready epochs that follow each other go in one transaction, up to this many (default 1). A backlog (the demo's
   * history) then costs one chain round trip and one block per group instead of per epoch.
   */
  maxEpochsPerSubmission?: number;
  log: Logger;
};

const byAddress = (a: Address, b: Address) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1);
const SIGNATURE_ERRORS = new Set([
  'InvalidSignature',
  'InvalidSignatureLength',
  'MalleableSignature',
  'NotCommitteeSigner',
  'DuplicateSigner',
  'SignersNotAscending',
]);

export class Relayer {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly core: OracleCore,
    private readonly options: RelayerOptions,
  ) {}

  async run(signal: AbortSignal) {
    const interval = this.options.intervalMs ?? 1_000;
    while (!signal.aborted) {
      try {
        await this.relayOnce();
      } catch (error) {
        this.options.log.warn({ err: (error as Error).message }, 'relaying failed; retrying');
      }
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
    await Promise.allSettled(this.pending);
  }

  /** Submits every report this node is due to relay now; resolves when the transactions are sent, not mined. */
  async relayOnce(now = Date.now()) {
    const { core } = this;
    const committeeVersion = await core.registry.committeeVersion();
    const outdated = [...core.reports.values()].filter(
      (entry) => !entry.submitted && !entry.inFlight && entry.report.committeeVersion < committeeVersion,
    );
    if (outdated.length > 0) await core.resign(outdated, committeeVersion);
    const rank = Math.max(0, this.options.liveMembers().indexOf(core.address));
    const delay = rank * (this.options.takeoverMs ?? 15_000);
    const byEpoch = new Map<bigint, ReportEntry[]>();
    for (const entry of core.reports.values()) {
      if (entry.submitted || entry.inFlight || entry.readyAt === null || now - entry.readyAt < delay) continue;
      byEpoch.set(entry.report.epoch, [...(byEpoch.get(entry.report.epoch) ?? []), entry]);
    }
    // Decided before any chain read: while the oldest epoch is still gathering, nothing goes (and nothing is read).
    const gatherMs = this.options.gatherMs ?? 0;
    const clusterCount = core.clusterSummaries().length;
    const epochs: bigint[] = [];
    for (const epoch of [...byEpoch.keys()].sort((a, b) => (a < b ? -1 : 1))) {
      const entries = byEpoch.get(epoch)!;
      const firstReady = Math.min(...entries.map((entry) => entry.readyAt!));
      // A later epoch cannot go first: it would make this one's reports unsubmittable (epochs only increase).
      if (entries.length < clusterCount && now - firstReady < gatherMs) break;
      epochs.push(epoch);
    }
    const due = epochs.flatMap((epoch) => byEpoch.get(epoch)!);
    if (due.length === 0) return 0;
    const clusterIds = [...new Set(due.map((entry) => entry.report.clusterId))];
    const lastEpochs = await core.registry.lastEpochs(clusterIds);
    const landed = due.filter((entry) => entry.report.epoch <= lastEpochs.get(entry.report.clusterId)!);
    if (landed.length > 0) await core.markSubmitted(landed);
    const chainTime = await core.registry.chainTime();
    const groups: ReportEntry[][] = [];
    let epochsInGroup = 0;
    for (const epoch of epochs) {
      const entries: ReportEntry[] = [];
      for (const entry of byEpoch.get(epoch)!) {
        if (entry.report.epoch <= lastEpochs.get(entry.report.clusterId)!) continue;
        const cluster = await core.registry.cluster(entry.report.clusterId);
        // Not attested (yet, or any more), suspended or retired: the registry would skip the item, so it waits here
        // until the cluster can be reported on again (an attestation or an unsuspension).
        if (cluster.attestedUntil < chainTime) continue;
        if (cluster.status === SUSPENDED || cluster.status === RETIRED) continue;
        entries.push(entry);
      }
      if (entries.length === 0) continue;
      // Consecutive epochs share a transaction up to the limit (reports of one cluster stay in epoch order).
      if (groups.length === 0 || epochsInGroup >= (this.options.maxEpochsPerSubmission ?? 1)) {
        groups.push([]);
        epochsInGroup = 0;
      }
      groups.at(-1)!.push(...entries);
      epochsInGroup += 1;
    }
    let sent = 0;
    for (const entries of groups) {
      if (!(await this.submit(entries))) break;
      sent += 1;
    }
    return sent;
  }

  private async submit(entries: ReportEntry[]) {
    const { walletClient, publicClient, registry, log } = this.options;
    const threshold = this.core.config.threshold;
    const signed = entries.map((entry) => ({
      report: entry.report,
      signatures: [...entry.signatures.entries()]
        .sort(([a], [b]) => byAddress(a, b))
        .slice(0, threshold)
        .map(([, signature]) => signature),
    }));
    const call = {
      address: registry,
      abi: clusterRegistryAbi,
      functionName: 'submitReports',
      args: [signed],
      account: walletClient.account,
    } as const;
    await this.options.prepareSubmission?.(Number(entries.at(-1)!.report.epoch));
    try {
      // Against the pending block: the registry refuses an epoch that ends after the block's time, and on a quiet
      // chain the latest block may be older than an epoch that has ended.
      await publicClient.simulateContract({ ...call, blockTag: 'pending' });
    } catch (error) {
      const revert =
        error instanceof BaseError ? error.walk((cause) => cause instanceof ContractFunctionRevertedError) : null;
      const name = (revert as ContractFunctionRevertedError | null)?.data?.errorName;
      if (name && SIGNATURE_ERRORS.has(name)) await this.dropInvalidSignatures(entries);
      log.warn(
        {
          error: name ?? (error as Error).message.split('\n')[0],
          epoch: entries[0]!.report.epoch,
          reports: entries.length,
        },
        'report batch would revert; not sent',
      );
      return false;
    }
    for (const entry of entries) entry.inFlight = true;
    let hash: `0x${string}`;
    try {
      hash = await walletClient.writeContract({
        ...call,
        chain: walletClient.chain,
        gas: 200_000n + 120_000n * BigInt(entries.length),
      });
    } catch (error) {
      for (const entry of entries) entry.inFlight = false;
      throw error;
    }
    const tracking = publicClient
      .waitForTransactionReceipt({ hash, timeout: 120_000 })
      .then(async (receipt) => {
        if (receipt.status === 'success') {
          // An item skipped for a committee that changed, or a cluster that could not be reported on, while the
          // transaction was pending was not recorded: it stays unsubmitted (re-signed, or held until the cluster can
          // be reported on again). An epoch skipped as overtaken did land, or never can.
          const stale = retryableSkips(receipt, registry);
          const landed = entries.filter((entry) => !stale.has(`${entry.report.clusterId}:${entry.report.epoch}`));
          await this.core.markSubmitted(landed);
          this.core.metrics.reportsSubmitted.inc(landed.length);
        } else {
          this.core.metrics.submissionsFailed.inc();
          log.warn({ hash }, 'submitReports reverted');
        }
      })
      .catch((error) => {
        this.core.metrics.submissionsFailed.inc();
        log.warn({ hash, err: (error as Error).message }, 'submitReports receipt not received');
      })
      .finally(() => {
        for (const entry of entries) entry.inFlight = false;
        this.pending.delete(tracking);
      });
    this.pending.add(tracking);
    return true;
  }

  /** Slow path, only when a simulation failed on signatures: recover each peer signature and forget the bad ones. */
  private async dropInvalidSignatures(entries: ReportEntry[]) {
    for (const entry of entries) {
      for (const [signer, signature] of entry.signatures) {
        if (signer === this.core.address) continue;
        const recovered = await recoverSigner(entry.digest, signature).catch(() => undefined);
        if (recovered !== signer) {
          this.options.log.warn({ signer, epoch: entry.report.epoch }, 'dropping an invalid peer signature');
          this.core.dropSignature(entry, signer);
        }
      }
    }
  }

  /** Waits for the receipts of every transaction sent so far. */
  async settle() {
    await Promise.allSettled([...this.pending]);
  }
}

/**
 * `clusterId:epoch` of the items the registry skipped in `receipt` for a reason that can pass: an outdated committee
 * version, or a cluster that could not be reported on at that block.
 */
function retryableSkips(receipt: TransactionReceipt, registry: Address) {
  const skipped = parseEventLogs({
    abi: clusterRegistryAbi,
    eventName: 'ReportSkipped',
    logs: receipt.logs.filter((log) => log.address.toLowerCase() === registry.toLowerCase()),
  });
  return new Set(
    skipped
      .filter((log) => log.args.reason === SKIP_STALE_COMMITTEE || log.args.reason === SKIP_CLUSTER_NOT_REPORTABLE)
      .map((log) => `${log.args.clusterId}:${log.args.epoch}`),
  );
}

/** `IClusterRegistry.SkipReason` values, in the contract's order. */
const SKIP_STALE_COMMITTEE = 1;
const SKIP_CLUSTER_NOT_REPORTABLE = 2;
/** `IClusterRegistry.ClusterStatus` values, in the contract's order. */
const SUSPENDED = 4;
const RETIRED = 5;
