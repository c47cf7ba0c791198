import { describe, expect, it } from 'vitest';
import { clusterStatusName, isClusterStatusName, isOfferingPhaseName, offeringPhaseName } from './status-names';

describe('status names', () => {
  it('names each ClusterStatus value as the Solidity enum declares it', () => {
    // Written from contracts/src/interfaces/IClusterRegistry.sol (enum ClusterStatus { None, Registered, Attested, Stale, Suspended, Retired }).
    expect([0, 1, 2, 3, 4, 5].map(clusterStatusName)).toEqual([
      'None',
      'Registered',
      'Attested',
      'Stale',
      'Suspended',
      'Retired',
    ]);
    expect(clusterStatusName(3n)).toBe('Stale');
  });

  it('names each Offering phase value as the Solidity enum declares it', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(offeringPhaseName)).toEqual([
      'Pending',
      'Open',
      'SoldOut',
      'Succeeded',
      'Failed',
      'Finalized',
      'Cancelled',
    ]);
  });

  it('throws on a value outside the enum instead of guessing a label', () => {
    expect(() => clusterStatusName(6)).toThrow(/not a member/);
    expect(() => clusterStatusName(-1)).toThrow(/not a member/);
    expect(() => offeringPhaseName(7n)).toThrow(/not a member/);
    expect(() => offeringPhaseName(1.5)).toThrow(/not a member/);
  });

  it('recognizes names only in the contract spelling', () => {
    expect(isClusterStatusName('Stale')).toBe(true);
    expect(isClusterStatusName('stale')).toBe(false);
    expect(isOfferingPhaseName('SoldOut')).toBe(true);
    expect(isOfferingPhaseName(2)).toBe(false);
  });
});
