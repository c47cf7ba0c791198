/** With the database gone, pages answer a 503 page and the JSON API a 503 JSON error, never a 500. */
import type { AppLoadContext } from '@remix-run/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseWebEnv } from '#config/web';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '#db';
import { loader as analytics } from '../routes/analytics';
import { loader as apiClusters } from '../routes/api.v1.clusters._index';
import { loader as market } from '../routes/clusters._index';

let handle: DatabaseHandle;
let context: AppLoadContext;

beforeAll(async () => {
  handle = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrateDatabase(handle);
  context = {
    db: handle.db,
    // The stablecoin's decimals are read from the chain (the market figures count fills of at least one whole unit);
    // the test is about the database, so the chain answers.
    chain: {
      chainId: 424_242,
      deployment: { contracts: { stablecoin: '0x00000000000000000000000000000000000000c0' } },
      publicClient: { readContract: async () => 6 },
    },
    web: parseWebEnv({}, { port: 4550 }).settings,
  } as unknown as AppLoadContext;
});

afterAll(async () => {
  await handle.close().catch(() => {});
});

const args = (path: string) =>
  ({ request: new Request(`http://localhost${path}`), params: {}, context }) as unknown as Parameters<typeof market>[0];

async function thrownStatus(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    return (error as { init?: { status?: number } }).init?.status;
  }
  return 'no error';
}

describe('database down', () => {
  it('serves while the database is up, then 503 once it is closed', async () => {
    const upMarket = await market(args('/clusters'));
    expect(upMarket.data.total).toBe(0);
    expect(upMarket.init?.headers).toMatchObject({ Vary: 'Accept-Language, Cookie' });
    await handle.close();
    // A new chain id so the market cache cannot answer for the closed database.
    context.chain.chainId = 424_243;
    expect(await thrownStatus(() => market(args('/clusters')))).toBe(503);
    expect(await thrownStatus(() => analytics(args('/analytics')))).toBe(503);
    const api = await apiClusters(args('/api/v1/clusters'));
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: { code: 'unavailable', message: 'A data source did not answer.' } });
  });

  it('rejects invalid market parameters with a 400 before touching the database', async () => {
    expect(await thrownStatus(() => market(args('/clusters?sort=color')))).toBe(400);
    expect(await thrownStatus(() => market(args('/clusters?page=0')))).toBe(400);
    expect(await thrownStatus(() => market(args('/clusters?unknown=1')))).toBe(400);
  });
});
