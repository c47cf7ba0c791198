/** The import-direction rule (layers.ts): the tree passes it, and each kind of wrong-way import is caught. */
import { describe, expect, it } from 'vitest';
import { isTestCode, treeViolations, violations } from './layers';

describe('import layering', () => {
  it('holds over the source tree of every scanned folder', () => {
    const { files, found } = treeViolations();
    expect(files.length).toBeGreaterThan(200);
    expect(files).toContain('protocol/eip712.ts');
    expect(files).toContain('oracle/node/node.ts');
    expect(files).toContain('demo/run.ts');
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

  it('keeps dev tooling, the demo and the orchestrator out of what ships', () => {
    expect(violations('app/models/x.server.ts', "import { devRoles } from '../../devnet/accounts';")).toHaveLength(1);
    expect(violations('db/x.ts', "import { startTestChain } from '../devnet/chain';")).toHaveLength(1);
    expect(violations('oracle/simulator/x.ts', "import { runDemoHistory } from '../../demo/run';")).toHaveLength(1);
    expect(violations('oracle/node/x.ts', "import { startWeb } from '../../scripts/stack/web';")).toHaveLength(1);
    expect(violations('config/x.ts', "export { x } from '../scripts/stack/stack';")).toHaveLength(1);
    expect(violations('contracts/ts/x.ts', "import { startAnvil } from '../../devnet/anvil';")).toHaveLength(1);
    expect(violations('demo/x.ts', "import { step } from '../scripts/stack/progress';")).toHaveLength(1);
    expect(violations('devnet/x.ts', "import { runDemoHistory } from '../demo/run';")).toHaveLength(1);
  });

  it('keeps test code out of what ships: test kits, tests, specs, tests/ and bench/', () => {
    // db/fixtures.test-kit.ts imports ../devnet/chain: importing it from db/ would ship devnet transitively.
    expect(violations('db/reindex.ts', "import { startTestChain } from './fixtures.test-kit';")).toHaveLength(1);
    expect(
      violations('app/models/x.server.ts', "import { startTestChain } from '#db/fixtures.test-kit';"),
    ).toHaveLength(1);
    expect(violations('oracle/node/x.ts', "import { x } from './node.test';")).toHaveLength(1);
    expect(violations('demo/x.ts', "import { x } from '../tests/e2e/support/chain';")).toHaveLength(1);
    expect(violations('db/x.ts', "import { publicClient } from '../tests/e2e/support/chain';")).toHaveLength(1);
    expect(violations('oracle/node/x.ts', "import { x } from '../../bench/seed';")).toHaveLength(1);
    expect(violations('protocol/x.ts', "import { x } from './eip712.spec.ts';")).toHaveLength(1);
  });

  it('reads a dynamic import written as a backtick literal', () => {
    expect(violations('db/x.ts', 'const m = await import(`../devnet/anvil`);')).toHaveLength(1);
  });

  it('leaves test code free to reach anywhere', () => {
    expect(isTestCode('db/fixtures.test-kit.ts')).toBe(true);
    expect(isTestCode('oracle/node/node.test.ts')).toBe(true);
    expect(isTestCode('tests/e2e/investor.spec.ts')).toBe(true);
    expect(isTestCode('oracle/node/node.ts')).toBe(false);
    expect(violations('tests/e2e/support/chain.ts', "import { devRoles } from '../../../devnet/accounts';")).toEqual(
      [],
    );
    expect(violations('bench/oracle.ts', "import { startTestChain } from '../devnet/chain';")).toEqual([]);
  });

  it('lets the allowed directions through', () => {
    expect(violations('app/lib/x.ts', "import { toWireReport } from '#protocol/wire';")).toEqual([]);
    expect(violations('protocol/x.ts', "import { z } from 'zod';\nimport { keccak256 } from 'viem';")).toEqual([]);
    expect(violations('protocol/x.ts', "import { shareTokenAbi } from '#contracts';")).toEqual([]);
    expect(violations('oracle/node/x.ts', "import { x } from './core';")).toEqual([]);
    expect(
      violations('app/models/x.server.ts', "import { buildEpochExport } from '../../oracle/export/epoch-export';"),
    ).toEqual([]);
    expect(violations('demo/x.ts', "import { startAnvil } from '../devnet/anvil';")).toEqual([]);
    expect(violations('scripts/stack/x.ts', "import { runDemoHistory } from '../../demo/run';")).toEqual([]);
    expect(violations('oracle/simulator/x.ts', "import { startOracleNode } from '../node/node';")).toEqual([]);
  });
});
