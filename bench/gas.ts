/**
 * Gas bench: `npm run bench:gas` (= `npx tsx bench/gas.ts`).
 *
 * Runs ONE forge command over contracts/test/gas/ with `--isolate` (every top-level call is a real transaction, so
 * the recorded figures are TX gas: 21,000 + calldata + execution), which rewrites the committed snapshot JSON files
 * under contracts/gas/ (foundry.toml: snapshots = "contracts/gas"), then prints one line per figure:
 *
 *   <what>: <value> gas (<ratio>x OZ ERC-20 transfer)
 *
 * followed by a target verdict where the test declared one, the ±1% comparisons of depositRevenue (10,000 vs 1
 * holder, 8 vs 1 tranches still streaming), and a summary of missed targets. The convention for adding figures is
 * documented at the top of contracts/test/gas/ShareTokenGas.t.sol:
 *   vm.snapshotGasLastCall("<Group>", "<label>");                          // the figure
 *   vm.snapshotValue("<Group>", "<label> :: max", <gas>);                   // optional absolute target
 *   vm.snapshotValue("<Group>", "<label> :: max_ratio_bps", <bps of OZ>);   // optional ratio target (12_500 = 1.25x)
 *
 * Exits non-zero only when forge fails (compile error, failing test), never on a missed target.
 * Options: --no-run (print the committed snapshots without running forge).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SNAPSHOT_DIR = join(ROOT, 'contracts', 'gas');
const BASELINE_GROUP = 'ShareToken';
const BASELINE_LABEL = 'OZ ERC-20 transfer (baseline)';
const MAX_SUFFIX = ' :: max';
const RATIO_SUFFIX = ' :: max_ratio_bps';
const DEPOSIT_TOLERANCE_PCT = 1;
/** Pairs of figures that must stay within ±DEPOSIT_TOLERANCE_PCT of each other, printed after the second one. */
const SPREADS: { name: string; base: string; other: string }[] = [
  {
    name: 'depositRevenue 10,000 vs 1 holder',
    base: 'depositRevenue (1 holder)',
    other: 'depositRevenue (10,000 holders)',
  },
  {
    name: 'depositRevenue 8 vs 1 tranches running',
    base: 'depositRevenue (1 tranche running)',
    other: 'depositRevenue (8 tranches running)',
  },
];

/** A remark printed after a figure's line (group/label), e.g. the target an issue set for it. */
const REMARKS: Record<string, string> = {
  'ShareMarket/fill sell (full)':
    "target 3x: a full fill of a Sell offer (issue 16); fee 0, both parties already hold both assets, like the baseline; the maker's nonce-bitmap word already in use (every offer after its first of 256)",
};

type Figure = {
  group: string;
  label: string;
  gas: number;
  max?: number;
  maxRatioBps?: number;
};

const fmt = (n: number): string => n.toLocaleString('en-US');
const ratio = (gas: number, base: number): string => (gas / base).toFixed(2);

