/**
 * Raw telemetry for exports, one small file per cluster and epoch, written when the node closes the epoch from exactly
 * the snapshots its report aggregated (those that arrived while the epoch was open): the leaves read back hash to the
 * telemetryRoot the node signed. Files older than the retention are deleted, so the node's disk stays bounded while
 * the journal, compacted into snapshots, no longer holds old samples at all.
 *
 * Format (JSON Lines): a header `{ clusterId, epochEnd, gpus: [uuidHash, ...] }`, then one line per snapshot,
 * `[t, gpuIndex, milliPct, gpuIndex, milliPct, ...]` (milliPct -1 for no reading), in arrival order.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Hex } from 'viem';
import { DEFAULT_SAMPLE_RETENTION_DAYS } from '#config/oracle-node';
import { UnavailableError } from '#protocol/base-error';
import { type TelemetryLeaf, utilizationMilliPct } from '#protocol/telemetry';
import type { Snapshot } from '#protocol/wire';
import { MAX_RECORD_BYTES, readLines, syncDirectory } from './journal';

export { DEFAULT_SAMPLE_RETENTION_DAYS };

/**
 * Failed writes kept for a retry, by count and by text size. Past either bound a failed file is not kept (the memory
 * would grow with a failing disk) but counted: `flush` rejects until a restart, whose journal replay writes it again
 * (compaction, which would drop those samples from the journal, waits for `flush` and so never runs meanwhile).
 */
export const MAX_FAILED_SAMPLE_WRITES = 256;
export const MAX_FAILED_SAMPLE_BYTES = 256 * 1024 * 1024;

/** Some epoch sample files are not durable: compaction must not drop their samples from the journal. */
export class SampleWriteError extends UnavailableError {
  override name = 'SampleWriteError';
  constructor(
    readonly pending: number,
    readonly lost: number,
    cause: Error | undefined,
  ) {
    super(
      `${pending} epoch sample file(s) not written yet (retried at the next flush)` +
        (lost > 0 ? `, ${lost} more beyond the retry bound (written again from the journal at the next start)` : '') +
        (cause ? `: ${cause.message}` : ''),
      { cause },
    );
  }
}

export type SampleWriter = (path: string, text: string) => Promise<void>;

const fileOf = (directory: string, clusterId: bigint, epochEnd: number) =>
  join(directory, clusterId.toString(), `${epochEnd}.jsonl`);

/** The file's text: bounded per line like a journal record (one snapshot of one cluster per line). */
export function encodeEpochSamples(
  clusterId: bigint,
  epochEnd: number,
  snapshots: readonly Snapshot[],
  uuidHash: (uuid: string) => Hex,
) {
  const index = new Map<string, number>();
  const gpus: Hex[] = [];
  const lines: string[] = [];
  for (const snapshot of snapshots) {
    const row: number[] = [snapshot.t];
    for (const gpu of snapshot.gpus) {
      let position = index.get(gpu.uuid);
      if (position === undefined) {
        position = gpus.length;
        index.set(gpu.uuid, position);
        gpus.push(uuidHash(gpu.uuid));
      }
      row.push(position, utilizationMilliPct(gpu.utilizationPct));
    }
    lines.push(JSON.stringify(row));
  }
  return `${JSON.stringify({ clusterId: clusterId.toString(), epochEnd, gpus })}\n${lines.map((line) => `${line}\n`).join('')}`;
}

/** The leaves of one epoch file, or undefined when there is none (never written, or pruned). */
export function readEpochSampleFile(path: string): TelemetryLeaf[] | undefined {
  if (!existsSync(path)) return undefined;
  let gpus: Hex[] | undefined;
  const leaves: TelemetryLeaf[] = [];
  readLines(
    path,
    (line) => {
      if (!gpus) {
        gpus = (JSON.parse(line) as { gpus: Hex[] }).gpus;
        return;
      }
      const row = JSON.parse(line) as number[];
      const t = BigInt(row[0]!);
      for (let position = 1; position + 1 < row.length; position += 2) {
        leaves.push([gpus[row[position]!]!, t, row[position + 1]!]);
      }
    },
    { maxRecordBytes: MAX_RECORD_BYTES },
  );
  return leaves;
}

