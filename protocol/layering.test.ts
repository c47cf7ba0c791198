/**
 * Layers point down: `scripts -> demo -> app · db · oracle -> protocol -> contracts/ts`. This scans the source tree's
 * import specifiers (static, dynamic and re-exports) and fails on an import that points the wrong way:
 * - app/, db/ and protocol/ never import an oracle agent or node module (a type or a rule they need lives in protocol/);
 * - protocol/ stays browser-safe and at the bottom: no Node built-ins, nothing from app/, db/, oracle/ or scripts/, and
 *   no package but viem and zod (plus the generated bindings, #contracts).
 * Tests (*.test.ts) may reach into the oracle's harnesses; the rules are about what ships.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

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
  /(?:^|[^\w.])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => (match[1] ?? match[2] ?? match[3])!);
}

const PROTOCOL_PACKAGES = new Set(['viem', 'zod']);

/** Every rule `file` (a path from the repository root) breaks with `source`, as readable sentences. */
function violations(file: string, source: string): string[] {
  const problems: string[] = [];
  const layer = file.split('/')[0];
  for (const specifier of importsOf(source)) {
    const to = target(file, specifier);
    const into = (prefix: string) => 'path' in to && (to.path === prefix || to.path.startsWith(`${prefix}/`));
    if ((layer === 'app' || layer === 'db' || layer === 'protocol') && (into('oracle/agent') || into('oracle/node')))
      problems.push(`${file} imports ${specifier}: an oracle agent/node module (move the type or rule to protocol/)`);
    if (layer !== 'protocol') continue;
    if ('builtin' in to) problems.push(`${file} imports ${specifier}: protocol/ must stay browser-safe`);
    for (const upper of ['app', 'db', 'oracle', 'scripts'])
      if (into(upper)) problems.push(`${file} imports ${specifier}: protocol/ must not depend on ${upper}/`);
    if ('pkg' in to && !PROTOCOL_PACKAGES.has(to.pkg))
      problems.push(`${file} imports ${specifier}: protocol/ uses viem and zod only`);
  }
  return problems;
}

function sourceFiles(directory: string): string[] {
  return readdirSync(join(root, directory), { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|spec)\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('import layering', () => {
  it('holds over the source tree of app/, db/ and protocol/', () => {
    const files = ['app', 'db', 'protocol'].flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('protocol/eip712.ts');
    const found = files.flatMap((file) => violations(file, readFileSync(join(root, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches each kind of wrong-way import', () => {
    expect(
      violations('app/components/X.tsx', "import { submitAttestationArgs } from '../../oracle/agent/attest';"),
    ).toHaveLength(1);
    expect(violations('db/x.ts', "export type { WireReport } from '../oracle/node/protocol';")).toHaveLength(1);
    expect(violations('app/lib/x.ts', "const m = await import('../../oracle/node/core');")).toHaveLength(1);
    expect(violations('protocol/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(violations('protocol/x.ts', "import { createHash } from 'crypto';")).toHaveLength(1);
    expect(violations('protocol/x.ts', "import type { Database } from '#db';")).toHaveLength(1);
    expect(violations('protocol/x.ts', "import { startAnvil } from '../scripts/stack/anvil';")).toHaveLength(1);
    expect(violations('protocol/x.ts', "import { useMemo } from 'react';")).toHaveLength(1);
    expect(violations('protocol/x.ts', "import { x } from '~/lib/stream';")).toHaveLength(1);
  });

  it('lets the allowed directions through', () => {
    expect(violations('app/lib/x.ts', "import { toWireReport } from '#protocol/wire';")).toEqual([]);
    expect(violations('protocol/x.ts', "import { z } from 'zod';\nimport { keccak256 } from 'viem';")).toEqual([]);
    expect(violations('protocol/x.ts', "import { shareTokenAbi } from '#contracts';")).toEqual([]);
    expect(violations('oracle/node/x.ts', "import { x } from './core';")).toEqual([]);
    expect(
      violations('app/models/x.server.ts', "import { buildEpochExport } from '../../oracle/export/epoch-export';"),
    ).toEqual([]);
  });
});
