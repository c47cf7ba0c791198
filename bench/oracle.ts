/**
 * `npm run bench:oracle`: ingest throughput and latency of one oracle node on a real local chain. Clusters of 100
 * GPUs each send pre-signed batches (one snapshot = 100 readings) concurrently, one in flight per cluster as the
 * agent does; every batch is signature-checked, validated and fsync'ed before it is acknowledged.
 * Target: >= 1,700 samples/s (100,000 GPUs sampled once a minute) with p99 <= 50 ms. Then the hardening figures, each
 * from its own file and against its target: attestation answers (oracle-attest), peer-signature verification
 * (oracle-peers), ingest bounds (oracle-ingest), the batch gate (oracle-diag), the agent's spool and delivery
 * (oracle-agent), journal size and restart time after 30 simulated days (oracle-journal).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { privateKeyToAccount } from 'viem/accounts';
import type { BatchBody } from '#protocol/wire';
import { devPrivateKey } from '../devnet/accounts';
import { registerClusterOfUuids, simulatedUuids } from '../devnet/actions';
import { attestCluster } from '../oracle/agent/attest';
import { signBatch } from '../oracle/agent/signing';
import { startTestChain } from '../oracle/node/harness.test-kit';
import { startOracleNode } from '../oracle/node/node';
import { benchAgent } from './oracle-agent';
import { benchAttest } from './oracle-attest';
import { benchDiag } from './oracle-diag';
import { benchOracleIngest } from './oracle-ingest';
import { benchJournal } from './oracle-journal';
import { benchPeers } from './oracle-peers';

const CLUSTERS = 16;
const GPUS_PER_CLUSTER = 100;
const BATCHES_PER_CLUSTER = 40;
/** Paced phase: 100,000 GPUs once a minute = 1,667 readings/s, i.e. about 17 batches of 100 per second. */
const PACED_BATCHES_PER_CLUSTER = 12;
const TARGET_SAMPLES_PER_SECOND = 1_700;
const ANVIL_PORT = 8721;
const NODE_PORT = 4131;

const log = pino({ level: 'silent' });
const directory = mkdtempSync(join(tmpdir(), 'rackshare-bench-oracle-'));
const chain = await startTestChain(ANVIL_PORT, { committee: [7], threshold: 1 });
const registry = chain.deployment.contracts.clusterRegistry;
const context = { chainId: 31_337, registry };
const node = await startOracleNode({
  privateKey: devPrivateKey(7),
  rpcUrl: chain.rpcUrl,
  chainId: 31_337,
  registry,
  committee: [privateKeyToAccount(devPrivateKey(7)).address],
  threshold: 1,
  peers: [],
  port: NODE_PORT,
  journalPath: join(directory, 'node.jsonl'),
  epochSeconds: 3_600,
  // Batches are dated from half an hour back; the grace must exceed the backfill window plus twice the clock skew.
  backfillSeconds: 3_700,
  graceSeconds: 7_200,
  log,
}).catch(async (error) => {
  await chain.anvil.stop();
  throw error;
});

try {
  const start = Date.now() - 30 * 60_000;
  const work: { clusterId: bigint; batches: BatchBody[] }[] = [];
  for (let index = 0; index < CLUSTERS; index++) {
    const operator = 1 + (index % 3);
    const uuids = simulatedUuids(`bench-${index}`, GPUS_PER_CLUSTER);
    const clusterId = await registerClusterOfUuids(chain, registry, operator, uuids);
    await attestCluster({
      nodeUrls: [node.url],
      context,
      operatorKey: devPrivateKey(operator),
      clusterId,
      uuids,
      validUntil: Math.floor(Date.now() / 1000) + 86_400,
      threshold: 1,
      walletClient: chain.wallet(operator),
      publicClient: chain.publicClient,
    });
    const batches: BatchBody[] = [];
    for (let sequence = 1; sequence <= BATCHES_PER_CLUSTER + PACED_BATCHES_PER_CLUSTER; sequence++) {
      const t = start + sequence * 1_000;
      const gpus = uuids.map((uuid, gpu) => ({
        uuid,
        utilizationPct: (gpu * 7 + sequence) % 101,
        memoryUsedMiB: 40_123,
        memoryTotalMiB: 81_559,
        temperatureC: 64,
        powerW: 612.34,
      }));
      batches.push(
        await signBatch(context, devPrivateKey(operator), clusterId, sequence, {
          snapshots: [{ t, gpus }],
          leases: [],
        }),
      );
    }
    work.push({ clusterId, batches });
  }

  const send = async (clusterId: bigint, batch: BatchBody) => {
    const sent = performance.now();
    const response = await fetch(`${node.url}/clusters/${clusterId}/batches`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (response.status !== 202) throw new Error(`batch refused: ${await response.text()}`);
    return performance.now() - sent;
  };
  const percentile = (values: number[], share: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!);
  };

  // Saturation: every cluster sends as fast as the node acknowledges.
  const saturated: number[] = [];
  const began = performance.now();
  await Promise.all(
    work.map(async ({ clusterId, batches }) => {
      for (const batch of batches.slice(0, BATCHES_PER_CLUSTER)) saturated.push(await send(clusterId, batch));
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  const samples = CLUSTERS * GPUS_PER_CLUSTER * BATCHES_PER_CLUSTER;

  // Target load: batches arrive at 1,700 readings/s, spread over the clusters (open loop).
  const paced: number[] = [];
  const intervalMs = (1000 * GPUS_PER_CLUSTER) / TARGET_SAMPLES_PER_SECOND;
  const inFlight: Promise<void>[] = [];
  const pacedStart = performance.now();
  let slot = 0;
  for (let round = BATCHES_PER_CLUSTER; round < BATCHES_PER_CLUSTER + PACED_BATCHES_PER_CLUSTER; round++) {
    for (const { clusterId, batches } of work) {
      const due = pacedStart + slot++ * intervalMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      inFlight.push(send(clusterId, batches[round]!).then((ms) => void paced.push(ms)));
    }
  }
  await Promise.all(inFlight);

  const rate = Math.round(samples / seconds);
  process.stdout.write(
    `ingest: ${rate.toLocaleString('en-US')} samples/s (${(rate / TARGET_SAMPLES_PER_SECOND).toFixed(1)}x the target of ${TARGET_SAMPLES_PER_SECOND.toLocaleString('en-US')})\n`,
  );
  process.stdout.write(`ingest p99 at saturation: ${percentile(saturated, 0.99)} ms\n`);
  process.stdout.write(
    `ingest p50 at ${TARGET_SAMPLES_PER_SECOND.toLocaleString('en-US')} samples/s: ${percentile(paced, 0.5)} ms\n`,
  );
  process.stdout.write(
    `ingest p99 at ${TARGET_SAMPLES_PER_SECOND.toLocaleString('en-US')} samples/s: ${percentile(paced, 0.99)} ms (target <= 50 ms)\n`,
  );
} finally {
  await node.stop();
  await chain.anvil.stop();
  rmSync(directory, { recursive: true, force: true });
}

// The hardening figures of issue 11, each against its target (see the files for how each is measured).
for (const bench of [benchAttest, benchPeers, benchOracleIngest, benchDiag, benchAgent, benchJournal]) await bench();
