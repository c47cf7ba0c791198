/**
 * A cluster's order book and trades (db/market/book.ts) at the mirror's chain time, with the implied yield of each
 * level from the trailing revenue the market table's APR is computed from (db/analytics/market.ts revenueDeposited
 * over its window, protocol/figures/apr.ts).
 */
import type { AppLoadContext } from '@remix-run/node';
import { MAX_TRADES, readOrderBook, readTrades, trailingRevenuePerShare } from '#db/market/book';
import { serializeOfferView } from '#db/market/offers';
import type { OrderBook, Trade } from '#db/market/types';
import { cachedMarket } from '~/models/market.server';

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

export const DEFAULT_TRADES = 50;

/** The mirror's chain time (unix s) and each cluster's trailing revenue per whole share per year. */
export async function marketFigures(context: Context, clusterId: bigint) {
  const view = await cachedMarket(context.db, context.chain.chainId);
  const row = view.rows.find((entry) => entry.clusterId === clusterId);
  return {
    now: Math.floor(view.at.getTime() / 1000),
    revenuePerShare: row?.token ? trailingRevenuePerShare(row.revenueDeposited, row.supply, view.window.seconds) : null,
  };
}

export async function getOrderBook(context: Context, clusterId: bigint): Promise<OrderBook> {
  const { now, revenuePerShare } = await marketFigures(context, clusterId);
  return readOrderBook(context.db, {
    chainId: context.chain.chainId,
    clusterId,
    now,
    trailingRevenuePerShare: revenuePerShare,
  });
}

/** Trades of a cluster, newest first; `before` is the `${blockNumber}:${logIndex}` of the last one seen. */
export function getTrades(
  context: Context,
  clusterId: bigint,
  opts: { limit?: number; before?: string } = {},
): Promise<Trade[]> {
  return readTrades(context.db, {
    chainId: context.chain.chainId,
    clusterId,
    limit: Math.min(opts.limit ?? DEFAULT_TRADES, MAX_TRADES),
    before: opts.before,
  });
}

/** Book and trades as JSON (bigints as decimal strings). */
export function serializeOrderBook(book: OrderBook) {
  const level = (entry: OrderBook['bids'][number]) => ({
    ...entry,
    price: entry.price.toString(),
    amount: entry.amount.toString(),
  });
  return {
    clusterId: book.clusterId.toString(),
    bids: book.bids.map(level),
    asks: book.asks.map(level),
    bestBid: book.bestBid?.toString() ?? null,
    bestAsk: book.bestAsk?.toString() ?? null,
    spread: book.spread?.toString() ?? null,
    offers: book.offers.map(serializeOfferView),
    trailingRevenuePerShare: book.trailingRevenuePerShare?.toString() ?? null,
    asOf: book.asOf,
  };
}

export function serializeTrade(trade: Trade) {
  return {
    ...trade,
    blockNumber: trade.blockNumber.toString(),
    clusterId: trade.clusterId.toString(),
    amount: trade.amount.toString(),
    price: trade.price.toString(),
    cost: trade.cost.toString(),
    fee: trade.fee.toString(),
  };
}
