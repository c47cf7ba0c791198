/**
 * Layers point down: `scripts -> demo -> app · db · oracle -> protocol -> contracts/ts`, with the dev tooling in
 * devnet/ used only from above (demo/, tests, benches). This scans the source tree's import specifiers (static,
 * dynamic and re-exports, resolved to paths) and reports every import that points the wrong way:
 * - nothing that ships (app/, config/, contracts/ts/, db/, oracle/, protocol/) imports devnet/, demo/ or scripts/;
 * - nothing that ships, nor demo/, imports test code: a `*.test`, `*.spec` or `*.test-kit` module, or anything under
 *   tests/ or bench/ (a test kit imports devnet/, so importing one would ship the dev tooling by the back door);
 * - demo/ and devnet/ never import the orchestrator (scripts/), and devnet/ never imports the demo;
 * - app/, db/ and protocol/ never import an oracle agent or node module (a type or a rule they need lives in protocol/);
 * - protocol/ stays browser-safe and at the bottom: no Node built-ins, nothing from a layer above, and no package but
 *   viem and zod (plus the generated bindings, #contracts).
 * Tests may reach anywhere: `*.test.ts`, `*.spec.ts`, test kits (`*.test-kit.ts`) and everything under tests/ and
 * bench/ are not scanned. Dynamic imports are read whether quoted or a backtick literal without `${` (a computed
 * specifier cannot be resolved, so it is not seen). Biome's noRestrictedImports matches specifier text, not where a
 * relative path lands, so the rule is this scanner; `npm run lint` runs it (`tsx tests/lint/layers.ts`),
 * layers.test.ts tests it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The folders scanned, each with what it may not import (folders as paths from the repository root). */
const SHIPPING = ['app', 'config', 'contracts/ts', 'db', 'oracle', 'protocol'];
const FORBIDDEN: Record<string, string[]> = {
  ...Object.fromEntries(SHIPPING.map((layer) => [layer, ['devnet', 'demo', 'scripts']])),
  demo: ['scripts'],
  devnet: ['scripts', 'demo'],
};
export const SCANNED = Object.keys(FORBIDDEN);
/** The folders whose modules may not import test code (devnet/ is dev tooling, used by tests itself). */
const TEST_FREE = [...SHIPPING, 'demo'];
const TEST_FOLDERS = ['tests', 'bench'];

/** Where an import specifier points, as a path from the repository root, or the package it names. */
function target(file: string, specifier: string): { path: string } | { builtin: string } | { pkg: string } {
  if (specifier.startsWith('.')) return { path: normalize(join(dirname(file), specifier)) };
  if (specifier.startsWith('~/')) return { path: join('app', specifier.slice(2)) };
  const alias = /^#(contracts|config|db|protocol)(?:\/(.*))?$/.exec(specifier);
  if (alias) {
    const base = { contracts: 'contracts/ts', config: 'config', db: 'db', protocol: 'protocol' }[alias[1]!]!;
    return { path: alias[2] ? join(base, alias[2]) : join(base, alias[1] === 'contracts' ? 'generated' : 'index') };
  }
  const bare = specifier.replace(/^node:/, '');
  if (specifier.startsWith('node:') || builtinModules.includes(bare.split('/')[0]!)) return { builtin: specifier };
  const [scopeOrName, name] = specifier.split('/');
  return { pkg: scopeOrName!.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName! };
}

const IMPORT =
  /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*(?:['"]([^'"]+)['"]|`((?:[^`$\\]|\$(?!\{))+)`)\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => (match[1] ?? match[2] ?? match[3] ?? match[4])!);
}

/** A module path (with or without its extension) that names a test, a spec or a test kit. */
const TEST_MODULE = /\.(test|spec|test-kit)(\.[cm]?[jt]sx?)?$/;

const PROTOCOL_PACKAGES = new Set(['viem', 'zod']);
const ABOVE_PROTOCOL = ['app', 'db', 'oracle', 'scripts', 'demo', 'devnet'];

const layerOf = (file: string) => SCANNED.find((layer) => file === layer || file.startsWith(`${layer}/`));

/** Every rule `file` (a path from the repository root) breaks with `source`, as readable sentences. */
export function violations(file: string, source: string): string[] {
  const problems: string[] = [];
  const layer = layerOf(file);
  if (!layer) return problems;
  for (const specifier of importsOf(source)) {
    const to = target(file, specifier);
    const into = (prefix: string) => 'path' in to && (to.path === prefix || to.path.startsWith(`${prefix}/`));
    if (TEST_FREE.includes(layer) && 'path' in to && (TEST_MODULE.test(to.path) || TEST_FOLDERS.some(into)))
      problems.push(`${file} imports ${specifier}: ${layer}/ must not depend on test code (tests, test kits, bench/)`);
    if ((layer === 'app' || layer === 'db' || layer === 'protocol') && (into('oracle/agent') || into('oracle/node')))
      problems.push(`${file} imports ${specifier}: an oracle agent/node module (move the type or rule to protocol/)`);
    if (layer !== 'protocol') {
      const upper = FORBIDDEN[layer]!.find(into);
      if (upper)
        problems.push(`${file} imports ${specifier}: ${layer}/ must not depend on ${upper}/ (imports point down)`);
      continue;
    }
    if ('builtin' in to) problems.push(`${file} imports ${specifier}: protocol/ must stay browser-safe`);
    for (const upper of ABOVE_PROTOCOL)
      if (into(upper)) problems.push(`${file} imports ${specifier}: protocol/ must not depend on ${upper}/`);
    if ('pkg' in to && !PROTOCOL_PACKAGES.has(to.pkg))
      problems.push(`${file} imports ${specifier}: protocol/ uses viem and zod only`);
  }
  return problems;
}

/** Test code, which may import anything: tests, specs and test kits. */
export const isTestCode = (name: string) => /\.(test|spec|test-kit)\.tsx?$/.test(name);

/** The source files of `directory` (a path from the repository root) that the rules apply to. */
export function sourceFiles(directory: string): string[] {
  return readdirSync(join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !isTestCode(entry.name) ? [path] : [];
  });
}

/** Every violation in the tree. */
export function treeViolations(): { files: string[]; found: string[] } {
  const files = SCANNED.flatMap(sourceFiles);
  return { files, found: files.flatMap((file) => violations(file, readFileSync(join(root, file), 'utf8'))) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, found } = treeViolations();
  for (const problem of found) process.stderr.write(`${problem}\n`);
  process.stdout.write(`import layers: ${files.length} files, ${found.length} wrong-way imports\n`);
  process.exitCode = found.length === 0 ? 0 : 1;
}
