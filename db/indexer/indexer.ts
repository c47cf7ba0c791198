/**
 * Mirrors the protocol's events into the database. It backfills from the deployment block in large ranges (read and
 * checked against the headers by read.ts), then follows the head, `confirmations` blocks behind it. Each range is
 * written together with its cursor in one transaction (see store.ts), while the next ranges are already being read
 * (`prefetched`). A reorg is detected when the first block of the next range does not name the cursor's block as its
 * parent (or the cursor's block changed while idle): the indexer finds the newest recorded block still on the chain,
 * rolls everything above it back, and re-indexes; past the kept hashes, from the last finalized block. RPC and
 * database failures are retried with backoff; the cursor only moves with the data.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import { getAddress, type PublicClient } from 'viem';
import type { Database } from '../database';
import { indexedBlocks } from '../schema';
import { countRows, type KnownContracts } from './decode';
import { isIndexerLockLost, isRangeTooLarge } from './errors';
import { createIndexerMetrics, type IndexerMetrics } from './metrics';
import { createRangeReader, type Header, type IndexerContracts, type RangeRead } from './read';
import { followsAll, joinRanges, type ReadAhead } from './read-ahead';
import { loadKnownTokens, type RangeEnd, readCursor, rollBackTo, type WriteFence, writeRange } from './store';
import type { EventRows } from './tables';

export type { IndexerContracts } from './read';

/** Ranges read ahead of the one being written (see prefetch). */
const PREFETCH_DEPTH = 4;
/**
 * Rows one write may carry when ranges read ahead are joined into it (see joinReadAhead): a range's transaction costs
 * a commit, a cursor update and the derived-table upserts (one balance row per holder it touched) whatever its size,
 * so a backfill writes several ranges at once; bounded to keep a write's memory and lock time small.
 */
const MAX_JOINED_ROWS = 50_000;
/** Depth below the head taken as final where the node has no `finalized` block tag (Ethereum finalizes in ~64-96). */
const FALLBACK_FINALITY_DEPTH = 128n;
/** Errors that mean "this node has no finalized tag" (an old node or a chain without finality), not a failure. */
const NO_FINALIZED_TAG =
  /not found|could not be found|finalized|unknown block|invalid block|not supported|unsupported/i;

export type IndexerOptions = {
  db: Database;
  publicClient: PublicClient;
  chainId: number;
  contracts: IndexerContracts;
  deployBlock: bigint;
  /** Blocks behind the head that are treated as final enough to index. */
  confirmations?: number;
  maxBlockRange?: number;
  /** Addresses per eth_getLogs OR-list (read.ts MAX_TOPIC_ADDRESSES); tests lower it to exercise the batching. */
  maxTopicAddresses?: number;
  pollIntervalMs?: number;
  signal: AbortSignal;
  log: Logger;
  metrics?: IndexerMetrics;
  /**
   * Checked first in every write transaction (lock.ts `indexerWriteFence`): an indexer that lost the indexer lock
   * writes nothing more, and its loop stops instead of retrying. None on PGlite (one process per data directory).
   */
  fence?: WriteFence;
  /**
   * Derived off-chain work after each written range (the market's offer upkeep, db/market/upkeep.ts). Its failure is
   * logged and never stops indexing (the range is already stored and the next range's round catches up), except an
   * IndexerLockLostError from its fenced writes, which stops the indexer as its own writes' would.
   */
  afterRange?: (range: { from: bigint; to: bigint; rows: EventRows }) => Promise<void>;
  /** The same after a reorg rolled the mirror back to `ancestor`. */
  afterReorg?: (ancestor: bigint) => Promise<void>;
};

export type StepResult = { caughtUp: boolean; events: number; from?: bigint; to?: bigint; head: bigint };

