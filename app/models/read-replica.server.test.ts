/**
 * What the pages read when DATABASE_READ_URLS names a replica (rackshare_replica_test stands in for one, see
 * db/replica.test-kit.ts): the market figures and the indexed block they are at both come from the replica, so a
 * replica behind the primary shows its own, older block; a session opened through the primary is read back from it.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, type DatabaseHandle, oneReplica } from '#db';
import { clearChain, openPrimaryAndReplica, replicaChainId, replicaTestsRun } from '#db/replica.test-kit';
import { clusters, indexedBlocks } from '#db/schema';
import { type SessionContext, signedInAddress, signInCookie } from '~/lib/siwe-session.server';
import { frontDoorMirror } from '~/models/overview.server';
import { loader as clustersApi } from '~/routes/api.v1.clusters._index';

const hash = (n: number) => `0x${n.toString(16).padStart(64, '0')}` as const;
const T0 = 1_764_547_200; // 2025-12-01T00:00:00Z

const cluster = (chainId: number, id: number, gpuCount: number) => ({
  chainId,
  clusterId: BigInt(id),
  operator: '0x0000000000000000000000000000000000000001' as const,
  gpuModel: 'NVIDIA H100 SXM5 80GB',
  location: 'KR-SEL-01',
  gpuCount,
  hardwareRoot: hash(id),
  metadataUri: '',
  metadataHash: hash(0),
  status: 'registered' as const,
  registeredAt: new Date(T0 * 1000),
  registeredBlock: 1n,
  attestedAt: null,
  attestedUntil: null,
  lastEpoch: 0n,
});

const cursor = (chainId: number, number: number, seconds: number) => ({
  chainId,
  number: BigInt(number),
  hash: hash(number),
  timestamp: new Date(seconds * 1000),
});

describe.skipIf(!replicaTestsRun)('pages read from the replica (PostgreSQL, a stand-in replica)', () => {
  const chainId = replicaChainId();
  let databases: Awaited<ReturnType<typeof openPrimaryAndReplica>>;
  let handle: DatabaseHandle;
  let primary: Database;
  beforeAll(async () => {
    databases = await openPrimaryAndReplica();
    await clearChain(databases.replica, chainId);
    handle = await databases.open();
    primary = handle.db.$primary;
    // The primary is at block 20 with two clusters; the replica lags at block 10 with the first one only.
    await primary.insert(clusters).values([cluster(chainId, 1, 8), cluster(chainId, 2, 16)]);
    await primary.insert(indexedBlocks).values(cursor(chainId, 20, T0 + 200));
    await databases.replica.insert(clusters).values(cluster(chainId, 1, 8));
    await databases.replica.insert(indexedBlocks).values(cursor(chainId, 10, T0 + 100));
  }, 60_000);
  afterAll(async () => {
    await clearChain(databases.replica, chainId);
    await databases.close();
  });

  it('GET /api/v1/clusters answers the replica’s rows at the replica’s chain time', async () => {
    const response = (await clustersApi({
      request: new Request('http://localhost/api/v1/clusters'),
      context: { db: oneReplica(handle.db), chain: { chainId }, log: pino({ level: 'silent' }) },
      params: {},
    } as unknown as LoaderFunctionArgs)) as Response;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { chainTime: number; total: number; clusters: { clusterId: string }[] };
    expect(body.chainTime).toBe(T0 + 100);
    expect(body.total).toBe(1);
    expect(body.clusters.map((row) => row.clusterId)).toEqual(['1']);
  });

  it('the front door names the replica’s indexed block, the one its figures are at', async () => {
    const mirror = await frontDoorMirror({ db: oneReplica(handle.db), chain: { chainId } } as never);
    expect(mirror.indexedBlock).toBe('10');
    const fromPrimary = await frontDoorMirror({ db: primary, chain: { chainId } } as never);
    expect(fromPrimary.indexedBlock).toBe('20');
  });

  it('reads a session just opened from the primary, which the replica has not received', async () => {
    const context: SessionContext = {
      db: handle.db,
      chain: { chainId },
      web: {
        publicOrigin: 'http://localhost:4550',
        trustProxy: false,
        sessionSecret: 's'.repeat(32),
        cloudReferencePriceUsd: '2.50',
        oracleNodeUrls: [],
      },
    };
    const address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    const setCookie = await signInCookie(new Request('http://localhost:4550/operator'), context, { address, chainId });
    const request = new Request('http://localhost:4550/operator', { headers: { cookie: setCookie.split(';')[0]! } });
    expect(await signedInAddress(request, context)).toBe(address);
  });
});
