/**
 * The cluster's order book as the relay holds it (app/models/order-book.server.ts): asks above, bids below, each level
 * with its depth bar and the yield its price implies (trailing revenue per share ÷ price), best bid/ask and spread.
 */
import { useTranslation } from 'react-i18next';
import type { OrderBook as Book, OrderBookLevel } from '#db/market/types';
import { formatBps, formatShares, formatUsd } from '~/lib/format';
import { depthPercents } from './offers';

const DEPTH_COLOUR = { bid: 'rgba(22, 163, 74, 0.18)', ask: 'rgba(220, 38, 38, 0.18)' } as const;

function Level({
  level,
  depth,
  side,
  usdDecimals,
  locale,
}: {
  level: OrderBookLevel;
  depth: number;
  side: 'bid' | 'ask';
  usdDecimals: number;
  locale: string;
}) {
  return (
    <tr data-testid={`book-${side}`} data-price={level.price.toString()} data-amount={level.amount.toString()}>
      <td className="num" data-testid="book-price">
        {formatUsd(level.price, usdDecimals, locale, 6)}
      </td>
      <td
        className="num"
        data-testid="book-amount"
        data-depth={depth}
        // The depth bar: the level's share of the deepest level, drawn behind the figure.
        style={{ background: `linear-gradient(to left, ${DEPTH_COLOUR[side]} ${depth}%, transparent ${depth}%)` }}
      >
        {formatShares(level.amount, locale)}
      </td>
      <td className="num">{level.offers}</td>
      <td className="num" data-testid="book-yield" data-value={level.impliedYieldBps ?? ''}>
        {level.impliedYieldBps === null ? '—' : formatBps(level.impliedYieldBps, locale)}
      </td>
    </tr>
  );
}

export function OrderBook({ book, usdDecimals }: { book: Book; usdDecimals: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const depth = depthPercents(book.bids, book.asks);
  const price = (value: bigint | null) => (value === null ? '—' : formatUsd(value, usdDecimals, locale, 6));
  // Asks are listed best (lowest) last so the two sides meet at the spread.
  const asks = book.asks.map((level, index) => ({ level, depth: depth.asks[index] ?? 0 })).reverse();
  return (
    <section className="card" aria-labelledby="book-heading" data-testid="order-book">
      <h2 id="book-heading">{t('trading.book.title')}</h2>
      <dl className="wallet-line">
        <dt>{t('trading.book.bestBid')}</dt>
        <dd data-testid="book-best-bid" data-value={book.bestBid?.toString() ?? ''}>
          {price(book.bestBid)}
        </dd>
        <dt>{t('trading.book.bestAsk')}</dt>
        <dd data-testid="book-best-ask" data-value={book.bestAsk?.toString() ?? ''}>
          {price(book.bestAsk)}
        </dd>
        <dt>{t('trading.book.spread')}</dt>
        <dd data-testid="book-spread" data-value={book.spread?.toString() ?? ''}>
          {price(book.spread)}
        </dd>
      </dl>
      {book.bids.length === 0 && book.asks.length === 0 ? (
        <p className="muted" data-testid="book-empty">
          {t('trading.book.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="order-book">
            <caption className="visually-hidden">{t('trading.book.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trading.book.price')}</th>
                <th scope="col">{t('trading.book.amount')}</th>
                <th scope="col">{t('trading.book.offers')}</th>
                <th scope="col">{t('trading.book.yield')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="rowgroup" colSpan={4}>
                  {t('trading.book.asks')}
                </th>
              </tr>
              {asks.map(({ level, depth }) => (
                <Level
                  key={`a${level.price}`}
                  level={level}
                  depth={depth}
                  side="ask"
                  usdDecimals={usdDecimals}
                  locale={locale}
                />
              ))}
              <tr>
                <th scope="rowgroup" colSpan={4}>
                  {t('trading.book.bids')}
                </th>
              </tr>
              {book.bids.map((level, index) => (
                <Level
                  key={`b${level.price}`}
                  level={level}
                  depth={depth.bids[index] ?? 0}
                  side="bid"
                  usdDecimals={usdDecimals}
                  locale={locale}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">
        {book.trailingRevenuePerShare === null
          ? t('trading.book.yieldUnknown')
          : t('trading.book.yieldHow', {
              revenue: formatUsd(book.trailingRevenuePerShare, usdDecimals, locale, 6),
            })}
      </p>
    </section>
  );
}