export function createIndexer(options: IndexerOptions) {
  const { db, publicClient, chainId, log } = options;
  const metrics = options.metrics ?? createIndexerMetrics();
  const confirmations = BigInt(options.confirmations ?? 0);
  const maxRange = BigInt(options.maxBlockRange ?? 2_000);
  let range = maxRange;
  let known: KnownContracts | undefined;
  /** The last finalized block seen (-1n: none yet); see finalizedBlock. */
  let finalized = -1n;
  const reader = createRangeReader({
    publicClient,
    chainId,
    contracts: options.contracts,
    maxTopicAddresses: options.maxTopicAddresses,
  });

  async function loadKnown(): Promise<KnownContracts> {
    const tokens = await loadKnownTokens(db, chainId);
    return {
      registry: options.contracts.clusterRegistry.toLowerCase(),
      factory: options.contracts.factory.toLowerCase(),
      stablecoin: options.contracts.stablecoin.toLowerCase(),
      market: options.contracts.market && {
        key: options.contracts.market.toLowerCase(),
        address: getAddress(options.contracts.market),
      },
      tokens: new Map(tokens.map((row) => [row.token.toLowerCase(), { clusterId: row.clusterId, address: row.token }])),
      offerings: new Map(tokens.map((row) => [row.offering.toLowerCase(), { address: row.offering }])),
    };
  }

  /**
   * The last block that cannot change: the node's `finalized` block, or FALLBACK_FINALITY_DEPTH below the head where
   * the node has no such tag, never above the head less `confirmations` (see readFinalized). Remembered while ranges
   * stay below it, so a backfill asks once.
   */
  async function finalizedBlock(chainHead: bigint, to: bigint) {
    if (to <= finalized) return finalized;
    finalized = (await readFinalized(chainHead))?.number ?? -1n;
    return finalized;
  }

  /**
   * The node's word on finality is trusted only up to the indexed head (the chain's head less `confirmations`): a
   * buggy or hostile RPC naming a block above it would otherwise switch the header and bloom checks off for every
   * block below that number, for as long as finalizedBlock remembers it, and a deep reorg would roll back to a block
   * never indexed. Above the ceiling, the ceiling's own header stands in.
   */
  async function readFinalized(chainHead: bigint): Promise<Header | undefined> {
    const ceiling = chainHead - confirmations;
    if (ceiling < 0n) return undefined;
    const block = await publicClient
      .getBlock({ blockTag: 'finalized' })
      .catch((error: Error & { details?: string }) => {
        if (NO_FINALIZED_TAG.test(`${error.details ?? ''} ${error.message}`)) return undefined;
        throw error;
      });
    if (block?.hash && block.number !== null) {
      return block.number > ceiling ? reader.getBlock(ceiling) : (block as Header);
    }
    // No finalized tag (an old node, a chain without finality): a fixed depth below the head counts as final.
    const depth = confirmations > FALLBACK_FINALITY_DEPTH ? confirmations : FALLBACK_FINALITY_DEPTH;
    return chainHead > depth ? reader.getBlock(chainHead - depth) : undefined;
  }

  /**
   * Finds the newest recorded block still on the chain and rolls everything above it back. A reorg deeper than the
   * kept block hashes (none of them is still on the chain) is reported and rolled back to the last finalized block:
   * everything at or below it cannot have changed, so only the blocks above it are indexed again (review I-7).
   */
  async function handleReorg() {
    const recorded = await db
      .select({ number: indexedBlocks.number, hash: indexedBlocks.hash })
      .from(indexedBlocks)
      .where(eq(indexedBlocks.chainId, chainId));
    recorded.sort((a, b) => (a.number > b.number ? -1 : 1));
    let ancestor: bigint | undefined;
    for (const block of recorded) {
      const onChain = await publicClient.getBlock({ blockNumber: block.number }).catch((error: Error) => {
        if (/not found|could not be found/i.test(error.message)) return undefined;
        throw error;
      });
      if (onChain?.hash === block.hash) {
        ancestor = block.number;
        break;
      }
    }
    let anchor: RangeEnd | undefined;
    if (ancestor === undefined) {
      ancestor = options.deployBlock - 1n;
      const oldestKept = recorded.at(-1)?.number;
      const head = await publicClient.getBlockNumber({ cacheTime: 0 });
      const final = oldestKept === undefined ? undefined : await readFinalized(head);
      // A finalized block at or above a kept hash that is gone contradicts finality (or the data): re-index it all.
      if (final && oldestKept !== undefined && final.number >= options.deployBlock && final.number < oldestKept) {
        ancestor = final.number;
        anchor = {
          number: final.number,
          hash: final.hash,
          parentHash: final.parentHash,
          timestamp: new Date(Number(final.timestamp) * 1000),
        };
      }
      metrics.deepReorgs.inc();
      log.error(
        { oldestKept: oldestKept?.toString(), finalized: final?.number.toString(), ancestor: ancestor.toString() },
        'reorg deeper than the kept block hashes: re-indexing from the last finalized block',
      );
    }
    await rollBackTo(db, chainId, ancestor, anchor, options.fence);
    known = undefined;
    prefetched = [];
    finalized = -1n;
    metrics.reorgs.inc();
    log.warn({ ancestor: ancestor.toString() }, 'reorg detected: rolled back to the common ancestor');
    await options.afterReorg?.(ancestor).catch(upkeepFailed('after-reorg'));
  }

  /**
   * The ranges after the one being written, read while it is written (the node and the database work at the same
   * time). They are only reads, never stored by themselves: the next step uses the first if it starts exactly at the
   * new cursor, followed every contract known there and its last block is still canonical, then checks it like a fresh
   * read (its first block's parent must be the cursor); otherwise (a failed write, a reorg, a failed read, a token
   * created before it) it is dropped and the range is read again. The others may join its write (joinReadAhead).
   */
  let prefetched: ReadAhead[] = [];

  /**
   * Keeps PREFETCH_DEPTH ranges read ahead of the one being written, all in flight at once (one read at a time left
   * the backfill waiting on the node's round trips; on PGlite the database also runs on this thread). Each follows the
   * contracts known after the range being written: a read ahead is used only if no range before it created a token
   * (followsAll), so the rare range after a tokenization is read again; after one, all reads ahead are dropped.
   */
  function prefetch(after: { to: bigint; next: KnownContracts }, head: bigint) {
    if (prefetched.some((entry) => !followsAll(entry.known, after.next))) prefetched = [];
    while (prefetched.length < PREFETCH_DEPTH) {
      const last = prefetched.at(-1);
      const previousTo = last ? last.to : after.to;
      if (previousTo >= head) break;
      const from = previousTo + 1n;
      const to = head < previousTo + range ? head : previousTo + range;
      const read = reader.readRange(from, to, after.next, finalized);
      // Its failure surfaces when (and if) a step uses it.
      read.catch(() => {});
      prefetched.push({ from, to, known: after.next, read });
    }
  }

  /** Indexes one range (or handles one reorg). */
  async function step(): Promise<StepResult> {
    const ahead = prefetched.shift();
    // The canonical check of a range read ahead (below) is asked as soon as its read is in, beside the head and the
    // cursor: the database waited on these round trips one after another between two writes.
    const aheadTip = ahead?.read.then((entry) => reader.getBlock(entry.to)).catch(() => undefined);
    known ??= await loadKnown();
    const [chainHead, cursor] = await Promise.all([
      publicClient.getBlockNumber({ cacheTime: 0 }),
      readCursor(db, chainId),
    ]);
    const head = chainHead - confirmations;
    metrics.headBlock.set(Number(chainHead));
    const from = cursor ? cursor.number + 1n : options.deployBlock;
    if (from > head) {
      // Idle: make sure the block under the cursor is still canonical (a reorg to a shorter or same-height chain).
      if (cursor) {
        const onChain =
          cursor.number <= chainHead ? await reader.getBlock(cursor.number).catch(() => undefined) : undefined;
        if (onChain?.hash !== cursor.hash) {
          await handleReorg();
          return { caughtUp: false, events: 0, head };
        }
      }
      updateLag(cursor?.number ?? options.deployBlock - 1n, chainHead);
      return { caughtUp: true, events: 0, head };
    }
    let read =
      ahead && ahead.from === from && ahead.to <= head && followsAll(ahead.known, known)
        ? await ahead.read.catch(() => undefined)
        : undefined;
    // A range read ahead is used only if its last block is still canonical (hence all of it is): a reorg since then
    // would otherwise be written first and rolled back at the next range.
    if (read && (await aheadTip)?.hash !== read.last.hash) read = undefined;
    if (!read) {
      const to = head < from + range - 1n ? head : from + range - 1n;
      try {
        read = await reader.readRange(from, to, known, await finalizedBlock(chainHead, to));
      } catch (error) {
        if (isRangeTooLarge(error) && range > 1n) {
          range = range / 2n;
          log.info({ range: range.toString() }, 'the RPC refused the log range; halving it');
          return { caughtUp: false, events: 0, head };
        }
        throw error;
      }
    }
    if (cursor && read.first.parentHash !== cursor.hash) {
      await handleReorg();
      return { caughtUp: false, events: 0, head };
    }
    const { to, last, rows, next } = await joinReadAhead(read, head);
    // Reads queued for another start (a range halved, a read failed) are dropped; the rest stay ahead.
    if (prefetched[0] && prefetched[0].from !== to + 1n) prefetched = [];
    prefetch({ to, next }, head);
    const written = await writeRange(
      db,
      chainId,
      rows,
      {
        number: last.number,
        hash: last.hash,
        parentHash: last.parentHash,
        timestamp: new Date(Number(last.timestamp) * 1000),
      },
      options.fence,
    );
    known = next;
    await options.afterRange?.({ from, to, rows }).catch(upkeepFailed('after-range'));
    metrics.events.inc(written);
    metrics.indexedBlock.set(Number(to));
    updateLag(to, chainHead);
    // Grow back after a refusal only while ranges stay sparse, so a dense chain does not oscillate.
    if (range < maxRange && read.logCount < 5_000) range = range * 2n > maxRange ? maxRange : range * 2n;
    return { caughtUp: to >= head, events: countRows(rows), from, to, head };
  }

  /**
   * `read` and the ranges read ahead after it, as one write of at most MAX_JOINED_ROWS rows (a backfill then commits
   * once per several ranges, see MAX_JOINED_ROWS). Only ranges at or below the last finalized block are joined: they cannot be reorganized, so each one's first block naming the previous one's last
   * as its parent is all there is to check. Near the head every range is written on its own, as soon as it is read,
   * and a reorg there drops at most the reads ahead (never a joined write to roll back). The reads ahead are in
   * flight together, so waiting for them costs about one read; one that failed stays ahead and fails its own step.
   */
  async function joinReadAhead(read: RangeRead, head: bigint) {
    if (read.to > finalized) return read;
    const joined = [read];
    let total = countRows(read.rows);
    for (;;) {
      const entry = prefetched[0];
      const previous = joined.at(-1)!;
      if (!entry || entry.from !== previous.to + 1n || entry.to > finalized || entry.to > head) break;
      if (!followsAll(entry.known, previous.next)) break;
      const ahead = await entry.read.catch(() => undefined);
      if (!ahead || ahead.first.parentHash !== previous.last.hash) break;
      const count = countRows(ahead.rows);
      if (total + count > MAX_JOINED_ROWS) break;
      prefetched.shift();
      joined.push(ahead);
      total += count;
    }
    return joined.length === 1 ? read : joinRanges(joined);
  }

  /** The upkeep's failure is logged, except a lost lock (its fence refused a write): that stops the indexer too. */
  function upkeepFailed(which: string) {
    return (error: unknown) => {
      if (isIndexerLockLost(error)) throw error;
      // Stopping: the upkeep's abort is no failure.
      if (options.signal.aborted) return;
      log.warn({ err: error }, `${which} upkeep failed`);
    };
  }

  function updateLag(indexed: bigint, chainHead: bigint) {
    metrics.indexedBlock.set(Number(indexed));
    metrics.headLag.set(Number(chainHead > indexed ? chainHead - indexed : 0n));
  }

  /** Indexes until caught up with the head (one pass, no polling); for tests, the bench and scripts. */
  async function catchUp() {
    let events = 0;
    for (;;) {
      const result = await step();
      events += result.events;
      if (result.caughtUp) return { events, head: result.head };
    }
  }

  /**
   * Follows the chain until the signal aborts; failures are logged and retried with exponential backoff, except a lost
   * indexer lock (IndexerLockLostError), which is thrown: another indexer writes now.
   */
  async function run() {
    let backoffMs = 250;
    let lastProgress = 0;
    let eventsSinceProgress = 0;
    while (!options.signal.aborted) {
      try {
        const result = await step();
        backoffMs = 250;
        eventsSinceProgress += result.events;
        if (result.to !== undefined && !result.caughtUp && Date.now() - lastProgress > 2_000) {
          const seconds = lastProgress ? (Date.now() - lastProgress) / 1000 : 1;
          log.info(
            {
              block: result.to.toString(),
              head: result.head.toString(),
              remaining: (result.head - result.to).toString(),
              eventsPerSecond: Math.round(eventsSinceProgress / seconds),
            },
            'backfilling',
          );
          lastProgress = Date.now();
          eventsSinceProgress = 0;
        }
        if (result.caughtUp) await sleep(options.pollIntervalMs ?? 500, options.signal);
      } catch (error) {
        if (options.signal.aborted) break;
        if (isIndexerLockLost(error)) throw error;
        metrics.failures.inc();
        log.warn({ err: error, retryInMs: backoffMs }, 'indexer step failed; retrying');
        await sleep(backoffMs, options.signal);
        backoffMs = Math.min(backoffMs * 2, 10_000);
      }
    }
  }

  return { step, catchUp, run, metrics };
}

/** Waits `ms`, or less when the signal aborts (never rejects). */
function sleep(ms: number, signal: AbortSignal) {
  return delay(ms, undefined, { signal }).catch(() => {});
}