export class EpochSampleStore {
  private readonly writing = new Set<Promise<void>>();
  /** Files whose write failed, by path, with their text: retried by the next `flush`. */
  private readonly failed = new Map<string, string>();
  private failedBytes = 0;
  /** Failed files past the retry bounds (see MAX_FAILED_SAMPLE_WRITES). */
  private lost = 0;
  private lastError: Error | undefined;
  private retrying: Promise<void> | undefined;

  constructor(
    readonly directory: string,
    readonly retentionDays = DEFAULT_SAMPLE_RETENTION_DAYS,
    private readonly onError: (error: Error) => void = () => undefined,
    /** Writes one file durably (injected by tests to make a write fail). */
    private readonly write: SampleWriter = writeAtomically,
  ) {}

  /** Files not durable: kept for a retry, and lost past the retry bounds. */
  get failedWrites() {
    return { pending: this.failed.size, lost: this.lost };
  }

  path(clusterId: bigint, epochEnd: number) {
    return fileOf(this.directory, clusterId, epochEnd);
  }

  /**
   * Stores an epoch's snapshots (in the background: `flush` waits for it). A file already there was written from the
   * same snapshots (a replay after a crash) and is kept.
   */
  record(clusterId: bigint, epochEnd: number, snapshots: readonly Snapshot[], uuidHash: (uuid: string) => Hex) {
    if (snapshots.length === 0) return;
    const path = this.path(clusterId, epochEnd);
    if (existsSync(path)) return;
    const text = encodeEpochSamples(clusterId, epochEnd, snapshots, uuidHash);
    const write = this.write(path, text)
      .catch((error: Error) => {
        this.remember(path, text, error);
        this.onError(error);
      })
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  private remember(path: string, text: string, error: Error) {
    this.lastError = error;
    if (this.failed.has(path)) return;
    if (this.failed.size >= MAX_FAILED_SAMPLE_WRITES || this.failedBytes + text.length > MAX_FAILED_SAMPLE_BYTES) {
      this.lost += 1;
      return;
    }
    this.failed.set(path, text);
    this.failedBytes += text.length;
  }

  /** Resolves once every write started so far has ended, written or failed (never rejects). */
  async settled() {
    while (this.writing.size > 0) await Promise.all([...this.writing]);
  }

  /**
   * Resolves once every file recorded so far is durable (before a snapshot drops the samples from the journal): waits
   * for the writes in progress, retries those that failed, and rejects (SampleWriteError) while any is still not
   * written. Concurrent calls share one retry pass.
   */
  async flush() {
    await this.settled();
    if (this.failed.size > 0) {
      this.retrying ??= this.retryFailed().finally(() => {
        this.retrying = undefined;
      });
      await this.retrying;
    }
    if (this.failed.size > 0 || this.lost > 0) throw new SampleWriteError(this.failed.size, this.lost, this.lastError);
  }

  private async retryFailed() {
    for (const [path, text] of [...this.failed]) {
      try {
        await this.write(path, text);
        this.failed.delete(path);
        this.failedBytes -= text.length;
      } catch (error) {
        this.lastError = error as Error;
      }
    }
  }

  read(clusterId: bigint, epochEnd: number) {
    return readEpochSampleFile(this.path(clusterId, epochEnd));
  }

  /** Deletes the files of epochs that ended more than the retention before `nowSeconds`; returns how many. */
  prune(nowSeconds: number) {
    const horizon = nowSeconds - this.retentionDays * 86_400;
    let removed = 0;
    if (!existsSync(this.directory)) return removed;
    for (const cluster of readdirSync(this.directory)) {
      const folder = join(this.directory, cluster);
      for (const name of readdirSync(folder)) {
        const epochEnd = Number.parseInt(name, 10);
        if (Number.isFinite(epochEnd) && epochEnd < horizon) {
          rmSync(join(folder, name), { force: true });
          removed += 1;
        }
      }
    }
    // A file that never got written is past the retention too: nothing waits for it any more.
    for (const [path, text] of [...this.failed]) {
      if (Number.parseInt(basename(path), 10) >= horizon) continue;
      this.failed.delete(path);
      this.failedBytes -= text.length;
    }
    return removed;
  }
}

async function writeAtomically(path: string, text: string) {
  const folder = join(path, '..');
  mkdirSync(folder, { recursive: true });
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.write(text);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await syncDirectory(folder);
}
