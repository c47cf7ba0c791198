/**
 * Indexer benchmark (`npm run bench:indexer`). On a fresh anvil it generates BENCH_EVENTS ShareToken transfers (about
 * 100 per block: transactions sent in JSON-RPC batches with automine off, then one block mined), and measures on the
 * same range: the raw eth_getLogs fetch + decode throughput, the database's raw bulk-insert throughput for the same
 * rows, and the indexer's throughput, against the lower of the two ceilings. Then the analytics chart queries on
 * 100 clusters × 365 days of hourly reports. PGlite always; PostgreSQL too when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set. Ports: anvil on BENCH_ANVIL_PORT (default 8850).
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { encodeFunctionData, type Hex, toHex } from 'viem';
import { shareTokenAbi } from '#contracts';
import { clusterSeries, networkSeries } from '../db/analytics/index';
import { seedHourlyReports } from '../db/analytics/seed';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../db/index';
import { decodeLogs } from '../db/indexer/decode';
import { createIndexer } from '../db/indexer/index';
import { insertRows } from '../db/indexer/store';
import { shareTransfers } from '../db/schema';
import { createScratchDatabase } from '../db/test-databases';
import { startTestChain } from '../db/test-fixtures';
import { devAccount, devRoles } from '../scripts/stack/dev-accounts';

const TOTAL_EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const PER_BLOCK = 100;
// 100 blocks × 100 logs ≈ 6 MB of JSON: under viem's 10 MB response limit.
const RANGE = 100;
const CHAIN_ID = 31_337;
const format = (value: number) => Math.round(value).toLocaleString('en-US');

type Target = { name: string; open: () => Promise<DatabaseHandle> };
const targets: Target[] = [
  {
    name: 'pglite',
    open: async () => {
      const handle = await openDatabase({ kind: 'pglite', dataDir: null });
      await migrateDatabase(handle);
      return handle;
    },
  },
];
const postgresUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (postgresUrl) {
  targets.push({
    name: 'postgres',
    open: async () => {
      const scratch = await createScratchDatabase(postgresUrl);
      const handle = await openDatabase({ kind: 'postgres', url: scratch.url });
      await migrateDatabase(handle);
      return { ...handle, close: () => handle.close().then(scratch.drop) };
    },
  });
}

const chain = await startTestChain(Number(process.env.BENCH_ANVIL_PORT ?? 8850));
try {
  // One tokenized cluster whose investor holds every share and then pays them out in small transfers.
  const operator = devRoles.operators[0];
  const investor = devRoles.investors[0];
  const clusterId = await chain.registerCluster(operator, {
    gpuModel: 'NVIDIA H100',
    gpuCount: 8,
    location: 'KR-SEL-01',
  });
  await chain.attest(clusterId);
  const sale = await chain.tokenize(operator, clusterId, 1_000n, 1_000n);
  await chain.buy(investor, sale.offering, 1_000n);
  await chain.finalize(operator, sale.offering);
  await chain.withdrawShares(investor, sale.offering);

  const sender = devAccount(investor).address;
  const generationStart = performance.now();
  await chain.publicClient.request({ method: 'evm_setAutomine' as never, params: [false] as never });
  for (let sent = 0; sent < TOTAL_EVENTS; sent += PER_BLOCK) {
    const batch = Array.from({ length: PER_BLOCK }, (_, index) => ({
      jsonrpc: '2.0',
      id: index,
      method: 'eth_sendTransaction',
      params: [
        {
          from: sender,
          to: sale.token,
          gas: toHex(120_000),
          data: encodeFunctionData({
            abi: shareTokenAbi,
            functionName: 'transfer',
            args: [`0x${(1_000 + ((sent + index) % 5_000)).toString(16).padStart(40, '0')}` as Hex, 1n],
          }),
        },
      ],
    }));
    const response = await fetch(chain.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    const answers = (await response.json()) as { error?: { message: string } }[];
    const failed = answers.find((answer) => answer.error);
    if (failed) throw new Error(`eth_sendTransaction failed: ${failed.error!.message}`);
    await chain.publicClient.request({ method: 'anvil_mine' as never, params: ['0x1', '0x1'] as never });
  }
  await chain.publicClient.request({ method: 'evm_setAutomine' as never, params: [true] as never });
  const head = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  const from = chain.deployment.deployBlock;
  console.log(
    `generated: ${format(TOTAL_EVENTS)} transfers in ${format((performance.now() - generationStart) / 1000)} s`,
  );

  // Ceiling 1: fetch + decode (once, with the indexer's decoder), no storage, same range size as the indexer.
  const known = {
    registry: '',
    factory: '',
    stablecoin: '',
    tokens: new Map([[sale.token.toLowerCase(), { clusterId, address: sale.token }]]),
    offerings: new Map(),
  };
  const fetchStart = performance.now();
  const rows: (typeof shareTransfers.$inferInsert)[] = [];
  for (let start = from; start <= head; start += BigInt(RANGE)) {
    const end = start + BigInt(RANGE) - 1n > head ? head : start + BigInt(RANGE) - 1n;
    const logs = await chain.publicClient.getLogs({ address: sale.token, fromBlock: start, toBlock: end });
    rows.push(...decodeLogs(CHAIN_ID, logs, known, () => new Date()).rows.shareTransfers);
  }
  const fetched = rows.length;
  const fetchRate = fetched / ((performance.now() - fetchStart) / 1000);
  console.log(`eth_getLogs fetch+parse: ${format(fetchRate)} events/s`);
  const log = pino({ level: 'silent' });

  for (const target of targets) {
    // Ceiling 2: the same rows into the same table, bulk-inserted with the indexer's own insert (unnest), no chain.
    const raw = await target.open();
    const insertStart = performance.now();
    await raw.db.transaction((tx) => insertRows(tx, shareTransfers, rows));
    const insertRate = rows.length / ((performance.now() - insertStart) / 1000);
    await raw.close();
    console.log(`bulk insert (${target.name}): ${format(insertRate)} rows/s`);

    const handle = await target.open();
    const indexer = createIndexer({
      db: handle.db,
      publicClient: chain.publicClient,
      chainId: CHAIN_ID,
      contracts: chain.contracts,
      deployBlock: from,
      maxBlockRange: RANGE,
      signal: new AbortController().signal,
      log,
    });
    const indexStart = performance.now();
    const { events } = await indexer.catchUp();
    const indexRate = events / ((performance.now() - indexStart) / 1000);
    await handle.close();
    const ceiling = Math.min(fetchRate, insertRate);
    console.log(
      `indexer (${target.name}): ${format(indexRate)} events/s (${(indexRate / ceiling).toFixed(2)}x ceiling)`,
    );
  }
} finally {
  await chain.stop();
}

// Analytics: 100 clusters × 365 days of hourly reports, chart queries timed 50 times each.
const end = new Date('2030-01-01T00:00:00Z');
for (const target of targets) {
  const handle = await target.open();
  const seedStart = performance.now();
  await seedHourlyReports(handle.db, { chainId: CHAIN_ID, clusters: 100, days: 365, end });
  console.log(
    `analytics seed (${target.name}): ${format(100 * 365 * 24)} reports in ${format((performance.now() - seedStart) / 1000)} s`,
  );
  const year = { chainId: CHAIN_ID, from: new Date(end.getTime() - 365 * 86_400_000), to: end };
  const month = { chainId: CHAIN_ID, from: new Date(end.getTime() - 30 * 86_400_000), to: end };
  const charts: [string, () => Promise<unknown[]>][] = [
    ['network utilization chart, 365 days daily', () => networkSeries(handle.db, { ...year, granularity: 'day' })],
    ['network utilization chart, 30 days hourly', () => networkSeries(handle.db, { ...month, granularity: 'hour' })],
    ['cluster chart, 365 days daily', () => clusterSeries(handle.db, { ...year, granularity: 'day', clusterId: 42n })],
    [
      'cluster chart, 30 days hourly',
      () => clusterSeries(handle.db, { ...month, granularity: 'hour', clusterId: 42n }),
    ],
  ];
  for (const [name, run] of charts) {
    const timings: number[] = [];
    for (let attempt = 0; attempt < 55; attempt++) {
      const start = performance.now();
      const points = await run();
      if (points.length === 0) throw new Error(`${name} returned nothing`);
      if (attempt >= 5) timings.push(performance.now() - start);
    }
    timings.sort((a, b) => a - b);
    console.log(`${name} p95 (${target.name}): ${timings[Math.floor(timings.length * 0.95)]!.toFixed(1)} ms`);
  }
  await handle.close();
}
