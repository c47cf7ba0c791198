/**
 * Per-cluster telemetry diagnostics for the IDC operator: how fresh a cluster's accepted telemetry is and which batches
 * this node turned away, and why. Prometheus only has rejections by code across all clusters; an operator needs them
 * for their own cluster, with the message that says what to fix.
 *
 * Kept in memory only, so it restarts empty with the node. That is acceptable: everything accepted is in the journal
 * (lastSequence and lastSampleAt are rebuilt from it and survive a restart), and rejections are advisory — nothing was
 * stored or signed from them, and the agent resends what it still holds. The counters cover this process's lifetime.
 */
import { RECENT_REJECTIONS_KEPT, type RecentRejection } from '#protocol/wire';

/**
 * Rejection messages can quote a sender's input (a zod error over a 16 MB body lists every bad field); the view keeps
 * enough to tell the operator what is wrong without letting a hostile sender park megabytes per cluster in memory.
 */
export const MAX_REJECTION_MESSAGE_LENGTH = 500;

export class ClusterTelemetryTally {
  private lastBatchAt: number | null = null;
  private acceptedBatches = 0;
  private acceptedSamples = 0;
  private readonly rejectedBatches = new Map<string, number>();
  private readonly rejectedSamples = new Map<string, number>();
  /** Newest first, at most RECENT_REJECTIONS_KEPT. */
  private readonly recentRejections: RecentRejection[] = [];

  recordAccepted(samples: number, at = Date.now()) {
    this.lastBatchAt = at;
    this.acceptedBatches += 1;
    this.acceptedSamples += samples;
  }

  recordRejected(
    rejection: { code: string; message: string },
    readings: number,
    sequence: number | null,
    at = Date.now(),
  ) {
    const { code } = rejection;
    this.rejectedBatches.set(code, (this.rejectedBatches.get(code) ?? 0) + 1);
    this.rejectedSamples.set(code, (this.rejectedSamples.get(code) ?? 0) + readings);
    const message =
      rejection.message.length > MAX_REJECTION_MESSAGE_LENGTH
        ? `${rejection.message.slice(0, MAX_REJECTION_MESSAGE_LENGTH - 1)}…`
        : rejection.message;
    this.recentRejections.unshift({ at, code, message, readings, sequence });
    this.recentRejections.length = Math.min(this.recentRejections.length, RECENT_REJECTIONS_KEPT);
  }

  /** A copy for the wire: callers cannot change the tally through it. */
  toJSON() {
    return {
      lastBatchAt: this.lastBatchAt,
      acceptedBatches: this.acceptedBatches,
      acceptedSamples: this.acceptedSamples,
      rejectedBatches: Object.fromEntries(this.rejectedBatches),
      rejectedSamples: Object.fromEntries(this.rejectedSamples),
      recentRejections: this.recentRejections.map((entry) => ({ ...entry })),
    };
  }
}
