/**
 * Indexer benchmark (`npm run bench:indexer`). On a fresh anvil it generates BENCH_EVENTS ShareToken transfers (about
 * 100 per block: transactions sent in JSON-RPC batches with automine off, then one block mined), and measures in the
 * same run, on the same ranges: the node's raw eth_getLogs throughput (plain fetch + JSON.parse, no decoding), the
 * database's raw bulk load of the same rows (COPY, and multi-row INSERT of literals, on both; the faster counts), and
 * the indexer's backfill against the lower of the two. Each of these figures is the fastest of BENCH_RUNS (default 3)
 * timed runs after one untimed run, all taken the same way (see `measure`); the backfill's ratio is printed for the
 * medians of those runs too. Then the analytics chart queries on
 * 100 clusters × 365 days of hourly reports. PGlite always; PostgreSQL too when BENCH_DATABASE_URL or
 * TEST_DATABASE_URL is set. Ports: anvil on BENCH_ANVIL_PORT (default 8850). BENCH_PROFILE=<dir> writes a CPU profile
 * of each database's backfill runs there (`indexer-<database>.cpuprofile`, for Chrome's DevTools or `npx speedscope`).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { encodeFunctionData, type Hex, toEventSelector, toHex } from 'viem';
import { shareTokenAbi } from '#contracts';
import { clusterSeries, networkSeries } from '../db/analytics/series';
import { type DatabaseHandle, migrateDatabase, openDatabase } from '../db/database';
import { createScratchDatabase } from '../db/databases.test-kit';
import { startTestChain } from '../db/fixtures.test-kit';
import { createIndexer } from '../db/indexer/indexer';
import { emptyMirror } from '../db/mirror';
import { shareTransfers } from '../db/schema';
import { devAccount, devRoles } from '../devnet/accounts';
import { seedHourlyReports } from './seed';

const TOTAL_EVENTS = Number(process.env.BENCH_EVENTS ?? 100_000);
const PER_BLOCK = 100;
// 100 blocks × 100 logs ≈ 6 MB of JSON: under viem's 10 MB response limit.
const RANGE = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`BENCH_RUNS must be a positive integer, not ${RUNS}`);
const CHAIN_ID = 31_337;
const format = (value: number) => Math.round(value).toLocaleString('en-US');
const label = (name: string) => (name === 'pglite' ? 'PGlite' : 'PostgreSQL');

type RawLog = {
  address: string;
  topics: string[];
  data: string;
  blockNumber: string;
  blockHash: string;
  blockTimestamp?: string;
  transactionHash: string;
  logIndex: string;
};

/** The share_transfers rows of `logs` as CSV lines (column order of RAW_COLUMNS), built before any timing. */
const RAW_COLUMNS = ['chain_id', 'block_number', 'block_hash', 'log_index', 'transaction_hash', 'block_time'];
function rawRows(logs: RawLog[]) {
  return logs.map((log) => [
    String(CHAIN_ID),
    BigInt(log.blockNumber).toString(),
    log.blockHash,
    String(Number(log.logIndex)),
    log.transactionHash,
    new Date(Number(log.blockTimestamp ?? '0x0') * 1000).toISOString(),
    log.address,
    `0x${log.topics[1]!.slice(26)}`,
    `0x${log.topics[2]!.slice(26)}`,
    BigInt(log.data).toString(),
  ]);
}

type Query = (text: string, params?: unknown[], options?: { blob: Blob }) => Promise<unknown>;

/** A measured rate: the fastest and the median of RUNS timed runs. */
type Rate = { fastest: number; median: number };

/**
 * The rate of `run` (which returns how many events or rows it handled) over RUNS timed runs, after one untimed run
 * that warms what a long-running process has warm: the JIT, the connections and the database's caches. `reset` runs,
 * untimed, before every run. Every figure of this bench is taken this way, the ceilings and the indexer alike: on a
 * shared machine another process only ever slows a run down (single runs of the same code moved by ±15 %), so the
 * fastest of a few is the steadiest measure of each, and their ratio compares like with like; the median says how far
 * an ordinary run falls behind.
 */
