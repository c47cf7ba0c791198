/**
 * Past one machine, end to end (issue 17): a PostgreSQL primary and a real streaming replica (`pg_basebackup`), anvil
 * with the protocol and a scenario, one `indexer` and two `web` processes whose reads go to the replica. A sign-in
 * nonce issued by web A is accepted by web B, a note written through web B reads back through web A; the indexer
 * killed with SIGKILL is taken over by a second one and the mirror equals a clean re-index; once the replica has
 * replayed the primary's writes, the API it serves equals the primary's. PostgreSQL only: skipped without
 * TEST_DATABASE_URL or without the server binaries (pg_basebackup, pg_ctl) of the server's version.
 */
import { request as httpRequest } from 'node:http';
import pg from 'pg';
import { createSiweMessage } from 'viem/siwe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '#db';
import { testDatabases } from '#db/databases.test-kit';
import { dumpMirror } from '#db/dump';
import { catchUpMirror, runScenario, startTestChain, type TestChain } from '#db/fixtures.test-kit';
import { devAccount, devRoles } from '../../devnet/accounts';
import { testPort } from '../../devnet/ports';
import { exited, json, metric, type Role, running, startRole } from '../../devnet/processes';
import { appBuildIsStale, buildApp } from '../stack/web';
import { type StreamingReplica, startStreamingReplica, streamingReplicaSupport } from './streaming-replica.test-kit';

const postgresUrl = process.env.TEST_DATABASE_URL;
const { binaries, skipReason } = await streamingReplicaSupport(postgresUrl);
if (skipReason) console.warn(`multi-process test skipped: ${skipReason}`);

/** The test's own database on the primary, recreated each run before the base backup so the replica has it. */
const DATABASE = `rackshare_multi_test${process.env.TEST_PORT_OFFSET ?? ''}`;
const port = {
  anvil: testPort(8870),
  replica: testPort(8871),
  indexers: [testPort(8872), testPort(8873)],
  webs: [testPort(8874), testPort(8875), testPort(8876)],
  statuses: [testPort(8877), testPort(8878), testPort(8879)],
};
const operator = devAccount(devRoles.operators[0]);
const poll = { timeout: 120_000, interval: 250 };

const databaseUrl = (name: string) => {
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return url.toString();
};

async function sql<Row>(url: string, text: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as Row[];
  } finally {
    await client.end();
  }
}

type Answer = { status: number; setCookies: string[]; body: unknown };

/**
 * One request over node:http (fetch would drop the Host header): every web sits behind one public origin, web A's, as
 * behind a load balancer, so each is addressed with that Host and Origin.
 */
