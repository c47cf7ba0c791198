import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, MAX_RECORD_BYTES, RecordTooLargeError, readLines } from './journal';

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-journal-'));
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('Journal (H-5)', () => {
  it('streams records in chunks: lines split across any chunk boundary come back whole and in order', async () => {
    const path = join(directory, 'j.jsonl');
    const records = Array.from({ length: 50 }, (_, index) => ({ index, text: 'é'.repeat(index * 3) }));
    writeFileSync(path, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    for (const chunkBytes of [1, 7, 64, 4096]) {
      const seen: unknown[] = [];
      const journal = await Journal.openWith(path, (record) => seen.push(record), { chunkBytes });
      await journal.close();
      expect(seen).toEqual(records);
    }
  });

  it('never holds the journal as one string: a journal longer than the largest line bound still opens', async () => {
    // The bound stands in for V8's 512 MiB string limit: a reader that built one string of the file (readFileSync)
    // would need more than `maxRecordBytes` at once; the streaming reader never holds more than one line.
    const path = join(directory, 'big.jsonl');
    const line = `${JSON.stringify({ type: 'batch', payload: 'x'.repeat(1000) })}\n`;
    writeFileSync(path, line.repeat(2_000));
    let count = 0;
    const journal = await Journal.openWith(path, () => (count += 1), { maxRecordBytes: 4096, chunkBytes: 1500 });
    await journal.close();
    expect(count).toBe(2_000);
    expect(statSync(path).size).toBeGreaterThan(4096 * 100);
  });

  it('cuts off a torn last line (a crash mid-write) and appends after the whole records', async () => {
    const path = join(directory, 'torn.jsonl');
    writeFileSync(path, '{"a":1}\n{"a":2}\n{"a":');
    const { journal, records } = await Journal.open<{ a: number }>(path);
    expect(records).toEqual([{ a: 1 }, { a: 2 }]);
    await journal.append({ a: 3 });
    await journal.close();
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"a":2}\n{"a":3}\n');
  });

  it('refuses to write a record too large to be read back, and writes the others', async () => {
    const path = join(directory, 'bound.jsonl');
    const { journal } = await Journal.open<{ text: string }>(path, { maxRecordBytes: 100 });
    await expect(journal.append({ text: 'x'.repeat(200) })).rejects.toBeInstanceOf(RecordTooLargeError);
    await journal.append({ text: 'ok' });
    await journal.close();
    expect(readFileSync(path, 'utf8')).toBe('{"text":"ok"}\n');
    expect(MAX_RECORD_BYTES).toBeGreaterThan(16 * 1024 * 1024);
  });

  it('refuses a line beyond the bound when reading (it cannot be a record the journal wrote)', () => {
    const path = join(directory, 'long.jsonl');
    writeFileSync(path, `"${'y'.repeat(500)}"\n`);
    expect(() => readLines(path, () => undefined, { maxRecordBytes: 100, chunkBytes: 64 })).toThrow(
      RecordTooLargeError,
    );
  });

  it('writes a burst of appends larger than one write slice, every record whole', async () => {
    const path = join(directory, 'burst.jsonl');
    const { journal } = await Journal.open<{ index: number; text: string }>(path);
    const text = 'z'.repeat(100_000);
    await Promise.all(Array.from({ length: 200 }, (_, index) => journal.append({ index, text })));
    await journal.close();
    const lines: number[] = [];
    readLines(path, (line) => lines.push((JSON.parse(line) as { index: number }).index));
    expect(lines).toEqual(Array.from({ length: 200 }, (_, index) => index));
  });

  it('holds appends made during an exclusive section and writes them to the rotated file', async () => {
    const path = join(directory, 'rotate.jsonl');
    const { journal } = await Journal.open<{ n: number } | { type: 'segment'; id: string }>(path);
    await journal.append({ n: 1 });
    let appended: Promise<void> | undefined;
    await journal.exclusive(async () => {
      appended = journal.append({ n: 2 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(readFileSync(path, 'utf8')).toBe('{"n":1}\n');
      await journal.rotate({ type: 'segment', id: 'next' });
    });
    await appended;
    await journal.close();
    expect(readFileSync(path, 'utf8')).toBe('{"type":"segment","id":"next"}\n{"n":2}\n');
  });
});
