/**
 * Telemetry ingestion at the core level (stub chain, temp journal): refusals that consume the sequence (H-6), time and
 * size bounds (M-4), GPU ownership that follows the chain (L-6), and three nodes with skewed clocks signing the same
 * reports (I-5).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Address, Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clusterRegistryClusterStatus as ClusterStatus } from '#contracts';
import { Rejection } from '#protocol/base-error';
import { hardwareRoot } from '#protocol/hardware';
import { type BatchPayload, MAX_LEASES_PER_GPU } from '#protocol/wire';
import { devPrivateKey } from '../../devnet/accounts';
import { signBatch, signInventory } from '../agent/signing';
import type { OnChainCluster, RegistryView } from './chain';
import { OracleCore } from './core';
import { simulatedUuids } from './harness.test-kit';
import { checkClockRules, defaultClockRules, dueEpochs } from './ingest-rules';
import { createNodeMetrics } from './metrics';

const EPOCH = 60;
const SKEW_MS = 40_000;
const context = { chainId: 31_337, registry: '0x00000000000000000000000000000000000000aa' as Address };
const log = pino({ level: 'silent' });
const operatorKey = (index: number) => devPrivateKey(index);
const operatorOf = (index: number) => privateKeyToAccount(devPrivateKey(index)).address;

/** The registry as the node sees it, set by the test. */
class StubChain {
  clusters = new Map<bigint, OnChainCluster>();
  chainTimeS = Math.floor(Date.now() / 1000);
  freshReads = 0;
  register(clusterId: bigint, operator: number, uuids: string[]) {
    this.clusters.set(clusterId, {
      clusterId,
      operator: operatorOf(operator),
      hardwareRoot: hardwareRoot(uuids),
      gpuCount: uuids.length,
      attestationNonce: 0,
      attestedAt: 0,
      attestedUntil: 0,
      status: ClusterStatus.Registered,
    });
  }
  attest(clusterId: bigint, attestedAt: number) {
    const cluster = this.clusters.get(clusterId)!;
    Object.assign(cluster, {
      attestedAt,
      attestedUntil: attestedAt + 86_400 * 30,
      status: ClusterStatus.Attested,
      attestationNonce: cluster.attestationNonce + 1,
    });
  }
  set(clusterId: bigint, change: Partial<OnChainCluster>) {
    Object.assign(this.clusters.get(clusterId)!, change);
  }
  view(): RegistryView {
    return {
      cluster: async (clusterId: bigint, fresh = false) => {
        if (fresh) this.freshReads += 1;
        const cluster = this.clusters.get(clusterId);
        return cluster
          ? { ...cluster }
          : {
              clusterId,
              operator: '0x0000000000000000000000000000000000000000',
              hardwareRoot: `0x${'00'.repeat(32)}`,
              gpuCount: 0,
              attestationNonce: 0,
              attestedAt: 0,
              attestedUntil: 0,
              status: ClusterStatus.None,
            };
      },
      committeeVersion: async () => 1,
      committee: async () => ({ version: 1, threshold: 1, signers: new Set([operatorOf(7)]) }),
      chainTime: async () => this.chainTimeS,
      forgetCommittee: () => undefined,
    } as unknown as RegistryView;
  }
}

let directory: string;
const opened: OracleCore[] = [];

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-ingest-'));
});
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close().catch(() => undefined);
  rmSync(directory, { recursive: true, force: true });
});

async function openCore(
  chain: StubChain,
  options: {
    name?: string;
    now?: () => number;
    backfillSeconds?: number;
    graceSeconds?: number;
    maxReadingsPerEpoch?: number;
  } = {},
) {
  const clock = defaultClockRules(EPOCH, SKEW_MS, options.backfillSeconds);
  const core = await OracleCore.open(
    {
      privateKey: devPrivateKey(7),
      committee: [operatorOf(7)],
      threshold: 1,
      epochSeconds: EPOCH,
      graceSeconds: options.graceSeconds ?? clock.graceSeconds,
      backfillSeconds: clock.backfillSeconds,
      maxClockSkewMs: SKEW_MS,
      maxAttestationSeconds: 400 * 86_400,
      journalPath: join(directory, `${options.name ?? 'node'}.jsonl`),
      context,
      now: options.now,
      maxReadingsPerEpoch: options.maxReadingsPerEpoch,
    },
    chain.view(),
    createNodeMetrics(operatorOf(7)),
    log,
  );
  opened.push(core);
  return core;
}

