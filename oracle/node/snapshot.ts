/**
 * Snapshots of a node's state, so the journal can start afresh instead of growing forever. A snapshot is a JSON Lines
 * file (each line bounded like a journal record, read back as a stream): a header naming the journal segment that
 * continues it, the state's lines, and an end line with the count, without which the file is not a snapshot. It is
 * written to a temporary file, fsync'ed, renamed over the previous one and the directory fsync'ed, so at any crash the
 * path holds either the old snapshot or the new one, whole.
 *
 * The codec keeps bigint, Map and Set, so a state object (a ClusterState with a new field of any of these types)
 * travels through a snapshot without a line of code per field.
 */
import { existsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MAX_RECORD_BYTES, RecordTooLargeError, readLines, syncDirectory } from './journal';

export const SNAPSHOT_FORMAT = 1;

/**
 * A line may start with `$plain: true` to say it holds plain JSON only (no bigint, Map or Set): it is read back without
 * the codec, which matters for the bulk of a snapshot.
 */
export type SnapshotLine = { type: string; $plain?: true } & Record<string, unknown>;
const PLAIN_PREFIX = '{"$plain":true,';

export function encodeState(value: unknown) {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') return { $bigint: item.toString() };
    if (item instanceof Map) return { $map: [...item] };
    if (item instanceof Set) return { $set: [...item] };
    return item;
  });
}

export function decodeState<T>(text: string): T {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      const tagged = item as { $bigint?: string; $map?: [unknown, unknown][]; $set?: unknown[] };
      if (typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
      if (Array.isArray(tagged.$map)) return new Map(tagged.$map);
      if (Array.isArray(tagged.$set)) return new Set(tagged.$set);
    }
    return item;
  }) as T;
}

export class SnapshotInvalidError extends Error {}

/** Writes `lines` as the snapshot continued by journal segment `segment` (tmp, fsync, rename, fsync directory). */
export async function writeSnapshot(path: string, segment: string, lines: Iterable<SnapshotLine>) {
  const tmp = `${path}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    let buffer: string[] = [];
    let bufferBytes = 0;
    let count = 0;
    const push = async (line: string) => {
      const bytes = Buffer.byteLength(line) + 1;
      if (bytes > MAX_RECORD_BYTES) throw new RecordTooLargeError(bytes, MAX_RECORD_BYTES);
      buffer.push(line, '\n');
      bufferBytes += bytes;
      if (bufferBytes >= 4 * 1024 * 1024) {
        await handle.write(buffer.join(''));
        buffer = [];
        bufferBytes = 0;
      }
    };
    await push(encodeState({ type: 'header', format: SNAPSHOT_FORMAT, segment }));
    for (const line of lines) {
      await push(encodeState(line));
      count += 1;
    }
    await push(encodeState({ type: 'end', lines: count }));
    await handle.write(buffer.join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await syncDirectory(dirname(path));
}

/**
 * Reads the snapshot at `path` (undefined if there is none), streaming its lines to `visit` as they are read. Lines are
 * visited before the end line is checked, so the caller applies them to a fresh state and gives that state up if this
 * throws. The rename makes a torn file at `path` impossible short of disk corruption, which is refused loudly rather
 * than started from silently.
 */
export function readSnapshot(path: string, visit: (line: SnapshotLine) => void): { segment: string } | undefined {
  if (!existsSync(path)) return undefined;
  let header: { segment: string; format: number } | undefined;
  let end: { lines: number } | undefined;
  let count = 0;
  readLines(path, (text) => {
    // The bulk of a snapshot (open epochs' samples) is plain JSON: parsed without the codec's reviver, several times
    // faster.
    const line = text.startsWith(PLAIN_PREFIX) ? (JSON.parse(text) as SnapshotLine) : decodeState<SnapshotLine>(text);
    if (end) throw new SnapshotInvalidError(`snapshot ${path} has lines after its end`);
    if (!header) {
      if (line.type !== 'header' || line.format !== SNAPSHOT_FORMAT || typeof line.segment !== 'string') {
        throw new SnapshotInvalidError(`snapshot ${path} has no valid header`);
      }
      header = line as unknown as { segment: string; format: number };
      return;
    }
    if (line.type === 'end') {
      end = line as unknown as { lines: number };
      return;
    }
    count += 1;
    visit(line);
  });
  if (!header || !end || end.lines !== count) throw new SnapshotInvalidError(`snapshot ${path} is not whole`);
  return { segment: header.segment };
}
