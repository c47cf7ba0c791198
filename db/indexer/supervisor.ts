/**
 * The one way an indexer runs beside its `/health` and `/metrics`, for the `indexer` role (service.ts) and role `all`
 * (scripts/stack/indexer.ts): the indexer lock (lock.ts: standby, takeover, the write fence), the chain identity
 * check (identity.ts: read-only before standing by, so a wrong RPC_URL or deployment refuses to start; then under the
 * lock and fenced), the state `/health` reports, and the gauge
 * `rackshare_indexer_lock_held`. A lost lock (its connection dropped, or a write refused by the fence) shows at once —
 * even while the indexer's work is stuck on a dead connection — as `/health` 503 `{ ok: false, status: 'lock lost' }`,
 * `rackshare_indexer_lock_held 0` and one more `rackshare_indexer_lock_losses_total`. The work then has
 * INDEXER_LOST_LOCK_GRACE_MS to stop (its writes are fenced anyway) and the lock's socket is destroyed, not unlocked; then, as
 * the caller chose, the indexer stops with an error (the `indexer` role exits 1 for its supervisor to restart it into
 * standby, still reporting `lock lost`) or stands by again in this process (role `all`, whose web keeps serving),
 * reporting `lock lost` until it indexes again.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { Counter, Gauge } from 'prom-client';
import type { Hex, PublicClient } from 'viem';
import { type IndexerSettings, indexerLockLimits, indexerTuning } from '#config/indexer';
import { BaseError, UnavailableError } from '#protocol/base-error';
import type { Database, DatabaseTarget } from '../database';
import { marketUpkeepHooks } from '../market/upkeep';
import { type StatusServer, serveStatus } from '../status';
import { isIndexerLockLost } from './errors';
import { checkChainIdentity, ensureChainIdentity } from './identity';
import { createIndexer, type IndexerContracts } from './indexer';
import { acquireIndexerLock, type IndexerLock, type LockLimits, type WriteTimeouts, within } from './lock';
import { createIndexerMetrics } from './metrics';
import type { WriteFence } from './store';

/** Where an indexer stands, as its `/health` reports it (`waiting for writes`: it holds the lock and waits for the
 * previous holder's write transactions to end). */
export type IndexerState = 'starting' | 'standby' | 'waiting for writes' | 'indexing' | 'stopping';

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
  /** The deployment block's hash: with the chain's genesis, the identity the mirror must describe (identity.ts). */
  deployBlockHash: Hex;
  /** Empty a mirror of another identity instead of refusing (the local anvil chain only). */
  autoReset: boolean;
  /** `exit`: a lost lock ends `done` with an error; `standby`: wait for the lock again in this process. */
  onLockLost: 'exit' | 'standby';
  /** The limits of the fenced write transactions (the INDEXER_WRITE_* settings by default; tests shorten them). */
  writeTimeouts?: WriteTimeouts;
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
  /**
   * Resolves once the first hold checked the chain identity (indexing), or the process stands by, or `done` resolved;
   * rejects with `done`'s error before that (a MirrorMismatchError at start).
   */
  ready: Promise<void>;
  /** Aborts, waits for the indexer to stop and closes the status server; never rejects. */
  stop: () => Promise<void>;
};

