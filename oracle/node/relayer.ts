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
 *
 * A report marked submitted is not final while the chain can still lose it: a reorg, or a node (anvil killed, a
 * provider failing over) restarted from older state, drops the transaction and lastEpochOf falls back below it. At
 * start and every RECOVER_EVERY_ROUNDS rounds the relayer compares what it marked with the chain (recoverLost,
 * recover.ts) and relays again what is gone. Resubmitting is safe: it reads lastEpochOf first, and the registry skips
 * an epoch that is not after the last (EpochNotAfterLast) instead of recording it twice.
 */
import type { Logger } from 'pino';
import type { Account, Address, Chain, PublicClient, Transport, WalletClient } from 'viem';
import {
  clusterRegistryClusterStatus as ClusterStatus,
  clusterRegistrySkipReason as SkipReason,
  clusterRegistrySkipReasonNames as SkipReasonNames,
} from '#contracts';
import { type ClusterRegistryErrorName, isSignatureError } from '#protocol/errors';
import type { ChainCommittee } from './chain';
import type { OracleCore, ReportEntry } from './core';
import { LostReportRecovery } from './recover';
import { chainSignatures, skipReasons, submitReportsCall, wouldRevert } from './report-submission';

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
  /**
   * At most this many reports per transaction (default 100, about 3.3M gas), so a backlog of many clusters never
   * builds a transaction that outgrows a block or a provider's gas cap.
   */
  maxReportsPerSubmission?: number;
  /**
   * How long a cluster's later epochs wait for an earlier report of it that is still short of signatures (default
   * 60 s): sent first, a later epoch would make the earlier one unrecordable. After that the earlier one is given up.
   */
  orderWaitMs?: number;
  log: Logger;
};

export class Relayer {
  private readonly pending = new Set<Promise<void>>();
  /** The last reason each refused report was logged with (so a waiting report is logged once, not every round). */
  private readonly refusals = new WeakMap<ReportEntry, string>();
  /**
   * When this relayer first saw each report with enough signatures from the chain's committee for the chain's
   * threshold. Kept here, not in the core: governance may change both after the node was configured.
   */
  private readonly eligibleSince = new WeakMap<ReportEntry, number>();
  /** When this relayer first saw each unsubmitted report, ready or not. */
  private readonly seenSince = new WeakMap<ReportEntry, number>();

  private readonly recovery: LostReportRecovery;

  constructor(
    private readonly core: OracleCore,
    private readonly options: RelayerOptions,
  ) {
    this.recovery = new LostReportRecovery(core, {
      publicClient: options.publicClient,
      registry: options.registry,
      ownInFlight: () => this.pending.size > 0,
      resetNonce: () => this.resetNonce(),
      log: options.log,
    });
  }

