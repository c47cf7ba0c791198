/**
 * The order book of a cluster and its trades, from the relay's offers and the mirror's fills. The book holds only
 * public offers (no named taker) the relay last found fillable (`open`), not expiring at the answer's chain time and
 * with a live remainder after the mirror's fills (a dust remainder, whose cost rounds to 0, counts as filled). Asks
 * (Sell offers) ascend by price, bids (Buy offers) descend, each level summing the remainders at one price; its implied
 * yield is the trailing revenue per whole share per year over the level's price.
 */
import { and, desc, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import { type Hex, zeroAddress } from 'viem';
import type { Database } from '../database';
import { marketFills, marketOffers } from '../schema';
import { MAX_OFFERS_PER_CLUSTER } from './bounds';
import { bookOrder, liveRemainder } from './fillability';
import { candidateOfRow, offerOfRow, offerView } from './offers';
import type { OfferView, OrderBook, OrderBookLevel, Trade } from './types';

const SHARE_UNIT = 10n ** 18n;
const YEAR_SECONDS = 365n * 86_400n;
export const MAX_TRADES = 500;

/**
 * Stablecoin base units per whole share per year: the revenue deposited over the trailing window (the mirror's
 * figure behind the market's trailing APR, protocol/figures/apr.ts), annualised over the window's real length and
 * divided over the supply. Null without supply or window.
 */
export function trailingRevenuePerShare(deposited: bigint, supply: bigint, windowSeconds: bigint): bigint | null {
  if (supply <= 0n || windowSeconds <= 0n) return null;
  return (deposited * YEAR_SECONDS * SHARE_UNIT) / (windowSeconds * supply);
}

/** Implied yield in basis points of buying at `price`: revenue per share per year × 10 000 ÷ price, rounded down. */
export function impliedYieldBps(revenuePerShare: bigint | null, price: bigint): number | null {
  if (revenuePerShare === null || price <= 0n) return null;
  return Number((revenuePerShare * 10_000n) / price);
}

/** The mirror's filled total of each offer. */
export async function mirroredFilled(db: Database, chainId: number, hashes: readonly Hex[]) {
  const totals = new Map<Hex, bigint>();
  if (hashes.length === 0) return totals;
  const rows = await db
    .select({ offerHash: marketFills.offerHash, total: sql<string>`sum(${marketFills.amount})` })
    .from(marketFills)
    .where(and(eq(marketFills.chainId, chainId), inArray(marketFills.offerHash, [...hashes])))
    .groupBy(marketFills.offerHash);
  for (const row of rows) totals.set(row.offerHash, BigInt(row.total));
  return totals;
}

function levels(offers: readonly OfferView[], revenuePerShare: bigint | null): OrderBookLevel[] {
  const result: OrderBookLevel[] = [];
  for (const offer of offers) {
    const last = result.at(-1);
    if (last && last.price === offer.price) {
      last.amount += offer.remaining;
      last.offers += 1;
    } else {
      result.push({
        price: offer.price,
        amount: offer.remaining,
        offers: 1,
        impliedYieldBps: impliedYieldBps(revenuePerShare, offer.price),
      });
    }
  }
  return result;
}

/** The book of `clusterId` at chain time `now` (unix seconds). `offers` lists asks then bids, each best first. */
export async function readOrderBook(
  db: Database,
  query: { chainId: number; clusterId: bigint; now: number; trailingRevenuePerShare: bigint | null },
): Promise<OrderBook> {
  const rows = await db
    .select()
    .from(marketOffers)
    .where(
      and(
        eq(marketOffers.chainId, query.chainId),
        eq(marketOffers.clusterId, query.clusterId),
        eq(marketOffers.status, 'open'),
        eq(marketOffers.taker, zeroAddress),
        gt(marketOffers.expiry, BigInt(query.now)),
      ),
    )
    .limit(MAX_OFFERS_PER_CLUSTER);
  const filled = await mirroredFilled(
    db,
    query.chainId,
    rows.map((row) => row.offerHash),
  );
  const views: OfferView[] = [];
  for (const row of rows) {
    const total = filled.get(row.offerHash) ?? 0n;
    const done = total > row.filled ? total : row.filled;
    if (liveRemainder(offerOfRow(row), done) === 0n) continue;
    views.push(offerView({ ...row, filled: done }));
  }
  const candidates = new Map(rows.map((row) => [row.offerHash, candidateOfRow(row)]));
  const order = (a: OfferView, b: OfferView) => bookOrder(candidates.get(a.offerHash)!, candidates.get(b.offerHash)!);
  const asks = views.filter((view) => view.side === 'sell').sort(order);
  const bids = views.filter((view) => view.side === 'buy').sort(order);
  const bestAsk = asks[0]?.price ?? null;
  const bestBid = bids[0]?.price ?? null;
  return {
    clusterId: query.clusterId,
    asks: levels(asks, query.trailingRevenuePerShare),
    bids: levels(bids, query.trailingRevenuePerShare),
    bestAsk,
    bestBid,
    spread: bestAsk !== null && bestBid !== null ? bestAsk - bestBid : null,
    offers: [...asks, ...bids],
    trailingRevenuePerShare: query.trailingRevenuePerShare,
    asOf: query.now,
  };
}

/** A fill as a trade: who sold and who bought follow the offer's side. */
export function tradeOfFill(row: typeof marketFills.$inferSelect): Trade {
  const sell = row.side === 0;
  return {
    txHash: row.transactionHash,
    logIndex: row.logIndex,
    blockNumber: row.blockNumber,
    time: Math.floor(row.blockTime.getTime() / 1000),
    offerHash: row.offerHash,
    clusterId: row.clusterId,
    side: sell ? 'sell' : 'buy',
    maker: row.maker,
    taker: row.taker,
    seller: sell ? row.maker : row.taker,
    buyer: sell ? row.taker : row.maker,
    amount: row.amount,
    price: row.price,
    cost: row.cost,
    fee: row.fee,
  };
}

/** A page cursor of trades: `${blockNumber}:${logIndex}` of the last trade seen (the next page is older). */
export function parseTradeCursor(before: string | undefined): { block: bigint; logIndex: number } | null {
  const match = before ? /^(\d{1,20}):(\d{1,9})$/.exec(before) : null;
  return match ? { block: BigInt(match[1]!), logIndex: Number(match[2]) } : null;
}

/** Trades newest first, by cluster or by account (as maker or taker), at most MAX_TRADES. */
export async function readTrades(
  db: Database,
  query: { chainId: number; clusterId?: bigint; account?: string; limit: number; before?: string },
): Promise<Trade[]> {
  const cursor = parseTradeCursor(query.before);
  const rows = await db
    .select()
    .from(marketFills)
    .where(
      and(
        eq(marketFills.chainId, query.chainId),
        query.clusterId === undefined ? undefined : eq(marketFills.clusterId, query.clusterId),
        query.account === undefined
          ? undefined
          : or(eq(marketFills.maker, query.account as Hex), eq(marketFills.taker, query.account as Hex)),
        cursor
          ? or(
              lt(marketFills.blockNumber, cursor.block),
              and(eq(marketFills.blockNumber, cursor.block), lt(marketFills.logIndex, cursor.logIndex)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(marketFills.blockNumber), desc(marketFills.logIndex))
    .limit(Math.min(Math.max(1, query.limit), MAX_TRADES));
  return rows.map(tradeOfFill);
}
