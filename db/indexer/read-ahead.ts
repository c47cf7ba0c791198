/**
 * The pieces of the indexer's read-ahead pipeline that hold no state (see indexer.ts prefetch and joinReadAhead): what
 * a range read ahead is, when it may be used, and how several are joined into one write.
 */
import type { KnownContracts } from './decode';
import type { RangeRead } from './read';
import { type EventRows, type EventTableKey, emptyEventRows, eventTableKeys } from './tables';

/** A range read ahead of the cursor, with the contracts it was read for (`known`). */
export type ReadAhead = { from: bigint; to: bigint; known: KnownContracts; read: Promise<RangeRead> };

/**
 * Whether a range read for `used` followed every contract of `actual`. The contracts known only grow, range after
 * range, and a read ahead was started with those of an earlier range: the same counts mean the same contracts.
 */
export const followsAll = (used: KnownContracts, actual: KnownContracts) =>
  used.tokens.size === actual.tokens.size && used.offerings.size === actual.offerings.size;

/** Consecutive ranges (each starting where the one before ended) as one: their rows in order, the last one's end. */
export function joinRanges(ranges: RangeRead[]) {
  const rows = emptyEventRows() as Record<EventTableKey, unknown[]>;
  for (const key of eventTableKeys) rows[key] = ranges.flatMap((range) => range.rows[key] as unknown[]);
  const end = ranges.at(-1)!;
  return { to: end.to, last: end.last, rows: rows as EventRows, next: end.next };
}
