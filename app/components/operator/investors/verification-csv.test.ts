import { describe, expect, it } from 'vitest';
import {
  MAX_VALID_UNTIL,
  parseValidUntil,
  parseVerificationCsv,
  VERIFY_BATCH_SIZE,
  VERIFY_CSV_MAX_CHARS,
  VERIFY_CSV_MAX_ROWS,
  verificationBatches,
} from './verification-csv';

const NOW = 1_800_000_000n;
const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const B = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';

describe('valid_until', () => {
  it('reads unix seconds, a bare date as the end of that UTC day, and a date-time as that instant', () => {
    expect(parseValidUntil('1900000000')).toBe(1_900_000_000n);
    expect(parseValidUntil('2027-06-30')).toBe(BigInt(Date.UTC(2027, 5, 30, 23, 59, 59) / 1_000));
    expect(parseValidUntil('2027-06-30T12:00:00Z')).toBe(BigInt(Date.UTC(2027, 5, 30, 12) / 1_000));
    expect(parseValidUntil('2027-06-30T12:00:00+02:00')).toBe(BigInt(Date.UTC(2027, 5, 30, 10) / 1_000));
  });

  it('refuses impossible dates and other formats', () => {
    for (const text of ['2027-02-30', '2027-13-01', '30/06/2027', 'tomorrow', '', '-5', '1.5', '2027-06-30T12:00'])
      expect(parseValidUntil(text), text).toBeUndefined();
  });
});

describe('the verification CSV', () => {
  it('turns each row into an entry or a per-row error, skipping the header, blank lines and comments', () => {
    const csv = [
      'address,valid_until',
      `${A},2027-06-30`,
      '',
      '# a comment',
      `${A.toLowerCase()},1900000000`,
      `${B.replace('C44', 'c44')},1900000000`,
      '0x1234,1900000000',
      `${B},1700000000`,
      `${B},someday`,
      `${B},${MAX_VALID_UNTIL + 1n}`,
      `${B}`,
      `"${B}", 1900000000 `,
    ].join('\r\n');
    const parsed = parseVerificationCsv(csv, NOW);
    expect(parsed.rows.map((row) => (row.ok ? 'ok' : row.error))).toEqual([
      'ok',
      'duplicate',
      'address',
      'address',
      'past',
      'date',
      'too_late',
      'columns',
      'ok',
    ]);
    expect(parsed.rows.map((row) => row.line)).toEqual([2, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(parsed.valid).toEqual([
      { account: A, validUntil: BigInt(Date.UTC(2027, 5, 30, 23, 59, 59) / 1_000) },
      { account: B, validUntil: 1_900_000_000n },
    ]);
    expect(parsed.truncated).toBe(false);
  });

  it('refuses an expiry at the chain time itself (verified until the past)', () => {
    expect(parseVerificationCsv(`${A},${NOW}`, NOW).rows[0]).toMatchObject({ ok: false, error: 'past' });
    expect(parseVerificationCsv(`${A},${NOW + 1n}`, NOW).rows[0]).toMatchObject({ ok: true });
  });

  it('reads at most VERIFY_CSV_MAX_ROWS rows and says so', () => {
    const lines = Array.from({ length: VERIFY_CSV_MAX_ROWS + 1 }, () => `${A},1900000000`);
    const parsed = parseVerificationCsv(lines.join('\n'), NOW);
    expect(parsed.rows).toHaveLength(VERIFY_CSV_MAX_ROWS);
    expect(parsed.truncated).toBe(true);
  });

  it('refuses an import above VERIFY_CSV_MAX_CHARS unread, and shows a refused row only in part', () => {
    const withinBound = `${A},1900000000\n`.padEnd(VERIFY_CSV_MAX_CHARS, ' ');
    expect(parseVerificationCsv(withinBound, NOW)).toMatchObject({ tooLarge: false, valid: [{ account: A }] });
    expect(parseVerificationCsv(`${withinBound}x`, NOW)).toEqual({
      rows: [],
      valid: [],
      truncated: false,
      tooLarge: true,
    });
    const [row] = parseVerificationCsv(`${'y'.repeat(500_000)},1900000000`, NOW).rows;
    expect(row).toMatchObject({ ok: false, error: 'address' });
    expect(row?.ok === false && row.text).toBe(`${'y'.repeat(120)}…`);
  });

  it('cuts the valid rows into batches of VERIFY_BATCH_SIZE', () => {
    const rows = Array.from({ length: 2 * VERIFY_BATCH_SIZE + 1 }, (_, i) => i);
    expect(verificationBatches(rows).map((batch) => batch.length)).toEqual([VERIFY_BATCH_SIZE, VERIFY_BATCH_SIZE, 1]);
    expect(verificationBatches([])).toEqual([]);
  });
});