  async run(signal: AbortSignal) {
    const interval = this.options.intervalMs ?? 1_000;
    let round = 0;
    while (!signal.aborted) {
      try {
        // First round included: what a restart (or a chain that restarted under it) left marked but lost. Its own
        // failure (the chain unreachable) is logged and does not cost this round its relaying.
        if (round++ % RECOVER_EVERY_ROUNDS === 0) {
          await this.recoverLost().catch((error: Error) =>
            this.options.log.warn({ err: error.message }, 'cannot compare submitted reports with the chain; retrying'),
          );
        }
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
    // The chain's committee, not this node's configuration: governance may have changed either. Reports signed for an
    // older committee wait for the re-signature (OracleCore.tick), reports short of the threshold for more signatures.
    const committee = await core.registry.committee();
    const { version: committeeVersion, threshold, signers } = committee;
    const rank = Math.max(0, this.options.liveMembers().indexOf(core.address));
    const delay = rank * (this.options.takeoverMs ?? 15_000);
    const orderWaitMs = this.options.orderWaitMs ?? 60_000;
    const eligible: ReportEntry[] = [];
    // Per cluster, the earliest epoch whose report still waits for signatures (a re-signature, or a slow peer).
    const waitingFrom = new Map<bigint, bigint>();
    for (const entry of core.reports.values()) {
      if (entry.submitted || entry.inFlight) continue;
      const seen = this.seenSince.get(entry) ?? now;
      this.seenSince.set(entry, seen);
      // Only signatures of members the chain still seats count: a member governance removed (still in this node's
      // configured committee) would make the whole transaction revert with NotCommitteeSigner.
      if (entry.report.committeeVersion !== committeeVersion || chainSignatures(entry, signers).length < threshold) {
        this.eligibleSince.delete(entry);
        const { clusterId, epoch } = entry.report;
        // Only a report this node signed itself is worth waiting for: one a lone peer made up (any epoch, any
        // figures) would otherwise hold the cluster back at will.
        const ownReport = entry.signatures.has(core.address);
        if (ownReport && now - seen < orderWaitMs && epoch < (waitingFrom.get(clusterId) ?? epoch + 1n))
          waitingFrom.set(clusterId, epoch);
        continue;
      }
      const since = this.eligibleSince.get(entry) ?? now;
      this.eligibleSince.set(entry, since);
      if (now - since >= delay) {
        eligible.push(entry);
      } else {
        // Ready but not yet this relayer's turn: its cluster's later epochs wait for it too, or a backup relayer would
        // send a later epoch alone and make this one unrecordable.
        const { clusterId, epoch } = entry.report;
        if (epoch < (waitingFrom.get(clusterId) ?? epoch + 1n)) waitingFrom.set(clusterId, epoch);
      }
    }
    const byEpoch = new Map<bigint, ReportEntry[]>();
    for (const entry of eligible) {
      // A later epoch would overtake the earlier one on chain for good (epochs only increase): it waits for it, up to
      // orderWaitMs, after which the earlier report is given up on.
      if (entry.report.epoch > (waitingFrom.get(entry.report.clusterId) ?? entry.report.epoch)) continue;
      byEpoch.set(entry.report.epoch, [...(byEpoch.get(entry.report.epoch) ?? []), entry]);
    }
    // Decided before any chain read: while the oldest epoch is still gathering, nothing goes (and nothing is read).
    const gatherMs = this.options.gatherMs ?? 0;
    const clusterCount = core.clusterSummaries().length;
    const epochs: bigint[] = [];
    for (const epoch of [...byEpoch.keys()].sort((a, b) => (a < b ? -1 : 1))) {
      const entries = byEpoch.get(epoch)!;
      const firstReady = Math.min(...entries.map((entry) => this.eligibleSince.get(entry)!));
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
    const maxReports = this.options.maxReportsPerSubmission ?? 100;
    let epochsInGroup = 0;
    for (const epoch of epochs) {
      const entries: ReportEntry[] = [];
      for (const entry of byEpoch.get(epoch)!) {
        if (entry.report.epoch <= lastEpochs.get(entry.report.clusterId)!) continue;
        const cluster = await core.registry.cluster(entry.report.clusterId);
        // Not attested (yet, or any more), suspended or retired: the registry would skip the item, so it waits here
        // until the cluster can be reported on again (an attestation or an unsuspension).
        if (cluster.attestedUntil < chainTime) continue;
        if (cluster.status === ClusterStatus.Suspended || cluster.status === ClusterStatus.Retired) continue;
        entries.push(entry);
      }
      if (entries.length === 0) continue;
      // Consecutive epochs share a transaction up to the limits (reports of one cluster stay in epoch order).
      if (groups.length === 0 || epochsInGroup >= (this.options.maxEpochsPerSubmission ?? 1)) {
        groups.push([]);
        epochsInGroup = 0;
      }
      for (const entry of entries) {
        if (groups.at(-1)!.length >= maxReports) groups.push([]);
        groups.at(-1)!.push(entry);
      }
      epochsInGroup += 1;
    }
    // One report that cannot land must not hold the others back: its cluster waits (a later epoch of it would make
    // this one unsubmittable), every other cluster goes on.
    const held = new Set<bigint>();
    let sent = 0;
    for (const group of groups) {
      const entries = group.filter((entry) => !held.has(entry.report.clusterId));
      if (entries.length === 0) continue;
      const sendable = await this.sendable(entries, committee);
      for (const entry of entries) if (!sendable.includes(entry)) held.add(entry.report.clusterId);
      if (sendable.length === 0) continue;
      await this.submit(sendable, committee);
      sent += 1;
    }
    return sent;
  }

  /**
   * Un-marks the reports marked submitted that the chain lost, so the next rounds relay them again (see recover.ts for
   * the rules: a pinned read past the landing block, or two consecutive sightings). Returns the reports un-marked.
   */
  recoverLost() {
    return this.recovery.pass();
  }

  private resetNonce() {
    const { account, chain } = this.options.walletClient;
    account.nonceManager?.reset({ address: account.address, chainId: chain.id });
  }

  /**
   * The entries that can land now. A batch that would revert is taken apart: each report is simulated alone, and one
   * that still reverts is left out (logged once per reason); a peer's bad signature is discarded on the way.
   */
  private async sendable(entries: ReportEntry[], committee: ChainCommittee): Promise<ReportEntry[]> {
    await this.options.prepareSubmission?.(Number(entries.at(-1)!.report.epoch));
    const reason = await wouldRevert(this.options, entries, committee);
    if (reason === undefined) return entries;
    // A seated signer the chain refuses: the committee changed under the cached read; read it afresh next round.
    if (reason === NOT_COMMITTEE_SIGNER) this.core.registry.forgetCommittee();
    if (isSignatureError(reason)) await this.dropInvalidSignatures(entries);
    const passing: ReportEntry[] = [];
    for (const entry of entries) {
      const own = entries.length === 1 ? reason : await wouldRevert(this.options, [entry], committee);
      if (own === undefined) {
        passing.push(entry);
      } else if (this.refusals.get(entry) !== own) {
        this.refusals.set(entry, own);
        this.core.metrics.reportsRefused.inc();
        this.options.log.warn(
          { error: own, clusterId: entry.report.clusterId, epoch: entry.report.epoch },
          'a report would revert; its cluster waits, the others go on',
        );
      }
    }
    // Reports that pass alone may still fail together in a corner case: then nothing goes this round.
    if (passing.length < entries.length && passing.length > 0 && (await wouldRevert(this.options, passing, committee)))
      return [];
    return passing;
  }

  private async submit(entries: ReportEntry[], committee: ChainCommittee) {
    const { walletClient, publicClient, registry, log } = this.options;
    const call = submitReportsCall(this.options, entries, committee);
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
          // What the registry did with each item. Skipped for a committee that changed, or a cluster that could not
          // be reported on, while the transaction was pending: not recorded, it stays unsubmitted (re-signed, or held
          // until the cluster can be reported on again). Not after the cluster's last epoch (another relayer landed
          // it first, or a later epoch overtook it) or made for hardware the cluster no longer has: done with.
          const skips = skipReasons(receipt, registry);
          const skipOf = (entry: ReportEntry) => skips.get(`${entry.report.clusterId}:${entry.report.epoch}`);
          const done = entries.filter((entry) => {
            const reason = skipOf(entry);
            return reason === undefined || !RETRYABLE_SKIPS.has(reason);
          });
          await this.core.markSubmitted(done, hash, receipt.blockNumber);
          let landed = 0;
          for (const entry of entries) {
            const reason = skipOf(entry);
            if (reason === undefined) {
              landed += 1;
              continue;
            }
            const name = SkipReasonNames[reason] ?? String(reason);
            this.core.metrics.reportsSkipped.inc({ reason: name });
            log.info(
              { clusterId: entry.report.clusterId, epoch: entry.report.epoch, reason: name, hash },
              'the registry skipped a report',
            );
          }
          this.core.metrics.reportsSubmitted.inc(landed);
        } else {
          this.core.metrics.submissionsFailed.inc();
          log.warn({ hash }, 'submitReports reverted');
        }
      })
      .catch((error) => {
        // Never mined (a node restarted, the transaction dropped): its nonce may be free again.
        this.resetNonce();
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

  /**
   * Slow path, only when a simulation failed on signatures: the core re-checks each peer signature the way the
   * registry does and forgets only those it would refuse (a verified one stays, whatever made the simulation fail).
   */
  private async dropInvalidSignatures(entries: ReportEntry[]) {
    for (const entry of entries) {
      for (const signer of [...entry.signatures.keys()]) {
        if (signer === this.core.address) continue;
        if (await this.core.dropSignature(entry, signer))
          this.options.log.warn({ signer, epoch: entry.report.epoch }, 'dropped an invalid peer signature');
      }
    }
  }

  /** Waits for the receipts of every transaction sent so far. */
  async settle() {
    await Promise.allSettled([...this.pending]);
  }
}

/** Relay rounds between two recoverLost passes (30 s at the default 1 s interval). */
const RECOVER_EVERY_ROUNDS = 30;
/** Typed, so a renamed contract error breaks the build instead of this comparison. */
const NOT_COMMITTEE_SIGNER: ClusterRegistryErrorName = 'NotCommitteeSigner';

/** Skip reasons that can pass: another signature round, or an attestation or unsuspension. */
const RETRYABLE_SKIPS = new Set<number>([SkipReason.StaleCommittee, SkipReason.ClusterNotReportable]);
