/**
 * CSV export (RFC 4180 quoting) with formula-injection guards: a cell a spreadsheet would read as a formula (it starts
 * with =, +, -, @, a tab or a carriage return) is prefixed with a single quote, so on-chain strings chosen by anyone
 * (cluster names, token symbols) cannot run as formulas when an investor opens the export.
 */
export type CsvCell = string | number | bigint | boolean | null | undefined;

const FORMULA_PREFIX = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // Numbers we produce ourselves (e.g. -5) are data, not formulas; only strings are guarded.
  if (typeof value === 'string' && FORMULA_PREFIX.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
