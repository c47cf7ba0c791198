/**
 * Epoch sample exports, cached and built off the request thread (review M-2). An export of an epoch whose report is on
 * chain never changes (its samples must hash to the accepted telemetry root), so each is built once per (cluster,
 * epoch, root) in a worker thread (oracle/export/export-worker.ts, with the raw-bytes tree) and stored as JSON text in
 * the database (stored-epoch-exports.server.ts), where every web process finds it; each process also keeps the ones
 * it served in an LRU bounded by bytes, so a popular export is not read from the database per request. Concurrent
 * requests for one epoch in one process share one build (a second process that asks while the first builds builds
 * too: the first to finish stores it). The epoch page only needs the counts: it asks for a summary (the root checked,
 * no proofs built), or takes them from a stored export.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AppLoadContext } from '@remix-run/node';
import { LRUCache } from 'lru-cache';
import type { Hex } from 'viem';
import { BaseError, shortMessageOf } from '#protocol/base-error';
import { MAX_SAMPLES_ANSWER_BYTES } from '#protocol/telemetry-export';
import { ExportMismatchError, nodeSamplesSchema } from '../../oracle/export/epoch-export';
import type { ExportAnswer, ExportJob } from '../../oracle/export/export-worker';
import { askFirstAnswering, OracleUnavailableError } from './oracle.server';
import { type ExportKey, readStoredExport, readStoredSummary, storeExport } from './stored-epoch-exports.server';

type Report = { clusterId: string; epoch: string; telemetryRoot: Hex; transactionHash: Hex };
export type BuiltExport = { json: string; samples: number; gpus: number };

/** Bytes of export JSON one process keeps (UTF-16 estimate): a few production-sized epochs or thousands of demo ones. */
const CACHE_BYTES = 256 * 1024 * 1024;
/**
 * Epochs being fetched from the nodes or built at once, beyond which a new one is refused for now (503) rather than
 * queued: each holds a whole epoch's samples (tens of MB for a large cluster) before the worker sees it.
 */
export const MAX_QUEUED_BUILDS = 16;
const WORKER_FILE = join(process.cwd(), 'oracle', 'export', 'export-worker.ts');

let worker: Worker | undefined;
let nextJob = 0;
const pending = new Map<number, { resolve: (built: BuiltExport) => void; reject: (error: BaseError) => void }>();

function exportWorker(): Worker {
  if (worker) return worker;
  // The worker module is TypeScript: the thread registers tsx's loader first (Node 20 does not hand a process's
  // loader hooks to its workers), then imports it.
  // tsx/esm/api's ESM build (its package.json `exports` "./esm/api" import condition); require.resolve would give
  // the CommonJS one, which cannot be imported from a worker.
  const tsxPackage = createRequire(join(process.cwd(), 'package.json')).resolve('tsx/package.json');
  const tsx = join(dirname(tsxPackage), 'dist', 'esm', 'api', 'index.mjs');
  const bootstrap = `import(${JSON.stringify(pathToFileURL(tsx).href)})
    .then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(WORKER_FILE).href)}); })`;
  const started = new Worker(bootstrap, { eval: true, execArgv: [] });
  started.unref();
  started.on('message', (answer: ExportAnswer) => {
    const job = pending.get(answer.id);
    pending.delete(answer.id);
    if (!job) return;
    if ('error' in answer) {
      // The worker's error, rebuilt on this side by its code; its own (cloned) error stays the cause.
      const { code, message, cause } = answer.error;
      job.reject(
        code === ExportMismatchError.code
          ? new ExportMismatchError(message, { cause })
          : new BaseError(message, { code, cause }),
      );
    } else job.resolve(answer);
  });
  const fail = (error: BaseError) => {
    worker = undefined;
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  };
  started.on('error', (error) =>
    fail(new BaseError(`the export worker failed: ${shortMessageOf(error)}`, { code: 'export_worker', cause: error })),
  );
  started.on('exit', (code) =>
    fail(new BaseError(`the export worker exited with code ${code}`, { code: 'export_worker' })),
  );
  worker = started;
  return started;
}

function runJob(kind: ExportJob['kind'], input: ExportJob['input']): Promise<BuiltExport> {
  if (pending.size >= MAX_QUEUED_BUILDS) {
    return Promise.reject(new OracleUnavailableError('too many epoch exports are being built; try again shortly'));
  }
  const id = nextJob++;
  return new Promise<BuiltExport>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    exportWorker().postMessage({ id, kind, input } satisfies ExportJob);
  });
}

