/**
 * Epoch labels. An epoch id is the epoch's END time in unix seconds (ClusterRegistry: "an epoch id is its end time,
 * checked not to be in the future"); the epoch length is the oracle nodes' setting, not on chain, so the label is the
 * time the epoch ended, in UTC — a reader sees when the figures were measured, not a raw number.
 */

/** The epoch's end as a Date. */
export function epochEnd(epoch: bigint): Date {
  return new Date(Number(epoch) * 1000);
}

/** "2026-12-06 13:00 UTC": the epoch's end time, to the minute, in UTC. */
export function epochLabel(epoch: bigint): string {
  const iso = epochEnd(epoch).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
