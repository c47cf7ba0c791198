/**
 * L-4 on the dashboard: the operator page's telemetry route passes the nodes' rejection detail only to the signed-in
 * (Sign-In with Ethereum) current on-chain operator. A stand-in node (node:http, real fetch) checks the app's view
 * signature with the node's own verifier, so the two sides are tested against each other.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '#db';
import { type TelemetryView, telemetryViewSchema } from '#protocol/wire';
import { devAccount, devPrivateKey, devRoles } from '../../devnet/accounts';
import { telemetryViewer } from '../../oracle/node/telemetry-access';

const REGISTRY = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as Address;
const CHAIN_ID = 31_337;
const NODE = privateKeyToAccount(devPrivateKey(devRoles.oracleNodes[0])).address;
const OPERATOR = devAccount(devRoles.operators[0]).address;
const OTHER_OPERATOR = devAccount(devRoles.operators[1]).address;
const READER_KEY = devPrivateKey(devRoles.dashboardReader);
const CLUSTER = 7n;

const counts = {
  clusterId: CLUSTER.toString(),
  gpus: 2,
  lastSequence: 3,
  lastBatchAt: 1_000,
  lastSampleAt: 900,
  acceptedBatches: 3,
  acceptedSamples: 12,
  rejectedBatches: { unknown_gpu: 1 },
  rejectedSamples: { unknown_gpu: 2 },
  unauthenticatedBatches: {},
  node: NODE,
};
const rejection = {
  at: 950,
  code: 'unknown_gpu',
  message: 'GPU GPU-1234 is not in the inventory',
  readings: 2,
  sequence: 4,
};

let server: Server;
const seen: IncomingHttpHeaders[] = [];
let route: typeof import('~/routes/operator_.telemetry.$clusterId');
let session: typeof import('~/lib/siwe-session.server');
let database: DatabaseHandle;

beforeAll(async () => {
  server = createServer((request, response) => {
    seen.push(request.headers);
    telemetryViewer({
      context: { chainId: CHAIN_ID, registry: REGISTRY },
      node: NODE,
      clusterId: CLUSTER,
      headers: request.headers,
      readers: new Set([privateKeyToAccount(READER_KEY).address]),
      operatorOf: async () => OPERATOR,
    }).then(
      (viewer) => {
        const body: TelemetryView = viewer
          ? { ...counts, view: 'operator', recentRejections: [rejection] }
          : { ...counts, view: 'public' };
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      },
      (error: { status: number; toBody: () => unknown }) =>
        response.writeHead(error.status, { 'content-type': 'application/json' }).end(JSON.stringify(error.toBody())),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  context.web.oracleNodeUrls = [`http://127.0.0.1:${(server.address() as AddressInfo).port}`];
  database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateDatabase(database);
  context.db = database.db;
  route = await import('~/routes/operator_.telemetry.$clusterId');
  session = await import('~/lib/siwe-session.server');
});

afterAll(async () => {
  server.close();
  await database?.close();
});

// Sessions live in the database: the signed-in cases need one (filled in beforeAll).
const context = {
  db: undefined as unknown,
  chain: {
    chainId: CHAIN_ID,
    deployment: { contracts: { clusterRegistry: REGISTRY } },
    publicClient: { readContract: async () => OPERATOR },
  },
  log: pino({ level: 'silent' }),
  web: {
    publicOrigin: 'http://localhost:4550',
    trustProxy: false,
    sessionSecret: 's'.repeat(32),
    cloudReferencePriceUsd: '2.50',
    oracleNodeUrls: [] as string[],
    oracleReaderPrivateKey: READER_KEY,
  },
};

async function load(signedInAs?: Address) {
  const url = `http://localhost:4550/operator/telemetry/${CLUSTER}`;
  let cookie: string | undefined;
  if (signedInAs) {
    const setCookie = await session.signInCookie(new Request(url), context as never, {
      address: signedInAs,
      chainId: CHAIN_ID,
    });
    cookie = setCookie.split(';')[0];
  }
  const request = new Request(url, { headers: cookie ? { cookie } : {} });
  seen.length = 0;
  const response = (await route.loader({
    request,
    params: { clusterId: CLUSTER.toString() },
    context: context as never,
  })) as Response;
  expect(response.status).toBe(200);
  const json = (await response.json()) as { detail: boolean; nodes: { ok: boolean; data: unknown }[] };
  return { detail: json.detail, node: telemetryViewSchema.parse(json.nodes[0]!.data), headers: [...seen] };
}

describe('the operator page telemetry route (L-4)', () => {
  it('gives an anonymous visitor the counts only, and never signs a node request for it', async () => {
    const { detail, node, headers } = await load();
    expect(detail).toBe(false);
    expect(node.view).toBe('public');
    expect(node).not.toHaveProperty('recentRejections');
    expect(node.rejectedBatches).toEqual({ unknown_gpu: 1 });
    expect(headers.every((sent) => sent['x-rackshare-view-signature'] === undefined)).toBe(true);
  });

  it('gives another signed-in operator the counts only', async () => {
    const { detail, node, headers } = await load(OTHER_OPERATOR);
    expect(detail).toBe(false);
    expect(node).not.toHaveProperty('recentRejections');
    expect(headers.every((sent) => sent['x-rackshare-view-signature'] === undefined)).toBe(true);
  });

  it('gives the signed-in current operator the rejections, read with the app reader key the node trusts', async () => {
    const { detail, node, headers } = await load(OPERATOR);
    expect(detail).toBe(true);
    expect(node.view).toBe('operator');
    expect(node.recentRejections).toEqual([rejection]);
    expect(headers.some((sent) => typeof sent['x-rackshare-view-signature'] === 'string')).toBe(true);
  });
});
