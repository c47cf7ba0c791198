/**
 * Keeps the relayed offers' statuses true to the chain, run by the indexer after each range it writes and after each
 * reorg (IndexerOptions.afterRange / afterReorg). After a range:
 *  1. offers whose expiry is at or before the chain's time are `expired`;
 *  2. offers the range filled or cancelled (OfferFilled, OfferCancelled, NoncesCancelled in the mirror) get their
 *     filled total and, when dead, `filled` (a dust remainder counts as filled) or `cancelled`; an offer a re-check
 *     marked `nonce_used` (the chain records a fill that took an offer whole only by its nonce) is among them, so
 *     its own fill, once mirrored, turns it into `filled`;
 *  3. the live offers of makers or tokens the range touched (a share or stablecoin Transfer of the maker, a fill, a
 *     freeze, verification, allowlist or pause event of the token) are re-checked at the head (./fillability.ts),
 *     at most RANGE_RECHECK_LIMIT of them, least recently checked first; so are those of makers that moved the asset
 *     they give or changed its allowance to the market in the range, read from the chain's logs (./upkeep-logs.ts:
 *     the mirror keeps neither outsiders' stablecoin transfers nor Approval events);
 *  4. a bounded round of the least recently checked live offers (ROUND_LIMIT);
 *  5. offers dead for more than PRUNE_AFTER_DAYS are deleted, PRUNE_LIMIT at a time.
 * After a reorg to `ancestor`, the offers marked filled or cancelled above it (the mirror sets checkedBlock when it
 * marks them) and those checked within REORG_DEPTH blocks of it are read again (a rolled-back fill may revive one). Every re-check reads the chain, never the mirror alone, so a fill the mirror
 * has not indexed yet cannot keep an offer open past the next check.
 *
 * Its writes are fenced like the indexer's own (`fence`, db/indexer/lock.ts): steps 1-2 are one transaction, each
 * batch of verdicts one (after its chain reads, never around them), the prune one; each starts with the fence, so an
 * indexer that lost its lock writes no verdict read at an older head over the new holder's. Once `signal` aborts
 * (a lost lock, a stop) no further step starts.
 */
import { and, asc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex } from 'viem';
import type { Executor } from '../bulk-insert';
import type { Database } from '../database';
import type { WriteFence } from '../indexer/store';
import type { EventRows } from '../indexer/tables';
import { marketFills, marketNonceCancels, marketOfferCancels, marketOffers, shareTokens } from '../schema';
import { assessOffers, type Head, liveRemainder, type MarketChain, readHead, type Verdict } from './fillability';
import { candidateOfRow, LIVE_STATUSES, type OfferRow, offerOfRow } from './offers';
import { createMakerLogScanner } from './upkeep-logs';

export const RANGE_RECHECK_LIMIT = 500;
export const ROUND_LIMIT = 100;
export const REORG_DEPTH = 64n;
export const PRUNE_AFTER_DAYS = 30;
export const PRUNE_LIMIT = 1_000;
/** Offers marked filled or cancelled above a reorg's ancestor re-read after it (a 64-block reorg holds far fewer). */
export const REORG_REVIVE_LIMIT = 2_000;
/** Offers assessed per call of assessOffers (each distinct read is one eth_call). */
const BATCH = 100;

export type UpkeepDeps = {
  db: Database;
  chain: MarketChain;
  log?: Logger;
  /** Run first in each write transaction (the indexer's fence; none on PGlite or outside an indexer). */
  fence?: WriteFence;
  /** Once aborted, no further step starts (the indexer stopped or lost its lock). */
  signal?: AbortSignal;
};

const live = inArray(marketOffers.status, [...LIVE_STATUSES]);

