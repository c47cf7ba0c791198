/**
 * Telemetry ingest bounds of one oracle core (stub chain, temp journal): what a hostile operator's batch costs the node
 * (a first snapshot dated 1970, 100,000 leases), and closing epochs after a month of agent silence (jumped, not
 * walked).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { type Address, type Hex, keccak256, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { clusterRegistryClusterStatus as ClusterStatus } from '#contracts';
import { hardwareRoot } from '#protocol/hardware';
import type { BatchPayload } from '#protocol/wire';
import { devPrivateKey } from '../devnet/accounts';
import { simulatedUuids } from '../devnet/actions';
import { signBatch, signInventory } from '../oracle/agent/signing';
import type { OnChainCluster, RegistryView } from '../oracle/node/chain';
import { OracleCore } from '../oracle/node/core';
import { createNodeMetrics } from '../oracle/node/metrics';

const EPOCH = 60;
const DAY_MS = 86_400_000;
const context = { chainId: 31_337, registry: '0x00000000000000000000000000000000000000aa' as Address };

export async function benchOracleIngest(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'rackshare-bench-ingest-'));
  const uuids = simulatedUuids('bench-ingest', 100);
  const operator = devPrivateKey(1);
  let now = Date.now();
  const chainTime = Math.floor(now / 1000);
  const onChain: OnChainCluster = {
    clusterId: 1n,
    operator: privateKeyToAccount(operator).address,
    hardwareRoot: hardwareRoot(uuids),
    gpuCount: uuids.length,
    attestationNonce: 0,
    attestedAt: 0,
    attestedUntil: 0,
    status: ClusterStatus.Registered,
  };
  const registry = {
    cluster: async () => ({ ...onChain }),
    committeeVersion: async () => 1,
    committee: async () => ({ version: 1, threshold: 1, signers: new Set() }),
    chainTime: async () => chainTime,
  } as unknown as RegistryView;
  const signer = devPrivateKey(7);
  const core = await OracleCore.open(
    {
      privateKey: signer,
      committee: [privateKeyToAccount(signer).address],
      threshold: 1,
      epochSeconds: EPOCH,
      graceSeconds: 260,
      backfillSeconds: 180,
      maxClockSkewMs: 40_000,
      maxAttestationSeconds: 400 * 86_400,
      journalPath: join(directory, 'node.jsonl'),
      context,
      now: () => now,
    },
    registry,
    createNodeMetrics('bench'),
    pino({ level: 'silent' }),
  );
  try {
    const { challenge } = await core.issueChallenge(1n);
    const inventory = await signInventory(context, operator, 1n, uuids, challenge, chainTime + 86_400);
    await core.answerChallenge(1n, { ...inventory, issuedAt: chainTime, committeeVersion: 1 });
    Object.assign(onChain, { attestedAt: chainTime - 3_600, attestedUntil: chainTime + 86_400, status: 2 });
    const snapshot = (t: number): BatchPayload['snapshots'][number] => ({
      t,
      gpus: uuids.map((uuid) => ({
        uuid,
        utilizationPct: 50,
        memoryUsedMiB: 1,
        memoryTotalMiB: 2,
        temperatureC: 60,
        powerW: 500,
      })),
    });
    const time = async (what: () => Promise<unknown>) => {
      const started = performance.now();
      await what().catch(() => undefined);
      return performance.now() - started;
    };
    let sequence = 0;

    // Warm up (first signature recovery, first claim of the inventory) with an accepted batch.
    const warm = await signBatch(context, operator, 1n, ++sequence, {
      snapshots: [snapshot(now - 90_000)],
      leases: [],
    });
    await core.ingestBatch(1n, warm);

    const ancient = await signBatch(context, operator, 1n, ++sequence, { snapshots: [snapshot(1)], leases: [] });
    const ancientMs = await time(() => core.ingestBatch(1n, ancient));
    process.stdout.write(
      `refused batch dated 1970 (M-4, no epoch walk; one fsync): ${ancientMs.toFixed(1)} ms (target < 50 ms)\n`,
    );

    // 100,000 open leases in ten batches: each refused at the per-GPU cap, nothing held.
    let floodMs = 0;
    let floodBytes = '';
    for (let batch = 0; batch < 10; batch++) {
      const leases = Array.from({ length: 10_000 }, (_, index) => ({
        gpuUuid: uuids[index % uuids.length]!,
        leaseId: `flood-${batch}-${index}`,
        tenantHash: `0x${'11'.repeat(32)}` as Hex,
        pricePerHour: '1000000',
        start: now - 3_600_000,
        end: null,
      }));
      const flood = await signBatch(context, operator, 1n, ++sequence, {
        snapshots: [snapshot(now - 80_000 + batch)],
        leases,
      });
      floodMs += await time(() => core.ingestBatch(1n, flood));
      floodBytes = flood.payload;
    }
    // The ceiling: hashing the signed payload once, which any check of the operator's signature must do first.
    const hashStarted = performance.now();
    for (let run = 0; run < 10; run++) keccak256(toBytes(floodBytes));
    const hashMs = (performance.now() - hashStarted) / 10;
    process.stdout.write(
      `refused 10,000-lease batch at the per-GPU cap (mean of 10, ${core.leaseCount(1n)} leases held after 100,000 sent): ${(floodMs / 10).toFixed(0)} ms (${(floodMs / 10 / hashMs).toFixed(1)}x keccak256 of its ${(floodBytes.length / 1e6).toFixed(1)} MB payload: ${hashMs.toFixed(0)} ms)\n`,
    );

    const first = await signBatch(context, operator, 1n, ++sequence, {
      snapshots: [snapshot(now - 30_000)],
      leases: [],
    });
    await core.ingestBatch(1n, first);
    // The agent falls silent for 30 days: one tick closes the whole run (one skipped record and one report).
    now += 30 * DAY_MS;
    const silentMs = await time(() => core.tick());
    process.stdout.write(
      `first tick after 30 silent days (43,200 epochs of 60 s): ${silentMs.toFixed(1)} ms, ${core.reports.size} reports (target < 50 ms)\n`,
    );
  } finally {
    await core.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchOracleIngest();
