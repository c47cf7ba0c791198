/**
 * Web benchmark (`npm run bench:web`): 1,000 clusters (half tokenized, with sales) and a year of daily rollups seeded
 * straight into an in-memory PGlite, the built app served by the real server (scripts/stack/web.ts) with an
 * ephemeral anvil as its chain, then autocannon at BENCH_CONNECTIONS (20) connections for BENCH_SECONDS (10) per
 * page: first as deployed (the shared cache reuses a page's rendering for a second), then with the shared cache off
 * (every request rendered: what a page nobody asked for in the last second costs), summed up in the full-render line
 * with its target (issue 12). A run with `Cache-Control: no-cache` and a made-up cookie shows that an anonymous
 * visitor cannot bypass the shared cache (review M-8). Also prints the first-load JavaScript of `/` (gzip): the entry module, the root and index route modules and
 * their static imports, as listed in Remix's browser manifest (what the page modulepreloads), and the CPU time per
 * answered request (steadier than req/s on a machine shared with other jobs). Ports: anvil on
 * BENCH_ANVIL_PORT (8950), HTTP on BENCH_PORT (4350).
 */

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { parseWebEnv } from '../config/web';
import { indexedCursor, marketRows } from '../db/analytics/market';
import { migrateDatabase, openDatabase } from '../db/database';
import { startTestChain } from '../db/fixtures.test-kit';
import { appBuildIsStale, buildApp, startWeb } from '../scripts/stack/web';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 1_000);
const DAYS = 365;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ANVIL_PORT = Number(process.env.BENCH_ANVIL_PORT ?? 8950);
const PORT = Number(process.env.BENCH_PORT ?? 4350);
const CHAIN_ID = 31_337;
/** `full` measures only the full render (and its tail causes): a short run to compare changes, not the report. */
const ONLY_FULL = process.env.BENCH_ONLY === 'full';
/**
 * `render`: BENCH_RENDERS (300) sequential full renders of /clusters through the real server and the CPU each costs
 * (renderCost): the CPU per render of the server process, on one core; with BENCH_PROFILE, a CPU profile of them.
 */
const ONLY_RENDER = process.env.BENCH_ONLY === 'render';
const RENDERS = Number(process.env.BENCH_RENDERS ?? 300);
/** With `render`: the page to render (another query of the market, to compare its cost with the default one's). */
const RENDER_PATH = process.env.BENCH_RENDER_PATH ?? '/clusters';
/** With `render`: a PGlite directory seeded by the first such run and reused by the next (seeding takes the longest). */
const RENDER_DATA_DIR = ONLY_RENDER ? process.env.BENCH_DATA_DIR : undefined;
/**
 * With `render`: a file to write a CPU profile of the measured renders to (no start-up, no seeding, no warm-up, unlike
 * `node --cpu-prof`); open it in Chrome's DevTools or read it bottom-up.
 */
const RENDER_PROFILE = ONLY_RENDER ? process.env.BENCH_PROFILE : undefined;
/** With `render`: a folder to save the HTML of a few /clusters variants in, to compare the pages before and after a change. */
const RENDER_HTML_DIR = ONLY_RENDER ? process.env.BENCH_HTML_DIR : undefined;
const HTML_VARIANTS: [name: string, path: string, headers: Record<string, string>][] = [
  ['clusters', '/clusters', {}],
  ['clusters-zh', '/clusters', { 'accept-language': 'zh-CN' }],
  ['clusters-filtered', '/clusters?sort=apr&order=desc&model=NVIDIA+H100+SXM5+80GB', {}],
  ['clusters-page3', '/clusters?page=3&sort=price&order=asc', {}],
  ['clusters-empty', '/clusters?q=nothing-matches-this', {}],
  ['clusters-bad-query', '/clusters?sort=nope', {}],
];

