/**
 * The kernel's barrel names every public module, and each rule lives in one module (review 3): the status names are
 * kept in status-names.ts only, status.ts and the barrel hand out that same object.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as kernel from './index';
import * as status from './status';
import { CLUSTER_STATUS_NAMES } from './status-names';

const here = dirname(fileURLToPath(import.meta.url));
/** Implementation details of telemetry.ts, not a public module. */
const INTERNAL = new Set(['keccak-permute', 'keccak', 'merkle', 'index']);

describe('protocol barrel', () => {
  it('re-exports every public protocol module (review 3: complete, not a partial list)', () => {
    const barrel = readFileSync(join(here, 'index.ts'), 'utf8');
    const listed = new Set([...barrel.matchAll(/export \* from '\.\/([\w/-]+)'/g)].map((match) => match[1]));
    const modules = readdirSync(here)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .map((file) => file.slice(0, -3))
      .filter((name) => !INTERNAL.has(name));
    expect(modules.filter((name) => !listed.has(name))).toEqual([]);
    const figures = readdirSync(join(here, 'figures'))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'index.ts')
      .map((file) => file.slice(0, -3));
    const figureIndex = readFileSync(join(here, 'figures', 'index.ts'), 'utf8');
    expect(
      figures.filter((name) => !figureIndex.includes(`from './${name}'`) && !listed.has(`figures/${name}`)),
    ).toEqual([]);
  });

  it('keeps the cluster status names once, in status-names.ts (review 3)', () => {
    expect('CLUSTER_STATUS_NAMES' in status).toBe(false);
    expect(kernel.CLUSTER_STATUS_NAMES).toBe(CLUSTER_STATUS_NAMES);
    expect(kernel.statusAt).toBe(status.statusAt);
  });
});
