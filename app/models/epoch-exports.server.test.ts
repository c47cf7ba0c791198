/** Epoch exports against a real chain and an HTTP server standing in for an oracle node that counts its requests. */
import { createServer, type Server } from 'node:http';
import type { AppLoadContext } from '@remix-run/node';
import pino from 'pino';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterRegistryAbi } from '#contracts';
import { type DatabaseHandle, openDatabase } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { createRegistryHasher, signDigest } from '#protocol/eip712';
import { gpuUuidHash } from '#protocol/hardware';
import { type TelemetryLeaf, telemetryRoot } from '#protocol/telemetry';
import { devPrivateKey, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { verifyExportOnChain } from '../../oracle/export/epoch-export';
import { cachedEpochExport, EpochExportCache, epochExportSummary, MAX_QUEUED_BUILDS } from './epoch-exports.server';
import { OracleUnavailableError } from './oracle.server';

const NODE_PORT = testPort(8797);
const uuids = ['GPU-11111111-2222-3333-4444-555555555555', 'GPU-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'];

let chain: TestChain;
/** The database of the module's own cache (one process, PGlite); the two-process tests open their own. */
let database: DatabaseHandle;
let server: Server;
let nodeRequests = 0;
let report: { clusterId: string; epoch: string; telemetryRoot: Hex; transactionHash: Hex };

beforeAll(async () => {
  database = await testDatabases.find((entry) => entry.name === 'pglite')!.open();
  chain = await startTestChain(testPort(8796));
  const clusterId = await chain.registerCluster(devRoles.operators[0], {
    gpuModel: 'NVIDIA H100 SXM5 80GB',
    gpuCount: 2,
    location: 'KR-SEL-01',
  });
  await chain.attest(clusterId);
  const epoch = ((await chain.now()) / 3_600n) * 3_600n;
  const leaves: TelemetryLeaf[] = [];
  for (let step = 0; step < 30; step++) {
    for (const [index, uuid] of uuids.entries()) {
      leaves.push([gpuUuidHash(uuid), (epoch - 3_600n + BigInt(step) * 100n) * 1000n, index * 1_000 + step]);
    }
  }
  const signed = {
    clusterId,
    epoch,
    gpuHoursMilli: 2_000n,
    utilizationBps: 5_000,
    gpusOnline: 2,
    revenue: 5_000_000n,
    telemetryRoot: telemetryRoot(leaves),
    committeeVersion: 1,
  };
  const digest = createRegistryHasher({ chainId: 31_337, registry: chain.contracts.clusterRegistry }).report(signed);
  const signers = devRoles.oracleNodes
    .slice(0, 2)
    .map((index) => ({ key: devPrivateKey(index), address: privateKeyToAccount(devPrivateKey(index)).address }))
    .sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
  const signatures = await Promise.all(signers.map((signer) => signDigest(digest, signer.key)));
  const receipt = await chain.send(devRoles.oracleNodes[0], {
    address: chain.contracts.clusterRegistry,
    abi: clusterRegistryAbi,
    functionName: 'submitReports',
    args: [[{ report: signed, signatures }]],
  } as never);
  report = {
    clusterId: clusterId.toString(),
    epoch: epoch.toString(),
    telemetryRoot: signed.telemetryRoot,
    transactionHash: receipt.transactionHash,
  };
  const samples = {
    clusterId: report.clusterId,
    epoch: report.epoch,
    epochSeconds: 3_600,
    telemetryRoot: signed.telemetryRoot,
    leaves: leaves.map(([hash, time, milliPct]) => [hash, time.toString(), milliPct]),
  };
  server = createServer((request, response) => {
    nodeRequests += 1;
    const ok = request.url === `/clusters/${report.clusterId}/epochs/${report.epoch}/samples`;
    response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? samples : {}));
  });
  await new Promise<void>((resolve) => server.listen(NODE_PORT, '127.0.0.1', resolve));
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await chain?.stop();
  await database?.close();
});

const contextOn = (db: DatabaseHandle['db']) => ({
  db,
  web: { oracleNodeUrls: [`http://127.0.0.1:${NODE_PORT}`] } as AppLoadContext['web'],
  log: pino({ level: 'silent' }),
  chain: {
    chainId: 31_337,
    publicRpcUrl: chain.rpcUrl,
    publicClient: chain.publicClient,
    deployment: chain.deployment,
  },
});

