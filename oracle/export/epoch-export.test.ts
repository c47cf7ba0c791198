import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { createRegistryHasher, signDigest } from '#protocol/eip712';
import { gpuUuidHash } from '#protocol/hardware';
import { type TelemetryLeaf, telemetryRoot, verifyTelemetryProof } from '#protocol/telemetry';
import type { EpochExport } from '#protocol/telemetry-export';
import { startTestChain, type TestChain } from '../../db/fixtures.test-kit';
import { devPrivateKey, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { buildEpochExport, verifyExportOffline, verifyExportOnChain } from './epoch-export';

const ANVIL_PORT = testPort(8953);
const run = promisify(execFile);

let chain: TestChain;
let directory: string;
let exported: EpochExport;

const uuids = ['GPU-11111111-2222-3333-4444-555555555555', 'GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'rackshare-export-'));
  chain = await startTestChain(ANVIL_PORT);
  const clusterId = await chain.registerCluster(devRoles.operators[0], {
    gpuModel: 'NVIDIA H100 SXM5 80GB',
    gpuCount: 2,
    location: 'KR-SEL-01',
  });
  await chain.attest(clusterId);
  const epoch = ((await chain.now()) / 3_600n) * 3_600n;
  const leaves: TelemetryLeaf[] = [];
  for (let step = 0; step < 4; step++) {
    for (const [index, uuid] of uuids.entries()) {
      leaves.push([
        gpuUuidHash(uuid),
        (epoch - 3_600n + BigInt(step) * 900n) * 1000n,
        index === 1 && step === 2 ? -1 : 50_000 + step,
      ]);
    }
  }
  const report = {
    clusterId,
    epoch,
    gpuHoursMilli: 2_000n,
    utilizationBps: 5_000,
    gpusOnline: 2,
    revenue: 5_000_000n,
    telemetryRoot: telemetryRoot(leaves),
    committeeVersion: 1,
  };
  const context = { chainId: 31_337, registry: chain.contracts.clusterRegistry };
  const digest = createRegistryHasher(context).report(report);
  const signers = devRoles.oracleNodes
    .slice(0, 2)
    .map((index) => ({ key: devPrivateKey(index), address: privateKeyToAccount(devPrivateKey(index)).address }))
    .sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const signatures = await Promise.all(signers.map((signer) => signDigest(digest, signer.key)));
  const receipt = await chain.send(devRoles.oracleNodes[0], {
    address: chain.contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: 'submitReports',
    args: [[{ report, signatures }]],
  } as never);
  exported = buildEpochExport({
    chainId: 31_337,
    registry: chain.contracts.clusterRegistry,
    samples: {
      clusterId: clusterId.toString(),
      epoch: epoch.toString(),
      epochSeconds: 3_600,
      telemetryRoot: report.telemetryRoot,
      leaves: leaves.map(([hash, time, milliPct]) => [hash, time.toString(), milliPct]),
    },
    expectedRoot: report.telemetryRoot,
    reportTransaction: receipt.transactionHash,
  });
}, 120_000);