/** Answers a challenge of `core` for `clusterId` with `uuids`, signed by `operator`. */
async function answer(core: OracleCore, chain: StubChain, clusterId: bigint, operator: number, uuids: string[]) {
  const { challenge } = await core.issueChallenge(clusterId);
  const signed = await signInventory(
    context,
    operatorKey(operator),
    clusterId,
    uuids,
    challenge,
    chain.chainTimeS + 86_400,
  );
  return core.answerChallenge(clusterId, {
    ...signed,
    issuedAt: chain.chainTimeS,
    committeeVersion: 1,
  });
}

function snapshots(uuids: string[], times: number[], leases: BatchPayload['leases'] = []): BatchPayload {
  return {
    snapshots: times.map((t, step) => ({
      t,
      gpus: uuids.map((uuid, index) => ({
        uuid,
        utilizationPct: (index * 13 + step * 7) % 101,
        memoryUsedMiB: 1_000,
        memoryTotalMiB: 81_559,
        temperatureC: 60,
        powerW: 500,
      })),
    })),
    leases,
  };
}

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Rejection);
  return error as Rejection;
}

/** A cluster attested on chain 2 h ago and held (claimed) by `core`. */
async function attestedCluster(
  core: OracleCore,
  chain: StubChain,
  clusterId: bigint,
  operator: number,
  uuids: string[],
) {
  chain.register(clusterId, operator, uuids);
  await answer(core, chain, clusterId, operator, uuids);
  chain.attest(clusterId, chain.chainTimeS - 2 * 3_600);
}

describe('clock rules', () => {
  it('refuse a grace an epoch closed on one clock could still take samples under on another (I-5)', () => {
    expect(() =>
      checkClockRules({ epochSeconds: 3_600, maxClockSkewMs: 20_000, backfillSeconds: 10_800, graceSeconds: 900 }),
    ).toThrow(/graceSeconds/);
    expect(() =>
      checkClockRules({ epochSeconds: 60, maxClockSkewMs: 40_000, backfillSeconds: 60, graceSeconds: 600 }),
    ).toThrow(/backfillSeconds/);
    const defaults = defaultClockRules(3_600, 20_000);
    expect(defaults).toEqual({ backfillSeconds: 10_800, graceSeconds: 10_840 });
    expect(() => checkClockRules({ epochSeconds: 3_600, maxClockSkewMs: 20_000, ...defaults })).not.toThrow();
  });

  it('visit data epochs and the last due one only: a run of empty epochs is jumped, not walked (M-4)', () => {
    const ends = dueEpochs({ epochSeconds: 60, next: 60, last: 60 * 30_000_000, snapshotTimes: [1, 130_000], max: 64 });
    expect(ends).toEqual([60, 180, 60 * 30_000_000]);
    expect(dueEpochs({ epochSeconds: 60, next: 120, last: 60, snapshotTimes: [], max: 64 })).toEqual([]);
    const capped = dueEpochs({
      epochSeconds: 60,
      next: 60,
      last: 6_000,
      snapshotTimes: Array.from({ length: 100 }, (_, index) => index * 60_000),
      max: 10,
    });
    expect(capped).toHaveLength(10);
  });
});

