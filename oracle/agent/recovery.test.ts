/**
 * The agent keeps every cluster reporting through what used to wedge it (review H-6), against a real node on anvil:
 * a cluster the node does not hold yet, a bad reading, a GPU swap and an operator hand-over.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { hardwareRoot } from '#protocol/hardware';
import { NodeClient } from '#protocol/node-client';
import { devPrivateKey } from '../../devnet/accounts';
import { registerCluster, simulatedUuids, startTestChain, testPort } from '../node/harness.test-kit';
import { type OracleNode, startOracleNode } from '../node/node';
import { Agent, agentConfigSchema } from './agent';

const log = pino({ level: 'silent' });
let chain: Awaited<ReturnType<typeof startTestChain>>;
let directory: string;
let node: OracleNode;
let agent: Agent;
const ids = { swap: 0n, handOver: 0n, bad: 0n, idle: 0n };
const inventories = {
  swap: simulatedUuids('recovery-swap', 3),
  handOver: simulatedUuids('recovery-hand-over', 2),
  bad: simulatedUuids('recovery-bad', 2),
  idle: simulatedUuids('recovery-idle', 2),
};
const replacement = simulatedUuids('recovery-swap-new', 1)[0]!;
let samplesTaken = 0;
let sampleTime = Date.now() - 300_000;

const sourceFile = (name: keyof typeof ids) => join(directory, `${name}.csv`);
function writeSource(
  name: keyof typeof ids,
  uuids: string[],
  row = (index: number) => `${40 + index}, 1000, 81559, 64, 300`,
) {
  writeFileSync(
    sourceFile(name),
    uuids
      .map((uuid, index) => `${index}, ${uuid}, NVIDIA H100 80GB HBM3, 1652021034${index}, ${row(index)}`)
      .join('\n'),
  );
}

async function sampleAndDeliver() {
  sampleTime += 1_000;
  samplesTaken++;
  await agent.sampleOnce(sampleTime);
  await agent.deliver();
}

/** Samples and delivers until `done` (the node caches what it reads from the chain for a few seconds). */
async function until(done: () => boolean) {
  for (let round = 0; round < 60 && !done(); round++) {
    await sampleAndDeliver();
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  expect(done()).toBe(true);
}

async function send(walletIndex: number, functionName: string, args: readonly unknown[]) {
  const hash = await chain.wallet(walletIndex).writeContract({
    address: chain.deployment.contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: functionName as never,
    args: args as never,
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe('success');
}

const attestTerms = (walletIndex: number, uuids: string[]) => ({
  uuids,
  validUntil: Math.floor(Date.now() / 1000) + 86_400,
  threshold: 1,
  walletClient: chain.wallet(walletIndex),
  publicClient: chain.publicClient,
});

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-agent-recovery-'));
  chain = await startTestChain(testPort(8724), { committee: [7], threshold: 1 });
  const registry = chain.deployment.contracts.clusterRegistry;
  ids.swap = await registerCluster(chain, registry, 1, inventories.swap);
  ids.handOver = await registerCluster(chain, registry, 3, inventories.handOver);
  ids.bad = await registerCluster(chain, registry, 1, inventories.bad);
  ids.idle = await registerCluster(chain, registry, 1, inventories.idle);
  node = await startOracleNode({
    privateKey: devPrivateKey(7),
    rpcUrl: chain.rpcUrl,
    chainId: 31_337,
    registry,
    committee: [privateKeyToAccount(devPrivateKey(7)).address],
    threshold: 1,
    peers: [],
    port: testPort(4135),
    journalPath: join(directory, 'node.jsonl'),
    epochSeconds: 60,
    // The agent's samples run from five minutes back, one second apart per round: all within the backfill window.
    backfillSeconds: 1_800,
    graceSeconds: 3_600,
    log,
  });
  for (const name of Object.keys(ids) as (keyof typeof ids)[]) writeSource(name, inventories[name]);
  const config = agentConfigSchema.parse({
    chainId: 31_337,
    registry,
    nodes: [node.url],
    spoolDir: join(directory, 'spool'),
    snapshotsPerBatch: 1,
    clusters: (Object.keys(ids) as (keyof typeof ids)[]).map((name) => ({
      clusterId: ids[name].toString(),
      source: { kind: 'nvidia-smi-csv', file: sourceFile(name) },
    })),
  });
  agent = await Agent.open(config, devPrivateKey(1), log, {
    clusterKeys: new Map<bigint, Hex>([[ids.handOver, devPrivateKey(3)]]),
  });
  await agent.attest(ids.swap, attestTerms(1, inventories.swap));
  await agent.attest(ids.handOver, attestTerms(3, inventories.handOver));
  await agent.attest(ids.bad, attestTerms(1, inventories.bad));
}, 120_000);

afterAll(async () => {
  await agent?.close();
  await node?.stop();
  await chain?.anvil.stop();
  rmSync(directory, { recursive: true, force: true });
});

const nodeHas = (name: keyof typeof ids) => node.core.lastSequence(ids[name]);

describe('the agent keeps every cluster reporting', () => {
  it('a bad reading is cleaned before signing and a cluster the node does not hold backs off alone', async () => {
    // Utilization 150 % and a negative power reading: the node would refuse the whole batch.
    writeSource('bad', inventories.bad, (index) =>
      index === 0 ? '150, 1000, 81559, 64, -5' : '40, 1000, 81559, 64, 300',
    );
    await sampleAndDeliver();
    await sampleAndDeliver();
    expect(nodeHas('bad')).toBe(samplesTaken);
    expect(nodeHas('swap')).toBe(samplesTaken);
    expect(nodeHas('handOver')).toBe(samplesTaken);
    expect(agent.stats().dropped).toMatchObject({ utilization_out_of_range: 2, negative_measurement: 2 });
    // The idle cluster was never attested on this node: it waits, and only it.
    expect(agent.isBackingOff(node.url, ids.idle)).toBe(true);
    expect(agent.stats().deferred).toEqual({ cluster_not_attested: 1 });
    const metrics = await (await fetch(`${node.url}/metrics`)).text();
    expect(metrics).not.toMatch(
      /batches_rejected_total\{[^}]*reason="(utilization_out_of_range|negative_measurement)"/,
    );
  });

  it('a GPU swap: readings of the new GPU are dropped until re-attestation, then reported', async () => {
    const swapped = [...inventories.swap.slice(0, 2), replacement];
    writeSource('swap', swapped);
    await send(1, 'updateHardware', [ids.swap, hardwareRoot(swapped), swapped.length]);
    // Until the node sees the new commitment it may still take batches; then it answers hardware_changed.
    await until(() => (agent.stats().deferred.hardware_changed ?? 0) > 0);
    expect(agent.stats().dropped.gpu_not_attested).toBeGreaterThan(0);
    expect(nodeHas('swap')).toBeLessThan(samplesTaken);
    // Every other cluster kept reporting meanwhile.
    expect(nodeHas('bad')).toBe(samplesTaken);

    await agent.attest(ids.swap, attestTerms(1, swapped));
    const droppedBefore = agent.stats().dropped.gpu_not_attested;
    await sampleAndDeliver();
    expect(nodeHas('swap')).toBe(samplesTaken);
    expect(agent.stats().dropped.gpu_not_attested).toBe(droppedBefore);
    const status = await new NodeClient(node.url).telemetry(ids.swap);
    expect(status.gpus).toBe(3);
    expect(agent.stats().refusedForGood).toEqual({});
  });

  it('an operator hand-over: batches signed with the old key are re-signed with the new one', async () => {
    await send(3, 'transferOperator', [ids.handOver, privateKeyToAccount(devPrivateKey(4)).address]);
    await send(4, 'acceptOperator', [ids.handOver]);
    await until(() => (agent.stats().deferred.not_operator ?? 0) > 0);
    expect(nodeHas('handOver')).toBeLessThan(samplesTaken);
    expect(nodeHas('bad')).toBe(samplesTaken);

    agent.setOperatorKey(ids.handOver, devPrivateKey(4));
    await agent.deliver();
    expect(nodeHas('handOver')).toBe(samplesTaken);
    expect(agent.stats().resigned).toBeGreaterThan(0);
    await sampleAndDeliver();
    expect(nodeHas('handOver')).toBe(samplesTaken);
  });
});
