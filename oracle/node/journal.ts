/**
 * Append-only journal (JSON Lines) with group commit: every record is written and fdatasync'ed before the promise of
 * its `append` resolves, and concurrent appends share one write and one sync. The node acknowledges nothing before
 * the journal has it, and rebuilds its state from its newest snapshot plus the journal at start.
 *
 * A journal is read back as a stream of bounded chunks, never as one string: V8 cannot hold a string past 512 MiB, and
 * a node that cannot read its journal cannot restart. No record may exceed MAX_RECORD_BYTES, so reading one line never
 * needs more memory than that; a record too large to be read back is refused when written, not discovered at restart.
 */
import { closeSync, mkdirSync, openSync, readSync, truncateSync } from 'node:fs';
import { type FileHandle, open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BaseError } from '#protocol/base-error';
import { JournalFailedError } from '../errors';

/** Largest record (one line, newline included). Above the node's 16 MiB body limit, with room for JSON escaping. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;
/** Most bytes one write call hands the kernel: a burst of appends is written in slices, not as one huge buffer. */
const MAX_WRITE_BYTES = 8 * 1024 * 1024;
const READ_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

export const journalReplacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

/** A record past the journal's bound: refused as a whole (the same record is refused again, so never retryable). */
export class RecordTooLargeError extends BaseError {
  override name = 'RecordTooLargeError';
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`a journal record of ${bytes} bytes exceeds the ${limit}-byte bound`, { code: 'record_too_large' });
  }
}

export type ReadLinesOptions = { maxRecordBytes?: number; chunkBytes?: number };

export type JournalOptions = ReadLinesOptions & {
  /**
   * Called once per refused append (a failed write or sync, or a record too large), before its promise rejects: the
   * owner decides whether that is fatal (the oracle core stops its node on any).
   */
  onAppendError?: (error: Error) => void;
};

/**
 * Calls `visit` with every whole line of `path` (without its newline), in order, reading `chunkBytes` at a time.
 * Returns the byte length of the whole lines: a torn last line (a crash mid-write, never acknowledged) is not visited
 * and lies beyond it. A missing file reads as empty. A line longer than `maxRecordBytes` throws: it cannot be a record
 * this journal wrote.
 */
export function readLines(path: string, visit: (line: string) => void, options: ReadLinesOptions = {}) {
  const maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const chunkBytes = options.chunkBytes ?? READ_CHUNK_BYTES;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    // Pieces of the line being read; they are joined once the line's newline is found.
    let parts: Buffer[] = [];
    let partBytes = 0;
    let whole = 0;
    let position = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunkBytes, position);
      if (read === 0) break;
      position += read;
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(NEWLINE, start);
        if (newline === -1 || newline >= read) break;
        const length = partBytes + newline - start + 1;
        if (length > maxRecordBytes) throw new RecordTooLargeError(length, maxRecordBytes);
        const tail = chunk.subarray(start, newline);
        const line = parts.length === 0 ? tail.toString('utf8') : Buffer.concat([...parts, tail]).toString('utf8');
        parts = [];
        partBytes = 0;
        whole += length;
        start = newline + 1;
        if (line !== '') visit(line);
      }
      if (start < read) {
        partBytes += read - start;
        if (partBytes > maxRecordBytes) throw new RecordTooLargeError(partBytes, maxRecordBytes);
        // Copied: the chunk buffer is reused by the next read.
        parts.push(Buffer.from(chunk.subarray(start, read)));
      }
    }
    return whole;
  } finally {
    closeSync(fd);
  }
}

