/**
 * Append-only journal (JSON Lines) with group commit: every record is written and fdatasync'ed before the promise of
 * its `append` resolves, and concurrent appends share one write and one sync. The node acknowledges nothing before
 * the journal has it, and rebuilds its whole state from the journal at start.
 */
import { mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname } from 'node:path';

const replacer = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

export class Journal<RecordType> {
  private handle: FileHandle | undefined;
  private pending: { line: string; resolve: () => void; reject: (error: Error) => void }[] = [];
  private flushing: Promise<void> | undefined;

  private constructor(readonly path: string) {}

  /** Opens (creating) the journal and returns it with every record already in it, in order. */
  static async open<RecordType>(path: string): Promise<{ journal: Journal<RecordType>; records: RecordType[] }> {
    mkdirSync(dirname(path), { recursive: true });
    const journal = new Journal<RecordType>(path);
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // A crash can leave a torn last line (never acknowledged): cut it off; everything before it is whole.
    const whole = text.slice(0, text.lastIndexOf('\n') + 1);
    if (whole.length !== text.length) truncateSync(path, Buffer.byteLength(whole));
    const records = whole
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as RecordType);
    journal.handle = await open(path, 'a');
    return { journal, records };
  }

  append(...records: RecordType[]): Promise<void> {
    if (!this.handle) return Promise.reject(new Error(`journal ${this.path} is closed`));
    // Nothing to write: starting a flush here would leave `flushing` set to a finished run forever (the flush empties
    // it synchronously before `??=` stores its promise), and every later append would wait for nothing.
    if (records.length === 0) return Promise.resolve();
    const done = records.map(
      (record) =>
        new Promise<void>((resolve, reject) =>
          this.pending.push({ line: `${JSON.stringify(record, replacer)}\n`, resolve, reject }),
        ),
    );
    this.flushing ??= this.flush();
    return Promise.all(done).then(() => undefined);
  }

  private async flush() {
    while (this.pending.length > 0) {
      const group = this.pending;
      this.pending = [];
      try {
        await this.handle!.write(group.map((entry) => entry.line).join(''));
        await this.handle!.datasync();
        for (const entry of group) entry.resolve();
      } catch (error) {
        for (const entry of group) entry.reject(error as Error);
      }
    }
    this.flushing = undefined;
  }

  async close() {
    await this.flushing;
    await this.handle?.close();
    this.handle = undefined;
  }
}
