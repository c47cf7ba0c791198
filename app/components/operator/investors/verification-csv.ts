/**
 * The CSV an operator imports to verify investors (`address,valid_until`), read into a preview before anything is
 * sent: every row either becomes one (account, expiry) pair of `setVerifiedBatch` or carries the reason it cannot.
 * Pure (no React, no wallet), so the rules are tested on their own.
 *
 * `valid_until` is unix seconds or an ISO date: a bare date (2027-06-30) means the end of that UTC day, since the
 * token counts an account verified up to and including that second; a date with a time means that instant.
 */
import { type Address, getAddress, isAddress } from 'viem';

/** setVerifiedBatch entries per transaction. Each entry writes a fresh storage slot (~22k gas) and logs one event
 * (~2k), so 200 rows cost about 5M gas: far below a block's limit, and small enough to retry one batch cheaply. */
export const VERIFY_BATCH_SIZE = 200;
/** Rows one import may hold (25 batches): a preview larger than this is more than a person checks before signing. */
export const VERIFY_CSV_MAX_ROWS = 5_000;
/**
 * Characters one import may hold: 5,000 rows of a quoted address and an ISO date-time are about 400,000. A larger
 * file or paste is refused before it is split into lines, so a wrong file (a database dump) cannot freeze the tab.
 */
export const VERIFY_CSV_MAX_CHARS = 1_000_000;
/** A refused row's text is shown up to this many characters: one 1 MB line must not fill the preview. */
const ROW_TEXT_SHOWN = 120;
/** The token stores the expiry in 32 bits (InvalidValidUntil above). */
export const MAX_VALID_UNTIL = 2n ** 32n - 1n;

export type CsvRowError = 'columns' | 'address' | 'date' | 'past' | 'too_late' | 'duplicate';

export type CsvRow =
  | { line: number; ok: true; account: Address; validUntil: bigint }
  | { line: number; ok: false; text: string; error: CsvRowError };

export type VerificationCsv = {
  rows: CsvRow[];
  /** The rows that can be sent, in file order. */
  valid: { account: Address; validUntil: bigint }[];
  /** True when the file held more than VERIFY_CSV_MAX_ROWS rows (the rest is not read). */
  truncated: boolean;
  /** True when the file held more than VERIFY_CSV_MAX_CHARS characters: nothing of it is read. */
  tooLarge: boolean;
};

/** What an import above VERIFY_CSV_MAX_CHARS reads as: nothing, and why. */
export const TOO_LARGE_CSV: VerificationCsv = { rows: [], valid: [], truncated: false, tooLarge: true };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** `text` as unix seconds, or undefined when it is neither unix seconds nor an ISO date. */
export function parseValidUntil(text: string): bigint | undefined {
  const value = text.trim();
  if (/^\d{1,12}$/.test(value)) return BigInt(value);
  if (!ISO_DATE.test(value) && !ISO_DATE_TIME.test(value)) return undefined;
  // Date.parse rolls 2027-02-30 into March: a calendar date that does not round-trip is a typo.
  const day = value.slice(0, 10);
  const midnight = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(midnight) || new Date(midnight).toISOString().slice(0, 10) !== day) return undefined;
  const ms = Date.parse(ISO_DATE.test(value) ? `${day}T23:59:59Z` : value);
  if (!Number.isFinite(ms)) return undefined;
  return BigInt(Math.floor(ms / 1_000));
}

const isHeader = (cells: string[]) => cells[0]?.toLowerCase() === 'address';

/** Reads the import; `now` is the chain's time in seconds (an expiry at or before it verifies nobody). */
export function parseVerificationCsv(text: string, now: bigint): VerificationCsv {
  if (text.length > VERIFY_CSV_MAX_CHARS) return TOO_LARGE_CSV;
  const rows: CsvRow[] = [];
  const seen = new Set<string>();
  let truncated = false;
  const lines = text.split(/\r\n|\n|\r/);
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const cells = trimmed.split(',').map((cell) => cell.trim().replace(/^"(.*)"$/, '$1'));
    if (rows.length === 0 && isHeader(cells)) continue;
    if (rows.length >= VERIFY_CSV_MAX_ROWS) {
      truncated = true;
      break;
    }
    const shown = trimmed.length > ROW_TEXT_SHOWN ? `${trimmed.slice(0, ROW_TEXT_SHOWN)}…` : trimmed;
    const fail = (error: CsvRowError) => rows.push({ line, ok: false, text: shown, error });
    if (cells.length !== 2) {
      fail('columns');
      continue;
    }
    const [addressText, untilText] = cells as [string, string];
    // Strict: a mixed-case address must carry a valid checksum (a typo in one letter is caught).
    if (!isAddress(addressText, { strict: true })) {
      fail('address');
      continue;
    }
    const validUntil = parseValidUntil(untilText);
    if (validUntil === undefined) {
      fail('date');
      continue;
    }
    if (validUntil <= now) {
      fail('past');
      continue;
    }
    if (validUntil > MAX_VALID_UNTIL) {
      fail('too_late');
      continue;
    }
    const account = getAddress(addressText);
    if (seen.has(account)) {
      fail('duplicate');
      continue;
    }
    seen.add(account);
    rows.push({ line, ok: true, account, validUntil });
  }
  const valid = rows.flatMap((row) => (row.ok ? [{ account: row.account, validUntil: row.validUntil }] : []));
  return { rows, valid, truncated, tooLarge: false };
}

/** The valid rows cut into the batches sent one transaction each. */
export function verificationBatches<T>(valid: readonly T[], size = VERIFY_BATCH_SIZE): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < valid.length; start += size) batches.push(valid.slice(start, start + size));
  return batches;
}