/** Clusters over 4 GPU models and 5 IDCs; every other one tokenized with a sale 0-100 % sold; a year of rollups. */
async function seed(db: Awaited<ReturnType<typeof openDatabase>>['db']) {
  const now = Math.floor(Date.now() / 1000);
  const hash = (expression: string) => sql.raw(`'0x' || lpad(to_hex(${expression}), 64, '0')`);
  const address = (expression: string) => sql.raw(`'0x' || lpad(to_hex(${expression}), 40, '0')`);
  await db.execute(sql`
    insert into mirror.clusters (chain_id, cluster_id, operator, gpu_model, location, gpu_count, hardware_root, metadata_uri,
      metadata_hash, status, registered_at, registered_block, attested_at, attested_until, last_epoch, last_report_at)
    select ${CHAIN_ID}, c, ${address('1 + c % 3')},
      (array['NVIDIA H100 SXM5 80GB','NVIDIA H200 141GB','NVIDIA A100 80GB','NVIDIA L40S'])[1 + c % 4],
      (array['KR-SEL-01','KR-PUS-02','US-NYC-02','DE-FRA-01','SG-SIN-01'])[1 + c % 5], 8 * (1 + c % 4),
      ${hash('c')}, '', ${hash('0')}, case when c % 17 = 0 then 'suspended' else 'attested' end,
      to_timestamp(${now - DAYS * 86_400}), c, to_timestamp(${now} - c * 60), to_timestamp(${now} + 86400 * (c % 40) - 86400 * 5),
      ${now} - ${now} % 3600, to_timestamp(${now} - c * 7)
    from generate_series(1, ${CLUSTERS}) as c`);
  const logColumns = (block: string) =>
    sql.raw(
      `${CHAIN_ID}, ${block}, '0x' || lpad(to_hex(${block}), 64, '0'), 0, '0x' || lpad(to_hex(${block}), 64, '0'), now()`,
    );
  await db.execute(sql`
    insert into mirror.share_tokens (chain_id, block_number, block_hash, log_index, transaction_hash, block_time, token,
      cluster_id, offering, operator, name, symbol, supply)
    select ${logColumns('c')}, ${address('100000 + c')}, c, ${address('200000 + c')}, ${address('1 + c % 3')},
      'Cluster ' || c || ' shares', 'RS' || c, 1000 * 10::numeric ^ 18
    from generate_series(2, ${CLUSTERS}, 2) as c`);
  await db.execute(sql`
    insert into mirror.offerings (chain_id, block_number, block_hash, log_index, transaction_hash, block_time, offering, token,
      cluster_id, price_per_share, sale_start, sale_end, soft_cap, per_buyer_cap)
    select ${logColumns('c')}, ${address('200000 + c')}, ${address('100000 + c')}, c, 10000000 + c * 1000,
      now(), now() + interval '1 day', 0, 0
    from generate_series(2, ${CLUSTERS}, 2) as c`);
  await db.execute(sql`
    insert into mirror.offering_events (chain_id, block_number, block_hash, log_index, transaction_hash, block_time, offering,
      kind, account, shares, amount, total_sold, total_raised)
    select ${logColumns('1000000 + c')}, ${address('200000 + c')}, 'purchased', ${address('7')},
      (c % 101) * 10 * 10::numeric ^ 18, 0, (c % 101) * 10 * 10::numeric ^ 18, 0
    from generate_series(2, ${CLUSTERS}, 2) as c`);
  // Daily rollups per cluster (24 reports a day), then the model, IDC and network rows summed from them.
  await db.execute(sql`
    insert into mirror.rollups (chain_id, granularity, dimension, key, bucket, report_count, utilization_bps_sum,
      gpu_hours_milli, gpus_online_sum, revenue_reported, deposit_count, revenue_deposited)
    select ${CHAIN_ID}, 'day', 'cluster', c::text, date_trunc('day', now(), 'UTC') - d * interval '1 day', 24,
      24 * (4000 + (c * 37 + d * 11) % 6000), 8 * 24 * (4000 + (c * 37 + d * 11) % 6000) / 10, 24 * 8,
      (4000 + (c * 37 + d * 11) % 6000) * 48000, 1, (4000 + (c * 37 + d * 11) % 6000) * 45000
    from generate_series(1, ${CLUSTERS}) as c, generate_series(0, ${DAYS - 1}) as d`);
  for (const [dimension, key] of [
    ['gpu_model', 'c.gpu_model'],
    ['location', 'c.location'],
    ['network', "''"],
  ] as const) {
    await db.execute(sql`
      insert into mirror.rollups (chain_id, granularity, dimension, key, bucket, report_count, utilization_bps_sum,
        gpu_hours_milli, gpus_online_sum, revenue_reported, deposit_count, revenue_deposited)
      select r.chain_id, 'day', ${dimension}, ${sql.raw(key)}, r.bucket, sum(r.report_count), sum(r.utilization_bps_sum),
        sum(r.gpu_hours_milli), sum(r.gpus_online_sum), sum(r.revenue_reported), sum(r.deposit_count),
        sum(r.revenue_deposited)
      from mirror.rollups r join mirror.clusters c on c.chain_id = r.chain_id and c.cluster_id::text = r.key
      where r.dimension = 'cluster' group by 1, 2, 3, 4, 5`);
  }
  await db.execute(sql`analyze`);
}

