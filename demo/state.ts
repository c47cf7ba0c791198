/**
 * The demo's record (`demo.json` in the deployment's demo folder): the plan of the simulated world (seed, origin, how
 * many clusters, where the history ends), the clusters once set up, the weekly deposits' ledger and whether the history
 * is complete. It is written before the first set-up transaction and again after each step, atomically (temp file,
 * fsync, rename, fsync of the folder), so a crash leaves the old record or the new one, never half of one.
 *
 * The record is not trusted for progress: what the set-up and the history still have to do is read from the chain
 * (runDemoHistory), so a record ahead of the chain (a local chain that lost its last seconds) resumes from what the
 * chain has, and a record behind it never repeats a transaction.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Address } from 'viem';

export type DemoCluster = { key: string; clusterId: string; token: Address; offering: Address };

export type DemoState = {
  registry: Address;
  seed: string;
  /** Unix ms: the simulator's origin (the live simulator must be the same world). */
  origin: number;
  clusterLimit: number | null;
  /** Unix s: the history's last sample, fixed when the plan is made so that a resumed history ends where it would have. */
  historyEnd: number;
  clusters: DemoCluster[];
  /** Unix s: revenue reported up to here has been deposited. */
  depositedThrough: number;
  /** Block from which reports not yet deposited are searched. */
  reportScanBlock: string;
  /** Revenue reported per cluster id for epochs up to `depositedThrough` (decimal strings: bigint amounts). */
  reported: Record<string, string>;
  /** Days of history sampled when the record was written (informational: resuming reads the chain). */
  historyDay: number;
  historyComplete: boolean;
};

const FILE = 'demo.json';
/**
 * The plan alone, written once before the first set-up transaction and never again: what a resumed demo needs (the
 * simulated world's origin) when `demo.json` itself cannot be read.
 */
export const PLAN_FILE = 'plan.json';

const isRecord = (value: unknown): value is DemoState => {
  const state = value as Partial<DemoState> | null;
  return (
    typeof state === 'object' &&
    state !== null &&
    typeof state.registry === 'string' &&
    typeof state.seed === 'string' &&
    typeof state.origin === 'number' &&
    Array.isArray(state.clusters) &&
    typeof state.depositedThrough === 'number' &&
    typeof state.reportScanBlock === 'string' &&
    typeof state.historyComplete === 'boolean'
  );
};

/**
 * The record, or undefined when there is none. A record that cannot be read (cut short by a full disk, edited by
 * hand, written by a version without a plan) is moved aside to `demo.json.unreadable` and reads as none: the caller
 * then decides from the chain whether the demo can start over.
 */
export function readDemoState(
  directory: string,
  onUnreadable?: (reason: string) => void,
  file = FILE,
): DemoState | undefined {
  const path = join(directory, file);
  // A temp file is what a write cut short left behind: the rename never happened, the record is the previous one.
  rmSync(`${path}.tmp`, { force: true });
  if (!existsSync(path)) return undefined;
  let reason: string;
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (isRecord(parsed)) {
      // Records of earlier versions: no planned end (0: runDemoHistory plans it) and no per-cluster ledger (rebuilt
      // from the chain's first block at the next deposit).
      const ledger = parsed.reported
        ? {}
        : { reported: {}, depositedThrough: parsed.origin / 1000, reportScanBlock: '0' };
      return { ...parsed, historyEnd: parsed.historyEnd ?? 0, historyDay: parsed.historyDay ?? 0, ...ledger };
    }
    reason = 'it lacks fields of the current format';
  } catch (error) {
    reason = (error as Error).message;
  }
  renameSync(path, `${path}.unreadable`);
  onUnreadable?.(reason);
  return undefined;
}

export function writeDemoState(directory: string, state: DemoState, file = FILE) {
  const path = join(directory, file);
  const descriptor = openSync(`${path}.tmp`, 'w');
  try {
    writeSync(descriptor, `${JSON.stringify(state, null, 2)}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  renameSync(`${path}.tmp`, path);
  // The rename is durable only once the folder's entry is.
  const folder = openSync(directory, 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}