export class Journal<RecordType> {
  private handle: FileHandle | undefined;
  private pending: { line: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  private flushing: Promise<void> | undefined;
  private paused: Promise<void> | undefined;
  /** Bytes in the file (whole records), for the compaction policy. */
  bytes = 0;
  /** Records appended since the file was opened or rotated. */
  appended = 0;
  /**
   * Set by the first failed write or sync. The file may then end in a torn record, and a record written after it would
   * be glued to it and make the journal unreadable at restart: from then on every append is refused.
   */
  failed: JournalFailedError | undefined;

  private constructor(
    readonly path: string,
    readonly maxRecordBytes: number,
    private readonly onAppendError: (error: Error) => void = () => undefined,
  ) {}

  /**
   * Opens (creating) the journal, calling `visit` with every record already in it, in order, as it streams the file.
   * A torn last line is cut off; everything before it is whole.
   */
  static async openWith<RecordType>(
    path: string,
    visit: (record: RecordType) => void,
    options: JournalOptions = {},
  ): Promise<Journal<RecordType>> {
    mkdirSync(dirname(path), { recursive: true });
    const journal = new Journal<RecordType>(path, options.maxRecordBytes ?? MAX_RECORD_BYTES, options.onAppendError);
    const whole = readLines(path, (line) => visit(JSON.parse(line) as RecordType), options);
    try {
      truncateSync(path, whole);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    journal.bytes = whole;
    journal.handle = await open(path, 'a');
    return journal;
  }

  /** Opens (creating) the journal and returns it with every record already in it, in order. */
  static async open<RecordType>(
    path: string,
    options: ReadLinesOptions = {},
  ): Promise<{ journal: Journal<RecordType>; records: RecordType[] }> {
    const records: RecordType[] = [];
    const journal = await Journal.openWith<RecordType>(path, (record) => records.push(record), options);
    return { journal, records };
  }

  append(...records: RecordType[]): Promise<void> {
    if (this.failed) return this.refuse(this.failed);
    if (!this.handle) return Promise.reject(new Error(`journal ${this.path} is closed`));
    // Nothing to write: starting a flush here would leave `flushing` set to a finished run forever (the flush empties
    // it synchronously before `??=` stores its promise), and every later append would wait for nothing.
    if (records.length === 0) return Promise.resolve();
    const lines = records.map((record) => `${JSON.stringify(record, journalReplacer)}\n`);
    for (const line of lines) {
      // Checked on the character count first: bytes are at most 3 per UTF-16 unit, so most lines skip the count.
      if (line.length * 3 <= this.maxRecordBytes) continue;
      const bytes = Buffer.byteLength(line);
      if (bytes > this.maxRecordBytes) return this.refuse(new RecordTooLargeError(bytes, this.maxRecordBytes));
    }
    const done = lines.map(
      (line) => new Promise<void>((resolve, reject) => this.pending.push({ line, resolve, reject })),
    );
    if (!this.paused) this.flushing ??= this.flush();
    return Promise.all(done).then(() => undefined);
  }

  private refuse(error: Error): Promise<never> {
    this.onAppendError(error);
    return Promise.reject(error);
  }

  private async flush() {
    while (this.pending.length > 0 && !this.paused) {
      const group = this.pending;
      this.pending = [];
      try {
        let slice: string[] = [];
        let sliceBytes = 0;
        for (const [index, entry] of group.entries()) {
          slice.push(entry.line);
          sliceBytes += entry.line.length;
          if (sliceBytes >= MAX_WRITE_BYTES || index === group.length - 1) {
            const text = slice.join('');
            await this.handle!.write(text);
            this.bytes += Buffer.byteLength(text);
            slice = [];
            sliceBytes = 0;
          }
        }
        await this.handle!.datasync();
        this.appended += group.length;
        for (const entry of group) entry.resolve();
      } catch (error) {
        this.failed = new JournalFailedError(`journal ${this.path}: ${(error as Error).message}`, { cause: error });
        // What waits behind the failed group is refused too: nothing may follow a possibly torn record.
        const refused = [...group, ...this.pending];
        this.pending = [];
        this.onAppendError(this.failed);
        for (const entry of refused) entry.reject(this.failed);
      }
    }
    this.flushing = undefined;
  }

  /**
   * Runs `during` with no write in progress and none starting: appends made meanwhile wait, and go to whatever file
   * `during` leaves in place. Resolves after every append acknowledged before it had its continuation run, so the
   * caller sees state that matches the file exactly (plus whatever callers applied before appending).
   */
  async exclusive<T>(during: () => Promise<T>): Promise<T> {
    while (this.paused) await this.paused;
    let release!: () => void;
    this.paused = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      await this.flushing;
      // Acknowledged appends resolve through a few promise hops; a macrotask turn lets all of them run first.
      await new Promise((resolve) => setImmediate(resolve));
      return await during();
    } finally {
      this.paused = undefined;
      release();
      if (this.pending.length > 0) this.flushing ??= this.flush();
    }
  }

  /**
   * Replaces the file by one holding only `header` (tmp, fsync, rename, fsync of the directory). Only inside
   * `exclusive`.
   */
  async rotate(header: RecordType) {
    const tmp = `${this.path}.next`;
    const line = `${JSON.stringify(header, journalReplacer)}\n`;
    const next = await open(tmp, 'w');
    try {
      await next.write(line);
      await next.sync();
    } finally {
      await next.close();
    }
    await this.handle?.close();
    await rename(tmp, this.path);
    await syncDirectory(dirname(this.path));
    this.handle = await open(this.path, 'a');
    this.bytes = Buffer.byteLength(line);
    this.appended = 0;
  }

  async close() {
    while (this.paused) await this.paused;
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** Makes a rename in `directory` durable. */
export async function syncDirectory(directory: string) {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
