import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DemoState, PLAN_FILE, readDemoState, writeDemoState } from './state';

const made: string[] = [];
const folder = () => {
  const directory = mkdtempSync(join(tmpdir(), 'rackshare-demo-state-'));
  made.push(directory);
  return directory;
};
afterEach(() => {
  for (const directory of made.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const state: DemoState = {
  registry: '0x0000000000000000000000000000000000000001',
  seed: 'seed',
  origin: 1_700_000_000_000,
  clusterLimit: null,
  historyEnd: 1_700_086_400,
  clusters: [],
  depositedThrough: 1_700_000_000,
  reportScanBlock: '1',
  reported: { '1': '5' },
  historyDay: 3,
  historyComplete: false,
};

describe('the demo record (issue 12 point 7)', () => {
  it('reads back what was written, and the plan apart from it', () => {
    const directory = folder();
    writeDemoState(directory, state);
    writeDemoState(directory, { ...state, historyDay: 0 }, PLAN_FILE);
    expect(readDemoState(directory)).toEqual(state);
    expect(readDemoState(directory, undefined, PLAN_FILE)?.historyDay).toBe(0);
    expect(existsSync(join(directory, 'demo.json.tmp'))).toBe(false);
  });

  it('treats a record cut short as none: moved aside with the reason, the temp file of a write cut short removed', () => {
    const directory = folder();
    writeDemoState(directory, state);
    const whole = readFileSync(join(directory, 'demo.json'), 'utf8');
    writeFileSync(join(directory, 'demo.json'), whole.slice(0, whole.length / 2));
    writeFileSync(join(directory, 'demo.json.tmp'), '{"regis');
    const reasons: string[] = [];
    expect(readDemoState(directory, (reason) => reasons.push(reason))).toBeUndefined();
    expect(reasons).toHaveLength(1);
    expect(existsSync(join(directory, 'demo.json.tmp'))).toBe(false);
    expect(readFileSync(join(directory, 'demo.json.unreadable'), 'utf8')).toBe(whole.slice(0, whole.length / 2));
    // The next start writes a fresh record where the unreadable one was.
    writeDemoState(directory, state);
    expect(readDemoState(directory)).toEqual(state);
  });

  it('reads a record of the previous format, whose ledger is rebuilt from the chain', () => {
    const directory = folder();
    const { historyEnd: _end, reported: _reported, historyDay: _day, ...previous } = state;
    writeFileSync(join(directory, 'demo.json'), JSON.stringify({ ...previous, historyComplete: true }));
    const read = readDemoState(directory)!;
    expect(read.historyComplete).toBe(true);
    expect(read.historyEnd).toBe(0);
    expect(read.reported).toEqual({});
    expect(read.reportScanBlock).toBe('0');
    expect(read.depositedThrough).toBe(state.origin / 1000);
  });
});
