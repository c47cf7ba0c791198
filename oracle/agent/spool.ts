/**
 * The agent's durable outbox: every signed batch is appended (fdatasync) to a per-cluster spool before any node sees
 * it, and each node has a delivery cursor (the last sequence it acknowledged), written atomically. After a crash or an
 * outage the agent resends from each node's cursor; nodes drop what they already have by sequence, so nothing is
 * lost and nothing is counted twice.
 *
 * The spool is a directory of segment files (JSON Lines, named by their first sequence). Only an index of byte
 * offsets stays in memory; a batch is read back from disk when it is about to be sent. Segments every node has
 * acknowledged are deleted, and the spool is bounded in bytes: when nodes stay down for long, the oldest segments are
 * dropped first (see `ClusterSpool.open`'s `maxBytes`).
 */

import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { type FileHandle, open, rm, truncate, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { BatchBody } from '#protocol/wire';

export type SpoolLimits = {
  /** A segment is sealed (and becomes deletable) after this many batches or bytes, whichever comes first. */
  segmentBatches: number;
  segmentBytes: number;
  /** Past this many bytes on disk the oldest segments are dropped, delivered or not. */
  maxBytes: number;
};

export const DEFAULT_SPOOL_LIMITS: SpoolLimits = {
  segmentBatches: 360,
  segmentBytes: 64 * 1024 * 1024,
  maxBytes: 2 * 1024 * 1024 * 1024,
};

type Segment = {
  path: string;
  first: number;
  last: number;
  bytes: number;
  /** sequence → [byte offset, byte length without the newline] */
  offsets: Map<number, [number, number]>;
};

/** What bounding the spool threw away: the sequences a node that is still behind will get as empty batches. */
export type DroppedSegment = { first: number; last: number; bytes: number };

const SEGMENT_NAME = /^(\d{12})\.jsonl$/;
const segmentName = (first: number) => `${String(first).padStart(12, '0')}.jsonl`;

/** How a spooled line starts (`JSON.stringify` of a BatchBody keeps this key order): its sequence is read from there. */
const SEQUENCE_AT_START = /^\{"clusterId":"\d+","sequence":(\d+),/;
const HEAD_BYTES = 128;

function sequenceOf(head: string, line: () => string) {
  const match = SEQUENCE_AT_START.exec(head);
  return match ? Number(match[1]) : (JSON.parse(line()) as Pick<BatchBody, 'sequence'>).sequence;
}

/**
 * Streams one segment file and indexes each whole line by its sequence, keeping only the first bytes of each line
 * (a batch can be megabytes). A torn last line (a crash during an append, never acknowledged) is reported as `tornAt`
 * so the caller can cut it off.
 */
async function scanSegment(path: string) {
  const offsets = new Map<number, [number, number]>();
  let position = 0;
  let lineStart = 0;
  let head: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let newline = chunk.indexOf(10, from); newline !== -1; newline = chunk.indexOf(10, from)) {
      if (headBytes < HEAD_BYTES) head.push(chunk.subarray(from, Math.min(newline, from + HEAD_BYTES - headBytes)));
      const start = lineStart;
      const length = position + newline - lineStart;
      if (length > 0) {
        const text = Buffer.concat(head).toString('utf8');
        const sequence = sequenceOf(text, () => readLineSync(path, start, length));
        offsets.set(sequence, [start, length]);
      }
      head = [];
      headBytes = 0;
      lineStart = position + newline + 1;
      from = newline + 1;
    }
    if (from < chunk.length && headBytes < HEAD_BYTES) {
      const piece = chunk.subarray(from, Math.min(chunk.length, from + HEAD_BYTES - headBytes));
      head.push(piece);
      headBytes += piece.length;
    }
    position += chunk.length;
  }
  return { offsets, bytes: lineStart, tornAt: position > lineStart ? lineStart : undefined };
}

/** The rare line not written by this module's `JSON.stringify`: read whole to find its sequence. */
function readLineSync(path: string, offset: number, length: number) {
  const descriptor = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    readSync(descriptor, buffer, 0, length, offset);
    return buffer.toString('utf8');
  } finally {
    closeSync(descriptor);
  }
}