/** Starts the indexer under its lock in the background; see the module's comment. */
export async function startIndexerSupervisor(options: IndexerSupervisorOptions): Promise<IndexerSupervisor> {
  const { settings, log, once = false } = options;
  const limits = indexerLockLimits(settings);
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
  let markReady!: () => void;
  const readyOnce = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const setState = (next: SupervisedState) => {
    lockHeld.set(next === 'indexing' ? 1 : 0);
    if (next === 'indexing' || next === 'standby' || next === 'waiting for writes') markReady();
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

  /** The identity the mirror must describe (the chain's genesis: read once). */
  let identity: Parameters<typeof ensureChainIdentity>[1] | undefined;
  const chainIdentityNow = async () => {
    identity ??= {
      chainId: options.chainId,
      genesisHash: (await options.publicClient.getBlock({ blockNumber: 0n })).hash,
      deployBlock: options.deployBlock,
      deployBlockHash: options.deployBlockHash,
    };
    return identity;
  };

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
        lockLimits: limits.lock,
        writeTimeouts: options.writeTimeouts ?? limits.writes,
        graceMs: limits.graceMs,
        log,
        onState: setState,
        // Reported at once, even while the work is still stuck on a dead connection.
        onLost: () => {
          lockLosses.inc();
          setState('lock lost');
        },
      },
      async (fence) => {
        // The fence first in its transaction: an indexer that lost the lock never empties the mirror under another.
        const wiped = await ensureChainIdentity(options.db, await chainIdentityNow(), {
          autoReset: options.autoReset,
          fence,
        });
        if (wiped) log.info('the chain was reset: its mirror was emptied and re-indexes');
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
          // The relayed offers' statuses and filled amounts follow each range written (db/market/upkeep.ts), fenced.
          ...marketUpkeepHooks({
            db: options.db,
            publicClient: options.publicClient,
            chainId: options.chainId,
            contracts: options.contracts,
            log: options.upkeepLog ?? log,
            fence,
            signal: controller.signal,
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

  let lostExit: Error | undefined;
  const done = (async () => {
    // Before standing by: a standby on the wrong chain or deployment refuses to start now, not at its takeover.
    await checkChainIdentity(options.db, await chainIdentityNow(), { autoReset: options.autoReset });
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
      if (options.onLockLost === 'exit') {
        lostExit = new UnavailableError(
          'Lost the indexer lock (the database connection dropped); restart to stand by again.',
          { cause: lostLock },
        );
        throw lostExit;
      }
      log.warn('standing by for the indexer lock again');
    }
  })().catch((error: unknown) => {
    // Exiting on a lost lock stays `lock lost` (restart into standby), not `failed`.
    if (error !== lostExit) setState('failed');
    throw error;
  });
  done.catch(() => {});
  const ready = Promise.race([readyOnce, done]);
  ready.catch(() => {});

  return {
    statusUrl: server?.url,
    done,
    ready,
    stop: async () => {
      stopping.abort();
      options.signal.removeEventListener('abort', onAbort);
      await done.catch(() => {});
      await server?.close();
    },
  };
}

type LockedIndexingOptions = {
  target: DatabaseTarget;
  chainId: number;
  /** The indexer's own signal: aborting it ends the wait or the work; it is aborted when the lock is lost. */
  controller: AbortController;
  pollMs: number;
  lockLimits: LockLimits;
  writeTimeouts: WriteTimeouts;
  /** How long the work may take to stop once the lock is lost (or a stop asked), before going on without it. */
  graceMs: number;
  log: Logger;
  onState: (state: IndexerState) => void;
  /** Called once, at once, when the lock is lost (before the work has stopped). */
  onLost: (error: Error) => void;
};

/**
 * Runs `work` (check, index) holding the indexer lock of `chainId`: on PostgreSQL after waiting for it in standby,
 * with the fence its writes must pass (lock.ts `indexerWriteFence`); on PGlite at once and without a fence (one
 * process per data directory). Returns the error that cost the lock, if it was lost (the work was then aborted, or
 * its write was refused by the fence), so the caller can stand by again or exit and be restarted into standby. After
 * a loss or a stop the work gets `graceMs` to end; after a loss the lock's socket is destroyed, not unlocked.
 */
async function indexWithLock(
  options: LockedIndexingOptions,
  work: (fence: WriteFence | undefined) => Promise<void>,
): Promise<Error | undefined> {
  const { target, controller, log, onState } = options;
  let lock: IndexerLock | undefined;
  let lostLock: Error | undefined;
  // Aborted by a stop or by the loss of the lock (lose aborts it): from then on the work has `graceMs`.
  const aborted = new Promise<void>((resolve) => {
    if (controller.signal.aborted) resolve();
    controller.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  const lose = (error: Error) => {
    if (lostLock || (controller.signal.aborted && !isIndexerLockLost(error))) return;
    lostLock = error;
    log.error({ err: error }, 'lost the indexer lock: stopping');
    options.onLost(error);
    controller.abort();
  };
  if (target.kind === 'postgres') {
    lock = await acquireIndexerLock({
      url: target.url,
      chainId: options.chainId,
      signal: controller.signal,
      pollMs: options.pollMs,
      limits: options.lockLimits,
      writeTimeouts: options.writeTimeouts,
      log,
      onStandby: () => onState('standby'),
      onWaitingForWrites: () => onState('waiting for writes'),
    });
    if (!lock) return undefined;
    void lock.lost.then(lose);
  }
  // The work's failure, if any; a refusal of the fence is a loss of the lock, even if its connection has not said so.
  const working = work(lock?.fence).then(
    () => ({ failed: false as const }),
    (error: unknown) => {
      if (!isIndexerLockLost(error)) return { failed: true as const, error };
      lose(error as Error);
      return { failed: false as const };
    },
  );
  try {
    const outcome = await Promise.race([working, aborted.then(() => within(working, options.graceMs))]);
    if (outcome === false) {
      // Stuck on a dead connection or a silent RPC: its writes are fenced, so it is left behind.
      log.warn({ graceMs: options.graceMs }, 'the indexer did not stop in time; going on without it');
    } else if (outcome.failed) {
      throw outcome.error;
    }
  } finally {
    onState('stopping');
    await lock?.release({ lost: lostLock !== undefined });
  }
  return lostLock;
}
