/**
 * The one way an indexer runs beside its `/health` and `/metrics`, for the `indexer` role (service.ts) and role `all`
 * (scripts/stack/indexer.ts): the indexer lock (lock.ts: standby, takeover, the write fence), the state `/health`
 * reports, and the gauge `rackshare_indexer_lock_held`. A lost lock (its connection dropped, or a write refused by the
 * fence) shows as `/health` 503 `{ ok: false, status: 'lock lost' }`, `rackshare_indexer_lock_held 0` and one more
 * `rackshare_indexer_lock_losses_total`; then, as the caller chose, the indexer stops with an error (the `indexer`
 * role exits 1 for its supervisor to restart it into standby) or stands by again in this process (role `all`, whose
 * web keeps serving), reporting `lock lost` until it indexes again.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { Counter, Gauge } from 'prom-client';
import type { PublicClient } from 'viem';
import { type IndexerSettings, indexerTuning } from '#config/indexer';
import { BaseError, UnavailableError } from '#protocol/base-error';
import type { Database, DatabaseTarget } from '../database';
import { marketUpkeepHooks } from '../market/upkeep';
import { type StatusServer, serveStatus } from '../status';
import { createIndexer, type IndexerContracts } from './indexer';
import { type IndexerState, indexWithLock } from './lock';
import { createIndexerMetrics } from './metrics';

/** What `/health` reports: the lock's states, `lock lost` after a loss, `failed` once indexing stopped on an error. */
export type SupervisedState = IndexerState | 'lock lost' | 'failed';

export type IndexerSupervisorOptions = {
  /** The primary: the indexer reads its own writes. */
  db: Database;
  target: DatabaseTarget;
  publicClient: PublicClient;
  chainId: number;
  contracts: IndexerContracts;
  deployBlock: bigint;
  settings: IndexerSettings;
  /** The role `/health` names (`indexer`, `all`). */
  role: string;
  /** `exit`: a lost lock ends `done` with an error; `standby`: wait for the lock again in this process. */
  onLockLost: 'exit' | 'standby';
  /** Run holding the lock before indexing (migrations, the chain identity check). */
  prepare?: () => Promise<void>;
  /** Index up to the head once and end (no polling, no status server). */
  once?: boolean;
  signal: AbortSignal;
  log: Logger;
  /** The market upkeep's logger (the indexer's own by default). */
  upkeepLog?: Logger;
};

export type IndexerSupervisor = {
  /** Where `/health` and `/metrics` are served (none with INDEXER_METRICS_PORT=0 or `once`). */
  statusUrl: string | undefined;
  /** Settles when indexing ends: after `signal` aborts (or `once` is done), or with the error that stopped it. */
  done: Promise<void>;
  /** Aborts, waits for the indexer to stop and closes the status server; never rejects. */
  stop: () => Promise<void>;
};

/** Starts the indexer under its lock in the background; see the module's comment. */
export async function startIndexerSupervisor(options: IndexerSupervisorOptions): Promise<IndexerSupervisor> {
  const { settings, log, once = false } = options;
  const metrics = createIndexerMetrics();
  const lockHeld = new Gauge({
    name: 'rackshare_indexer_lock_held',
    help: 'Whether this process holds the indexer lock and indexes (1), or stands by (0)',
    registers: [metrics.registry],
  });
  const lockLosses = new Counter({
    name: 'rackshare_indexer_lock_losses_total',
    help: 'Times this process lost the indexer lock while it held it',
    registers: [metrics.registry],
  });
  let state: SupervisedState = 'starting';
  const setState = (next: SupervisedState) => {
    lockHeld.set(next === 'indexing' ? 1 : 0);
    // After a loss or a failure, only indexing again clears the alarm (standing by is not healthy then).
    if ((state === 'lock lost' || state === 'failed') && next !== 'indexing' && next !== 'lock lost') return;
    state = next;
  };
  const stopping = new AbortController();
  const onAbort = () => stopping.abort();
  options.signal.addEventListener('abort', onAbort, { once: true });
  if (options.signal.aborted) stopping.abort();
  const server: StatusServer | undefined =
    !once && settings.INDEXER_METRICS_PORT > 0
      ? await serveStatus({
          registry: metrics.registry,
          health: () => ({ ok: state !== 'lock lost' && state !== 'failed', role: options.role, status: state }),
          port: settings.INDEXER_METRICS_PORT,
          portVariable: 'INDEXER_METRICS_PORT (0 = off)',
        })
      : undefined;
  if (server) log.info({ url: server.url }, 'serving /health and /metrics');

  /** One hold of the lock: returns the error that cost it, or undefined when stopped (or `once` is done). */
  const holdOnce = () => {
    // Aborted by the caller's signal or by the loss of the lock.
    const controller = new AbortController();
    const abort = () => controller.abort();
    stopping.signal.addEventListener('abort', abort, { once: true });
    if (stopping.signal.aborted) controller.abort();
    return indexWithLock(
      {
        target: options.target,
        chainId: options.chainId,
        controller,
        pollMs: settings.INDEXER_LOCK_POLL_MS,
        log,
        onState: setState,
      },
      async (fence) => {
        await options.prepare?.();
        const indexer = createIndexer({
          db: options.db,
          publicClient: options.publicClient,
          chainId: options.chainId,
          contracts: options.contracts,
          deployBlock: options.deployBlock,
          ...indexerTuning(settings),
          signal: controller.signal,
          log,
          metrics,
          fence,
          // The relayed offers' statuses and filled amounts follow each range written (db/market/upkeep.ts).
          ...marketUpkeepHooks({
            db: options.db,
            publicClient: options.publicClient,
            chainId: options.chainId,
            contracts: options.contracts,
            log: options.upkeepLog ?? log,
          }),
        });
        setState('indexing');
        if (once) {
          const { events, head } = await indexer.catchUp();
          log.info({ events, head: head.toString() }, 'caught up');
        } else {
          await indexer.run();
        }
      },
    ).finally(() => stopping.signal.removeEventListener('abort', abort));
  };

  const done = (async () => {
    let lost = false;
    while (!stopping.signal.aborted) {
      let lostLock: Error | undefined;
      try {
        lostLock = await holdOnce();
      } catch (error) {
        // Waiting for the lock again after a loss: the database may still be out of reach for a while.
        const retryable = !(error instanceof BaseError) || error.retryable;
        if (!lost || options.onLockLost !== 'standby' || !retryable || stopping.signal.aborted) throw error;
        log.warn({ err: error }, 'cannot take the indexer lock again yet; retrying');
        await delay(settings.INDEXER_LOCK_POLL_MS, undefined, { signal: stopping.signal }).catch(() => {});
        continue;
      }
      if (!lostLock) return;
      lost = true;
      lockLosses.inc();
      setState('lock lost');
      if (options.onLockLost === 'exit') {
        throw new UnavailableError(
          'Lost the indexer lock (the database connection dropped); restart to stand by again.',
          { cause: lostLock },
        );
      }
      log.warn('standing by for the indexer lock again');
    }
  })().catch((error: unknown) => {
    setState('failed');
    throw error;
  });
  done.catch(() => {});

  return {
    statusUrl: server?.url,
    done,
    stop: async () => {
      stopping.abort();
      options.signal.removeEventListener('abort', onAbort);
      await done.catch(() => {});
      await server?.close();
    },
  };
}
