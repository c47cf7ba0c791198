import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { devPrivateKey } from '../../devnet/accounts';
import { registerCluster, simulatedUuids, startTestChain, testPort } from '../node/harness.test-kit';
import { type OracleNode, startOracleNode } from '../node/node';
import { Agent, agentConfigSchema } from './agent';
import { attestCluster } from './attest';

const log = pino({ level: 'silent' });
const uuids = simulatedUuids('agent-test', 3);
let chain: Awaited<ReturnType<typeof startTestChain>>;
let directory: string;
let node: OracleNode | undefined;
let clusterId: bigint;

const startNode = () =>
  startOracleNode({
    privateKey: devPrivateKey(7),
    rpcUrl: chain.rpcUrl,
    chainId: 31_337,
    registry: chain.deployment.contracts.clusterRegistry,
    committee: [privateKeyToAccount(devPrivateKey(7)).address],
    threshold: 1,
    peers: [],
    port: testPort(4121),
    journalPath: join(directory, 'node.jsonl'),
    epochSeconds: 60,
    graceSeconds: 3_600,
    log,
  });

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-agent-'));
  chain = await startTestChain(testPort(8712), { committee: [7], threshold: 1 });
  clusterId = await registerCluster(chain, chain.deployment.contracts.clusterRegistry, 1, uuids);
  node = await startNode();
  await attestCluster({
    nodeUrls: [node.url],
    context: { chainId: 31_337, registry: chain.deployment.contracts.clusterRegistry },
    operatorKey: devPrivateKey(1),
    clusterId,
    uuids,
    validUntil: Math.floor(Date.now() / 1000) + 86_400,
    threshold: 1,
    walletClient: chain.wallet(1),
    publicClient: chain.publicClient,
  });
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await chain?.anvil.stop();
  rmSync(directory, { recursive: true, force: true });
});

it('spools while the node is down and delivers everything exactly once when it returns', async () => {
  const smiOutput = join(directory, 'nvidia-smi.csv');
  writeFileSync(
    smiOutput,
    uuids
      .map(
        (uuid, index) =>
          `${index}, ${uuid}, NVIDIA H100 80GB HBM3, 16520210345${index}, ${40 + index}, 40123, 81559, 64, 612.34`,
      )
      .join('\n'),
  );
  const config = agentConfigSchema.parse({
    chainId: 31_337,
    registry: chain.deployment.contracts.clusterRegistry,
    nodes: [node!.url],
    spoolDir: join(directory, 'spool'),
    snapshotsPerBatch: 1,
    clusters: [{ clusterId: clusterId.toString(), source: { kind: 'nvidia-smi-csv', file: smiOutput } }],
  });
  let agent = await Agent.open(config, devPrivateKey(1), log);
  const start = Date.now() - 60_000;
  await agent.sampleOnce(start);
  await agent.deliver();
  expect(node!.core.lastSequence(clusterId)).toBe(1);

  await node!.stop();
  await agent.sampleOnce(start + 10_000);
  await agent.deliver();
  await agent.sampleOnce(start + 20_000);
  await agent.deliver();
  // The agent itself restarts too: the spool and the cursor are on disk.
  await agent.close();
  agent = await Agent.open(config, devPrivateKey(1), log);

  node = await startNode();
  expect(node.core.lastSequence(clusterId)).toBe(1);
  await agent.deliver();
  expect(node.core.lastSequence(clusterId)).toBe(3);
  await agent.deliver();
  expect(node.core.lastSequence(clusterId)).toBe(3);
  const metrics = await (await fetch(`${node.url}/metrics`)).text();
  expect(metrics).toMatch(/rackshare_oracle_samples_accepted_total\{[^}]*\} 6/);
  await agent.close();
});