describe('refusals that consume the sequence (H-6)', () => {
  it('a refused batch consumes its sequence, batch k+1 is accepted, and a restart gives the same cursor', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('h6', 2);
    let core = await openCore(chain);
    await attestedCluster(core, chain, 1n, 1, uuids);
    const now = Date.now();
    const good = (sequence: number, t: number) =>
      signBatch(context, operatorKey(1), 1n, sequence, snapshots(uuids, [t]));
    expect(await core.ingestBatch(1n, await good(1, now - 60_000))).toEqual({ samples: 2, sequence: 1 });
    const bad = snapshots(uuids, [now - 50_000]);
    bad.snapshots[0]!.gpus[0]!.utilizationPct = 101;
    const refused = await rejection(core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 2, bad)));
    expect(refused.status).toBe(422);
    expect(refused.toBody().error).toMatchObject({ code: 'utilization_out_of_range', sequenceConsumed: true });
    expect(core.lastSequence(1n)).toBe(2);
    expect(await core.ingestBatch(1n, await good(3, now - 40_000))).toEqual({ samples: 2, sequence: 3 });
    expect(core.telemetryStatus(1n)!.lastSampleAt).toBe(now - 40_000);

    await core.close();
    opened.splice(0);
    core = await openCore(chain);
    expect(core.lastSequence(1n)).toBe(3);
    expect(await core.ingestBatch(1n, await good(4, now - 30_000))).toEqual({ samples: 2, sequence: 4 });
  });

  it('a schema-invalid signed payload consumes its sequence', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('h6-schema', 1);
    const core = await openCore(chain);
    await attestedCluster(core, chain, 1n, 1, uuids);
    const { keccak256, toBytes } = await import('viem');
    const { signDigest, telemetryBatchDigest } = await import('#protocol/eip712');
    const payload = '{"snapshots":7}';
    const digest = telemetryBatchDigest(context, 1n, 1n, keccak256(toBytes(payload)));
    const payloadHash = keccak256(toBytes(payload));
    const body = {
      clusterId: '1',
      sequence: 1,
      payload,
      payloadHash,
      signature: await signDigest(digest, operatorKey(1)),
    };
    const refused = await rejection(core.ingestBatch(1n, body));
    expect(refused.toBody().error).toMatchObject({ code: 'invalid_payload', sequenceConsumed: true });
    expect(core.lastSequence(1n)).toBe(1);
  });

  it('not_operator, an invalid signature and transient refusals do not consume', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('h6-transient', 2);
    const core = await openCore(chain);
    await attestedCluster(core, chain, 1n, 1, uuids);
    const body = snapshots(uuids, [Date.now() - 10_000]);
    const foreign = await rejection(core.ingestBatch(1n, await signBatch(context, operatorKey(2), 1n, 1, body)));
    expect(foreign.code).toBe('not_operator');
    const signed = await signBatch(context, operatorKey(1), 1n, 1, body);
    const broken = await rejection(core.ingestBatch(1n, { ...signed, signature: `0x${'11'.repeat(65)}` as Hex }));
    expect(broken.code).toBe('invalid_signature');
    const ahead = await rejection(
      core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 1, snapshots(uuids, [Date.now() + 3_600_000]))),
    );
    expect(ahead.code).toBe('timestamp_in_future');
    expect(core.lastSequence(1n)).toBe(0);
    expect(await core.ingestBatch(1n, signed)).toEqual({ samples: 2, sequence: 1 });
  });
});

