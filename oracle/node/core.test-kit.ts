/**
 * An OracleCore on a real journal with a stub registry, for in-process tests and benches of state, replay and
 * compaction: clusters are seeded as verified inventories in the journal (as answerChallenge leaves them), and
 * batches are signed by the operator key as the agent signs them.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import pino, { type Logger } from 'pino';
import type { Address, Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { clusterRegistryClusterStatus as ClusterStatus } from '#contracts';
import { hardwareRoot } from '#protocol/hardware';
import type { BatchPayload } from '#protocol/wire';
import { devPrivateKey } from '../../devnet/accounts';
import { signBatch } from '../agent/signing';
import type { OnChainCluster, RegistryView } from './chain';
import { type CoreConfig, OracleCore } from './core';
import { createNodeMetrics } from './metrics';

export const fixtureContext = { chainId: 31_337, registry: '0x00000000000000000000000000000000000000aa' as Address };
export const fixtureOperatorKey = devPrivateKey(1);
export const fixtureNodeKey = devPrivateKey(7);

export type FixtureCluster = { clusterId: bigint; uuids: string[] };

export function stubRegistry(clusters: FixtureCluster[]): RegistryView {
  const operator = privateKeyToAccount(fixtureOperatorKey).address;
  const byId = new Map<bigint, OnChainCluster>(
    clusters.map((cluster) => [
      cluster.clusterId,
      {
        clusterId: cluster.clusterId,
        operator,
        hardwareRoot: hardwareRoot(cluster.uuids),
        gpuCount: cluster.uuids.length,
        attestationNonce: 1,
        // Attested long ago: the inventory claims its GPUs, and the time floor is the backfill window below.
        attestedAt: 1,
        attestedUntil: Math.floor(Date.now() / 1000) + 365 * 86_400,
        status: ClusterStatus.Attested,
      },
    ]),
  );
  const signer = privateKeyToAccount(fixtureNodeKey).address;
  return {
    cluster: async (clusterId: bigint) => byId.get(clusterId)!,
    committee: async () => ({ version: 1, threshold: 1, signers: new Set([signer]) }),
    committeeVersion: async () => 1,
    lastEpochs: async (ids: bigint[]) => new Map(ids.map((id) => [id, 0n])),
    chainTime: async () => Math.floor(Date.now() / 1000),
  } as unknown as RegistryView;
}

/**
 * Opens a core on `journalPath`; a journal that does not exist yet (nor a snapshot) is seeded with the clusters'
 * inventories. Epochs close on the next epoch's first sample only (the grace timeout is out of reach), so a test or
 * bench may replay a recent past at full speed.
 */
export async function openFixtureCore(
  journalPath: string,
  clusters: FixtureCluster[],
  overrides: Partial<CoreConfig> = {},
  log: Logger = pino({ level: 'silent' }),
) {
  if (!existsSync(journalPath) && !existsSync(`${journalPath}.snapshot`)) {
    mkdirSync(dirname(journalPath), { recursive: true });
    writeFileSync(
      journalPath,
      clusters
        .map(
          (cluster) =>
            `${JSON.stringify({ type: 'inventory', clusterId: cluster.clusterId.toString(), uuids: cluster.uuids, hardwareRoot: hardwareRoot(cluster.uuids) })}\n`,
        )
        .join(''),
    );
  }
  const address = privateKeyToAccount(fixtureNodeKey).address;
  return OracleCore.open(
    {
      privateKey: fixtureNodeKey,
      committee: [address],
      threshold: 1,
      epochSeconds: 3_600,
      // A recent past replayed at full speed: samples of any age are within the backfill window.
      backfillSeconds: 99 * 365 * 86_400,
      graceSeconds: 100 * 365 * 86_400,
      maxClockSkewMs: 30_000,
      maxAttestationSeconds: 400 * 86_400,
      journalPath,
      context: fixtureContext,
      ...overrides,
    },
    stubRegistry(clusters),
    createNodeMetrics(address),
    log,
  );
}

/** `count` snapshots `stepMs` apart from `from`, every GPU reading a utilization that varies by time and GPU. */
export function fixturePayload(uuids: string[], from: number, count: number, stepMs = 10_000): BatchPayload {
  return {
    snapshots: Array.from({ length: count }, (_, step) => {
      const t = from + step * stepMs;
      return {
        t,
        gpus: uuids.map((uuid, index) => ({
          uuid,
          utilizationPct: (index * 17 + Math.floor(t / stepMs) * 7) % 101,
          memoryUsedMiB: 1000,
          memoryTotalMiB: 81_559,
          temperatureC: 60,
          powerW: 500,
        })),
      };
    }),
    leases: [],
  };
}

export function signFixtureBatch(clusterId: bigint, sequence: number, payload: BatchPayload) {
  return signBatch(fixtureContext, fixtureOperatorKey as Hex, clusterId, sequence, payload);
}
