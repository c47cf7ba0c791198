/**
 * The agent's durable outbox: every signed batch is appended (fsync) to a per-cluster spool before any node sees it,
 * and each node has a delivery cursor (the last sequence it acknowledged), written atomically. After a crash or an
 * outage the agent resends from each node's cursor; nodes drop what they already have by sequence, so nothing is
 * lost and nothing is counted twice.
 */

import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Journal } from '../node/journal';
import type { BatchBody } from '../node/protocol';

export class ClusterSpool {
  private constructor(
    private readonly directory: string,
    readonly clusterId: bigint,
    private readonly journal: Journal<BatchBody>,
    private readonly batches: Map<number, BatchBody>,
  ) {
    for (const sequence of batches.keys()) this.newest = Math.max(this.newest, sequence);
  }

  /** Kept, not recomputed: the spool is never trimmed, and the agent asks once per delivered batch. */
  private newest = 0;

  static async open(directory: string, clusterId: bigint) {
    const { journal, records } = await Journal.open<BatchBody>(join(directory, `cluster-${clusterId}.jsonl`));
    return new ClusterSpool(directory, clusterId, journal, new Map(records.map((record) => [record.sequence, record])));
  }

  get lastSequence() {
    return this.newest;
  }

  async append(batch: BatchBody) {
    await this.journal.append(batch);
    this.batches.set(batch.sequence, batch);
    this.newest = Math.max(this.newest, batch.sequence);
  }

  batch(sequence: number) {
    return this.batches.get(sequence);
  }

  private cursorPath(nodeUrl: string) {
    const id = createHash('sha256').update(nodeUrl).digest('hex').slice(0, 16);
    return join(this.directory, `cursor-${this.clusterId}-${id}`);
  }

  cursor(nodeUrl: string): number {
    try {
      return Number(readFileSync(this.cursorPath(nodeUrl), 'utf8')) || 0;
    } catch {
      return 0;
    }
  }

  setCursor(nodeUrl: string, sequence: number) {
    const path = this.cursorPath(nodeUrl);
    writeFileSync(`${path}.tmp`, String(sequence));
    renameSync(`${path}.tmp`, path);
  }

  close() {
    return this.journal.close();
  }
}