export class ClusterSpool {
  private constructor(
    private readonly directory: string,
    private readonly segmentDirectory: string,
    readonly clusterId: bigint,
    private readonly limits: SpoolLimits,
    private readonly segments: Segment[],
  ) {}

  private handle: FileHandle | undefined;
  private cursors = new Map<string, number>();
  private appending: Promise<unknown> = Promise.resolve();
  /**
   * The agent's durable high-water mark: the highest sequence it spooled (the newest segment is never deleted, so it
   * survives restarts), or the one the operator said it signed before the spool was lost (`resumeAfter`). Never raised
   * by what a node answers: one faulty node must not renumber the batches every other node gets.
   */
  private newest = 0;

  /**
   * `resumeAfter`: the sequence the nodes already hold for this cluster when the spool was lost (set by the operator
   * from a node's telemetry status); the next batch follows it. Sequences below it that the spool lacks are sent as
   * empty batches to a node that is behind.
   */
  static async open(directory: string, clusterId: bigint, limits: Partial<SpoolLimits> = {}, resumeAfter = 0) {
    const segmentDirectory = join(directory, `cluster-${clusterId}`);
    mkdirSync(segmentDirectory, { recursive: true });
    const spool = new ClusterSpool(directory, segmentDirectory, clusterId, { ...DEFAULT_SPOOL_LIMITS, ...limits }, []);
    const names = readdirSync(segmentDirectory)
      .filter((name) => SEGMENT_NAME.test(name))
      .sort();
    for (const [index, name] of names.entries()) {
      const path = join(segmentDirectory, name);
      const { offsets, bytes, tornAt } = await scanSegment(path);
      if (tornAt !== undefined) {
        if (index !== names.length - 1) throw new Error(`spool segment ${path} is torn but not the newest`);
        await truncate(path, tornAt);
      }
      if (offsets.size === 0) {
        await unlink(path);
        continue;
      }
      const sequences = [...offsets.keys()];
      spool.segments.push({ path, first: Math.min(...sequences), last: Math.max(...sequences), bytes, offsets });
    }
    spool.newest = Math.max(spool.segments.at(-1)?.last ?? 0, resumeAfter);
    await spool.migrateLegacy();
    return spool;
  }

