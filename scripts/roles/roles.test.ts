/**
 * The roles as separate processes on one PostgreSQL database (`npm start -- --role …`): one indexer and two web
 * processes against anvil. Both webs serve what the indexer mirrored, each answers `/health` and `/metrics`, and every
 * one stops with exit 0 on SIGTERM. PostgreSQL only: skipped without TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase } from '../../db/databases.test-kit';
import { runScenario, startTestChain, type TestChain } from '../../db/fixtures.test-kit';
import { testPort } from '../../devnet/ports';
import { exited, json, type Role, running, startRole } from '../../devnet/processes';
import { appBuildIsStale, buildApp } from '../stack/web';

const postgresUrl = process.env.TEST_DATABASE_URL;

describe('a web role on PGlite', () => {
  it('is refused with one sentence before anything starts', async () => {
    const web = startRole('web', { DATABASE_URL: '' });
    expect(await exited(web.child)).toBe(1);
    expect(web.output()).toContain(
      'error: Invalid configuration: --role web needs DATABASE_URL (PostgreSQL): a PGlite data directory can be opened by one process only, so run --role all for PGlite.',
    );
  });
});

describe.skipIf(!postgresUrl)('an indexer and two web processes on one PostgreSQL database', () => {
  let chain: TestChain | undefined;
  const roles: Role[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(() => {
    if (appBuildIsStale()) buildApp();
  });

  afterAll(async () => {
    for (const role of roles) if (running(role.child)) role.child.kill();
    await Promise.all(roles.map((role) => exited(role.child)));
    for (const cleanup of cleanups.reverse()) await cleanup();
    await chain?.stop();
  });

  it('serves the mirror from both webs, reports health per role, and stops each on SIGTERM', {
    timeout: 180_000,
  }, async () => {
    chain = await startTestChain(testPort(8864));
    await runScenario(chain);
    const scratch = await createScratchDatabase(postgresUrl!);
    cleanups.push(scratch.drop);
    const shared = {
      DATABASE_URL: scratch.url,
      ANVIL_PORT: String(testPort(8864)),
      DEPLOYMENTS_DIR: chain.deploymentDirectory,
      SESSION_SECRET: 's'.repeat(40),
    };
    const poll = { timeout: 90_000, interval: 250 };
    const indexer = startRole('indexer', { ...shared, INDEXER_METRICS_PORT: String(testPort(8869)) });
    roles.push(indexer);
    const webs = [0, 1].map((index) => {
      const port = testPort(8865 + index);
      const role = startRole('web', { ...shared, PORT: String(port), STATUS_PORT: String(testPort(8867 + index)) });
      roles.push(role);
      return { role, port, status: testPort(8867 + index) };
    });

    await expect
      .poll(() => json(`http://127.0.0.1:${testPort(8869)}/health`), poll)
      .toEqual({ status: 200, body: { ok: true, role: 'indexer', status: 'indexing' } });
    const head = await chain.publicClient.getBlockNumber();
    await expect
      .poll(async () => {
        const text = await fetch(`http://127.0.0.1:${testPort(8869)}/metrics`).then((response) => response.text());
        return text.split('\n').find((line) => line.startsWith('rackshare_indexer_indexed_block '));
      }, poll)
      .toBe(`rackshare_indexer_indexed_block ${head}`);

    for (const web of webs) {
      await expect
        .poll(() => json(`http://127.0.0.1:${web.status}/health`), poll)
        .toEqual({ status: 200, body: { ok: true, role: 'web', status: 'serving' } });
      const metrics = await fetch(`http://127.0.0.1:${web.status}/metrics`).then((response) => response.text());
      expect(metrics).toMatch(/^rackshare_web_process_cpu_seconds_total \d/m);
      // The scenario's two clusters, as registered on the chain (devnet/scenario.ts), from either web.
      await expect
        .poll(async () => {
          const answer = (await json(`http://127.0.0.1:${web.port}/api/v1/clusters`, `localhost:${web.port}`)) as {
            status: number;
            body: { total: number; clusters: { clusterId: string; gpuModel: string; gpuCount: number }[] };
          };
          return answer.body?.clusters
            ?.map(({ clusterId, gpuModel, gpuCount }) => ({ clusterId, gpuModel, gpuCount }))
            .sort((a, b) => a.clusterId.localeCompare(b.clusterId));
        }, poll)
        .toEqual([
          { clusterId: '1', gpuModel: 'NVIDIA H100 SXM5 80GB', gpuCount: 8 },
          { clusterId: '2', gpuModel: 'NVIDIA A100 80GB', gpuCount: 16 },
        ]);
    }

    for (const role of roles) role.child.kill('SIGTERM');
    for (const role of roles) expect(await exited(role.child), role.output()).toBe(0);
    for (const role of roles) expect(role.output()).toContain('stopped cleanly');
  });
});