describe('time and size bounds (M-4)', () => {
  it('refuses a first snapshot at t = 1 ms cheaply and keeps working (no RangeError, no epoch walk)', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('m4-epoch', 1);
    const core = await openCore(chain);
    await attestedCluster(core, chain, 1n, 1, uuids);
    const refused = await rejection(
      core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 1, snapshots(uuids, [1, 2]))),
    );
    expect(refused.toBody().error).toMatchObject({ code: 'timestamp_too_old', sequenceConsumed: true });
    expect(core.reports.size).toBe(0);
    expect(
      await core.ingestBatch(
        1n,
        await signBatch(context, operatorKey(1), 1n, 2, snapshots(uuids, [Date.now() - 5_000])),
      ),
    ).toEqual({ samples: 1, sequence: 2 });
    await core.tick();
    expect(core.reports.size).toBe(0);
  });

  it('refuses a batch backdated 90 days, and samples from before the on-chain attestation', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('m4-backdated', 1);
    const core = await openCore(chain, { backfillSeconds: 3 * 3_600 });
    chain.register(1n, 1, uuids);
    await answer(core, chain, 1n, 1, uuids);
    // Attested (on chain) 100 days ago: only the backfill window stops 90-day-old telemetry.
    chain.attest(1n, chain.chainTimeS - 100 * 86_400);
    const old = await rejection(
      core.ingestBatch(
        1n,
        await signBatch(context, operatorKey(1), 1n, 1, snapshots(uuids, [Date.now() - 90 * 86_400_000])),
      ),
    );
    expect(old.code).toBe('timestamp_too_old');

    const fresh = new StubChain();
    const core2 = await openCore(fresh, { name: 'second', backfillSeconds: 3 * 3_600 });
    fresh.register(1n, 1, uuids);
    await answer(core2, fresh, 1n, 1, uuids);
    fresh.attest(1n, fresh.chainTimeS - 600);
    const before = await rejection(
      core2.ingestBatch(
        1n,
        await signBatch(context, operatorKey(1), 1n, 1, snapshots(uuids, [Date.now() - 1_200_000])),
      ),
    );
    expect(before.code).toBe('timestamp_too_old');
    expect(
      await core2.ingestBatch(
        1n,
        await signBatch(context, operatorKey(1), 1n, 2, snapshots(uuids, [Date.now() - 300_000])),
      ),
    ).toEqual({ samples: 1, sequence: 2 });
  });

  it('100,000 open leases in batches do not grow the node beyond the per-GPU cap', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('m4-leases', 2);
    const core = await openCore(chain);
    await attestedCluster(core, chain, 1n, 1, uuids);
    const lease = (id: string, gpu: number) => ({
      gpuUuid: uuids[gpu]!,
      leaseId: id,
      tenantHash: `0x${'33'.repeat(32)}` as Hex,
      pricePerHour: '1000000',
      start: Date.now() - 3_600_000,
      end: null,
    });
    let sequence = 0;
    let t = Date.now() - 100_000;
    const later = () => {
      t += 1_000;
      return t;
    };
    for (let batch = 0; batch < 10; batch++) {
      const leases = Array.from({ length: 10_000 }, (_, index) => lease(`flood-${batch}-${index}`, index % 2));
      const refused = await rejection(
        core.ingestBatch(
          1n,
          await signBatch(context, operatorKey(1), 1n, ++sequence, snapshots(uuids, [later()], leases)),
        ),
      );
      expect(refused.toBody().error).toMatchObject({ code: 'too_many_leases', sequenceConsumed: true });
    }
    // Up to the cap per GPU is taken, in as many batches as the operator likes; one more is refused.
    for (let index = 0; index < MAX_LEASES_PER_GPU; index++) {
      await core.ingestBatch(
        1n,
        await signBatch(
          context,
          operatorKey(1),
          1n,
          ++sequence,
          snapshots(uuids, [later()], [lease(`a${index}`, 0), lease(`b${index}`, 1)]),
        ),
      );
    }
    const over = await rejection(
      core.ingestBatch(
        1n,
        await signBatch(context, operatorKey(1), 1n, ++sequence, snapshots(uuids, [later()], [lease('one-more', 0)])),
      ),
    );
    expect(over.code).toBe('too_many_leases');
    expect(core.leaseCount(1n)).toBe(uuids.length * MAX_LEASES_PER_GPU);
    // Updating a held lease (it ended) is not a new one.
    await core.ingestBatch(
      1n,
      await signBatch(
        context,
        operatorKey(1),
        1n,
        ++sequence,
        snapshots(uuids, [later()], [{ ...lease('a0', 0), end: t }]),
      ),
    );
    expect(core.lastSequence(1n)).toBe(sequence);
  });
});

