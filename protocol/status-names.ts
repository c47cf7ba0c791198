/**
 * The contract's enums as names. The numbers and their order come from the generated bindings (read from the Solidity
 * source by `npm run generate`), so a reordered or added member changes these unions instead of silently mislabelling.
 */
import {
  clusterRegistryClusterStatus,
  clusterRegistryClusterStatusNames,
  offeringPhase,
  offeringPhaseNames,
} from '#contracts';

export const CLUSTER_STATUS_NAMES = clusterRegistryClusterStatusNames;
export const OFFERING_PHASE_NAMES = offeringPhaseNames;
export const ClusterStatus = clusterRegistryClusterStatus;
export const OfferingPhase = offeringPhase;

export type ClusterStatusName = (typeof CLUSTER_STATUS_NAMES)[number];
export type OfferingPhaseName = (typeof OFFERING_PHASE_NAMES)[number];

/**
 * The statuses the mirror stores from events (lowercase, as db/schema.ts keeps them). None and Stale never come from an
 * event: None is "not registered" and Stale depends on the time of reading (see protocol/status.ts).
 */
export type MirroredClusterStatus = Lowercase<Exclude<ClusterStatusName, 'None' | 'Stale'>>;

function nameOf<const Names extends readonly string[]>(names: Names, what: string, value: number | bigint) {
  const index = typeof value === 'bigint' ? Number(value) : value;
  const name = Number.isInteger(index) ? names[index] : undefined;
  if (name === undefined) throw new RangeError(`${what} ${String(value)} is not a member of the contract's enum`);
  return name as Names[number];
}

/** The name of `ClusterRegistry.ClusterStatus` value `value`; a value outside the enum throws (never a guessed label). */
export function clusterStatusName(value: number | bigint): ClusterStatusName {
  return nameOf(CLUSTER_STATUS_NAMES, 'ClusterStatus', value);
}

/** The name of `Offering.Phase` value `value`; a value outside the enum throws. */
export function offeringPhaseName(value: number | bigint): OfferingPhaseName {
  return nameOf(OFFERING_PHASE_NAMES, 'Offering phase', value);
}

export function isClusterStatusName(value: unknown): value is ClusterStatusName {
  return typeof value === 'string' && (CLUSTER_STATUS_NAMES as readonly string[]).includes(value);
}

export function isOfferingPhaseName(value: unknown): value is OfferingPhaseName {
  return typeof value === 'string' && (OFFERING_PHASE_NAMES as readonly string[]).includes(value);
}
