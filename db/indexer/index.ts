/**
 * Mirrors the chain into the database. Each block range is written together with its cursor in one transaction, so a
 * crash never leaves rows without a cursor (or a cursor past missing rows); rows are keyed by block hash + log index,
 * so replaying a range changes nothing. A reorg is detected when a recorded block hash is no longer on the chain:
 * rows after the last still-canonical recorded block are removed and re-indexed.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Address, type PublicClient, parseAbiItem } from 'viem';
import type { Database } from '../index';
import { chainIdentity, indexedBlocks, stablecoinTransfers } from '../schema';

const transferEvent = parseAbiItem('event Transfer(address indexed from, address indexed to, uint256 value)');

export type IndexerOptions = {
  db: Database;
  publicClient: PublicClient;
  chainId: number;
  stablecoin: Address;
  deployBlock: bigint;
  /** Blocks behind the head that are treated as final enough to index. */
  confirmations?: number;
  maxBlockRange?: bigint;
  pollIntervalMs?: number;
  signal: AbortSignal;
  log: Logger;
};

/** Makes the database describe the chain it is connected to; returns true when it had to be wiped. */
export async function ensureChainIdentity(
  db: Database,
  identity: typeof chainIdentity.$inferInsert,
  reset: () => Promise<void>,
): Promise<boolean> {
  const [stored] = await db.select().from(chainIdentity).where(eq(chainIdentity.chainId, identity.chainId));
  const same =
    stored &&
    stored.genesisHash === identity.genesisHash &&
    stored.deployBlockHash === identity.deployBlockHash &&
    stored.deployBlock === identity.deployBlock;
  if (same) return false;
  const wasEmpty = !stored;
  if (!wasEmpty) await reset();
  await db.insert(chainIdentity).values(identity);
  return !wasEmpty;
}

async function lastIndexed(db: Database, chainId: number) {
  const [row] = await db
    .select()
    .from(indexedBlocks)
    .where(eq(indexedBlocks.chainId, chainId))
    .orderBy(desc(indexedBlocks.number))
    .limit(1);
  return row;
}

/** Removes everything indexed after the newest recorded block that is still canonical. */
async function rollBackReorg(options: IndexerOptions) {
  const { db, publicClient, chainId } = options;
  const recorded = await db
    .select()
    .from(indexedBlocks)
    .where(eq(indexedBlocks.chainId, chainId))
    .orderBy(desc(indexedBlocks.number));
  let ancestor: bigint = options.deployBlock - 1n;
  for (const block of recorded) {
    const onChain = await publicClient.getBlock({ blockNumber: block.number }).catch(() => undefined);
    if (onChain?.hash === block.hash) {
      ancestor = block.number;
      break;
    }
  }
  await db.transaction(async (tx) => {
    await tx
      .delete(stablecoinTransfers)
      .where(and(eq(stablecoinTransfers.chainId, chainId), gt(stablecoinTransfers.blockNumber, ancestor)));
    await tx.delete(indexedBlocks).where(and(eq(indexedBlocks.chainId, chainId), gt(indexedBlocks.number, ancestor)));
  });
  options.log.warn({ ancestor: ancestor.toString() }, 'reorg detected: rolled back to common ancestor');
}

/** Indexes one batch; returns true when it caught up with the head. */
export async function indexOnce(options: IndexerOptions): Promise<boolean> {
  const { db, publicClient, chainId } = options;
  const confirmations = BigInt(options.confirmations ?? 0);
  const head = (await publicClient.getBlockNumber({ cacheTime: 0 })) - confirmations;
  const last = await lastIndexed(db, chainId);
  if (last) {
    const onChain = await publicClient.getBlock({ blockNumber: last.number }).catch(() => undefined);
    if (onChain?.hash !== last.hash) {
      await rollBackReorg(options);
      return false;
    }
  }
  const from = last ? last.number + 1n : options.deployBlock;
  if (from > head) return true;
  const to =
    head < from + (options.maxBlockRange ?? 2_000n) - 1n ? head : from + (options.maxBlockRange ?? 2_000n) - 1n;
  const [logs, toBlock] = await Promise.all([
    publicClient.getLogs({
      address: options.stablecoin,
      event: transferEvent,
      fromBlock: from,
      toBlock: to,
      strict: true,
    }),
    publicClient.getBlock({ blockNumber: to }),
  ]);
  await db.transaction(async (tx) => {
    if (logs.length > 0) {
      await tx
        .insert(stablecoinTransfers)
        .values(
          logs.map((log) => ({
            chainId,
            blockNumber: log.blockNumber,
            blockHash: log.blockHash,
            logIndex: log.logIndex,
            transactionHash: log.transactionHash,
            from: log.args.from,
            to: log.args.to,
            value: log.args.value,
          })),
        )
        .onConflictDoNothing();
    }
    await tx
      .insert(indexedBlocks)
      .values({
        chainId,
        number: toBlock.number,
        hash: toBlock.hash,
        parentHash: toBlock.parentHash,
        timestamp: new Date(Number(toBlock.timestamp) * 1000),
      })
      .onConflictDoNothing();
  });
  options.log.debug({ from: from.toString(), to: to.toString(), logs: logs.length }, 'indexed range');
  return to >= head;
}

/** Follows the chain until the signal aborts; RPC and database errors are logged and retried with backoff. */
export async function runIndexer(options: IndexerOptions) {
  let backoffMs = 250;
  while (!options.signal.aborted) {
    try {
      const caughtUp = await indexOnce(options);
      backoffMs = 250;
      if (caughtUp) await sleep(options.pollIntervalMs ?? 500, options.signal);
    } catch (error) {
      if (options.signal.aborted) break;
      options.log.warn({ err: error, retryInMs: backoffMs }, 'indexer step failed; retrying');
      await sleep(backoffMs, options.signal);
      backoffMs = Math.min(backoffMs * 2, 10_000);
    }
  }
}

/** Waits `ms`, or less when the signal aborts (never rejects). */
function sleep(ms: number, signal: AbortSignal) {
  return delay(ms, undefined, { signal }).catch(() => {});
}