/**
 * RENDERS requests one after another (one connection, the load generator in its own process, as in `load`) and the
 * CPU the server process spent per answer: a full render's cost without the noise of a contended machine's queueing.
 */
async function renderCost(baseUrl: string, path: string) {
  const check = await fetch(`${baseUrl}${path}`);
  if (!check.ok) throw new Error(`GET ${path} answered ${check.status}`);
  const bytes = (await check.arrayBuffer()).byteLength;
  await load(`${baseUrl}${path}`, {}, ['-c', '1', '-a', '50']);
  const profiler = RENDER_PROFILE ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    // 100 µs instead of the default 1 ms: a render is a few ms, so the default gives a handful of samples each.
    await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.post('Profiler.start');
  }
  const cpuBefore = process.cpuUsage();
  const result = await load(`${baseUrl}${path}`, {}, ['-c', '1', '-a', String(RENDERS)]);
  const cpu = process.cpuUsage(cpuBefore);
  if (profiler && RENDER_PROFILE) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(RENDER_PROFILE, JSON.stringify(profile));
    profiler.disconnect();
  }
  console.log(
    `GET ${path} sequential full render: ${((cpu.user + cpu.system) / 1000 / result.requests.total).toFixed(2)} ms CPU per render (server process; ${result.requests.total} renders, p50 ${result.latency.p50} ms, ${(bytes / 1024).toFixed(1)} KB page)`,
  );
}

function firstLoadJavaScript(route: string) {
  const assets = join('build', 'client', 'assets');
  const manifestFile = readdirSync(assets).find((name) => /^manifest-.*\.js$/.test(name));
  if (!manifestFile) throw new Error('no Remix manifest in build/client/assets: build the app first');
  const text = readFileSync(join(assets, manifestFile), 'utf8');
  const manifest = JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1)) as {
    entry: { module: string; imports: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  const files = new Set<string>([manifest.entry.module, ...manifest.entry.imports]);
  for (const id of ['root', route]) {
    const entry = manifest.routes[id]!;
    files.add(entry.module);
    for (const file of entry.imports ?? []) files.add(file);
  }
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const content = readFileSync(join('build', 'client', file));
    raw += content.length;
    gzipped += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.size, raw, gzipped };
}

/**
 * autocannon runs in its own process, as a load generator does against a real server: on 2 cores the server's event
 * loop (rendering, PGlite) gets one core and the load generator the other, instead of both sharing one thread.
 */
const autocannonCli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');