function runForge(): void {
  const env = {
    ...process.env,
    FOUNDRY_OUT: process.env.FOUNDRY_OUT ?? 'contracts/out-bench',
    FOUNDRY_CACHE_PATH: process.env.FOUNDRY_CACHE_PATH ?? 'contracts/cache-bench',
    // foundry.toml keeps snapshot writing off so plain `forge test` leaves the committed figures alone.
    FOUNDRY_GAS_SNAPSHOT_EMIT: 'true',
    FORGE_SNAPSHOT_EMIT: 'true',
  };
  const args = ['forge', 'test', '--match-path', 'contracts/test/gas/*', '--isolate'];
  console.log(`$ npx ${args.join(' ')}`);
  const res = spawnSync('npx', args, {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const out = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  if (res.status !== 0) {
    console.error(out);
    console.error(`forge failed (exit ${res.status ?? res.signal})`);
    process.exit(res.status && res.status !== 0 ? res.status : 1);
  }
  const summary = out.split('\n').filter((l) => /^Ran \d+ test suites?/.test(l) || /Suite result/.test(l));
  for (const l of summary) console.log(l.trim());
  console.log('');
}

function readFigures(): Figure[] {
  if (!existsSync(SNAPSHOT_DIR)) return [];
  const figures: Figure[] = [];
  for (const file of readdirSync(SNAPSHOT_DIR).sort()) {
    if (!file.endsWith('.json')) continue;
    const group = file.slice(0, -'.json'.length);
    const raw = JSON.parse(readFileSync(join(SNAPSHOT_DIR, file), 'utf8')) as Record<string, string | number>;
    const entries = Object.entries(raw).map(([k, v]) => [k, Number(v)] as const);
    const byLabel = new Map<string, Figure>();
    for (const [k, v] of entries) {
      if (k.endsWith(MAX_SUFFIX) || k.endsWith(RATIO_SUFFIX)) continue;
      byLabel.set(k, { group, label: k, gas: v });
    }
    for (const [k, v] of entries) {
      if (k.endsWith(MAX_SUFFIX)) {
        const f = byLabel.get(k.slice(0, -MAX_SUFFIX.length));
        if (f) f.max = v;
      } else if (k.endsWith(RATIO_SUFFIX)) {
        const f = byLabel.get(k.slice(0, -RATIO_SUFFIX.length));
        if (f) f.maxRatioBps = v;
      }
    }
    figures.push(...byLabel.values());
  }
  return figures;
}

function printSpread(figures: Figure[], spread: (typeof SPREADS)[number], misses: string[]): void {
  const base = figures.find((f) => f.group === BASELINE_GROUP && f.label === spread.base);
  const other = figures.find((f) => f.group === BASELINE_GROUP && f.label === spread.other);
  if (!base || !other) return;
  const pct = ((other.gas - base.gas) / base.gas) * 100;
  const ok = Math.abs(pct) <= DEPOSIT_TOLERANCE_PCT;
  console.log(
    `${spread.name}: ${pct >= 0 ? '+' : ''}${pct.toFixed(2)}% ` +
      `[target within ±${DEPOSIT_TOLERANCE_PCT}%: ${ok ? 'met' : 'MISSED'}]`,
  );
  if (!ok) misses.push(`${spread.name}: ${pct.toFixed(2)}%`);
}

function main(): void {
  if (!process.argv.includes('--no-run')) runForge();
  const figures = readFigures();
  const baseline = figures.find((f) => f.group === BASELINE_GROUP && f.label === BASELINE_LABEL);
  if (!baseline) {
    console.error(`no baseline "${BASELINE_LABEL}" in ${SNAPSHOT_DIR}/${BASELINE_GROUP}.json`);
    process.exit(1);
  }
  const base = baseline.gas;
  const misses: string[] = [];
  const order = (f: Figure): number => (f === baseline ? 0 : f.group === BASELINE_GROUP ? 1 : 2);
  const sorted = [...figures].sort((a, b) => order(a) - order(b) || a.group.localeCompare(b.group));

  let group = '';
  for (const f of sorted) {
    if (f.group !== group) {
      group = f.group;
      console.log(`# ${group}`);
    }
    let line = `${f.label}: ${fmt(f.gas)} gas (${ratio(f.gas, base)}x OZ ERC-20 transfer)`;
    const verdicts: string[] = [];
    if (f.max !== undefined) {
      const ok = f.gas <= f.max;
      verdicts.push(`target <= ${fmt(f.max)} gas: ${ok ? 'met' : 'MISSED'}`);
      if (!ok) misses.push(`${f.label}: ${fmt(f.gas)} > ${fmt(f.max)} gas`);
    }
    if (f.maxRatioBps !== undefined) {
      const limit = f.maxRatioBps / 10_000;
      const ok = f.gas <= base * limit;
      verdicts.push(`target <= ${limit.toFixed(2)}x: ${ok ? 'met' : 'MISSED'}`);
      if (!ok) misses.push(`${f.label}: ${ratio(f.gas, base)}x > ${limit.toFixed(2)}x`);
    }
    if (verdicts.length > 0) line += ` [${verdicts.join('; ')}]`;
    const remark = REMARKS[`${f.group}/${f.label}`];
    if (remark) line += ` (${remark})`;
    console.log(line);
    for (const spread of SPREADS) {
      if (f.group === BASELINE_GROUP && f.label === spread.other) printSpread(figures, spread, misses);
    }
  }

  console.log('');
  console.log(misses.length === 0 ? 'All gas targets met.' : `Missed gas targets (${misses.length}):`);
  for (const m of misses) console.log(`  - ${m}`);
}

main();