export function createMarketUpkeep(deps: UpkeepDeps) {
  const { db, chain } = deps;
  const ofChain = eq(marketOffers.chainId, chain.chainId);
  const scanMakerLogs = createMakerLogScanner(deps);
  /** One write transaction, the fence first. */
  const fenced = <T>(write: (tx: Executor) => Promise<T>) =>
    db.transaction(async (tx) => {
      await deps.fence?.(tx);
      return write(tx);
    });
  /** Throws when the signal aborted: the step after it does not start. */
  const goOn = () => deps.signal?.throwIfAborted();

  /** Writes verdicts; `statusAt` moves only where the status changed. */
  async function store(rows: readonly OfferRow[], verdicts: Map<Hex, Verdict>, head: Head, now: Date) {
    goOn();
    await fenced(async (tx) => {
      for (const row of rows) {
        const verdict = verdicts.get(row.offerHash);
        if (!verdict) continue;
        await tx
          .update(marketOffers)
          .set({
            status: verdict.status,
            reason: verdict.status === 'open' ? null : verdict.code,
            filled: verdict.filled,
            checkedAt: now,
            checkedBlock: head.number,
            statusAt: verdict.status === row.status ? row.statusAt : now,
          })
          .where(eq(marketOffers.offerHash, row.offerHash));
      }
    });
  }

  /**
   * Re-checks `rows` at the head, each with all the maker's other live offers (the allotment needs them), in batches
   * of whole makers.
   */
  async function recheck(rows: readonly OfferRow[], head: Head, now: Date) {
    if (rows.length === 0) return 0;
    const makers = [...new Set(rows.map((row) => row.maker))];
    const all = await db
      .select()
      .from(marketOffers)
      .where(
        and(
          ofChain,
          inArray(marketOffers.maker, makers),
          or(
            live,
            inArray(
              marketOffers.offerHash,
              rows.map((r) => r.offerHash),
            ),
          ),
        ),
      );
    const byMaker = new Map<Address, OfferRow[]>();
    for (const row of all) byMaker.set(row.maker, [...(byMaker.get(row.maker) ?? []), row]);
    let batch: OfferRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await store(batch, await assessOffers(chain, batch.map(candidateOfRow), head), head, now);
      batch = [];
    };
    for (const group of byMaker.values()) {
      if (batch.length + group.length > BATCH) await flush();
      batch.push(...group);
    }
    await flush();
    return all.length;
  }

  /** Steps 1-2: expiry by chain time and the fills and cancels the mirror has, without a chain read; one transaction. */
  async function settleFromMirror(rows: EventRows, head: Head, now: Date) {
    goOn();
    await fenced((tx) => settle(tx, rows, head, now));
  }

  async function settle(tx: Executor, rows: EventRows, head: Head, now: Date) {
    await tx
      .update(marketOffers)
      .set({ status: 'expired', reason: 'offer_expired', statusAt: now, checkedAt: now, checkedBlock: head.number })
      .where(and(ofChain, live, lte(marketOffers.expiry, head.timestamp)));
    const touched = [
      ...new Set([...rows.marketFills.map((row) => row.offerHash), ...rows.marketOfferCancels.map((r) => r.offerHash)]),
    ];
    const cancellingMakers = [...new Set(rows.marketNonceCancels.map((row) => row.maker))];
    if (touched.length === 0 && cancellingMakers.length === 0) return;
    const affected = await tx
      .select()
      .from(marketOffers)
      .where(
        and(
          ofChain,
          or(
            // An offer marked nonce_used comes back only through its own fill or cancel (not a maker's cancel-all,
            // which would rewrite its history).
            touched.length
              ? and(or(live, eq(marketOffers.reason, 'nonce_used')), inArray(marketOffers.offerHash, touched))
              : sql`false`,
            cancellingMakers.length ? and(live, inArray(marketOffers.maker, cancellingMakers)) : sql`false`,
          ),
        ),
      )
      .limit(RANGE_RECHECK_LIMIT);
    for (const row of affected) {
      const [filledRow] = await tx
        .select({ total: sql<string>`coalesce(sum(${marketFills.amount}), 0)` })
        .from(marketFills)
        .where(and(eq(marketFills.chainId, chain.chainId), eq(marketFills.offerHash, row.offerHash)));
      const filled = BigInt(filledRow?.total ?? '0');
      const [cancel] = await tx
        .select({ hash: marketOfferCancels.offerHash })
        .from(marketOfferCancels)
        .where(and(eq(marketOfferCancels.chainId, chain.chainId), eq(marketOfferCancels.offerHash, row.offerHash)))
        .limit(1);
      const [nonceCancel] = await tx
        .select({ minNonce: marketNonceCancels.minNonce })
        .from(marketNonceCancels)
        .where(
          and(
            eq(marketNonceCancels.chainId, chain.chainId),
            eq(marketNonceCancels.maker, row.maker),
            gt(marketNonceCancels.minNonce, row.nonce),
          ),
        )
        .limit(1);
      // Filled in full first: a cancel after the last fill (allowed on chain) ends nothing.
      const complete = liveRemainder(offerOfRow(row), filled) === 0n;
      const status = complete ? 'filled' : cancel || nonceCancel ? 'cancelled' : row.status;
      const reason = complete
        ? 'offer_filled'
        : cancel
          ? 'offer_cancelled'
          : nonceCancel
            ? 'nonce_cancelled'
            : row.reason;
      await tx
        .update(marketOffers)
        // checkedBlock moves too: a reorg below it re-reads the offer (a rolled-back fill or cancel revives it).
        .set({
          filled,
          status,
          reason,
          checkedBlock: head.number,
          statusAt: status === row.status ? row.statusAt : now,
        })
        .where(eq(marketOffers.offerHash, row.offerHash));
    }
  }

  /** Step 3: the live offers of the makers and tokens the range touched, least recently checked first. */
  async function touchedOffers(rows: EventRows, moved: readonly Address[]): Promise<OfferRow[]> {
    const accounts = new Set<Address>(moved);
    for (const row of rows.shareTransfers) accounts.add(row.from).add(row.to);
    for (const row of rows.stablecoinTransfers) accounts.add(row.from).add(row.to);
    for (const row of rows.marketFills) accounts.add(row.maker).add(row.taker);
    // A cancel uses its offer's nonce: any other offer of the maker with that nonce (even one never relayed, so its
    // hash names nothing stored) is dead on chain.
    for (const row of rows.marketOfferCancels) accounts.add(row.maker);
    const tokens = new Set<Address>();
    for (const row of rows.tokenControlEvents) {
      if (row.kind === 'freeze_set' || row.kind === 'verification_set') {
        if (row.account) accounts.add(row.account);
      } else if (row.kind !== 'revenue_payer_set') {
        tokens.add(row.token);
      }
    }
    const clusters = tokens.size
      ? (
          await db
            .select({ clusterId: shareTokens.clusterId })
            .from(shareTokens)
            .where(and(eq(shareTokens.chainId, chain.chainId), inArray(shareTokens.token, [...tokens])))
        ).map((row) => row.clusterId)
      : [];
    // The relay stores makers checksummed, as the decoder gives the mirror's addresses.
    const makers = [...accounts].map((account) => getAddress(account));
    if (makers.length === 0 && clusters.length === 0) return [];
    return db
      .select()
      .from(marketOffers)
      .where(
        and(
          ofChain,
          live,
          or(
            makers.length ? inArray(marketOffers.maker, makers) : sql`false`,
            clusters.length ? inArray(marketOffers.clusterId, clusters) : sql`false`,
          ),
        ),
      )
      .orderBy(asc(marketOffers.checkedAt))
      .limit(RANGE_RECHECK_LIMIT);
  }

  /** Step 5: deletes offers dead for more than PRUNE_AFTER_DAYS (bounded per run). */
  async function prune(now: Date) {
    goOn();
    const cutoff = new Date(now.getTime() - PRUNE_AFTER_DAYS * 86_400_000);
    await fenced((tx) =>
      tx.execute(sql`
      delete from ${marketOffers} where ${marketOffers.offerHash} in (
        select ${marketOffers.offerHash} from ${marketOffers}
        where ${marketOffers.chainId} = ${chain.chainId}
          and ${marketOffers.status} in ('filled', 'cancelled', 'expired')
          and ${marketOffers.statusAt} < ${cutoff.toISOString()}
        limit ${PRUNE_LIMIT})`),
    );
  }

  /** Whether the chain has any relayed offer at all (a backfill before the first relay reads nothing more). */
  async function anyOffer() {
    const [row] = await db.select({ hash: marketOffers.offerHash }).from(marketOffers).where(ofChain).limit(1);
    return row !== undefined;
  }

  /** After a written range (its decoded rows). */
  async function afterRange(range: { from: bigint; to: bigint; rows: EventRows }) {
    if (deps.signal?.aborted || !(await anyOffer())) return;
    const head = await readHead(chain);
    const now = new Date();
    await settleFromMirror(range.rows, head, now);
    const moved = await scanMakerLogs(range);
    const touched = await touchedOffers(range.rows, moved);
    await recheck(touched, head, now);
    const round = await db
      .select()
      .from(marketOffers)
      .where(and(ofChain, live))
      .orderBy(asc(marketOffers.checkedAt))
      .limit(ROUND_LIMIT);
    await recheck(round, head, now);
    await prune(now);
  }

  /**
   * After a reorg rolled the mirror back to `ancestor`: every offer marked filled or cancelled above it (the mirror's
   * rows that marked it may be gone; settleFromMirror moves checkedBlock), first, then the offers checked within
   * REORG_DEPTH of it, read again.
   */
  async function afterReorg(ancestor: bigint) {
    if (deps.signal?.aborted || !(await anyOffer())) return;
    const head = await readHead(chain);
    const dead = await db
      .select()
      .from(marketOffers)
      .where(
        and(ofChain, inArray(marketOffers.status, ['filled', 'cancelled']), gt(marketOffers.checkedBlock, ancestor)),
      )
      .orderBy(asc(marketOffers.checkedBlock))
      .limit(REORG_REVIVE_LIMIT);
    const recent = await db
      .select()
      .from(marketOffers)
      .where(
        and(
          ofChain,
          inArray(marketOffers.status, ['open', 'unfillable', 'filled', 'cancelled']),
          gt(marketOffers.checkedBlock, ancestor - REORG_DEPTH),
        ),
      )
      .orderBy(asc(marketOffers.checkedAt))
      .limit(RANGE_RECHECK_LIMIT);
    const rows = new Map([...dead, ...recent].map((row) => [row.offerHash, row]));
    await recheck([...rows.values()], head, new Date());
  }

  return { afterRange, afterReorg };
}

/**
 * The indexer's hooks for the market's upkeep (IndexerOptions.afterRange / afterReorg), or none for a deployment
 * without a market: `createIndexer({ ...options, ...marketUpkeepHooks({ db, publicClient, chainId, contracts, log }) })`.
 */
export function marketUpkeepHooks(options: {
  db: Database;
  publicClient: MarketChain['publicClient'];
  chainId: number;
  contracts: { stablecoin: Address; market?: Address };
  log?: Logger;
  /** The indexer's fence and signal (UpkeepDeps). */
  fence?: WriteFence;
  signal?: AbortSignal;
}) {
  const { market, stablecoin } = options.contracts;
  if (!market) return {};
  const upkeep = createMarketUpkeep({
    db: options.db,
    chain: { publicClient: options.publicClient, chainId: options.chainId, market: getAddress(market), stablecoin },
    log: options.log,
    fence: options.fence,
    signal: options.signal,
  });
  return { afterRange: upkeep.afterRange, afterReorg: upkeep.afterReorg };
}
