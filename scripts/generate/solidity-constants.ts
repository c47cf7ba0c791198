/**
 * Reads the numeric constants and EIP-712 type strings a contract declares, straight from its Solidity source, so
 * that no layer copies `RATE_SCALE = 1e18` or a typehash's type string by hand. Only what the contract spells as a
 * literal expression is understood (numbers, `1e18`, hex, `_` separators, time units, `type(uintN).max`, `+ - * / << >> | &`,
 * parentheses and earlier constants of the same file); anything else is a generation error, never a guess.
 */

/** Packing details (masks, shifts, flag bits) are the contract's storage layout, not protocol rules; they stay there. */
const layoutOnly = /^MASK_|_SHIFT$|_BITS?$/;

const units: Record<string, bigint> = {
  seconds: 1n,
  minutes: 60n,
  hours: 3_600n,
  days: 86_400n,
  weeks: 604_800n,
};

export type SolidityConstants = {
  /** Numeric constants by name, in source order. */
  numbers: [name: string, value: bigint][];
  /** `X_TYPEHASH = keccak256("Type(...)")`: the type string by constant name. */
  typeStrings: [name: string, type: string][];
};

function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
}

/**
 * A value while an expression is evaluated: solc folds an expression of literals only as an exact rational (so
 * `7 / 2 * 2` is 7, not 6) and only then requires an integer; once a named constant takes part, the operation is on a
 * uint and `/` truncates. `literal` tracks which of the two rules applies.
 */
type Value = { numerator: bigint; denominator: bigint; literal: boolean };

const gcd = (a: bigint, b: bigint): bigint => {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

function fraction(numerator: bigint, denominator: bigint, literal: boolean): Value {
  const divisor = gcd(numerator, denominator) || 1n;
  const sign = denominator < 0n ? -1n : 1n;
  return { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor, literal };
}

const integer = (value: bigint, literal: boolean): Value => ({ numerator: value, denominator: 1n, literal });

/** The value as an integer, or a generation error naming what solc would do with a fraction there. */
function wholeOf(value: Value, where: string, expression: string): bigint {
  if (value.denominator !== 1n) {
    throw new Error(`${where} of constant expression ${expression} is not an integer (solc would refuse it)`);
  }
  return value.numerator;
}

/** Evaluates one literal Solidity expression (see the module comment for the grammar). */
export function evaluate(expression: string, known: ReadonlyMap<string, bigint>): bigint {
  const tokens =
    expression.match(/type\(u?int\d*\)\.max|0[xX][\da-fA-F_]+|\d[\d_]*(?:e\d+)?|[A-Za-z_]\w*|<<|>>|[-+*/|&()]/g) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== expression.replace(/\s/g, '')) {
    throw new Error(`cannot evaluate constant expression: ${expression}`);
  }
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  const binary = (operators: string[], operand: () => Value, apply: (op: string, a: Value, b: Value) => Value) => {
    return () => {
      let value = operand();
      while (peek() !== undefined && operators.includes(peek()!)) {
        const op = next()!;
        value = apply(op, value, operand());
      }
      return value;
    };
  };
  /** An integer-only operator (shifts, bitwise): solc refuses a fractional operand there. */
  const onIntegers = (op: string, a: Value, b: Value, apply: (x: bigint, y: bigint) => bigint) =>
    integer(
      apply(wholeOf(a, `the left operand of ${op}`, expression), wholeOf(b, `the right operand of ${op}`, expression)),
      a.literal && b.literal,
    );

  const primary = (): Value => {
    const token = next();
    if (token === undefined) throw new Error(`unexpected end of constant expression: ${expression}`);
    if (token === '(') {
      const value = or();
      if (next() !== ')') throw new Error(`unbalanced parentheses in: ${expression}`);
      return value;
    }
    const max = token.match(/^type\((u?)int(\d*)\)\.max$/);
    if (max) {
      const bits = BigInt(max[2] || '256');
      return integer(max[1] ? (1n << bits) - 1n : (1n << (bits - 1n)) - 1n, true);
    }
    if (/^0[xX]/.test(token)) return integer(BigInt(`0x${token.slice(2).replaceAll('_', '')}`), true);
    if (/^\d/.test(token)) {
      const [mantissa, exponent] = token.replaceAll('_', '').split('e');
      let value = BigInt(mantissa!) * 10n ** BigInt(exponent ?? '0');
      const unit = peek() !== undefined ? units[peek()!] : undefined;
      if (unit !== undefined) {
        next();
        value *= unit;
      }
      return integer(value, true);
    }
    const reference = known.get(token);
    if (reference === undefined) throw new Error(`unknown name ${token} in constant expression: ${expression}`);
    return integer(reference, false);
  };
  const product = binary(['*', '/'], primary, (op, a, b) => {
    const literal = a.literal && b.literal;
    if (op === '*') return fraction(a.numerator * b.numerator, a.denominator * b.denominator, literal);
    if (b.numerator === 0n) throw new Error(`division by zero in constant expression: ${expression}`);
    const quotient = fraction(a.numerator * b.denominator, a.denominator * b.numerator, literal);
    // With a named constant the division is solc's truncating uint division; rather than model the mix of the two
    // rules, an inexact one is refused.
    if (!literal && quotient.denominator !== 1n) {
      throw new Error(`inexact division of a named constant in constant expression: ${expression}`);
    }
    return quotient;
  });
  const sum = binary(['+', '-'], product, (op, a, b) =>
    fraction(
      op === '+'
        ? a.numerator * b.denominator + b.numerator * a.denominator
        : a.numerator * b.denominator - b.numerator * a.denominator,
      a.denominator * b.denominator,
      a.literal && b.literal,
    ),
  );
  const shift = binary(['<<', '>>'], sum, (op, a, b) =>
    onIntegers(op, a, b, (x, y) => (op === '<<' ? x << y : x >> y)),
  );
  const and = binary(['&'], shift, (op, a, b) => onIntegers(op, a, b, (x, y) => x & y));
  const or = binary(['|'], and, (op, a, b) => onIntegers(op, a, b, (x, y) => x | y));

  const value = or();
  if (position !== tokens.length) throw new Error(`trailing tokens in constant expression: ${expression}`);
  return wholeOf(value, 'the value', expression);
}

/** The protocol constants of one Solidity source file. */
export function readConstants(source: string): SolidityConstants {
  const code = stripComments(source);
  const known = new Map<string, bigint>();
  const numbers: [string, bigint][] = [];
  const typeStrings: [string, string][] = [];
  for (const match of code.matchAll(
    /\b(u?int\d*|bytes32)\s+(?:\w+\s+)*?constant\s+(?:override\s+)?(\w+)\s*=\s*([^;]+);/g,
  )) {
    const [, type, name, expression] = match as unknown as [string, string, string, string];
    if (type === 'bytes32') {
      const hashed = expression.match(/^keccak256\(\s*((?:"[^"]*"\s*)+)\)$/);
      if (hashed && name.endsWith('_TYPEHASH')) {
        typeStrings.push([name, [...hashed[1]!.matchAll(/"([^"]*)"/g)].map((part) => part[1]).join('')]);
      }
      continue;
    }
    if (layoutOnly.test(name)) {
      // A layout detail is never generated, so one this reader cannot evaluate (a new form of mask) must not stop
      // generation; a protocol constant that refers to it then fails with "unknown name".
      try {
        known.set(name, evaluate(expression.trim(), known));
      } catch {}
      continue;
    }
    const value = evaluate(expression.trim(), known);
    known.set(name, value);
    numbers.push([name, value]);
  }
  return { numbers, typeStrings };
}
