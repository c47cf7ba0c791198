/**
 * Market trades from the mirror (`OfferFilled` events): when, which side the maker was on, price, shares, what the
 * buyer paid and the fee the seller paid, with the transaction. With `account`, each row says whether it bought or sold.
 */
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import type { Trade } from '#db/market/types';
import { formatDateTime, formatShares, formatUsd } from '~/lib/format';

export function TradeList({
  trades,
  usdDecimals,
  account,
  testId = 'trades',
}: {
  trades: Trade[];
  usdDecimals: number;
  account?: Address;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (trades.length === 0)
    return (
      <p className="muted" data-testid={`${testId}-empty`}>
        {t('trading.trades.none')}
      </p>
    );
  const mine = account?.toLowerCase();
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('trading.trades.time')}</th>
            {mine ? <th scope="col">{t('trading.trades.cluster')}</th> : null}
            <th scope="col">{mine ? t('trading.trades.you') : t('trading.trades.side')}</th>
            <th scope="col">{t('trading.book.price')}</th>
            <th scope="col">{t('trading.book.amount')}</th>
            <th scope="col">{t('trading.trades.cost')}</th>
            <th scope="col">{t('trading.trades.fee')}</th>
            <th scope="col">{t('trading.trades.tx')}</th>
          </tr>
        </thead>
        <tbody>
          {trades.map((trade) => (
            <tr key={`${trade.txHash}-${trade.logIndex}`} data-testid="trade">
              <td>{formatDateTime(trade.time, locale)} UTC</td>
              {mine ? (
                <td>
                  <Link to={`/clusters/${trade.clusterId}`}>#{trade.clusterId.toString()}</Link>
                </td>
              ) : null}
              <td>
                {mine
                  ? t(trade.buyer.toLowerCase() === mine ? 'trading.trades.bought' : 'trading.trades.sold')
                  : t(`trading.sides.${trade.side}`)}
              </td>
              <td className="num" data-testid="trade-price" data-value={trade.price.toString()}>
                {formatUsd(trade.price, usdDecimals, locale, 6)}
              </td>
              <td className="num" data-testid="trade-amount" data-value={trade.amount.toString()}>
                {formatShares(trade.amount, locale)}
              </td>
              <td className="num" data-testid="trade-cost" data-value={trade.cost.toString()}>
                {formatUsd(trade.cost, usdDecimals, locale, 6)}
              </td>
              <td className="num" data-testid="trade-fee" data-value={trade.fee.toString()}>
                {formatUsd(trade.fee, usdDecimals, locale, 6)}
              </td>
              <td>
                <Link to={`/tx/${trade.txHash}`} data-testid="trade-tx">
                  {t('tx.view')}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