  /** Spools written before segments were one file read whole at start: stream it into segments, then remove it. */
  private async migrateLegacy() {
    const legacy = join(this.directory, `cluster-${this.clusterId}.jsonl`);
    try {
      statSync(legacy);
    } catch {
      return;
    }
    const { offsets } = await scanSegment(legacy);
    const handle = await open(legacy, 'r');
    try {
      for (const [sequence, [offset, length]] of [...offsets].sort((a, b) => a[0] - b[0])) {
        if (sequence <= this.newest) continue;
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, offset);
        await this.append(JSON.parse(buffer.toString('utf8')) as BatchBody);
      }
    } finally {
      await handle.close();
    }
    await rm(legacy);
  }

  /** The sequence the next signed batch takes. */
  get lastSequence() {
    return this.newest;
  }

  /** The oldest sequence still on disk; sequences below it were trimmed (delivered) or dropped by the size bound. */
  get firstSequence() {
    return this.segments[0]?.first ?? this.newest + 1;
  }

  get bytes() {
    return this.segments.reduce((sum, segment) => sum + segment.bytes, 0);
  }

  get segmentCount() {
    return this.segments.length;
  }

  /** Appends one batch durably. Returns the segments the size bound dropped to make room (usually none). */
  append(batch: BatchBody): Promise<DroppedSegment[]> {
    const run = this.appending.then(() => this.appendNow(batch));
    this.appending = run.catch(() => undefined);
    return run;
  }

  private async appendNow(batch: BatchBody): Promise<DroppedSegment[]> {
    if (batch.sequence <= this.newest) throw new Error(`batch ${batch.sequence} is not after ${this.newest}`);
    const line = Buffer.from(`${JSON.stringify(batch)}\n`);
    let segment = this.segments.at(-1);
    if (
      !segment ||
      !this.handle ||
      segment.offsets.size >= this.limits.segmentBatches ||
      segment.bytes >= this.limits.segmentBytes
    ) {
      await this.handle?.close();
      segment = {
        path: join(this.segmentDirectory, segmentName(batch.sequence)),
        first: batch.sequence,
        last: batch.sequence,
        bytes: 0,
        offsets: new Map(),
      };
      // A segment left by a crash before its first whole line would start with a torn one: start it afresh.
      this.handle = await open(segment.path, 'w');
      this.segments.push(segment);
    }
    await this.handle.write(line);
    await this.handle.datasync();
    segment.offsets.set(batch.sequence, [segment.bytes, line.length - 1]);
    segment.bytes += line.length;
    segment.last = batch.sequence;
    this.newest = batch.sequence;
    return this.enforceBound();
  }

  /**
   * Drops the oldest segments (never the one being written) while the spool is over its byte bound. They hold the
   * oldest undelivered batches: when the spool has grown that large the nodes have been down for longer than their
   * backfill window, and they refuse samples that old anyway.
   */
  private async enforceBound() {
    const dropped: DroppedSegment[] = [];
    let bytes = this.bytes;
    while (bytes > this.limits.maxBytes && this.segments.length > 1) {
      const segment = this.segments.shift()!;
      bytes -= segment.bytes;
      await unlink(segment.path);
      dropped.push({ first: segment.first, last: segment.last, bytes: segment.bytes });
    }
    return dropped;
  }

  /** Whether the spool still holds `sequence` (else it was trimmed, dropped, or signed before the spool was lost). */
  has(sequence: number) {
    return this.segments.some((entry) => entry.offsets.has(sequence));
  }

  /** Reads one batch back from disk; undefined when it was trimmed or dropped. */
  async batch(sequence: number): Promise<BatchBody | undefined> {
    const segment = this.segments.find((entry) => entry.first <= sequence && sequence <= entry.last);
    const position = segment?.offsets.get(sequence);
    if (!segment || !position) return undefined;
    const handle = await open(segment.path, 'r');
    try {
      const buffer = Buffer.alloc(position[1]);
      await handle.read(buffer, 0, position[1], position[0]);
      return JSON.parse(buffer.toString('utf8')) as BatchBody;
    } finally {
      await handle.close();
    }
  }

  /** Deletes every sealed segment whose batches all of `nodeUrls` have acknowledged. Returns how many went. */
  async trim(nodeUrls: readonly string[]) {
    const lowest = Math.min(...nodeUrls.map((url) => this.cursor(url)));
    let removed = 0;
    while (this.segments.length > 1 && this.segments[0]!.last <= lowest) {
      await unlink(this.segments.shift()!.path);
      removed++;
    }
    return removed;
  }

  private cursorPath(nodeUrl: string) {
    const id = createHash('sha256').update(nodeUrl).digest('hex').slice(0, 16);
    return join(this.directory, `cursor-${this.clusterId}-${id}`);
  }

  /**
   * A node's cursor, never above the high-water mark: a cursor file written by an older agent that followed a node's
   * word past what it spooled is read as the high-water mark.
   */
  cursor(nodeUrl: string): number {
    const known = this.cursors.get(nodeUrl);
    if (known !== undefined) return known;
    let value = 0;
    try {
      value = Number(readFileSync(this.cursorPath(nodeUrl), 'utf8')) || 0;
    } catch {}
    value = Number.isSafeInteger(value) && value > 0 ? Math.min(value, this.newest) : 0;
    this.cursors.set(nodeUrl, value);
    return value;
  }

  setCursor(nodeUrl: string, sequence: number) {
    if (!Number.isSafeInteger(sequence) || sequence < 0 || sequence > this.newest) {
      throw new Error(`cursor ${sequence} is outside 0..${this.newest}, what this agent spooled`);
    }
    if (this.cursor(nodeUrl) === sequence) return;
    const path = this.cursorPath(nodeUrl);
    writeFileSync(`${path}.tmp`, String(sequence));
    renameSync(`${path}.tmp`, path);
    this.cursors.set(nodeUrl, sequence);
  }

  async close() {
    await this.appending;
    await this.handle?.close();
    this.handle = undefined;
  }
}
