/**
 * L-4 figures: what a junk batch costs a node now that batches are authenticated before the cluster's queue, and what
 * that authentication adds to a genuine batch (the core checks the signature again inside the queue).
 */
import { pathToFileURL } from 'node:url';
import { privateKeyToAccount } from 'viem/accounts';
import { signBatch } from '../oracle/agent/signing';
import { authenticateBatch, BatchGate } from '../oracle/node/batch-gate';
import type { OracleCore } from '../oracle/node/core';
import { simulatedUuids } from '../oracle/node/harness';
import type { BatchPayload } from '../oracle/node/protocol';
import { devPrivateKey } from '../scripts/stack/dev-accounts';

const context = { chainId: 31_337, registry: '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const };
const operator = privateKeyToAccount(devPrivateKey(1)).address;

/** Just what authenticateBatch reads: a held cluster with a cached on-chain operator. */
const core = {
  config: { context },
  telemetryStatus: () => ({}),
  lastSequence: () => 0,
  registry: { cluster: async () => ({ operator }) },
} as unknown as OracleCore;

function payload(gpus: number, snapshots: number): BatchPayload {
  const uuids = simulatedUuids('bench-diag', gpus);
  return {
    snapshots: Array.from({ length: snapshots }, (_, step) => ({
      t: 1_800_000_000_000 + step * 10_000,
      gpus: uuids.map((uuid) => ({
        uuid,
        utilizationPct: 50,
        memoryUsedMiB: 1000,
        memoryTotalMiB: 81559,
        temperatureC: 60,
        powerW: 500,
      })),
    })),
    leases: [],
  };
}

async function perCall(runs: number, call: () => Promise<unknown>) {
  for (let index = 0; index < 20; index++) await call();
  const started = performance.now();
  for (let index = 0; index < runs; index++) await call();
  return ((performance.now() - started) / runs) * 1000;
}

export async function benchDiag(): Promise<void> {
  const junk = await signBatch(context, devPrivateKey(3), 1n, 1, payload(1, 1));
  const junkUs = await perCall(500, () => authenticateBatch(core, 1n, junk).catch(() => undefined));
  console.log(
    `junk batch refused before the cluster queue: ${junkUs.toFixed(0)} µs (target < 2000 µs: a flood costs the event loop, never the queue)`,
  );

  const genuine = await signBatch(context, devPrivateKey(1), 1n, 1, payload(100, 6));
  const genuineUs = await perCall(200, () => authenticateBatch(core, 1n, genuine));
  console.log(
    `pre-queue authentication of a 600-reading operator batch, paid only by addresses that are not quiet agents: ${genuineUs.toFixed(0)} µs (target < 10000 µs)`,
  );

  const gate = new BatchGate({ maxClients: 10_000 });
  const started = performance.now();
  const requests = 1_000_000;
  for (let index = 0; index < requests; index++) {
    const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
    if (!gate.limited(ip)) gate.charge(ip);
  }
  const gateNs = ((performance.now() - started) / requests) * 1e6;
  console.log(
    `rate-limit bookkeeping per request, 1M client IPs through a 10k map: ${gateNs.toFixed(0)} ns (target < 10000 ns)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchDiag();
