/**
 * Finds the reports marked submitted that the chain lost (a reorg, or a node restarted from older state dropped the
 * transaction and lastEpochOf fell back below them) and un-marks them, so the relayer sends them again (review M3).
 *
 * One read must not be enough: behind a load-balanced RPC a backend a few blocks behind answers an older lastEpochOf,
 * and un-marking on it would re-send every report of the cluster. A report is un-marked only when
 * - lastEpochOf was read at a block no lower than the one its landing was seen at (`submittedBlock`): the read is
 *   pinned to the head block read just before, so a backend that lacks that block fails the read instead of answering
 *   from older state; or
 * - its loss was seen by two consecutive passes over its cluster (a chain restored below the landing block, or a
 *   report whose landing block is not known: marked from the chain's word).
 * A report whose landing transaction (this relayer's) still has a receipt is never lost: the registry skipped it for
 * good. A report marked before landing blocks were journaled, with no transaction either, is left alone: such marks
 * include reports the registry skipped for good (GpusOnlineAboveAttested), and sending them all once more would only
 * cost gas; the relayer that sent them holds their transaction and recovers them.
 *
 * The nonce manager is reset only when one of this relayer's own transactions was lost, and only once none of its
 * transactions waits for a receipt: the lost nonces are free again, while a reset under a pending transaction would
 * hand its nonce out twice.
 *
 * Reach: the core keeps the newest SUBMITTED_REPORTS_KEPT (48) submitted reports per cluster; only those are compared
 * with the chain. A chain restored from state older than that leaves the older epochs unrecorded for good (the next
 * report overtakes them); docs/oracle.md says what an operator does then.
 */
import type { Logger } from 'pino';
import { type Address, type Hex, type PublicClient, TransactionReceiptNotFoundError } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import type { OracleCore, ReportEntry } from './core';

export type RecoveryOptions = {
  publicClient: PublicClient;
  registry: Address;
  /** Whether a transaction this relayer sent still waits for its receipt. */
  ownInFlight: () => boolean;
  resetNonce: () => void;
  log: Logger;
};

/** Clusters one pass compares with the chain (one batched lastEpochOf read at one block). */
export const MAX_RECOVER_CLUSTERS = 256;

/** Whether recovery may un-mark `entry`: not a mark from before landing blocks were journaled, with no transaction. */
const recoverable = (entry: ReportEntry) => entry.submittedIn !== undefined || entry.submittedBlock !== undefined;

export class LostReportRecovery {
  /** Where the next pass starts in the list of clusters (round robin past MAX_RECOVER_CLUSTERS). */
  private from = 0;
  /** Reports the previous pass over their cluster saw lost: a second sighting un-marks them. */
  private readonly suspected = new WeakSet<ReportEntry>();
  /** An own transaction was lost while another was in flight: reset the nonce once none is. */
  private nonceResetDue = false;

  constructor(
    private readonly core: OracleCore,
    private readonly options: RecoveryOptions,
  ) {}

  /** One bounded pass; returns the reports un-marked. */
  async pass() {
    const { core, options } = this;
    this.resetNonceWhenIdle();
    const marked = [...core.reports.values()].filter(
      (entry) => entry.submitted && !entry.inFlight && recoverable(entry),
    );
    if (marked.length === 0) return 0;
    const all = [...new Set(marked.map((entry) => entry.report.clusterId))];
    if (this.from >= all.length) this.from = 0;
    const clusterIds = new Set(all.slice(this.from, this.from + MAX_RECOVER_CLUSTERS));
    this.from += clusterIds.size;
    const head = await options.publicClient.getBlockNumber({ cacheTime: 0 });
    const lastEpochs = await this.lastEpochsAt([...clusterIds], head);
    const receipts = new Map<Hex, Promise<boolean>>();
    const hasReceipt = (hash: Hex) => {
      let found = receipts.get(hash);
      if (!found) {
        found = options.publicClient.getTransactionReceipt({ hash }).then(
          () => true,
          (error: Error) => {
            if (error instanceof TransactionReceiptNotFoundError) return false;
            throw error;
          },
        );
        receipts.set(hash, found);
      }
      return found;
    };
    const lost: ReportEntry[] = [];
    for (const entry of marked) {
      if (!clusterIds.has(entry.report.clusterId)) continue;
      const last = lastEpochs.get(entry.report.clusterId)!;
      if (entry.report.epoch <= last || (entry.submittedIn && (await hasReceipt(entry.submittedIn)))) {
        this.suspected.delete(entry);
        continue;
      }
      const readPastLanding = typeof entry.submittedBlock === 'bigint' && head >= entry.submittedBlock;
      if (readPastLanding || this.suspected.has(entry)) lost.push(entry);
      else this.suspected.add(entry);
    }
    // Checked again after the reads: a receipt that arrived meanwhile marked it afresh, with its transaction.
    const still = lost.filter((entry) => entry.submitted && !entry.inFlight);
    if (still.length === 0) return 0;
    const ownLost = still.some((entry) => entry.submittedIn !== undefined);
    await core.unmarkSubmitted(still);
    for (const entry of still) this.suspected.delete(entry);
    if (ownLost) {
      this.nonceResetDue = true;
      this.resetNonceWhenIdle();
    }
    options.log.warn(
      {
        reports: still.length,
        clusters: [...new Set(still.map((entry) => entry.report.clusterId.toString()))],
        block: head.toString(),
      },
      'the chain lost reports marked submitted: relaying them again',
    );
    return still.length;
  }

  private resetNonceWhenIdle() {
    if (!this.nonceResetDue || this.options.ownInFlight()) return;
    this.nonceResetDue = false;
    this.options.resetNonce();
  }

  /** lastEpochOf of each cluster, all read at `blockNumber` (a backend without that block fails instead of lagging). */
  private async lastEpochsAt(clusterIds: bigint[], blockNumber: bigint) {
    const { publicClient, registry } = this.options;
    const epochs = await Promise.all(
      clusterIds.map((clusterId) =>
        publicClient.readContract({
          address: registry,
          abi: clusterRegistryAbi,
          functionName: 'lastEpochOf',
          args: [clusterId],
          blockNumber,
        }),
      ),
    );
    return new Map(clusterIds.map((clusterId, index) => [clusterId, epochs[index]!]));
  }
}