describe('what a cluster can make the node hold (finding 4, 5)', () => {
  const lease = (uuid: string, id: string, start: number, end: number | null) => ({
    gpuUuid: uuid,
    leaseId: id,
    tenantHash: `0x${'44'.repeat(32)}` as Hex,
    pricePerHour: '2450000',
    start,
    end,
  });

  it('a billing export with five finished leases and one running on a GPU is accepted; only the running one is held', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('f4-history', 2);
    const core = await openCore(chain, { backfillSeconds: 3 * EPOCH });
    await attestedCluster(core, chain, 1n, 1, uuids);
    const day = 86_400_000;
    const now = Date.now();
    // GPU 0 was rented five times last month, then again since yesterday; GPU 1's history names a GPU since removed
    // from the inventory, which must not refuse the batch either.
    const history = [
      ...Array.from({ length: 5 }, (_, index) =>
        lease(uuids[0]!, `past-${index}`, now - 30 * day + index * 5 * day, now - 30 * day + (index + 1) * 5 * day),
      ),
      lease('GPU-00000000-0000-0000-0000-00000000dead', 'removed', now - 40 * day, now - 35 * day),
      lease(uuids[0]!, 'running', now - day, null),
    ];
    const payload = snapshots(uuids, [now - 60_000, now - 50_000], history);
    expect(await core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 1, payload))).toEqual({
      samples: 4,
      sequence: 1,
    });
    expect(core.leaseCount(1n)).toBe(1);
    // The same export again (the agent sends it with every batch) is accepted too, and still holds one lease.
    const again = snapshots(uuids, [now - 40_000], history);
    expect(await core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 2, again))).toEqual({
      samples: 2,
      sequence: 2,
    });
    expect(core.leaseCount(1n)).toBe(1);
    // A restart replays the journal to the same leases.
    await core.close();
    opened.splice(opened.indexOf(core), 1);
    const reopened = await openCore(chain, { backfillSeconds: 3 * EPOCH });
    expect(reopened.leaseCount(1n)).toBe(1);
  });

  it('snapshots closer than the minimum spacing are refused for good (sequence consumed)', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('f5-spacing', 2);
    const core = await openCore(chain);
    await attestedCluster(core, chain, 1n, 1, uuids);
    const start = Date.now() - 55_000;
    const dense = Array.from({ length: 1_000 }, (_, index) => start + index);
    const refused = await rejection(
      core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 1, snapshots(uuids, dense))),
    );
    expect(refused.toBody().error).toMatchObject({ code: 'sample_rate_exceeded', sequenceConsumed: true });
    expect(core.lastSequence(1n)).toBe(1);
    // Across batches too: the next snapshot must keep the spacing from the last accepted one.
    await core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 2, snapshots(uuids, [start])));
    const close = await rejection(
      core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 3, snapshots(uuids, [start + 500]))),
    );
    expect(close.code).toBe('sample_rate_exceeded');
    expect(
      await core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 4, snapshots(uuids, [start + 1_000]))),
    ).toEqual({ samples: 2, sequence: 4 });
  });

  it('readings per cluster and epoch are capped, held ones included', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('f5-cap', 2);
    const core = await openCore(chain, { maxReadingsPerEpoch: 10 });
    await attestedCluster(core, chain, 1n, 1, uuids);
    const epochStart = (Math.floor(Date.now() / 60_000) - 1) * 60_000;
    const times = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index * 1_000);
    // Four snapshots of two GPUs (8 readings) are held; two more (12) would pass the cap of 10.
    await core.ingestBatch(1n, await signBatch(context, operatorKey(1), 1n, 1, snapshots(uuids, times(epochStart, 4))));
    const over = await rejection(
      core.ingestBatch(
        1n,
        await signBatch(context, operatorKey(1), 1n, 2, snapshots(uuids, times(epochStart + 10_000, 2))),
      ),
    );
    expect(over.toBody().error).toMatchObject({
      code: 'sample_rate_exceeded',
      maxReadingsPerEpoch: 10,
      sequenceConsumed: true,
    });
    // One more fits; the next epoch starts a fresh count.
    await core.ingestBatch(
      1n,
      await signBatch(context, operatorKey(1), 1n, 3, snapshots(uuids, times(epochStart + 10_000, 1))),
    );
    expect(
      await core.ingestBatch(
        1n,
        await signBatch(context, operatorKey(1), 1n, 4, snapshots(uuids, times(epochStart + 60_000, 5))),
      ),
    ).toEqual({ samples: 10, sequence: 4 });
  });
});

describe('answers for the inventory already held (finding 6)', () => {
  it('are signed again without a journal append', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('f6-renewal', 3);
    const core = await openCore(chain);
    await attestedCluster(core, chain, 1n, 1, uuids);
    const journal = join(directory, 'node.jsonl');
    const before = statSync(journal).size;
    const renewed = await answer(core, chain, 1n, 1, uuids);
    expect(renewed.signature).toMatch(/^0x/);
    expect(statSync(journal).size).toBe(before);
  });
});

