import { keccak256, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it, vi } from 'vitest';
import type { Rejection } from '#protocol/base-error';
import { devPrivateKey } from '../../devnet/accounts';
import { signBatch } from '../agent/signing';
import {
  authenticateBatch,
  BATCH_BODY_HARD_LIMIT,
  BatchGate,
  batchByteLimit,
  checkPayloadHash,
  NOT_THE_OPERATORS,
} from './batch-gate';
import type { OracleCore } from './core';
import { IpBuckets } from './ip-buckets';

// Counts the payload hashes the gate computes (#2: a stranger's batch must cost a recovery, not a hash of its payload).
vi.mock('viem', async (importOriginal) => {
  const viem = await importOriginal<typeof import('viem')>();
  return { ...viem, keccak256: vi.fn(viem.keccak256) };
});

describe('BatchGate', () => {
  it('limits an address after its burst of rejections and lets it back as tokens refill', () => {
    const gate = new BatchGate({ burst: 3, refillPerSecond: 1 });
    const t0 = 1_000_000;
    expect(gate.limited('10.0.0.1', 1n, t0)).toBe(false);
    for (let index = 0; index < 3; index++) gate.charge('10.0.0.1', t0);
    expect(gate.limited('10.0.0.1', 1n, t0)).toBe(true);
    expect(gate.limited('10.0.0.2', 1n, t0)).toBe(false);
    expect(gate.limited('10.0.0.1', 1n, t0 + 999)).toBe(true);
    expect(gate.limited('10.0.0.1', 1n, t0 + 1_000)).toBe(false);
  });

  it('never refuses a known agent of a cluster unread, and treats it as quiet only while its bucket is full', () => {
    const gate = new BatchGate({ burst: 2, refillPerSecond: 1 });
    const t0 = 1_000_000;
    gate.trust('10.0.0.9', 1n);
    expect(gate.quietAgent('10.0.0.9', 1n, t0)).toBe(true);
    gate.charge('10.0.0.9', t0);
    gate.charge('10.0.0.9', t0);
    expect(gate.limited('10.0.0.9', 1n, t0)).toBe(false);
    expect(gate.quietAgent('10.0.0.9', 1n, t0)).toBe(false);
    expect(gate.quietAgent('10.0.0.9', 1n, t0 + 2_000)).toBe(true);
    expect(gate.quietAgent('10.0.0.8', 1n, t0)).toBe(false);
  });

  it('trusts an (IP, cluster) pair, not an IP: its agent buys nothing for another cluster (#3, ATTACK-9)', () => {
    const gate = new BatchGate({ burst: 2, refillPerSecond: 1 });
    const t0 = 1_000_000;
    // An operator of its own cluster 5 delivered an accepted batch from this IP.
    gate.trust('10.0.0.7', 5n);
    expect(gate.quietAgent('10.0.0.7', 9n, t0)).toBe(false);
    // Its junk for the victim's cluster 9 is charged like anyone's, and it is then refused unread for cluster 9...
    gate.charge('10.0.0.7', t0);
    gate.charge('10.0.0.7', t0);
    expect(gate.limited('10.0.0.7', 9n, t0)).toBe(true);
    expect(gate.limited('10.0.0.7', null, t0)).toBe(true);
    // ...while its own cluster's batches still get through, authenticated before the queue (not quiet).
    expect(gate.limited('10.0.0.7', 5n, t0)).toBe(false);
    expect(gate.quietAgent('10.0.0.7', 5n, t0)).toBe(false);
  });

  it('takes a token before the work and gives it back for the operator (never above the burst)', () => {
    const gate = new BatchGate({ burst: 1, refillPerSecond: 0.001 });
    const t0 = 1_000_000;
    gate.charge('10.0.0.5', t0);
    expect(gate.limited('10.0.0.5', 1n, t0)).toBe(true);
    gate.refund('10.0.0.5', t0);
    gate.refund('10.0.0.5', t0);
    expect(gate.limited('10.0.0.5', 1n, t0)).toBe(false);
    gate.charge('10.0.0.5', t0);
    expect(gate.limited('10.0.0.5', 1n, t0)).toBe(true);
  });

  it('bounds the addresses it remembers: the one idle longest is forgotten first', () => {
    const gate = new BatchGate({ burst: 1, refillPerSecond: 0.001, maxClients: 2, maxAgents: 1 });
    const t0 = 1_000_000;
    gate.charge('a', t0);
    gate.charge('b', t0);
    gate.charge('a', t0); // a is now the most recent
    gate.charge('c', t0); // evicts b
    expect(gate.limited('a', 1n, t0)).toBe(true);
    expect(gate.limited('b', 1n, t0)).toBe(false);
    expect(gate.limited('c', 1n, t0)).toBe(true);
    gate.trust('x', 1n);
    gate.trust('y', 1n);
    expect(gate.quietAgent('x', 1n, t0)).toBe(false);
    expect(gate.quietAgent('y', 1n, t0)).toBe(true);
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

describe('IpBuckets', () => {
  it('remembers at most maxClients addresses', () => {
    const buckets = new IpBuckets({ burst: 1, refillPerSecond: 1, maxClients: 3 });
    for (let index = 0; index < 100; index++) buckets.take(`10.0.0.${index}`, 0);
    expect(buckets.size).toBe(3);
  });

  it('lets a burst through, then refuses with the seconds until the next token, per key', () => {
    const buckets = new IpBuckets({ burst: 3, refillPerSecond: 0.1, maxClients: 10 });
    expect([0, 0, 0].map(() => buckets.tryTake('a', 0))).toEqual([true, true, true]);
    expect(buckets.tryTake('a', 0)).toBe(false);
    expect(buckets.retryAfterSeconds('a', 0)).toBe(10);
    expect(buckets.retryAfterSeconds('a', 4_000)).toBe(6);
    // Another key has its own bucket.
    expect(buckets.tryTake('b', 0)).toBe(true);
    expect(buckets.tryTake('a', 10_000)).toBe(true);
    expect(buckets.tryTake('a', 10_000)).toBe(false);
  });
});

describe('authenticateBatch (#2)', () => {
  const context = { chainId: 31_337, registry: '0x00000000000000000000000000000000000000aa' as const };
  const OPERATOR = 1;
  const STRANGER = 4;
  const operator = privateKeyToAccount(devPrivateKey(OPERATOR)).address;
  const payload = { snapshots: [{ t: 1_000, gpus: [] }], leases: [] };
  /** Just what the gate reads of the core. */
  const core = {
    config: { context },
    telemetryStatus: () => ({}),
    registry: { cluster: async () => ({ operator, gpuCount: 2 }) },
    lastSequence: () => 0,
    isLastPayload: () => false,
  } as unknown as OracleCore;
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: Rejection) => `${error.status} ${error.code}`,
    );

  it('carries the payload hash in the body the agent sends', async () => {
    const batch = await signBatch(context, devPrivateKey(OPERATOR), 3n, 1, payload);
    expect(batch.payloadHash).toBe(keccak256(toBytes(batch.payload)));
    expect(await authenticateBatch(core, 3n, batch)).toBe(operator);
  });

  it('tells a stranger from the operator by the signature over the carried hash, before hashing the payload', async () => {
    // A stranger's batch whose hash does not even match its payload: refused as not the operator's (one recovery),
    // never for the hash, which would mean the payload was hashed first.
    const junk = await signBatch(context, devPrivateKey(STRANGER), 3n, 1, payload);
    const mismatched = { ...junk, payload: 'x'.repeat(100_000) };
    vi.mocked(keccak256).mockClear();
    expect(await refusal(authenticateBatch(core, 3n, mismatched))).toBe('403 not_operator');
    expect(vi.mocked(keccak256)).not.toHaveBeenCalledWith(mismatched.payload);
    expect(vi.mocked(keccak256)).not.toHaveBeenCalledWith(toBytes(mismatched.payload));
    // The operator's own batch is hashed, once, to check it.
    const genuine = await signBatch(context, devPrivateKey(OPERATOR), 3n, 1, payload);
    vi.mocked(keccak256).mockClear();
    expect(await authenticateBatch(core, 3n, genuine)).toBe(operator);
    expect(vi.mocked(keccak256)).toHaveBeenCalledWith(toBytes(genuine.payload));
  });

  it("refuses the operator's signature over another payload (invalid_payload_hash), as a stranger's", async () => {
    const genuine = await signBatch(context, devPrivateKey(OPERATOR), 3n, 1, payload);
    const swapped = { ...genuine, payload: JSON.stringify({ snapshots: [], leases: [] }) };
    expect(await refusal(authenticateBatch(core, 3n, swapped))).toBe('400 invalid_payload_hash');
    expect(() => checkPayloadHash(swapped)).toThrow();
    expect(NOT_THE_OPERATORS.has('invalid_payload_hash')).toBe(true);
  });

  it("bounds a batch's bytes by its cluster's GPU count, under a hard cap", () => {
    expect(batchByteLimit(1)).toBeLessThan(batchByteLimit(2));
    // A full default agent batch (6 snapshots) of 8 GPUs weighs about 8 KB: far below its limit.
    expect(batchByteLimit(8)).toBeGreaterThan(100_000);
    expect(batchByteLimit(4)).toBeLessThan(2_000_000);
    expect(batchByteLimit(1_000_000)).toBe(BATCH_BODY_HARD_LIMIT);
  });
});
