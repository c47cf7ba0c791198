/** Prometheus metrics of one node, on a registry of its own (several nodes may share a process in tests and the demo). */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export function createNodeMetrics(address: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ node: address });
  return {
    registry,
    samplesAccepted: new Counter({
      name: 'rackshare_oracle_samples_accepted_total',
      help: 'GPU readings accepted',
      registers: [registry],
    }),
    samplesRejected: new Counter({
      name: 'rackshare_oracle_samples_rejected_total',
      help: 'GPU readings in rejected batches, by rejection code',
      labelNames: ['reason'],
      registers: [registry],
    }),
    batchesRejected: new Counter({
      name: 'rackshare_oracle_batches_rejected_total',
      help: 'Telemetry batches rejected, by rejection code',
      labelNames: ['reason'],
      registers: [registry],
    }),
    ingestSeconds: new Histogram({
      name: 'rackshare_oracle_ingest_seconds',
      help: 'Time to verify, persist and acknowledge one batch',
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    reportsSigned: new Counter({
      name: 'rackshare_oracle_reports_signed_total',
      help: 'Epoch reports this node signed',
      registers: [registry],
    }),
    reportsSubmitted: new Counter({
      name: 'rackshare_oracle_reports_submitted_total',
      help: 'Epoch reports this node landed on chain',
      registers: [registry],
    }),
    reportsSkipped: new Counter({
      name: 'rackshare_oracle_reports_skipped_total',
      help:
        'Reports this node sent that the registry skipped (ReportSkipped), by reason: EpochNotAfterLast (landed by ' +
        'another relayer, or overtaken), StaleCommittee and ClusterNotReportable (retried), GpusOnlineAboveAttested',
      labelNames: ['reason'],
      registers: [registry],
    }),
    reportsRefused: new Counter({
      name: 'rackshare_oracle_reports_refused_total',
      help: 'Times a report was held back because it would revert on its own (its cluster waits, the others go on)',
      registers: [registry],
    }),
    submissionsFailed: new Counter({
      name: 'rackshare_oracle_submissions_failed_total',
      help: 'submitReports transactions that failed or reverted',
      registers: [registry],
    }),
    signatureMismatches: new Counter({
      name: 'rackshare_oracle_peer_report_mismatches_total',
      help: 'Peer signatures over a report that differs from this node’s own',
      registers: [registry],
    }),
    attestationsSigned: new Counter({
      name: 'rackshare_oracle_attestations_signed_total',
      help: 'Attestations this node signed',
      registers: [registry],
    }),
    epochLag: new Gauge({
      name: 'rackshare_oracle_epoch_lag_seconds',
      help: 'Seconds between now and the end of the newest epoch this node finalized, worst cluster',
      registers: [registry],
    }),
  };
}

export type NodeMetrics = ReturnType<typeof createNodeMetrics>;
