import { describe, expect, it } from 'vitest';
import { BatchGate } from './batch-gate';

describe('BatchGate', () => {
  it('limits an address after its burst of rejections and lets it back as tokens refill', () => {
    const gate = new BatchGate({ burst: 3, refillPerSecond: 1 });
    const t0 = 1_000_000;
    expect(gate.limited('10.0.0.1', t0)).toBe(false);
    for (let index = 0; index < 3; index++) gate.charge('10.0.0.1', t0);
    expect(gate.limited('10.0.0.1', t0)).toBe(true);
    expect(gate.limited('10.0.0.2', t0)).toBe(false);
    expect(gate.limited('10.0.0.1', t0 + 999)).toBe(true);
    expect(gate.limited('10.0.0.1', t0 + 1_000)).toBe(false);
  });

  it('never refuses a known agent address unread, and treats it as quiet only while its bucket is full', () => {
    const gate = new BatchGate({ burst: 2, refillPerSecond: 1 });
    const t0 = 1_000_000;
    gate.trust('10.0.0.9');
    expect(gate.quietAgent('10.0.0.9', t0)).toBe(true);
    gate.charge('10.0.0.9', t0);
    gate.charge('10.0.0.9', t0);
    expect(gate.limited('10.0.0.9', t0)).toBe(false);
    expect(gate.quietAgent('10.0.0.9', t0)).toBe(false);
    expect(gate.quietAgent('10.0.0.9', t0 + 2_000)).toBe(true);
    expect(gate.quietAgent('10.0.0.8', t0)).toBe(false);
  });

  it('bounds the addresses it remembers: the one idle longest is forgotten first', () => {
    const gate = new BatchGate({ burst: 1, refillPerSecond: 0.001, maxClients: 2, maxAgents: 1 });
    const t0 = 1_000_000;
    gate.charge('a', t0);
    gate.charge('b', t0);
    gate.charge('a', t0); // a is now the most recent
    gate.charge('c', t0); // evicts b
    expect(gate.limited('a', t0)).toBe(true);
    expect(gate.limited('b', t0)).toBe(false);
    expect(gate.limited('c', t0)).toBe(true);
    gate.trust('x');
    gate.trust('y');
    expect(gate.quietAgent('x', t0)).toBe(false);
    expect(gate.quietAgent('y', t0)).toBe(true);
  });

  it('counts strangers per cluster and code', () => {
    const gate = new BatchGate();
    gate.count(1n, 'not_operator');
    gate.count(1n, 'not_operator');
    gate.count(1n, 'invalid_body');
    expect(gate.unauthenticatedCounts(1n)).toEqual({ not_operator: 2, invalid_body: 1 });
    expect(gate.unauthenticatedCounts(2n)).toEqual({});
  });
});
