/**
 * Web benchmark (`npm run bench:web`): 1,000 clusters (half tokenized, with sales) and a year of daily rollups seeded
 * straight into an in-memory PGlite, the built app served by the real server (scripts/stack/web.ts) with an
 * ephemeral anvil as its chain, then autocannon at BENCH_CONNECTIONS (20) connections for BENCH_SECONDS (10) per
 * page: first as deployed (the shared cache reuses a page's rendering for a second), then with the shared cache off
 * (every request rendered: what a page nobody asked for in the last second costs), summed up in the full-render line
 * with its target (issue 12). A run with `Cache-Control: no-cache` and a made-up cookie shows that an anonymous
 * visitor cannot bypass the shared cache (review M-8). Also prints the first-load JavaScript of `/` (gzip): the entry module, the root and index route modules and
 * their static imports, as listed in Remix's browser manifest (what the page modulepreloads), and the CPU time per
 * answered request (steadier than req/s on a machine shared with other jobs). With BENCH_DATABASE_URL or
 * TEST_DATABASE_URL (PostgreSQL), then one and two `--role web` processes and a stand-in read replica
 * (bench/web-postgres.ts). Ports: anvil on BENCH_ANVIL_PORT (8950), HTTP on BENCH_PORT (4350; 4351-4352 for the
 * web processes).
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type autocannon from 'autocannon';
import pino from 'pino';
import { parseWebEnv } from '../config/web';
import { indexedCursor, marketRows } from '../db/analytics/market';
import { migrateDatabase, openDatabase } from '../db/database';
import { startTestChain } from '../db/fixtures.test-kit';
import { appBuildIsStale, buildApp, startWeb } from '../scripts/stack/web';
import { CONNECTIONS, load } from './web-load';
import { benchPostgres } from './web-postgres';
import { CHAIN_ID, CLUSTERS, DAYS, seed } from './web-seed';

const ANVIL_PORT = Number(process.env.BENCH_ANVIL_PORT ?? 8950);
const PORT = Number(process.env.BENCH_PORT ?? 4350);
/** A PostgreSQL server to add the web-process lines with (bench/web-postgres.ts); PGlite alone without one. */
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
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
    if (POSTGRES_URL) {
      // The PGlite server's work is done: the web processes below get the machine to themselves.
      await web.close();
      web = undefined;
      await benchPostgres(POSTGRES_URL, chain, PORT);
    }
  }
} finally {
  await web?.close();
  await database.close();
  await chain.stop();
}