afterAll(async () => {
  await chain?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('epoch sample export', () => {
  it('refuses to build an export whose samples do not hash to the on-chain root', () => {
    expect(() =>
      buildEpochExport({
        chainId: 31_337,
        registry: chain.contracts.clusterRegistry,
        samples: {
          clusterId: exported.clusterId,
          epoch: exported.epoch,
          epochSeconds: 3_600,
          telemetryRoot: exported.telemetryRoot,
          leaves: exported.samples
            .slice(1)
            .map((sample) => [sample.uuidHash, sample.timeMs, sample.utilizationMilliPct]),
        },
        expectedRoot: exported.telemetryRoot as Hex,
      }),
    ).toThrow(/hash to/);
  });

  it('verifies against the ReportSubmitted telemetryRoot on chain', async () => {
    expect(exported.samples).toHaveLength(8);
    const result = await verifyExportOnChain(exported, chain.publicClient);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.onChainRoot).toBe(exported.telemetryRoot);
  });

  it('has proofs (protocol/telemetry.ts) that verify against the root read from the chain, by the library too', async () => {
    const events = await chain.publicClient.getContractEvents({
      address: chain.contracts.clusterRegistry,
      abi: clusterRegistryAbi,
      eventName: 'ReportSubmitted',
      args: { clusterId: BigInt(exported.clusterId), epoch: BigInt(exported.epoch) },
      fromBlock: 0n,
    });
    expect(events).toHaveLength(1);
    const onChainRoot = events[0]!.args.telemetryRoot!;
    for (const sample of exported.samples) {
      const leaf: TelemetryLeaf = [sample.uuidHash as Hex, BigInt(sample.timeMs), sample.utilizationMilliPct];
      expect(verifyTelemetryProof(onChainRoot, leaf, sample.proof)).toBe(true);
      expect(StandardMerkleTree.verify(onChainRoot, ['bytes32', 'uint64', 'int32'], leaf, sample.proof)).toBe(true);
      expect(verifyTelemetryProof(onChainRoot, [leaf[0], leaf[1] + 1n, leaf[2]], sample.proof)).toBe(false);
    }
  });

  it('catches a tampered sample and a root that is not the one on chain', async () => {
    const tampered = structuredClone(exported);
    tampered.samples[3]!.utilizationMilliPct = 100_000;
    const offline = verifyExportOffline(tampered);
    expect(offline.ok).toBe(false);
    expect(offline.problems.some((problem) => problem.includes('sample 3'))).toBe(true);

    const otherRoot = structuredClone(exported);
    otherRoot.samples = otherRoot.samples.slice(0, 4);
    otherRoot.samples.forEach((sample, index) => {
      sample.proof = buildEpochExport({
        chainId: 31_337,
        registry: chain.contracts.clusterRegistry,
        samples: {
          clusterId: exported.clusterId,
          epoch: exported.epoch,
          epochSeconds: 3_600,
          telemetryRoot: exported.telemetryRoot,
          leaves: exported.samples
            .slice(0, 4)
            .map((entry) => [entry.uuidHash, entry.timeMs, entry.utilizationMilliPct]),
        },
        expectedRoot: telemetryRoot(
          exported.samples
            .slice(0, 4)
            .map((entry) => [entry.uuidHash as Hex, BigInt(entry.timeMs), entry.utilizationMilliPct]),
        ),
      }).samples[index]!.proof;
    });
    otherRoot.telemetryRoot = telemetryRoot(
      otherRoot.samples.map((entry) => [entry.uuidHash as Hex, BigInt(entry.timeMs), entry.utilizationMilliPct]),
    );
    expect(verifyExportOffline(otherRoot).ok).toBe(true);
    const onChain = await verifyExportOnChain(otherRoot, chain.publicClient);
    expect(onChain.ok).toBe(false);
    expect(onChain.problems.join(' ')).toMatch(/on-chain telemetryRoot is/);
  });

  it('the verify-export command exits 0 for a good file, 1 for a tampered one and 2 for a file that is not an export', async () => {
    const good = join(directory, 'export.json');
    writeFileSync(good, JSON.stringify(exported));
    const ok = await run('npx', ['tsx', 'oracle/export/cli.ts', '--file', good, '--rpc', chain.rpcUrl]);
    expect(ok.stdout).toMatch(/^OK /m);
    const bad = join(directory, 'tampered.json');
    const tampered = structuredClone(exported);
    tampered.samples[0]!.timeMs = (BigInt(tampered.samples[0]!.timeMs) + 1n).toString();
    writeFileSync(bad, JSON.stringify(tampered));
    const failed = await run('npx', ['tsx', 'oracle/export/cli.ts', '--file', bad, '--rpc', chain.rpcUrl]).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stdout: string }).stdout).toMatch(/FAIL/);
    const notExport = join(directory, 'not-export.json');
    writeFileSync(notExport, JSON.stringify({ ...exported, format: 'something-else/1' }));
    const refused = await run('npx', ['tsx', 'oracle/export/cli.ts', '--file', notExport, '--offline']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((refused as { code: number }).code).toBe(2);
    expect((refused as { stderr: string }).stderr).toMatch(/is not an epoch export/);
  }, 60_000);
});
