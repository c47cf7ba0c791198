/**
 * A cluster's status at a given time, by the rule of ClusterRegistryBase.sol `_statusOf` — written once here so the market
 * table, the JSON API and the passport cannot disagree with the chain (the market table once called a cluster
 * "attested" after its reports had stopped). Branch for branch, in the contract's order:
 *   unknown id → None; retired → Retired; suspended → Suspended; never attested → Registered;
 *   now > attestedUntil → Stale; now > max(lastEpoch, attestedAt) + heartbeat → Stale; otherwise Attested.
 * The names and their order come from the generated enum, kept once in status-names.ts.
 */
import type { ClusterStatusName, OfferingPhaseName } from './status-names';

/** The registry's lifecycle (its private `Lifecycle` enum): what suspend / unsuspend / retire set. */
export type ClusterLifecycle = 'active' | 'suspended' | 'retired';

export type ClusterStatusInput = {
  /** False for an id the registry never assigned (0 or above clusterCount). */
  registered: boolean;
  lifecycle: ClusterLifecycle;
  /** Unix seconds; 0 when never attested (as the contract stores it). */
  attestedAt: bigint;
  /** Unix seconds; 0 when never attested. */
  attestedUntil: bigint;
  /** The newest accepted epoch id, which is the epoch's end time in unix seconds; 0 before the first report. */
  lastEpoch: bigint;
};

/** `_statusOf(cluster)` at chain time `now` (unix seconds) with the registry's `heartbeat` (seconds). */
export function statusAt(cluster: ClusterStatusInput, heartbeat: bigint, now: bigint): ClusterStatusName {
  if (!cluster.registered) return 'None';
  if (cluster.lifecycle === 'retired') return 'Retired';
  if (cluster.lifecycle === 'suspended') return 'Suspended';
  if (cluster.attestedUntil === 0n) return 'Registered';
  if (now > cluster.attestedUntil) return 'Stale';
  let lastActivity = cluster.attestedAt;
  if (cluster.lastEpoch > lastActivity) lastActivity = cluster.lastEpoch;
  if (now > lastActivity + heartbeat) return 'Stale';
  return 'Attested';
}

/** The lifecycle the mirror's event-derived status implies (db/schema.ts `ClusterStatus`). */
export function lifecycleOf(mirrored: 'registered' | 'attested' | 'suspended' | 'retired'): ClusterLifecycle {
  return mirrored === 'suspended' || mirrored === 'retired' ? mirrored : 'active';
}

/** Seconds since the epoch of a date, or 0 for none (the contract's "never"). */
export function unixSeconds(date: Date | null | undefined): bigint {
  return date ? BigInt(Math.floor(date.getTime() / 1000)) : 0n;
}

/** How a sale was settled, as its events say: none yet, `finalize()` after success or failure, or governance's `cancel()`. */
export type OfferingOutcome = 'none' | 'succeeded' | 'failed' | 'cancelled';

export type OfferingPhaseInput = {
  outcome: OfferingOutcome;
  /** Unix seconds: first second of the sale, and its end (exclusive). */
  start: bigint;
  end: bigint;
  softCap: bigint;
  supply: bigint;
  sold: bigint;
};

/**
 * `_phase()` of OfferingBase.sol at chain time `now` (unix seconds), branch for branch: settled → Finalized / Failed /
 * Cancelled; before start → Pending; all sold → SoldOut; before end → Open; else Succeeded or Failed by the soft cap.
 */
export function offeringPhaseAt(offering: OfferingPhaseInput, now: bigint): OfferingPhaseName {
  if (offering.outcome === 'succeeded') return 'Finalized';
  if (offering.outcome === 'failed') return 'Failed';
  if (offering.outcome === 'cancelled') return 'Cancelled';
  if (now < offering.start) return 'Pending';
  if (offering.sold === offering.supply) return 'SoldOut';
  if (now < offering.end) return 'Open';
  return offering.sold >= offering.softCap ? 'Succeeded' : 'Failed';
}
