import { describe, expect, it } from 'vitest';
import { type OfferingPhaseInput, offeringPhaseAt } from './status';

const sale: OfferingPhaseInput = {
  outcome: 'none',
  start: 1_000n,
  end: 2_000n,
  softCap: 50n,
  supply: 100n,
  sold: 0n,
};

describe('offeringPhaseAt (OfferingBase._phase)', () => {
  it('is Pending before the start and Open from its first second to the end (exclusive)', () => {
    expect(offeringPhaseAt(sale, 999n)).toBe('Pending');
    expect(offeringPhaseAt(sale, 1_000n)).toBe('Open');
    expect(offeringPhaseAt(sale, 1_999n)).toBe('Open');
  });

  it('decides an ended sale by its soft cap', () => {
    expect(offeringPhaseAt({ ...sale, sold: 49n }, 2_000n)).toBe('Failed');
    expect(offeringPhaseAt({ ...sale, sold: 50n }, 2_000n)).toBe('Succeeded');
  });

  it('is SoldOut once every share is sold, before the end too, but not before the start', () => {
    expect(offeringPhaseAt({ ...sale, sold: 100n }, 1_500n)).toBe('SoldOut');
    expect(offeringPhaseAt({ ...sale, sold: 100n }, 3_000n)).toBe('SoldOut');
  });

  it('follows the settlement before time', () => {
    expect(offeringPhaseAt({ ...sale, outcome: 'succeeded' }, 0n)).toBe('Finalized');
    expect(offeringPhaseAt({ ...sale, outcome: 'failed', sold: 80n }, 1_500n)).toBe('Failed');
    expect(offeringPhaseAt({ ...sale, outcome: 'cancelled' }, 1_500n)).toBe('Cancelled');
  });
});
