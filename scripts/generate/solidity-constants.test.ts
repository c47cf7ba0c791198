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

  it('folds a literal-only division as an exact rational, as solc does (review L1)', () => {
    // solc: 7 / 2 * 2 * 37 = 259 (rationals), where truncating division would give 222.
    expect(evaluate('7 / 2 * 2 * 37', new Map())).toBe(259n);
    expect(evaluate('1e18 / 4', new Map())).toBe(25n * 10n ** 16n);
    expect(evaluate('(1 << 8) / 2', new Map())).toBe(128n);
    // A fraction left at the end, or fed to a shift, is what solc refuses too.
    expect(() => evaluate('7 / 2', new Map())).toThrow(/not an integer/);
    expect(() => evaluate('(7 / 2) << 1', new Map())).toThrow(/not an integer/);
    // With a named constant solc divides uints (truncating): an inexact one is refused, an exact one kept.
    const known = new Map([['A', 7n]]);
    expect(() => evaluate('A / 2 * 2', known)).toThrow(/inexact division/);
    expect(evaluate('A * 2 / 2', known)).toBe(7n);
    expect(() => evaluate('1 / 0', new Map())).toThrow(/division by zero/);
  });

  it('reads hex literals and skips a layout-only name it cannot evaluate (review L1)', () => {
    expect(evaluate('0xff_ff', new Map())).toBe(0xffffn);
    const source = `
      uint256 internal constant MASK_HIGH = ~uint256(0) << 128;
      uint256 internal constant FLAG_MASK_SHIFT = 0x10;
      uint256 public constant SCALE = 0x0100 * FLAG_MASK_SHIFT;
    `;
    expect(readConstants(source).numbers).toEqual([['SCALE', 0x1000n]]);
    // A protocol constant is never skipped: one the reader cannot evaluate stops generation.
    expect(() => readConstants('uint256 public constant CAP = ~uint256(0);')).toThrow(/cannot evaluate/);
  });
});
