/**
 * The error codes a node answers are an API: every code thrown anywhere in the oracle, and every per-item result of a
 * signature push, must be listed in docs/oracle.md, so a new code cannot ship undocumented.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const docs = readFileSync(join(root, 'docs/oracle.md'), 'utf8');

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = sources(join(root, 'oracle')).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

describe('error codes', () => {
  it('lists every code the oracle throws in docs/oracle.md', () => {
    const codes = new Set(
      files.flatMap(({ text }) => [
        ...[...text.matchAll(/new Rejection\(\s*'([a-z_]+)'/g)].map((m) => m[1]!),
        // Codes a handler answers without a Rejection (the server's own error handler).
        ...[...text.matchAll(/\bcode: '([a-z_]+)'/g)].map((m) => m[1]!),
        ...[...text.matchAll(/const code = ([^;]+);/g)].flatMap((m) =>
          [...m[1]!.matchAll(/'([a-z_]+)'/g)].map((q) => q[1]!),
        ),
      ]),
    );
    expect(codes.size).toBeGreaterThan(30);
    const missing = [...codes].filter((code) => !docs.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('lists every per-item result of a signature push', () => {
    const book = files.find(({ path }) => path.endsWith('signature-book.ts'))!.text;
    const results = new Set([
      ...[...book.matchAll(/results\.push\('([a-z_]+)'\)/g)].map((m) => m[1]!),
      ...[...book.matchAll(/return '([a-z_]+)'( as const)?;/g)].map((m) => m[1]!),
    ]);
    expect(results.size).toBeGreaterThan(8);
    const missing = [...results].filter((result) => !docs.includes(`\`${result}\``));
    expect(missing).toEqual([]);
  });
});
