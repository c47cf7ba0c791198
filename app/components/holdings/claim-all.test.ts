import { type Address, zeroAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { claimAllPlan, MAX_CLAIM_TOKENS } from './claim-all';

const position = (n: number, claimable: bigint) => ({
  token: { address: `0x${n.toString(16).padStart(40, '0')}` as Address },
  snapshot: { claimable },
});

describe('claimAllPlan', () => {
  it('claims the tokens that owe something, for the sum the chain read', () => {
    const plan = claimAllPlan([position(1, 5n), position(2, 0n), position(3, 7n)]);
    expect(plan).toEqual({
      tokens: [position(1, 0n).token.address, position(3, 0n).token.address],
      total: 12n,
      capped: false,
    });
  });

  it('stops at the factory’s bound and says so', () => {
    const many = Array.from({ length: MAX_CLAIM_TOKENS + 2 }, (_, i) => position(i + 1, 1n));
    const plan = claimAllPlan(many);
    expect(plan.tokens).toHaveLength(MAX_CLAIM_TOKENS);
    expect(plan.total).toBe(BigInt(MAX_CLAIM_TOKENS));
    expect(plan.capped).toBe(true);
  });

  it('has nothing to send when nothing is owed', () => {
    expect(claimAllPlan([{ token: { address: zeroAddress }, snapshot: { claimable: 0n } }])).toEqual({
      tokens: [],
      total: 0n,
      capped: false,
    });
  });
});
