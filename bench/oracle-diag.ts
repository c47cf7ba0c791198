/**
 * L-4 figures: what a junk batch costs a node now that batches are authenticated before the cluster's queue, and what
 * that authentication adds to a genuine batch (the core checks the signature again inside the queue).
 */
import { pathToFileURL } from 'node:url';
import { type Hex, keccak256, recoverAddress, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { BatchPayload } from '#protocol/wire';
import { devPrivateKey } from '../devnet/accounts';
import { simulatedUuids } from '../devnet/actions';
import { signBatch } from '../oracle/agent/signing';
import { authenticateBatch, BatchGate } from '../oracle/node/batch-gate';
import type { OracleCore } from '../oracle/node/core';

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
  // The ceiling of any check of an operator's signature: hash the payload once, recover the signer once.
  const ceiling = async (body: { payload: string; signature: string }) =>
    perCall(200, () => recoverAddress({ hash: keccak256(toBytes(body.payload)), signature: body.signature as Hex }));

  const junk = await signBatch(context, devPrivateKey(3), 1n, 1, payload(1, 1));
  const junkUs = await perCall(500, () => authenticateBatch(core, 1n, junk).catch(() => undefined));
  const junkCeiling = await ceiling(junk);
  console.log(
    `junk batch refused before the cluster queue: ${junkUs.toFixed(0)} µs (${(junkUs / junkCeiling).toFixed(2)}x hashing it and one raw ecrecover: ${junkCeiling.toFixed(0)} µs)`,
  );

  const genuine = await signBatch(context, devPrivateKey(1), 1n, 1, payload(100, 6));
  const genuineUs = await perCall(200, () => authenticateBatch(core, 1n, genuine));
  const genuineCeiling = await ceiling(genuine);
  console.log(
    `pre-queue authentication of a 600-reading operator batch, paid only by addresses that are not quiet agents: ${genuineUs.toFixed(0)} µs (${(genuineUs / genuineCeiling).toFixed(2)}x hashing it and one raw ecrecover: ${genuineCeiling.toFixed(0)} µs)`,
  );

  const gate = new BatchGate({ maxClients: 10_000 });
  const started = performance.now();
  const requests = 1_000_000;
  for (let index = 0; index < requests; index++) {
    const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
    if (!gate.limited(ip, null)) gate.charge(ip);
  }
  const gateNs = ((performance.now() - started) / requests) * 1e6;
  // The peer: a bare Map touched the same way (one lookup and one write per request, oldest evicted past 10k).
  const bare = new Map<string, number>();
  const bareStarted = performance.now();
  for (let index = 0; index < requests; index++) {
    const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
    bare.set(ip, (bare.get(ip) ?? 0) + 1);
    if (bare.size > 10_000) bare.delete(bare.keys().next().value!);
  }
  const bareNs = ((performance.now() - bareStarted) / requests) * 1e6;
  console.log(
    `rate-limit bookkeeping per request, 1M client IPs through a 10k map: ${gateNs.toFixed(0)} ns (${(gateNs / bareNs).toFixed(1)}x a bare Map: ${bareNs.toFixed(0)} ns)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchDiag();
