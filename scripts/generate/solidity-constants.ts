/**
 * Reads the numeric constants and EIP-712 type strings a contract declares, straight from its Solidity source, so
 * that no layer copies `RATE_SCALE = 1e18` or a typehash's type string by hand. Only what the contract spells as a
 * literal expression is understood (numbers, `1e18`, `_` separators, time units, `type(uintN).max`, `+ - * / << >> | &`,
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

/** Evaluates one literal Solidity expression (see the module comment for the grammar). */
export function evaluate(expression: string, known: ReadonlyMap<string, bigint>): bigint {
  const tokens = expression.match(/type\(u?int\d*\)\.max|\d[\d_]*(?:e\d+)?|[A-Za-z_]\w*|<<|>>|[-+*/|&()]/g) ?? [];
  if (tokens.join('').replace(/\s/g, '') !== expression.replace(/\s/g, '')) {
    throw new Error(`cannot evaluate constant expression: ${expression}`);
  }
  let position = 0;
  const peek = () => tokens[position];
  const next = () => tokens[position++];

  const binary = (operators: string[], operand: () => bigint, apply: (op: string, a: bigint, b: bigint) => bigint) => {
    return () => {
      let value = operand();
      while (peek() !== undefined && operators.includes(peek()!)) {
        const op = next()!;
        value = apply(op, value, operand());
      }
      return value;
    };
  };

  const primary = (): bigint => {
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
      return max[1] ? (1n << bits) - 1n : (1n << (bits - 1n)) - 1n;
    }
    if (/^\d/.test(token)) {
      const [mantissa, exponent] = token.replaceAll('_', '').split('e');
      let value = BigInt(mantissa!) * 10n ** BigInt(exponent ?? '0');
      const unit = peek() !== undefined ? units[peek()!] : undefined;
      if (unit !== undefined) {
        next();
        value *= unit;
      }
      return value;
    }
    const reference = known.get(token);
    if (reference === undefined) throw new Error(`unknown name ${token} in constant expression: ${expression}`);
    return reference;
  };
  const product = binary(['*', '/'], primary, (op, a, b) => (op === '*' ? a * b : a / b));
  const sum = binary(['+', '-'], product, (op, a, b) => (op === '+' ? a + b : a - b));
  const shift = binary(['<<', '>>'], sum, (op, a, b) => (op === '<<' ? a << b : a >> b));
  const and = binary(['&'], shift, (_, a, b) => a & b);
  const or = binary(['|'], and, (_, a, b) => a | b);

  const value = or();
  if (position !== tokens.length) throw new Error(`trailing tokens in constant expression: ${expression}`);
  return value;
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
    const value = evaluate(expression.trim(), known);
    known.set(name, value);
    if (!layoutOnly.test(name)) numbers.push([name, value]);
  }
  return { numbers, typeStrings };
}
