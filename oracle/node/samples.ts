/**
 * An epoch's raw telemetry leaves, read back from the node's journal for export. The journal is replayed for one
 * cluster with the same rule the node applied live: a snapshot counts for an epoch only if it arrived while that
 * epoch was still open (later ones were journaled but never changed the report). The leaves therefore hash to the
 * telemetryRoot this node signed.
 */
import { readFile } from 'node:fs/promises';
import type { TelemetryLeaf } from '../hardware';
import { batchPayloadSchema } from './protocol';

type JournalLine =
  | { type: 'batch'; clusterId: string; payload: string }
  | { type: 'signed'; report: { clusterId: string; epoch: string } }
  | { type: 'skipped'; clusterId: string; epochEnd: number }
  | { type: string; clusterId?: string };

export async function readEpochLeaves(input: {
  journalPath: string;
  clusterId: bigint;
  epochEnd: number;
  epochSeconds: number;
  uuidHash: (uuid: string) => `0x${string}`;
}): Promise<TelemetryLeaf[]> {
  const id = input.clusterId.toString();
  const startMs = (input.epochEnd - input.epochSeconds) * 1000;
  const endMs = input.epochEnd * 1000;
  const text = await readFile(input.journalPath, 'utf8');
  const leaves: TelemetryLeaf[] = [];
  let finalizedThrough = 0;
  for (const line of text.split('\n')) {
    // Cheap filter first: most lines of a busy node are other clusters' batches.
    if (line === '' || !line.includes(`"${id}"`)) continue;
    const record = JSON.parse(line) as JournalLine;
    if (record.type === 'signed') {
      const report = (record as { report: { clusterId: string; epoch: string } }).report;
      if (report.clusterId === id) finalizedThrough = Math.max(finalizedThrough, Number(report.epoch));
    } else if (record.type === 'skipped' && record.clusterId === id) {
      finalizedThrough = Math.max(finalizedThrough, (record as { epochEnd: number }).epochEnd);
    } else if (record.type === 'batch' && record.clusterId === id) {
      const payload = batchPayloadSchema.parse(JSON.parse((record as { payload: string }).payload));
      for (const snapshot of payload.snapshots) {
        if (snapshot.t < finalizedThrough * 1000 || snapshot.t < startMs || snapshot.t >= endMs) continue;
        for (const gpu of snapshot.gpus) {
          const milliPct = gpu.utilizationPct === null ? -1 : Math.round(gpu.utilizationPct * 1000);
          leaves.push([input.uuidHash(gpu.uuid), BigInt(snapshot.t), milliPct]);
        }
      }
    }
  }
  return leaves;
}
