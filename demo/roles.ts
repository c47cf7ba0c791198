/**
 * What each demo cluster is for. Most are settled (sold out, finalized, shares withdrawn, revenue streaming), so the
 * figures have history; five show the other states a newcomer has to meet to understand the product: an offering open
 * for sale now, one that has not started, one that failed with refunds to claim, a cluster whose reports stopped
 * (Stale) and one the guardian suspended. A demo limited to its first clusters (the tests' `clusterLimit: 2`: sel-0,
 * sel-1) is all settled, as before.
 *
 * Every time here is derived from the plan (origin, history end), never from the wall clock of a later start, so a
 * resumed set-up makes the terms an uninterrupted one would have made.
 */
import { SHARE_SUPPLY } from './economics';
import type { DemoState } from './state';

const HOUR = 3_600;
const DAY = 24 * HOUR;

export type DemoRole = 'settled' | 'open' | 'upcoming' | 'failed' | 'stale' | 'suspended';

const ROLES: Readonly<Record<string, DemoRole>> = {
  // An H100 cluster: the offering a newcomer buys into.
  'sjc-0': 'open',
  'sel-2': 'upcoming',
  'fra-1': 'failed',
  'fra-2': 'stale',
  'sjc-1': 'suspended',
};

export const demoRoleOf = (key: string): DemoRole => ROLES[key] ?? 'settled';

/** Whether the live demo samples (and so reports for) the cluster: not the Stale one, nor the suspended one. */
export const sampledLive = (key: string) => !['stale', 'suspended'].includes(demoRoleOf(key));

/** Clusters whose sale the demo's investors buy out and settle (the stale and suspended ones were healthy once). */
export const isSettledRole = (role: DemoRole) => role === 'settled' || role === 'stale' || role === 'suspended';

/**
 * The sale window of a cluster tokenized at chain time `now` (the set-up, at the history's start). The open sale ends
 * a month after the history (e2e specs move the clock by hours, at most a day); the upcoming one starts three days
 * after it; the failed one ends well inside the history (at most a day after the set-up, or halfway to the end of a
 * shorter history), so it has failed by the time the demo goes live.
 */
export function saleWindow(role: DemoRole, now: number, historyEnd: number) {
  switch (role) {
    case 'open':
      return { start: now, end: historyEnd + 30 * DAY };
    case 'upcoming':
      return { start: historyEnd + 3 * DAY, end: historyEnd + 33 * DAY };
    case 'failed':
      return { start: now, end: now + Math.max(HOUR, Math.min(DAY, Math.floor((historyEnd - now) / 2))) };
    default:
      return { start: now, end: now + 30 * DAY };
  }
}

const share = (bps: bigint) => (SHARE_SUPPLY * bps) / 10_000n;

/**
 * What the demo's investors (#4, #5, #6, by position) buy of an offering that is not sold out: the open one keeps
 * 65 % for newcomers, the failed one stays at 20 % against a soft cap of half the supply.
 */
export function partialPurchases(role: DemoRole): bigint[] | undefined {
  if (role === 'open') return [share(2_000n), share(1_500n), 0n];
  if (role === 'failed') return [share(1_000n), 0n, share(1_000n)];
  return undefined;
}

/** Every demo offering's soft cap: half the supply. */
export const SOFT_CAP = SHARE_SUPPLY / 2n;

/**
 * The day of the history (0-based) from which the stale cluster is no longer sampled: two days before the end of a
 * long history, the last day of a two-day one (the e2e stack's), never for a one-day one. Its last report is then
 * about a day or more before the history ends, past the heartbeat (3 h by default), so the registry calls it Stale.
 */
export function staleFromDay(days: number) {
  return days <= 2 ? days - 1 : days - 2;
}

/**
 * The last epoch the stale cluster is reported for (0 when never): the last sample before `staleFromDay` closes the
 * epoch that ends an hour before that day begins (historySchedule samples at each hour's middle).
 */
export function staleLastEpoch(state: Pick<DemoState, 'origin'>, days: number) {
  const day = staleFromDay(days);
  return day <= 0 ? 0 : state.origin / 1000 + (day * 24 - 1) * HOUR;
}

/**
 * When the stale cluster's attestation lapses: half a day after its last report (after the origin when it is never
 * reported), before the history ends. Its reports stopping is not enough by itself on a live stack: the oracle nodes
 * close a silent cluster's epochs by their clock and report it dark, which the heartbeat counts as fresh.
 */
export function staleUntil(state: Pick<DemoState, 'origin'>, days: number) {
  const last = staleLastEpoch(state, days);
  return (last > 0 ? last : state.origin / 1000) + 12 * HOUR;
}