/** The database, the chain (deployment and chain id), the web settings (the committee's URLs) and the logger. */
type Context = Pick<AppLoadContext, 'db' | 'chain' | 'web' | 'log'>;

const exportKey = ({ chain }: Context, report: Report): ExportKey => ({
  chainId: chain.chainId,
  registry: chain.deployment.contracts.clusterRegistry,
  clusterId: report.clusterId,
  epoch: report.epoch,
  telemetryRoot: report.telemetryRoot,
  reportTransaction: report.transactionHash,
});

const keyOf = (context: Context, report: Report) => Object.values(exportKey(context, report)).join(':');

/** Node downloads in flight (one per distinct epoch: concurrent requests for one epoch share it). */
let downloads = 0;

function fromNodes(context: Context, report: Report, kind: ExportJob['kind']): Promise<BuiltExport> {
  // Refused before any node is asked: the bound is on what a burst of distinct epochs can make this process hold.
  if (downloads >= MAX_QUEUED_BUILDS) {
    return Promise.reject(new OracleUnavailableError('too many epoch exports are being built; try again shortly'));
  }
  downloads += 1;
  return askFirstAnswering(
    context.web.oracleNodeUrls,
    `/clusters/${report.clusterId}/epochs/${report.epoch}/samples`,
    nodeSamplesSchema,
    (samples) =>
      runJob(kind, {
        chainId: context.chain.chainId,
        registry: context.chain.deployment.contracts.clusterRegistry,
        samples,
        expectedRoot: report.telemetryRoot,
        reportTransaction: report.transactionHash,
      }),
    { log: context.log, maxBytes: MAX_SAMPLES_ANSWER_BYTES },
  ).finally(() => {
    downloads -= 1;
  });
}

/**
 * One web process's view of the exports: its LRU of the ones it served and its builds in flight, in front of the
 * database that all processes share. The app uses one (`epochExports`); tests make two to play two processes.
 */
export class EpochExportCache {
  /** Exports this process served, by key. */
  readonly #built = new LRUCache<string, BuiltExport>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (entry) => entry.json.length * 2 + 256,
  });
  /** Builds (or database reads) in flight, so that concurrent requests for one epoch share one (MAX_QUEUED_BUILDS). */
  readonly #building = new Map<string, Promise<BuiltExport>>();
  readonly #summaries = new LRUCache<string, Promise<Omit<BuiltExport, 'json'>>>({ max: 4_096 });

  /** The export of an on-chain epoch report as JSON text: from memory, else the database, else built and stored. */
  export(context: Context, report: Report): Promise<BuiltExport> {
    const key = keyOf(context, report);
    const known = this.#built.get(key);
    if (known) return Promise.resolve(known);
    let build = this.#building.get(key);
    if (!build) {
      build = this.#storedOrBuilt(context, report);
      this.#building.set(key, build);
      build.then(
        (entry) => {
          this.#building.delete(key);
          this.#built.set(key, entry);
        },
        () => this.#building.delete(key),
      );
    }
    return build;
  }

  async #storedOrBuilt(context: Context, report: Report): Promise<BuiltExport> {
    const key = exportKey(context, report);
    const stored = await readStoredExport(context.db, key);
    if (stored) return stored;
    const built = await fromNodes(context, report, 'export');
    // Not storing it costs the other processes a build, never this answer.
    await storeExport(context.db, key, built).catch((error: unknown) =>
      context.log.warn({ err: error, ...report }, 'could not store the built epoch export'),
    );
    return built;
  }

  /** How many samples and GPUs an epoch's export holds, without building its proofs. */
  summary(context: Context, report: Report): Promise<Omit<BuiltExport, 'json'>> {
    const key = keyOf(context, report);
    const known = this.#built.get(key);
    if (known) return Promise.resolve({ samples: known.samples, gpus: known.gpus });
    let summary = this.#summaries.get(key);
    if (!summary) {
      summary = readStoredSummary(context.db, exportKey(context, report)).then(
        async (stored) =>
          stored ?? fromNodes(context, report, 'summary').then(({ samples, gpus }) => ({ samples, gpus })),
      );
      this.#summaries.set(key, summary);
      summary.catch(() => this.#summaries.delete(key));
    }
    return summary;
  }
}

/** This process's exports. */
export const epochExports = new EpochExportCache();

/** The export of an on-chain epoch report as JSON text (this process's EpochExportCache). */
export const cachedEpochExport = (context: Context, report: Report) => epochExports.export(context, report);

/** How many samples and GPUs an epoch's export holds, without building its proofs. */
export const epochExportSummary = (context: Context, report: Report) => epochExports.summary(context, report);
