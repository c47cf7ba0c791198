/**
 * An account's side of the secondary market: its offers and trades, and what selling shares into the book would give.
 *
 * getExitQuote walks the public bids best first (skipping the holder's own: the market refuses a self-trade), taking
 * from each offer what it has left; a partial take that would leave a Buy offer a remainder whose cost rounds to 0 is
 * cut so that it does not (the market would refuse it, DustRemainder). Each take is costed and feed as the market
 * does (protocol/market.ts fillCost, fillFee with the mirror's current fee); `proceeds` is what the seller receives
 * (cost − fee), `averagePrice` the gross cost per whole share.
 *
 * `earnedSinceBought` is the revenue the token streamed to the holder's balance from the first share it received to
 * the mirror's chain time (app/models/holdings-earnings.server.ts tokenEarnedAt, replayed from the mirror's transfers
 * and deposits) — everything its shares earned while held, shares sold since included; null when the holder never held
 * the token or its history is longer than the replay's bound.
 */
import type { AppLoadContext } from '@remix-run/node';
import { and, desc, eq, or } from 'drizzle-orm';
import { type Address, getAddress } from 'viem';
import { readTrades } from '#db/market/book';
import type { ExitQuote, OfferView, Trade } from '#db/market/types';
import { marketFeeEvents, revenueDeposits, shareTokens, shareTransfers } from '#db/schema';
import { fillCost, fillFee, leavesDustRemainder, type Offer, offerOfView, SHARE_UNIT } from '#protocol/market';
import { tokenEarnedAt } from '~/models/holdings-earnings.server';
import { listOffersByMaker } from '~/models/offers.server';
import { getOrderBook, marketFigures } from '~/models/order-book.server';

type Context = Pick<AppLoadContext, 'db' | 'chain'>;

export const PORTFOLIO_TRADES = 100;
/** Transfers and deposits replayed for earnedSinceBought at most (each); beyond it the figure is null. */
export const EARNINGS_REPLAY_LIMIT = 5_000;

export async function getTradingPortfolio(
  context: Context,
  account: Address,
): Promise<{ offers: OfferView[]; trades: Trade[] }> {
  const [offers, trades] = await Promise.all([
    listOffersByMaker(context, account),
    readTrades(context.db, {
      chainId: context.chain.chainId,
      account: getAddress(account),
      limit: PORTFOLIO_TRADES,
    }),
  ]);
  return { offers, trades };
}

/** The market's fee in basis points as the mirror has it (the latest FeeSet; 0 before any). */
export async function mirroredFeeBps(context: Context): Promise<number> {
  const [row] = await context.db
    .select({ feeBps: marketFeeEvents.feeBps })
    .from(marketFeeEvents)
    .where(eq(marketFeeEvents.chainId, context.chain.chainId))
    .orderBy(desc(marketFeeEvents.blockNumber), desc(marketFeeEvents.logIndex))
    .limit(1);
  return row?.feeBps ?? 0;
}

/** The most of `want` shares a Buy offer takes without leaving a dust remainder (0: none). */
function takeFrom(offer: Offer, filled: bigint, remaining: bigint, want: bigint): bigint {
  let take = want < remaining ? want : remaining;
  if (take < remaining && leavesDustRemainder(offer, filled, take)) {
    // The remainder must cost at least 1 base unit: remaining − take ≥ ceil(1e18 ÷ price).
    const minRemainder = (SHARE_UNIT + offer.price - 1n) / offer.price;
    take = remaining - minRemainder < take ? remaining - minRemainder : take;
    if (take <= 0n || leavesDustRemainder(offer, filled, take)) return 0n;
  }
  return take;
}

export async function getExitQuote(
  context: Context,
  clusterId: bigint,
  holder: Address,
  shares: bigint,
): Promise<ExitQuote> {
  const [book, feeBps, earnedSinceBought] = await Promise.all([
    getOrderBook(context, clusterId),
    mirroredFeeBps(context),
    earnedByHolder(context, clusterId, holder),
  ]);
  const self = holder.toLowerCase();
  let left = shares;
  let fillable = 0n;
  let gross = 0n;
  let fee = 0n;
  const prices = new Set<bigint>();
  for (const view of book.offers) {
    if (left <= 0n) break;
    if (view.side !== 'buy' || view.maker.toLowerCase() === self) continue;
    const offer = offerOfView(view);
    const take = takeFrom(offer, view.filled, view.remaining, left);
    if (take <= 0n) continue;
    const cost = fillCost(offer, take);
    if (cost <= 0n) continue;
    fillable += take;
    gross += cost;
    fee += fillFee(cost, feeBps);
    left -= take;
    prices.add(view.price);
  }
  return {
    clusterId,
    shares,
    fillable,
    proceeds: gross - fee,
    fee,
    averagePrice: fillable > 0n ? (gross * SHARE_UNIT) / fillable : null,
    levelsUsed: prices.size,
    earnedSinceBought,
  };
}

/** See the module comment: the token's revenue streamed to `holder` up to the mirror's chain time. */
export async function earnedByHolder(context: Context, clusterId: bigint, holder: Address): Promise<bigint | null> {
  const { db } = context;
  const chainId = context.chain.chainId;
  const account = getAddress(holder);
  const [token] = await db
    .select({ token: shareTokens.token, supply: shareTokens.supply })
    .from(shareTokens)
    .where(and(eq(shareTokens.chainId, chainId), eq(shareTokens.clusterId, clusterId)))
    .limit(1);
  if (!token) return null;
  const [transfers, deposits, { now }] = await Promise.all([
    db
      .select({
        from: shareTransfers.from,
        to: shareTransfers.to,
        value: shareTransfers.value,
        at: shareTransfers.blockTime,
      })
      .from(shareTransfers)
      .where(
        and(
          eq(shareTransfers.chainId, chainId),
          eq(shareTransfers.token, token.token),
          or(eq(shareTransfers.from, account), eq(shareTransfers.to, account)),
        ),
      )
      .limit(EARNINGS_REPLAY_LIMIT + 1),
    db
      .select({
        at: revenueDeposits.blockTime,
        ratePerSecond: revenueDeposits.ratePerSecond,
        streamEnd: revenueDeposits.streamEnd,
      })
      .from(revenueDeposits)
      .where(and(eq(revenueDeposits.chainId, chainId), eq(revenueDeposits.token, token.token)))
      .limit(EARNINGS_REPLAY_LIMIT + 1),
    marketFigures(context, clusterId),
  ]);
  if (transfers.length === 0 || transfers.length > EARNINGS_REPLAY_LIMIT || deposits.length > EARNINGS_REPLAY_LIMIT) {
    return null;
  }
  const seconds = (date: Date) => BigInt(Math.floor(date.getTime() / 1000));
  const [earned] = tokenEarnedAt(
    {
      token: token.token,
      supply: token.supply,
      deposits: deposits.map((row) => ({
        at: seconds(row.at),
        ratePerSecond: row.ratePerSecond,
        streamEnd: seconds(row.streamEnd),
      })),
      balanceChanges: transfers.map((row) => ({
        at: seconds(row.at),
        delta: (row.to === account ? row.value : 0n) - (row.from === account ? row.value : 0n),
      })),
    },
    [BigInt(now)],
  );
  return earned ?? null;
}
