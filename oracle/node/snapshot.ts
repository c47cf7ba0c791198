/**
 * Snapshots of a node's state, so the journal can start afresh instead of growing forever. A snapshot is a JSON Lines
 * file (each line bounded like a journal record, read back as a stream): a header naming the journal segment that
 * continues it, the state's lines, and an end line with the count, without which the file is not a snapshot. It is
 * written to a temporary file, fsync'ed, renamed over the previous one and the directory fsync'ed, so at any crash the
 * path holds either the old snapshot or the new one, whole.
 *
 * The codec keeps bigint, Map and Set, so a state object (a ClusterState with a new field of any of these types)
 * travels through a snapshot without a line of code per field. A state object's collections (Map, Set and array
 * fields) grow with what it holds, so they travel apart from it, in parts of SNAPSHOT_PART_ENTRIES entries
 * (`splitCollections`, `appendPart`): no line of a snapshot grows with a cluster's size, and compaction never stops
 * on a line past the record bound.
 */
import { existsSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BaseError } from '#protocol/base-error';
import { MAX_RECORD_BYTES, RecordTooLargeError, readLines, syncDirectory } from './journal';

export const SNAPSHOT_FORMAT = 1;

/**
 * A line may start with `$plain: true` to say it holds plain JSON only (no bigint, Map or Set): it is read back without
 * the codec, which matters for the bulk of a snapshot. The writer marks every line that needed no tag so itself.
 */
export type SnapshotLine = { type: string; $plain?: true } & Record<string, unknown>;
const PLAIN_PREFIX = '{"$plain":true,';

/**
 * Entries of a collection per snapshot line. The largest entry a node holds is a lease with its key (every string at
 * its schema bound, each character JSON-escaped to six bytes): under 3 KiB, so a part stays under 15 MiB, far below
 * MAX_RECORD_BYTES however large the cluster.
 */
export const SNAPSHOT_PART_ENTRIES = 5_000;

export function encodeState(value: unknown) {
  return encodeTagged(value).text;
}

/** The codec's text, and whether it needed any tag (a line that did not is plain JSON). */
function encodeTagged(value: unknown) {
  let tagged = false;
  const text = JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item === 'bigint') {
      tagged = true;
      return { $bigint: item.toString() };
    }
    if (item instanceof Map) {
      tagged = true;
      return { $map: [...item] };
    }
    if (item instanceof Set) {
      tagged = true;
      return { $set: [...item] };
    }
    return item;
  });
  return { text, tagged };
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

export class SnapshotInvalidError extends BaseError {
  override name = 'SnapshotInvalidError';
  constructor(shortMessage: string) {
    super(shortMessage, { code: 'snapshot_invalid' });
  }
}

/**
 * A journal continuing a snapshot that is not there: replaying it alone would start the node from part of its history
 * (it could sign a second, different report for an epoch it signed before), so the node does not start.
 */
export class SnapshotMissingError extends BaseError {
  override name = 'SnapshotMissingError';
  constructor(
    readonly journalPath: string,
    readonly snapshotPath: string,
    readonly segment: string,
  ) {
    super(
      `journal ${journalPath} continues snapshot segment ${segment}, but ${snapshotPath} is missing: a node's data is ` +
        `its journal, ${snapshotPath} and ${journalPath}.samples/ together; restore the snapshot from the same backup ` +
        `as the journal (or start from an empty data directory and resync)`,
      { code: 'snapshot_missing' },
    );
  }
}

type Collection = Map<unknown, unknown> | Set<unknown> | unknown[];
const isCollection = (value: unknown): value is Collection =>
  value instanceof Map || value instanceof Set || Array.isArray(value);

/**
 * Splits a state object for a snapshot: `head` is the object with every collection field (Map, Set, array) empty, and
 * `parts` yields those fields' entries in chunks of at most SNAPSHOT_PART_ENTRIES, which `appendPart` adds back to the
 * restored head in order. Fields in `skip` are left out of both (the caller writes them its own way).
 */
export function splitCollections<T extends object>(state: T, skip: readonly string[] = []) {
  const head: Record<string, unknown> = {};
  const collections: [string, Collection][] = [];
  for (const [field, value] of Object.entries(state)) {
    if (skip.includes(field)) continue;
    if (!isCollection(value)) {
      head[field] = value;
      continue;
    }
    head[field] = value instanceof Map ? new Map() : value instanceof Set ? new Set() : [];
    if ((value instanceof Map || value instanceof Set ? value.size : value.length) > 0)
      collections.push([field, value]);
  }
  function* parts(): Generator<{ field: string; entries: unknown[] }> {
    for (const [field, collection] of collections) {
      let entries: unknown[] = [];
      for (const entry of collection) {
        entries.push(entry);
        if (entries.length >= SNAPSHOT_PART_ENTRIES) {
          yield { field, entries };
          entries = [];
        }
      }
      if (entries.length > 0) yield { field, entries };
    }
  }
  return { head, parts };
}

/** Adds one part written by `splitCollections` back to the restored state object. */
export function appendPart(state: object, field: string, entries: unknown[]) {
  const target = (state as Record<string, unknown>)[field];
  if (target instanceof Map) for (const [key, value] of entries as [unknown, unknown][]) target.set(key, value);
  else if (target instanceof Set) for (const entry of entries) target.add(entry);
  else if (Array.isArray(target)) for (const entry of entries) target.push(entry);
  else throw new SnapshotInvalidError(`a snapshot part names ${field}, which is not a collection of its state`);
}

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
      const { text, tagged } = encodeTagged(line);
      // A line that needed no tag is marked plain, so it is read back without the codec's reviver.
      await push(tagged || line.$plain ? text : `${PLAIN_PREFIX}${text.slice(1)}`);
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
