import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { decodeFunctionData, type Hex, keccak256, toBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { createRegistryHasher, recoverSigner } from '#protocol/eip712';
import type { BatchPayload } from '#protocol/wire';
import { devPrivateKey, devRoles } from '../../devnet/accounts';
import { attestCluster } from '../agent/attest';
import { signBatch } from '../agent/signing';
import { relayerKeyFor } from './config';
import { registerCluster, simulatedUuids, startTestChain, testPort } from './harness.test-kit';
import { type OracleNode, startOracleNode } from './node';

// Ports of their own (other oracle tests: anvil 86xx-89xx and 9710, nodes 41xx-47xx and 9701).
const ANVIL_PORT = testPort(9770);
const HTTP_PORT = testPort(9771);
const EPOCH = 60;
const OPERATOR = 1;
const SIGNER_INDEX = devRoles.oracleNodes[0];
const RELAYER_INDEX = devRoles.oracleRelayers[0];
const log = pino({ level: 'silent' });

describe('relayerKeyFor (I-4)', () => {
  const signing = devPrivateKey(SIGNER_INDEX);
  const relayer = devPrivateKey(RELAYER_INDEX);
  const warnings: unknown[] = [];
  const warnLog = { warn: (...args: unknown[]) => warnings.push(args) };

  // Off the local chain the dev mnemonic is refused outright (H-1): these keys are an operator's own.
  const ownSigning = keccak256(toBytes('rackshare node signing key'));
  const ownRelayer = keccak256(toBytes('rackshare node relayer key'));

  it('uses the relayer key when one is given', () => {
    expect(relayerKeyFor({ privateKey: ownSigning, relayerPrivateKey: ownRelayer, chainId: 1 }, warnLog)).toBe(
      ownRelayer,
    );
    expect(relayerKeyFor({ privateKey: signing, relayerPrivateKey: relayer, chainId: 31_337 }, warnLog)).toBe(relayer);
  });

  it('refuses a relaying node without its own relayer key, or with the signing key, outside the local dev chain', () => {
    expect(() => relayerKeyFor({ privateKey: ownSigning, chainId: 1 }, warnLog)).toThrow(/own gas-paying relayer key/);
    expect(() =>
      relayerKeyFor({ privateKey: ownSigning, relayerPrivateKey: ownSigning, chainId: 8_453 }, warnLog),
    ).toThrow(/must differ/);
    // A node that only signs sends no transaction and needs no gas key.
    expect(relayerKeyFor({ privateKey: ownSigning, chainId: 1, relay: false }, warnLog)).toBe(ownSigning);
  });

  it('refuses a signing or relayer key of the public dev mnemonic outside the local dev chain (H-1, I-4)', () => {
    expect(() => relayerKeyFor({ privateKey: signing, relayerPrivateKey: ownRelayer, chainId: 1 }, warnLog)).toThrow(
      /signing key is a key of the public dev mnemonic .* chain 1 is not the local chain/,
    );
    expect(() =>
      relayerKeyFor({ privateKey: ownSigning, relayerPrivateKey: relayer, chainId: 8_453 }, warnLog),
    ).toThrow(/relayer key is a key of the public dev mnemonic/);
    expect(() => relayerKeyFor({ privateKey: signing, chainId: 1, relay: false }, warnLog)).toThrow(/dev mnemonic/);
  });

  it('allows one key on the local dev chain, with a warning', () => {
    warnings.length = 0;
    expect(relayerKeyFor({ privateKey: signing, chainId: 31_337 }, warnLog)).toBe(signing);
    expect(warnings).toHaveLength(1);
  });
});

describe('a node with a separate relayer key', () => {
  let chain: Awaited<ReturnType<typeof startTestChain>>;
  let directory: string;
  let node: OracleNode | undefined;
  let clusterId: bigint;
  const uuids = simulatedUuids('relayer-key', 2);
  const base = (Math.floor(Date.now() / 1000 / EPOCH) - 60) * EPOCH * 1000;
  const context = () => ({ chainId: 31_337, registry: chain.deployment.contracts.clusterRegistry });
  const signer = privateKeyToAccount(devPrivateKey(SIGNER_INDEX)).address;
  const relayer = privateKeyToAccount(devPrivateKey(RELAYER_INDEX)).address;

  const payload = (from: number, count: number): BatchPayload => ({
    snapshots: Array.from({ length: count }, (_, step) => ({
      t: from + step * 10_000,
      gpus: uuids.map((uuid) => ({
        uuid,
        utilizationPct: 40,
        memoryUsedMiB: 1000,
        memoryTotalMiB: 81559,
        temperatureC: 60,
        powerW: 500,
      })),
    })),
    leases: [],
  });

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'rackshare-relayer-key-'));
    chain = await startTestChain(ANVIL_PORT, { committee: [SIGNER_INDEX], threshold: 1 });
    clusterId = await registerCluster(chain, chain.deployment.contracts.clusterRegistry, OPERATOR, uuids);
    node = await startOracleNode({
      privateKey: devPrivateKey(SIGNER_INDEX),
      relayerPrivateKey: devPrivateKey(RELAYER_INDEX),
      rpcUrl: chain.rpcUrl,
      chainId: 31_337,
      registry: chain.deployment.contracts.clusterRegistry,
      committee: [signer],
      threshold: 1,
      peers: [],
      port: HTTP_PORT,
      journalPath: join(directory, 'node.jsonl'),
      epochSeconds: EPOCH,
      // The test's telemetry is an hour old: within the backfill window (the grace must exceed it).
      backfillSeconds: 2 * 3_600,
      graceSeconds: 3 * 3_600,
      relayIntervalMs: 200,
      log,
    });
    await attestCluster({
      nodeUrls: [node.url],
      context: context(),
      operatorKey: devPrivateKey(OPERATOR),
      clusterId,
      uuids,
      validUntil: Math.floor(Date.now() / 1000) + 86_400,
      threshold: 1,
      walletClient: chain.wallet(OPERATOR),
      publicClient: chain.publicClient,
    });
    // The test chain starts in the past; the report lands once chain time has reached its epoch.
    await chain.catchUp();
  }, 120_000);

  afterAll(async () => {
    await node?.stop();
    await chain?.anvil.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('sends reports from the relayer address, while their signatures recover to the committee key', async () => {
    expect(relayer).not.toBe(signer);
    expect(node!.address).toBe(signer);
    expect(node!.relayerAddress).toBe(relayer);
    // One epoch of samples, then one sample of the next closes it.
    for (const [sequence, body] of [payload(base, 6), payload(base + 60_000, 1)].entries()) {
      const signed = await signBatch(context(), devPrivateKey(OPERATOR), clusterId, sequence + 1, body);
      const response = await fetch(`${node!.url}/clusters/${clusterId}/batches`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(signed),
      });
      expect(response.status).toBe(202);
    }
    const epochEnd = BigInt(base / 1000 + EPOCH);
    const deadline = Date.now() + 30_000;
    let events: Awaited<ReturnType<typeof chain.publicClient.getContractEvents>> = [];
    while (events.length === 0 && Date.now() < deadline) {
      events = await chain.publicClient.getContractEvents({
        address: context().registry,
        abi: clusterRegistryAbi,
        eventName: 'ReportSubmitted',
        args: { clusterId, epoch: epochEnd },
        fromBlock: 0n,
      });
      if (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(events).toHaveLength(1);

    const transaction = await chain.publicClient.getTransaction({ hash: events[0]!.transactionHash! });
    expect(transaction.from.toLowerCase()).toBe(relayer.toLowerCase());
    const call = decodeFunctionData({ abi: clusterRegistryAbi, data: transaction.input });
    expect(call.functionName).toBe('submitReports');
    const [signedReports] = call.args as unknown as [
      { report: Parameters<ReturnType<typeof createRegistryHasher>['report']>[0]; signatures: Hex[] }[],
    ];
    const ours = signedReports.find((entry) => entry.report.epoch === epochEnd)!;
    const digest = createRegistryHasher(context()).report(ours.report);
    const signers = await Promise.all(ours.signatures.map((signature) => recoverSigner(digest, signature)));
    expect(signers).toEqual([signer]);
    expect(signers).not.toContain(relayer);
  }, 60_000);
});