describe('GPU ownership follows the chain (L-6)', () => {
  it('a squatted inventory without an on-chain attestation does not block the real operator', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('l6-squat', 3);
    const core = await openCore(chain);
    chain.register(1n, 2, uuids); // the squatter registers the real GPUs' UUIDs first
    chain.register(2n, 1, uuids);
    await answer(core, chain, 1n, 2, uuids);
    expect(core.gpuOwner(uuids[0]!)).toBeUndefined();
    // The real operator is not locked out; its attestation lands and its telemetry claims the GPUs.
    await answer(core, chain, 2n, 1, uuids);
    chain.attest(2n, chain.chainTimeS - 60);
    const batch = await signBatch(context, operatorKey(1), 2n, 1, snapshots(uuids, [Date.now() - 10_000]));
    expect(await core.ingestBatch(2n, batch)).toEqual({ samples: 3, sequence: 1 });
    expect(core.gpuOwner(uuids[0]!)).toBe(2n);
    // The squatter's telemetry is not taken, and a new answer from it is refused.
    const squat = await rejection(
      core.ingestBatch(1n, await signBatch(context, operatorKey(2), 1n, 1, snapshots(uuids, [Date.now() - 5_000]))),
    );
    expect(squat.code).toBe('cluster_not_attested');
    expect((await rejection(answer(core, chain, 1n, 2, uuids))).code).toBe('gpu_in_other_cluster');
  });

  it('a candidate whose attestation landed since the last tick blocks a second cluster with one of its GPUs at once', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('l6-landed', 2);
    const core = await openCore(chain);
    chain.register(1n, 1, uuids);
    await answer(core, chain, 1n, 1, uuids);
    // The first cluster's attestation lands; no tick has looked at the chain since.
    chain.attest(1n, chain.chainTimeS - 60);
    expect(core.gpuOwner(uuids[0]!)).toBeUndefined();
    const second = [uuids[0]!, ...simulatedUuids('l6-landed-other', 1)];
    chain.register(2n, 1, second);
    const refused = await rejection(answer(core, chain, 2n, 1, second));
    expect(refused.code).toBe('gpu_in_other_cluster');
    expect(refused.extra).toMatchObject({ uuid: uuids[0], otherClusterId: '1' });
    expect(core.gpuOwner(uuids[0]!)).toBe(1n);
  });

  it('releases the GPUs of a retired or suspended cluster, and after updateHardware', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('l6-release', 2);
    let core = await openCore(chain);
    await attestedCluster(core, chain, 1n, 1, uuids);
    await core.tick();
    expect(core.gpuOwner(uuids[0]!)).toBe(1n);
    chain.set(1n, { status: ClusterStatus.Retired });
    await core.tick();
    expect(core.gpuOwner(uuids[0]!)).toBeUndefined();
    // The GPUs moved to a new cluster, which can be attested and claims them.
    chain.register(2n, 2, uuids);
    await answer(core, chain, 2n, 2, uuids);
    chain.attest(2n, chain.chainTimeS - 60);
    await core.tick();
    expect(core.gpuOwner(uuids[0]!)).toBe(2n);
    // A restart keeps what the journal says.
    await core.close();
    opened.splice(0);
    core = await openCore(chain);
    expect(core.gpuOwner(uuids[1]!)).toBe(2n);
    // updateHardware on chain (a new root, attestation cleared): released until the new inventory is attested.
    const swapped = [uuids[0]!, simulatedUuids('l6-new', 1)[0]!];
    chain.set(2n, {
      hardwareRoot: hardwareRoot(swapped),
      attestedAt: 0,
      attestedUntil: 0,
      status: ClusterStatus.Registered,
    });
    await core.tick();
    expect(core.gpuOwner(uuids[1]!)).toBeUndefined();
    await answer(core, chain, 2n, 2, swapped);
    chain.attest(2n, chain.chainTimeS);
    await core.tick();
    expect(core.gpuOwner(swapped[1]!)).toBe(2n);
    expect(core.gpuOwner(uuids[1]!)).toBeUndefined();
    // Suspension releases too.
    chain.set(2n, { status: ClusterStatus.Suspended });
    await core.tick();
    expect(core.gpuOwner(swapped[0]!)).toBeUndefined();
  });
  it('forgets a candidate the chain never attests, and keeps one that was', async () => {
    const chain = new StubChain();
    let now = Date.now();
    const core = await openCore(chain, { now: () => now });
    const squatted = simulatedUuids('l6-forget', 2);
    const real = simulatedUuids('l6-keep', 2);
    chain.register(1n, 2, squatted);
    chain.register(2n, 1, real);
    await answer(core, chain, 1n, 2, squatted);
    await answer(core, chain, 2n, 1, real);
    chain.attest(2n, chain.chainTimeS);
    now += 2 * 3_600_000;
    await core.tick();
    expect(core.telemetryStatus(1n)).toBeUndefined();
    expect(core.telemetryStatus(2n)).toBeDefined();
    expect(core.gpuOwner(real[0]!)).toBe(2n);
    await core.close();
    opened.splice(0);
    const restarted = await openCore(chain);
    expect(restarted.telemetryStatus(1n)).toBeUndefined();
    expect(restarted.gpuOwner(real[0]!)).toBe(2n);
  });
});

