/**
 * The database goes away: a second server of the same build, on the running chain, whose PostgreSQL refuses
 * connections. Every page that reads the mirror answers a readable 503 page (never a stack trace), the JSON API a
 * 503 error object, and pages that read only the chain keep working.
 */

import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import pino from 'pino';
import { parseWebEnv } from '#config/web';
import { type Database, routeReads, schema } from '#db';
import { E2E_PORT } from '../../playwright.config';
import { startWeb, type WebHandle } from '../../scripts/stack/web';
import { deployment, publicClient } from './support/chain';
import { expectAccessible, fullPageShot } from './support/page';
import { ANVIL_RPC_URL } from './support/wallet';

const OUTAGE_PORT = E2E_PORT + 20;

/** A TCP port nothing listens on: bound, then released. */
async function closedPort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let web: WebHandle;
let pool: pg.Pool;

test.beforeAll(async () => {
  pool = new pg.Pool({
    connectionString: `postgres://rackshare@127.0.0.1:${await closedPort()}/rackshare`,
    connectionTimeoutMillis: 2_000,
  });
  pool.on('error', () => {});
  web = await startWeb({
    port: OUTAGE_PORT,
    context: {
      db: routeReads(drizzle(pool, { schema }) as unknown as Database, []),
      log: pino({ level: 'silent' }),
      web: parseWebEnv({}, { port: OUTAGE_PORT }).settings,
      chain: { chainId: 31_337, publicRpcUrl: ANVIL_RPC_URL, publicClient, deployment: deployment() },
    },
  });
});

test.afterAll(async () => {
  await web?.close();
  await pool?.end();
});

test('with the database down, pages answer a readable 503 and the API a 503 error', async ({ page }, testInfo) => {
  for (const path of ['/', '/clusters', '/analytics']) {
    const response = await page.goto(`${web.url}${path}`);
    expect(response?.status(), path).toBe(503);
    expect(response?.headers()['cache-control'] ?? '', path).not.toContain('s-maxage');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Service unavailable');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveCount(6);
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/\bat .+\.(js|ts):\d+|ECONNREFUSED|node_modules/);
  }
  await expectAccessible(page);
  await fullPageShot(page, testInfo, 'database-down');

  const api = await page.request.get(`${web.url}/api/v1/clusters`);
  expect(api.status()).toBe(503);
  expect(await api.json()).toEqual({ error: { code: 'unavailable', message: 'A data source did not answer.' } });

  // A transaction page reads only the chain: still served.
  const deployed = await publicClient.getBlock({ blockNumber: deployment().deployBlock, includeTransactions: true });
  const response = await page.goto(`${web.url}/tx/${deployed.transactions[0]!.hash}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByTestId('tx-page-status')).toHaveText('success');
});