function send(webPort: number, path: string, options: { form?: Record<string, string>; cookie?: string } = {}) {
  const origin = `http://localhost:${port.webs[0]}`;
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise<Answer & { text: string }>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port: webPort,
        path,
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          host: `localhost:${port.webs[0]}`,
          ...(body === undefined ? {} : { origin, 'content-type': 'application/x-www-form-urlencoded' }),
          ...(options.cookie ? { cookie: options.cookie } : {}),
        },
      },
      (response) => {
        const parts: Buffer[] = [];
        response.on('data', (part: Buffer) => parts.push(part));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(parts).toString();
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({
            status: response.statusCode!,
            setCookies: response.headers['set-cookie'] ?? [],
            body: parsed,
            text,
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const post = (webPort: number, path: string, form: Record<string, string>, cookie?: string) =>
  send(webPort, path, { form, cookie });

const cookiesOf = (answer: Answer) => answer.setCookies.map((line) => line.split(';')[0]!).join('; ');

/** The highest block the mirror behind `url` has indexed. */
const indexedBlock = async (url: string) =>
  (await sql<{ number: string | null }>(url, 'select max(number)::text as number from mirror.indexed_blocks'))[0]
    ?.number;

describe.skipIf(skipReason !== undefined)('web, indexer and a streaming replica as separate processes', () => {
  let chain: TestChain | undefined;
  let replica: StreamingReplica | undefined;
  const roles: Role[] = [];

  beforeAll(async () => {
    if (appBuildIsStale()) buildApp();
    await sql(postgresUrl!, `drop database if exists ${DATABASE} with (force)`);
    await sql(postgresUrl!, `create database ${DATABASE}`);
    replica = startStreamingReplica({ primaryUrl: postgresUrl!, binaries: binaries!, port: port.replica });
  }, 300_000);

  afterAll(async () => {
    for (const role of roles) if (running(role.child)) role.child.kill('SIGKILL');
    await Promise.all(roles.map((role) => exited(role.child)));
    await chain?.stop();
    await replica?.stop();
    await sql(postgresUrl!, `drop database if exists ${DATABASE} with (force)`);
  }, 120_000);

  it('shares sign-in across webs, survives a killed indexer, and serves from the replica what the primary holds', {
    timeout: 600_000,
  }, async () => {
    chain = await startTestChain(port.anvil);
    const testChain = chain;
    await runScenario(testChain);
    const primaryUrl = databaseUrl(DATABASE);
    const replicaUrl = replica!.url(DATABASE);
    const shared = {
      DATABASE_URL: primaryUrl,
      ANVIL_PORT: String(port.anvil),
      DEPLOYMENTS_DIR: testChain.deploymentDirectory,
      SESSION_SECRET: 's'.repeat(40),
    };
    const startIndexer = (index: number) => {
      const role = startRole('indexer', {
        ...shared,
        // A test anvil: nothing reorganizes.
        INDEXER_CONFIRMATIONS: '0',
        INDEXER_POLL_INTERVAL_MS: '100',
        INDEXER_LOCK_POLL_MS: '200',
        INDEXER_METRICS_PORT: String(port.indexers[index]),
      });
      roles.push(role);
      return role;
    };
    const indexerHealth = (index: number) => json(`http://127.0.0.1:${port.indexers[index]}/health`);
    const indexed = async (index: number) => {
      const text = await fetch(`http://127.0.0.1:${port.indexers[index]}/metrics`)
        .then((response) => response.text())
        .catch(() => '');
      return text.split('\n').find((line) => line.startsWith('rackshare_indexer_indexed_block '));
    };
    // Webs A and B read from the replica; web C (no replica) answers from the primary, for the comparison.
    const startWeb = (index: number, readUrls: string) => {
      const role = startRole('web', {
        ...shared,
        DATABASE_READ_URLS: readUrls,
        PUBLIC_ORIGIN: `http://localhost:${port.webs[0]}`,
        PORT: String(port.webs[index]),
        STATUS_PORT: String(port.statuses[index]),
      });
      roles.push(role);
      return role;
    };

    const firstIndexer = startIndexer(0);
    await expect
      .poll(() => indexerHealth(0), poll)
      .toEqual({ status: 200, body: { ok: true, role: 'indexer', status: 'indexing' } });
    const head = await testChain.publicClient.getBlockNumber();
    await expect.poll(() => indexed(0), poll).toBe(`rackshare_indexer_indexed_block ${head}`);

    const webs = [startWeb(0, replicaUrl), startWeb(1, replicaUrl), startWeb(2, '')];
    const clusters = async (webPort: number) => {
      const answer = await send(webPort, '/api/v1/clusters').catch(() => 'down' as const);
      return answer === 'down' ? answer : { status: answer.status, body: answer.body as { total: number } };
    };
    // The status server answers first; each web then listens on its own port.
    for (const index of webs.keys()) {
      await expect
        .poll(() => json(`http://127.0.0.1:${port.statuses[index]}/health`), poll)
        .toEqual({ status: 200, body: { ok: true, role: 'web', status: 'serving' } });
      await expect.poll(async () => (await clusters(port.webs[index]!)) !== 'down', poll).toBe(true);
    }

    // Sign in: the nonce from web A, the signed message to web B (B checks the nonce with the shared SESSION_SECRET and spends it in the primary).
    const [webA, webB] = port.webs as [number, number];
    const issued = await post(webA, '/operator/session', { intent: 'nonce' });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const { nonce } = issued.body as { nonce: string };
    const message = createSiweMessage({
      address: operator.address,
      chainId: 31_337,
      domain: `localhost:${webA}`,
      uri: `http://localhost:${webA}`,
      nonce,
      version: '1',
      issuedAt: new Date(),
    });
    const signedIn = await post(
      webB,
      '/operator/session',
      { intent: 'signIn', message, signature: await operator.signMessage({ message }) },
      cookiesOf(issued),
    );
    expect(signedIn, JSON.stringify(signedIn.body)).toMatchObject({ status: 200, body: { address: operator.address } });
    const session = cookiesOf(signedIn);
    expect(session).toMatch(/rackshare_siwe=/);

    // A note written through web B, read back through web A (the operator's own writes are read from the primary).
    const body = 'Rack 4 gets new PDUs on Friday.';
    const saved = await post(webB, '/operator/1', { intent: 'saveNote', body }, session);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const readBack = await send(webA, '/operator/1.data?_routes=routes%2Foperator.%24clusterId', { cookie: session });
    expect(readBack.status).toBe(200);
    const readText = readBack.text;
    expect(readText).toContain(body);
    expect(await sql<{ body: string }>(primaryUrl, 'select body from cluster_notes where cluster_id = 1')).toEqual([
      { body },
    ]);

    // A second indexer stands by behind the first; SIGKILL the first (no clean-up runs: PostgreSQL drops its connection
    // and the advisory lock with it), make new chain events, and the second takes over from the cursor the first left.
    const secondIndexer = startIndexer(1);
    await expect
      .poll(() => indexerHealth(1), poll)
      .toEqual({ status: 200, body: { ok: true, role: 'indexer', status: 'standby' } });
    firstIndexer.child.kill('SIGKILL');
    await exited(firstIndexer.child);
    await testChain.registerCluster(devRoles.operators[0], {
      gpuModel: 'NVIDIA H200 141GB',
      gpuCount: 8,
      location: 'KR-SEL-02',
    });
    await expect
      .poll(() => indexerHealth(1), poll)
      .toEqual({ status: 200, body: { ok: true, role: 'indexer', status: 'indexing' } });
    await expect.poll(() => secondIndexer.output(), poll).toContain('took the indexer lock over');
    const newHead = await testChain.publicClient.getBlockNumber();
    expect(newHead).toBeGreaterThan(head);
    await expect.poll(() => indexed(1), poll).toBe(`rackshare_indexer_indexed_block ${newHead}`);

    // The mirror equals a clean re-index of the same chain.
    const mirrored = await openDatabase({ kind: 'postgres', url: primaryUrl });
    const clean = await testDatabases[0]!.open();
    try {
      await catchUpMirror(testChain, clean.db);
      const expected = await dumpMirror(clean.db);
      expect(expected.clusters?.length).toBe(3);
      expect(await dumpMirror(mirrored.db)).toEqual(expected);
    } finally {
      await mirrored.close();
      await clean.close();
    }

    // The replica replays up to the primary's position after the writes, then serves the same figures.
    const [{ lsn }] = (await sql<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn')) as [
      { lsn: string },
    ];
    await expect
      .poll(
        async () =>
          (
            await sql<{ replayed: boolean }>(
              replicaUrl,
              'select pg_is_in_recovery() and pg_last_wal_replay_lsn() >= $1::pg_lsn as replayed',
              [lsn],
            )
          )[0]?.replayed,
        poll,
      )
      .toBe(true);
    expect(await indexedBlock(replicaUrl)).toBe(newHead.toString());
    expect(await indexedBlock(primaryUrl)).toBe(newHead.toString());
    // Every web caches the market table for a moment (per process): poll until web C, on the primary, shows the
    // cluster registered after the takeover, then until webs A and B, on the replica, answer exactly the same.
    await expect
      .poll(async () => {
        const answer = await clusters(port.webs[2]!);
        return answer === 'down' ? answer : answer.body.total;
      }, poll)
      .toBe(3);
    const fromPrimary = await clusters(port.webs[2]!);
    expect(fromPrimary).toMatchObject({ status: 200, body: { total: 3 } });
    for (const web of [webA, webB]) await expect.poll(() => clusters(web), poll).toEqual(fromPrimary);
    // Webs A and B did read from the replica: their probes keep it in rotation (out of it, reads go to the primary).
    for (const index of [0, 1]) {
      const metrics = `http://127.0.0.1:${port.statuses[index]}/metrics`;
      expect(await metric(metrics, 'rackshare_web_replica_in_rotation', { replica: '0' })).toBe(1);
    }

    for (const role of [secondIndexer, ...webs]) role.child.kill('SIGTERM');
    for (const role of [secondIndexer, ...webs]) expect(await exited(role.child), role.output()).toBe(0);
  });
});