async function measure(reset: () => Promise<unknown>, run: () => Promise<number>): Promise<Rate> {
  await reset();
  await run();
  const rates: number[] = [];
  for (let timed = 0; timed < RUNS; timed++) {
    await reset();
    const start = performance.now();
    const count = await run();
    rates.push(count / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { fastest: rates.at(-1)!, median: rates[Math.floor(rates.length / 2)]! };
}

/**
 * Loads the rows of `logs` into share_transfers by the database's raw bulk paths, prepared beforehand: COPY (from a
 * blob on PGlite, FROM STDIN through pg-copy-streams on PostgreSQL) and multi-row INSERTs of literal rows (1,000 per
 * statement, one transaction). Returns each path's rows per second (see `measure`).
 */
async function rawBulkLoad(handle: DatabaseHandle, name: string, logs: RawLog[]) {
  const config = getTableConfig(shareTransfers);
  const table = `"${config.schema ?? 'public'}"."${config.name}"`;
  const columns = [...RAW_COLUMNS, 'token', 'from', 'to', 'value'].map((column) => `"${column}"`).join(', ');
  const rows = rawRows(logs);
  const statements: string[] = [];
  for (let index = 0; index < rows.length; index += 1_000) {
    const values = rows
      .slice(index, index + 1_000)
      .map(
        (row) =>
          `(${row.map((value, column) => (column === 0 || column === 1 || column === 3 ? value : `'${value}'`)).join(', ')})`,
      );
    statements.push(`insert into ${table} (${columns}) values ${values.join(', ')}`);
  }
  const client = (handle.db as unknown as { $client: unknown }).$client;
  const rates: Record<string, Rate> = {};
  if (name === 'pglite') {
    const query = (client as { query: Query }).query.bind(client);
    const blob = new Blob([rows.map((row) => row.join(',')).join('\n')]);
    const truncate = () => query(`truncate ${table}`);
    rates.COPY = await measure(truncate, async () => {
      await query(`copy ${table} (${columns}) from '/dev/blob' with (format csv)`, [], { blob });
      return rows.length;
    });
    rates['multi-row INSERT'] = await measure(truncate, async () => {
      await query('begin');
      for (const statement of statements) await query(statement);
      await query('commit');
      return rows.length;
    });
    await truncate();
    return rates;
  }
  const pool = client as { connect: () => Promise<{ query: Query; release: () => void }> };
  const connection = await pool.connect();
  const query = connection.query.bind(connection);
  const csv = `${rows.map((row) => row.join(',')).join('\n')}\n`;
  const truncate = () => query(`truncate ${table}`);
  rates.COPY = await measure(truncate, async () => {
    await pipeline(
      Readable.from([csv]),
      (connection as unknown as { query: (stream: Writable) => Writable }).query(
        copyFrom(`copy ${table} (${columns}) from stdin with (format csv)`),
      ),
    );
    return rows.length;
  });
  rates['multi-row INSERT'] = await measure(truncate, async () => {
    await query('begin');
    for (const statement of statements) await query(statement);
    await query('commit');
    return rows.length;
  });
  await truncate();
  connection.release();
  return rates;
}

/** Runs `work` under the CPU profiler when BENCH_PROFILE names a directory; the profile goes there as `<name>.cpuprofile`. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const directory = process.env.BENCH_PROFILE;
  if (!directory) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(directory, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

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

  const ranges: [bigint, bigint][] = [];
  for (let start = from; start <= head; start += BigInt(RANGE)) {
    ranges.push([start, start + BigInt(RANGE) - 1n > head ? head : start + BigInt(RANGE) - 1n]);
  }
  const followed = [chain.contracts.clusterRegistry, chain.contracts.factory, sale.token, sale.offering];

  // Ceiling 1: the node's raw eth_getLogs answers for the same ranges and contracts, with plain fetch + JSON.parse
  // (no viem, no decoding), 4 requests in flight.
  const rawGetLogs = async (start: bigint, end: bigint) => {
    const response = await fetch(chain.rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'eth_getLogs',
        params: [{ address: followed, fromBlock: toHex(start), toBlock: toHex(end) }],
      }),
    });
    return (JSON.parse(await response.text()) as { result: RawLog[] }).result;
  };
  // The logs of the last run are the rows of the raw bulk loads below.
  let rawLogs: RawLog[] = [];
  const fetchRate = await measure(
    async () => {
      rawLogs = [];
    },
    async () => {
      let nextRange = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (nextRange < ranges.length) rawLogs.push(...(await rawGetLogs(...ranges[nextRange++]!)));
        }),
      );
      return rawLogs.length;
    },
  );
  console.log(`each figure below: the fastest of ${RUNS} timed runs, after one untimed run`);
  console.log(`raw eth_getLogs (fetch + JSON.parse, 4 in flight): ${format(fetchRate.fastest)} events/s`);
  const transferTopic = toEventSelector('Transfer(address,address,uint256)');
  const transfers = rawLogs.filter((log) => log.topics.length === 3 && log.topics[0] === transferTopic);
  const log = pino({ level: 'silent' });

  for (const target of targets) {
    // Ceiling 2: the same number of rows into the same table by the database's raw bulk paths (see rawBulkLoad).
    const raw = await target.open();
    const loadRates = await rawBulkLoad(raw, target.name, transfers);
    await raw.close();
    for (const [path, rate] of Object.entries(loadRates)) {
      console.log(`raw bulk load (${label(target.name)}, ${path}): ${format(rate.fastest)} rows/s`);
    }
    // The database's ceiling is its fastest raw path: a slower one is no limit the indexer must stay under.
    const loadRate = Object.values(loadRates).reduce((best, rate) => (rate.fastest > best.fastest ? rate : best));

    // The indexer's backfill of the whole chain, into the same database each run (emptied before it, as
    // `npm run db:reindex` does), by a new indexer each run.
    const handle = await target.open();
    const backfill = async () => {
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
      const { events } = await indexer.catchUp();
      if (events < TOTAL_EVENTS)
        throw new Error(`the backfill indexed ${events} events, fewer than the chain's transfers`);
      return events;
    };
    const indexRate = await profiled(`indexer-${target.name}`, () => measure(() => emptyMirror(handle.db), backfill));
    await handle.close();
    const ratio = (which: keyof Rate, name: string) => {
      const lower =
        loadRate[which] <= fetchRate[which]
          ? `raw bulk load ${format(loadRate[which])} rows/s; raw getLogs ${format(fetchRate[which])} events/s`
          : `raw getLogs ${format(fetchRate[which])} events/s; raw bulk load ${format(loadRate[which])} rows/s`;
      const ceiling = Math.min(fetchRate[which], loadRate[which]);
      console.log(
        `${name} (${label(target.name)}): ${format(indexRate[which])} events/s (${(indexRate[which] / ceiling).toFixed(2)}x ceiling = ${lower})`,
      );
    };
    ratio('fastest', 'indexer backfill');
    ratio('median', `indexer backfill, medians of ${RUNS} runs`);
  }
} finally {
  await chain.stop();
}

// Analytics: 100 clusters × 365 days of hourly reports, chart queries timed 50 times each (BENCH_ANALYTICS=0 skips
// them, for a profile of the backfill alone).
const end = new Date('2030-01-01T00:00:00Z');
for (const target of process.env.BENCH_ANALYTICS === '0' ? [] : targets) {
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
