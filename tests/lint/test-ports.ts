/**
 * Test files run in parallel (vitest's unit project), each starting its servers on fixed ports through `testPort(base)`
 * (devnet/ports.ts). Two files with the same base collide only when they happen to run at the same time — a failure
 * that shows up in CI now and then, under another test's name. This lists every `testPort(<number>)` of the test code
 * (`*.test.ts`, `*.spec.ts`, `*.test-kit.ts`) and reports each base used by more than one file (a computed port,
 * `testPort(8865 + index)`, counts by its base; a helper that takes a run of ports after its base, such as a committee
 * of nodes, is not seen past the base: leave room after it);
 * `npm run lint` runs it (`tsx tests/lint/test-ports.ts`), test-ports.test.ts tests it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const SKIPPED = new Set(['node_modules', '.git', 'build', 'contracts', 'data', 'test-results', 'playwright-report']);
const TEST_FILE = /\.(test|spec|test-kit)\.tsx?$/;
/** `testPort(8870)`, and the base of a computed one (`testPort(8865 + index)`: 8865). */
const TEST_PORT = /testPort\(\s*([0-9][0-9_]*)\s*[)+]/g;

/** The `testPort` bases each file names. */
export function portsOf(text: string): number[] {
  return [...text.matchAll(TEST_PORT)].map((match) => Number(match[1]!.replaceAll('_', '')));
}

/** Every base named by more than one file, with the files (sorted). */
export function portClashes(files: ReadonlyMap<string, string>): { port: number; files: string[] }[] {
  const users = new Map<number, Set<string>>();
  for (const [file, text] of files) {
    for (const port of portsOf(text)) users.set(port, (users.get(port) ?? new Set()).add(file));
  }
  return [...users]
    .filter(([, names]) => names.size > 1)
    .map(([port, names]) => ({ port, files: [...names].sort() }))
    .sort((a, b) => a.port - b.port);
}

function* testFiles(directory: string): Generator<string> {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* testFiles(path);
    else if (TEST_FILE.test(entry.name)) yield path;
  }
}

/** The clashes of the repository's own test files. */
export function treeClashes() {
  const files = new Map<string, string>();
  for (const path of testFiles(root)) files.set(relative(root, path), readFileSync(path, 'utf8'));
  return { files: [...files.keys()], clashes: portClashes(files) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { clashes } = treeClashes();
  for (const clash of clashes) console.error(`testPort(${clash.port}) is used by ${clash.files.join(' and ')}`);
  if (clashes.length > 0) {
    console.error('Give each test file its own ports: files run in parallel.');
    process.exit(1);
  }
}