describe('epoch exports', () => {
  const context = () => contextOn(database.db);

  it('gives the epoch page its counts without building the proofs, from one node answer (M-2)', async () => {
    const before = nodeRequests;
    expect(await epochExportSummary(context(), report)).toEqual({ samples: 60, gpus: 2 });
    expect(await epochExportSummary(context(), report)).toEqual({ samples: 60, gpus: 2 });
    expect(nodeRequests - before).toBe(1);
  });

  it('serves a second export of an on-chain epoch from the cache, its proofs verifying on chain (M-2)', async () => {
    const before = nodeRequests;
    const [first, concurrent] = await Promise.all([
      cachedEpochExport(context(), report),
      cachedEpochExport(context(), report),
    ]);
    const second = await cachedEpochExport(context(), report);
    expect(nodeRequests - before).toBe(1);
    expect(concurrent.json).toBe(first.json);
    expect(second.json).toBe(first.json);
    const result = await verifyExportOnChain(JSON.parse(second.json), chain.publicClient);
    expect(result.problems).toEqual([]);
    expect(result.samples).toBe(60);
    expect(result.onChainRoot).toBe(report.telemetryRoot);
  });

  it('refuses samples that do not hash to the on-chain root, and keeps nothing (M-2)', async () => {
    const wrong = { ...report, telemetryRoot: `0x${'11'.repeat(32)}` as Hex };
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = nodeRequests;
      await expect(cachedEpochExport(context(), wrong)).rejects.toThrow(/no oracle node served it/);
      expect(nodeRequests - before).toBe(1);
    }
  });
});

describe('epoch exports under a burst of distinct epochs (M-2)', () => {
  it(`asks the nodes for at most ${MAX_QUEUED_BUILDS} epochs at once and refuses the next before any download`, async () => {
    // A node that holds every request until released: the downloads stay in flight.
    const held: (() => void)[] = [];
    let asked = 0;
    const slow = createServer((_request, response) => {
      asked += 1;
      held.push(() => response.writeHead(404, { 'content-type': 'application/json' }).end('{}'));
    });
    await new Promise<void>((resolve) => slow.listen(testPort(8794), '127.0.0.1', resolve));
    try {
      const context = {
        db: database.db,
        web: { oracleNodeUrls: [`http://127.0.0.1:${testPort(8794)}`] } as AppLoadContext['web'],
        chain: { chainId: 31_337, deployment: chain.deployment } as AppLoadContext['chain'],
        log: pino({ level: 'silent' }),
      };
      const epochs = Array.from({ length: MAX_QUEUED_BUILDS + 1 }, (_, index) =>
        cachedEpochExport(context, { ...report, epoch: String(1_000 + index) }).catch((error: unknown) => error),
      );
      await expect(epochs[MAX_QUEUED_BUILDS]).resolves.toBeInstanceOf(OracleUnavailableError);
      await expect.poll(() => asked).toBe(MAX_QUEUED_BUILDS);
      for (const release of held) release();
      const settled = await Promise.all(epochs);
      expect(settled.every((outcome) => outcome instanceof OracleUnavailableError)).toBe(true);
      expect(asked).toBe(MAX_QUEUED_BUILDS);
    } finally {
      slow.close();
    }
  });
});

describe.each(testDatabases)('epoch exports shared by two web processes on $name', ({ open }) => {
  let a: DatabaseHandle;
  let b: DatabaseHandle;
  beforeAll(async () => {
    a = await open();
    // A second process's own pool on PostgreSQL; PGlite lives in one process, so there it shares the handle.
    b = a.target.kind === 'pglite' ? { ...a, close: async () => {} } : await openDatabase(a.target);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('serves an export one process built from the other without asking a node, the same bytes', async () => {
    const [first, second] = [new EpochExportCache(), new EpochExportCache()];
    const before = nodeRequests;
    const built = await first.export(contextOn(a.db), report);
    expect(nodeRequests - before).toBe(1);
    expect(await second.summary(contextOn(b.db), report)).toEqual({ samples: 60, gpus: 2 });
    const served = await second.export(contextOn(b.db), report);
    expect(nodeRequests - before).toBe(1);
    expect(served.json).toBe(built.json);
    expect(served).toMatchObject({ samples: 60, gpus: 2 });
    const result = await verifyExportOnChain(JSON.parse(served.json), chain.publicClient);
    expect(result.problems).toEqual([]);
    expect(result.onChainRoot).toBe(report.telemetryRoot);
  });
});
