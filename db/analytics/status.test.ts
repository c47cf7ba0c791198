/**
 * The market table's status comes from the mirror's rows through the contract's rule: a cluster whose reports stopped
 * is Stale once the heartbeat passes, even while its attestation is still valid (the bug the market table had).
 */
import { describe, expect, it } from 'vitest';
import { mirroredStatusAt } from './market';

const at = (iso: string) => new Date(iso);
// Attested on Dec 1 for 30 days; last epoch ended Dec 3 00:00 UTC (1 764 720 000 s); heartbeat one day.
const cluster = {
  status: 'attested' as const,
  attestedAt: at('2025-12-01T00:00:00Z'),
  attestedUntil: at('2025-12-31T00:00:00Z'),
  lastEpoch: 1_764_720_000n,
};
const DAY = 86_400n;

describe('mirroredStatusAt', () => {
  it('is attested within the heartbeat of the last report, stale one second after', () => {
    expect(mirroredStatusAt(cluster, DAY, at('2025-12-04T00:00:00Z'))).toBe('attested');
    expect(mirroredStatusAt(cluster, DAY, at('2025-12-04T00:00:01Z'))).toBe('stale');
  });

  it('falls back to the attestation time before the first report', () => {
    const unreported = { ...cluster, lastEpoch: 0n };
    expect(mirroredStatusAt(unreported, DAY, at('2025-12-02T00:00:00Z'))).toBe('attested');
    expect(mirroredStatusAt(unreported, DAY, at('2025-12-02T00:00:01Z'))).toBe('stale');
  });

  it('is stale after the attestation expires whatever the reports, and keeps lifecycle states', () => {
    const busy = { ...cluster, lastEpoch: 1_767_139_200n }; // 2025-12-31 00:00 UTC
    expect(mirroredStatusAt(busy, 10n * DAY, at('2025-12-31T00:00:00Z'))).toBe('attested');
    expect(mirroredStatusAt(busy, 10n * DAY, at('2025-12-31T00:00:01Z'))).toBe('stale');
    expect(mirroredStatusAt({ ...cluster, status: 'suspended' }, DAY, at('2025-12-04T00:00:00Z'))).toBe('suspended');
    expect(mirroredStatusAt({ ...cluster, status: 'retired' }, DAY, at('2025-12-04T00:00:00Z'))).toBe('retired');
    expect(
      mirroredStatusAt({ status: 'registered', attestedAt: null, attestedUntil: null, lastEpoch: 0n }, DAY, new Date()),
    ).toBe('registered');
  });
});