describe('three nodes with clocks 20 s apart (I-5)', () => {
  it('sign identical reports for batches delivered around the epoch end and the grace boundary', async () => {
    const chain = new StubChain();
    const uuids = simulatedUuids('i5', 2);
    let trueNow = (Math.floor(Date.now() / 1000 / EPOCH) - 20) * EPOCH * 1000;
    const start = trueNow;
    const offsets = [-20_000, 0, 20_000];
    const cores = await Promise.all(
      offsets.map((offset, index) => openCore(chain, { name: `skew-${index}`, now: () => trueNow + offset })),
    );
    chain.register(1n, 1, uuids);
    for (const core of cores) await answer(core, chain, 1n, 1, uuids);
    chain.attest(1n, Math.floor(start / 1000) - 3_600);
    const lease = {
      gpuUuid: uuids[0]!,
      leaseId: 'skew',
      tenantHash: `0x${'44'.repeat(32)}` as Hex,
      pricePerHour: '3600000',
      start: start - 3_600_000,
      end: null,
    };
    const { graceSeconds, backfillSeconds } = defaultClockRules(EPOCH, SKEW_MS);
    let sequence = 0;
    const answers: string[][] = [[], [], []];
    /** Advances true time to `at` (ms after start) with ticks every 5 s, then delivers one batch to every node. */
    const deliverAt = async (at: number, times: number[]) => {
      while (trueNow < start + at) {
        trueNow = Math.min(start + at, trueNow + 5_000);
        for (const core of cores) await core.tick();
      }
      const batch = await signBatch(context, operatorKey(1), 1n, ++sequence, snapshots(uuids, times, [lease]));
      for (const [index, core] of cores.entries()) {
        const result = await core.ingestBatch(1n, batch).then(
          () => 'accepted',
          (error: Rejection) => error.code,
        );
        answers[index]!.push(result);
      }
    };
    const s = (seconds: number) => start + seconds * 1_000;
    // Epoch 1 [0, 60): a sample every 10 s, each delivered 3-5 s later, across the epoch's end.
    for (let second = 0; second < 60; second += 10) await deliverAt(second * 1_000 + 3_000, [s(second)]);
    await deliverAt(61_000, [s(55), s(60)]);
    await deliverAt(75_000, [s(70)]);
    // Epoch 2 ends at 120 with samples up to 90: the agent falls silent, the clocks close it around 120 + grace.
    await deliverAt(95_000, [s(80), s(90)]);
    const graceEdge = (120 + graceSeconds) * 1_000;
    // Spooled samples of epoch 2 arrive between the fastest and the slowest clock's grace boundary: every node refuses
    // them (they are older than the backfill window on every clock by then).
    await deliverAt(graceEdge, [s(100), s(110)]);
    expect(answers.map((list) => list.at(-1))).toEqual(['timestamp_too_old', 'timestamp_too_old', 'timestamp_too_old']);
    // Then fresh telemetry, just after the boundary: every node takes it.
    await deliverAt(graceEdge + 3_000, [start + graceEdge - 2_000]);
    await deliverAt(graceEdge + 25_000, [start + graceEdge + 20_000]);
    expect(backfillSeconds).toBeLessThan(graceSeconds);
    // Every node gave the same answers, and signed the same reports (digests), epoch by epoch.
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[2]).toEqual(answers[1]);
    const digests = cores.map(
      (core) =>
        new Map([...core.reports.values()].map((entry) => [entry.report.epoch.toString(), entry.digest] as const)),
    );
    const epochs = new Set(digests.flatMap((map) => [...map.keys()]));
    expect(epochs.size).toBeGreaterThanOrEqual(2);
    for (const epoch of epochs) {
      const signed = digests.map((map) => map.get(epoch)).filter(Boolean);
      expect(new Set(signed).size, `epoch ${epoch}`).toBe(1);
    }
    // The data epochs were signed by all three.
    for (const epoch of [s(60) / 1000, s(120) / 1000]) {
      expect(digests.map((map) => map.get(String(epoch)))).toEqual(Array(3).fill(digests[1]!.get(String(epoch))));
    }
  });
});
