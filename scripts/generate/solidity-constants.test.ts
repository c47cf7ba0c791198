import { describe, expect, it } from 'vitest';
import { evaluate, readConstants } from './solidity-constants';

describe('readConstants', () => {
  it('evaluates the literal forms the contracts use', () => {
    const known = new Map([['A', 3n]]);
    expect(evaluate('1e18', known)).toBe(10n ** 18n);
    expect(evaluate('3650 days', known)).toBe(3650n * 86_400n);
    expect(evaluate('10_000', known)).toBe(10_000n);
    expect(evaluate('(1 << 60) - 1', known)).toBe((1n << 60n) - 1n);
    expect(evaluate('type(uint32).max', known)).toBe(4_294_967_295n);
    expect(evaluate('A * 2 + 1', known)).toBe(7n);
  });

  it('refuses an expression it does not understand instead of guessing', () => {
    expect(() => evaluate('keccak256("x")', new Map())).toThrow(/cannot evaluate|unknown name/);
    expect(() => evaluate('UNDEFINED + 1', new Map())).toThrow(/unknown name UNDEFINED/);
  });

  it('keeps protocol constants and type strings, drops storage layout details and comments', () => {
    const source = `
      // uint256 internal constant COMMENTED = 1;
      uint256 public constant override RATE_SCALE = 1e18;
      uint256 internal constant MASK_32 = (1 << 32) - 1;
      uint256 internal constant FROZEN_BIT = 1 << 255;
      uint256 internal constant CAP = MASK_32 * 2;
      bytes32 public constant override REPORT_TYPEHASH = keccak256(
          "Report(uint256 id,"
          "bytes32 root)"
      );
    `;
    expect(readConstants(source)).toEqual({
      numbers: [
        ['RATE_SCALE', 10n ** 18n],
        ['CAP', ((1n << 32n) - 1n) * 2n],
      ],
      typeStrings: [['REPORT_TYPEHASH', 'Report(uint256 id,bytes32 root)']],
    });
  });
});