async function load(
  url: string,
  headers: Record<string, string> = {},
  /** How long and how wide: by default CONNECTIONS connections for SECONDS seconds. */
  shape = ['-c', String(CONNECTIONS), '-d', String(SECONDS)],
): Promise<autocannon.Result> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}=${value}`]);
  const child = spawn(process.execPath, [autocannonCli, '--json', ...shape, ...headerArgs, url], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`autocannon exited with code ${code} for ${url}`);
  const result = JSON.parse(output) as autocannon.Result;
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
  }
  return result;
}

async function measure(baseUrl: string, paths: string[], label = '', headers: Record<string, string> = {}) {
  const results: autocannon.Result[] = [];
  for (const path of paths) {
    const check = await fetch(`${baseUrl}${path}`, { headers });
    if (!check.ok) throw new Error(`GET ${path} answered ${check.status}`);
    await check.arrayBuffer();
    // The server shares this process: a stall of its event loop is what a request waits for beyond its own render.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuBefore = process.cpuUsage();
    const result = await load(`${baseUrl}${path}`, headers);
    results.push(result);
    const cpu = process.cpuUsage(cpuBefore);
    loopDelay.disable();
    console.log(
      `GET ${path}${label}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms (p50 ${result.latency.p50} ms, ${CONNECTIONS} connections)`,
    );
    // Throughput swings with whatever else shares the machine; the CPU spent per answer much less.
    console.log(
      `GET ${path}${label} CPU per request: ${((cpu.user + cpu.system) / 1000 / Math.max(1, result.requests.total)).toFixed(2)} ms (server process)`,
    );
    console.log(
      `GET ${path}${label} event-loop delay: p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms (server process)`,
    );
  }
  return results;
}

if (appBuildIsStale()) buildApp();
const chain = await startTestChain(ANVIL_PORT);
const seeded = RENDER_DATA_DIR !== undefined && existsSync(RENDER_DATA_DIR);
const database = await openDatabase({ kind: 'pglite', dataDir: RENDER_DATA_DIR ?? null });
let web: Awaited<ReturnType<typeof startWeb>> | undefined;
try {
  await migrateDatabase(database);
  const seeding = performance.now();
  if (!seeded) await seed(database.db);
  console.log(
    `seed ${CLUSTERS} clusters + ${DAYS} days of daily rollups: ${seeded ? `reused ${RENDER_DATA_DIR}` : `${Math.round(performance.now() - seeding)} ms`}`,
  );
  const context = {
    db: database.db,
    log: pino({ level: 'silent' }),
    // The settings `npm start` has with an empty environment.
    web: parseWebEnv({}, { port: PORT }).settings,
    chain: {
      chainId: CHAIN_ID,
      publicRpcUrl: chain.rpcUrl,
      publicClient: chain.publicClient,
      deployment: chain.deployment,
    },
  };
  if (ONLY_RENDER) {
    web = await startWeb({ port: PORT, context, sharedCache: false });
    if (RENDER_HTML_DIR) {
      mkdirSync(RENDER_HTML_DIR, { recursive: true });
      for (const [name, path, headers] of HTML_VARIANTS) {
        const page = await fetch(`${web.url}${path}`, { headers });
        const head = [...page.headers].map(([header, value]) => `${header}: ${value}`).join('\n');
        writeFileSync(join(RENDER_HTML_DIR, `${name}.html`), `${page.status}\n${head}\n\n${await page.text()}`);
      }
    }
    await renderCost(web.url, RENDER_PATH);
  } else {
    // The market cache's refresh runs on the server's thread (PGlite included) every interval: its time is a stall.
    const refreshes: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      await marketRows(database.db, { chainId: CHAIN_ID, now: new Date() });
      refreshes.push(performance.now() - started);
    }
    refreshes.sort((a, b) => a - b);
    console.log(
      `market rows refresh (${CLUSTERS} clusters, only when the mirror moved): ${refreshes[2]!.toFixed(0)} ms median of 5 (one thread)`,
    );
    // What the market cache pays per interval while the mirror stands still: the cursor read, no rebuild.
    const checks: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      await indexedCursor(database.db, CHAIN_ID);
      checks.push(performance.now() - started);
    }
    checks.sort((a, b) => a - b);
    console.log(
      `market rows check (mirror unchanged): ${checks[2]!.toFixed(2)} ms median of 5, ratio to a refresh ${(checks[2]! / refreshes[2]!).toFixed(3)}`,
    );
    if (!ONLY_FULL) {
      web = await startWeb({ port: PORT, context });
      await measure(web.url, [
        '/clusters',
        '/clusters?sort=apr&order=desc&model=NVIDIA+H100+SXM5+80GB',
        '/analytics',
        '/api/v1/clusters',
      ]);
      // What an anonymous visitor who asks for a fresh copy with a made-up cookie gets: still the shared copy (M-8).
      await measure(web.url, ['/clusters'], ' (no-cache + random cookie)', {
        'cache-control': 'no-cache',
        cookie: `junk=${Math.random()}`,
      });
      await web.close();
    }
    // The same pages with every request rendered: what a visitor pays whose page nobody asked for in the last second.
    web = await startWeb({ port: PORT, context, sharedCache: false });
    const [full] = await measure(
      web.url,
      ONLY_FULL ? ['/clusters'] : ['/clusters', '/analytics'],
      ' (shared cache off)',
    );
    console.log(
      `GET /clusters full render: ${Math.round(full!.requests.average)} req/s, p99 ${full!.latency.p99} ms at ${CONNECTIONS} connections (target >= 300 req/s, p99 <= 150 ms)`,
    );
    const js = firstLoadJavaScript('routes/_index');
    console.log(
      `first-load JavaScript of /: ${(js.gzipped / 1024).toFixed(1)} KB gzip (${(js.raw / 1024).toFixed(1)} KB raw, ${js.files} files)`,
    );
  }
} finally {
  await web?.close();
  await database.close();
  await chain.stop();
}
