/**
 * The secondary market on a cluster's page: the order book, the offers to fill, placing an offer, a holder's exit
 * quote and the latest trades. The book and the trades come from the route's loader (the relay and the mirror); the
 * visitor's balances, allowances and the token's verdicts are read from the chain in the browser.
 */
import { useTranslation } from 'react-i18next';
import { erc20Abi } from 'viem';
import { useConnection, useReadContract } from 'wagmi';
import type { OrderBook as Book, Trade } from '#db/market/types';
import { ConnectWallet } from '~/components/ConnectWallet';
import { ExitQuotePanel } from './ExitQuote';
import { FillPanel } from './FillPanel';
import { type MarketRefs, OfferForm } from './OfferForm';
import { OrderBook } from './OrderBook';
import { TradeList } from './TradeList';

export function ClusterMarket({
  refs,
  book,
  trades,
  usdDecimals,
}: {
  refs: MarketRefs;
  book: Book;
  trades: Trade[];
  usdDecimals: number;
}) {
  const { t } = useTranslation();
  const account = useConnection().address;
  const balance = useReadContract({
    address: refs.token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: account ? [account] : undefined,
    query: { enabled: Boolean(account) },
  });
  return (
    <>
      <OrderBook book={book} usdDecimals={usdDecimals} />
      <FillPanel refs={refs} offers={book.offers} usdDecimals={usdDecimals} />
      {account ? (
        <OfferForm refs={refs} usdDecimals={usdDecimals} />
      ) : (
        <section className="card" aria-labelledby="place-heading">
          <h2 id="place-heading">{t('trading.place.title')}</h2>
          <ConnectWallet />
        </section>
      )}
      {account && balance.data !== undefined && balance.data > 0n && (
        <ExitQuotePanel
          key={account}
          clusterId={refs.clusterId}
          holder={account}
          balance={balance.data}
          usdDecimals={usdDecimals}
        />
      )}
      <section className="card" aria-labelledby="trades-heading">
        <h2 id="trades-heading">{t('trading.trades.title')}</h2>
        <TradeList trades={trades} usdDecimals={usdDecimals} />
      </section>
    </>
  );
}
