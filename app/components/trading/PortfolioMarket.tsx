/**
 * The portfolio's market section (app/models/trading-portfolio.server.ts): the visitor's offers with their status,
 * what remains, why an offer cannot be filled now, and Cancel (`cancel([offer])`); and the visitor's trades with their
 * transactions.
 */
import { Link } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { shareMarketAbi } from '#contracts';
import { LIVE_STATUSES, type OfferView, type Trade } from '#db/market/types';
import { TxStatus } from '~/components/TxStatus';
import { formatDateTime, formatShares, formatUsd } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import { cancelAllNonce, cancelOfferCall } from './offers';
import { offerReason } from './relay-answer';
import { TradeList } from './TradeList';

/** Offers a maker can still cancel on chain (a filled, cancelled or expired one is past it). */
const CANCELLABLE: ReadonlySet<OfferView['status']> = new Set(LIVE_STATUSES);

export function MyOffers({
  offers,
  usdDecimals,
  busy,
  onCancel,
}: {
  offers: OfferView[];
  usdDecimals: number;
  busy: boolean;
  onCancel: (offer: OfferView) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (offers.length === 0)
    return (
      <p className="muted" data-testid="my-offers-empty">
        {t('trading.mine.none')}
      </p>
    );
  return (
    <div className="table-scroll">
      <table data-testid="my-offers">
        <thead>
          <tr>
            <th scope="col">{t('trading.trades.cluster')}</th>
            <th scope="col">{t('trading.fill.side')}</th>
            <th scope="col">{t('trading.book.price')}</th>
            <th scope="col">{t('trading.mine.amount')}</th>
            <th scope="col">{t('trading.fill.remaining')}</th>
            <th scope="col">{t('trading.mine.status')}</th>
            <th scope="col">{t('trading.fill.expires')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('trading.fill.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {offers.map((offer) => (
            <tr key={offer.offerHash} data-testid="my-offer" data-hash={offer.offerHash} data-status={offer.status}>
              <td>
                <Link to={`/clusters/${offer.clusterId}`}>#{offer.clusterId.toString()}</Link>
              </td>
              <td>{t(`trading.sides.${offer.side}`)}</td>
              <td className="num" data-testid="my-offer-price" data-value={offer.price.toString()}>
                {formatUsd(offer.price, usdDecimals, locale, 6)}
              </td>
              <td className="num" data-testid="my-offer-amount" data-value={offer.amount.toString()}>
                {formatShares(offer.amount, locale)}
              </td>
              <td className="num" data-testid="my-offer-remaining" data-value={offer.remaining.toString()}>
                {formatShares(offer.remaining, locale)}
              </td>
              <td>
                <span className={`badge offer-${offer.status}`}>{t(`trading.status.${offer.status}`)}</span>
                {offer.reason && (
                  <>
                    {' '}
                    <span className="muted" data-testid="my-offer-reason" data-reason={offer.reason}>
                      {offerReason(i18n, offer.reason)}
                    </span>
                  </>
                )}
              </td>
              <td>{formatDateTime(offer.expiry, locale)} UTC</td>
              <td className="actions">
                {CANCELLABLE.has(offer.status) && (
                  <button type="button" className="secondary" disabled={busy} onClick={() => onCancel(offer)}>
                    {t('trading.cancel.submit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PortfolioMarket({
  account,
  market,
  offers,
  trades,
  usdDecimals,
  onDone,
}: {
  account: Address;
  market: Address;
  offers: OfferView[];
  trades: Trade[];
  usdDecimals: number;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const config = useConfig();
  const flow = useTransactionFlow();

  /** Every live offer of the account at once: `minNonce` raised past the highest nonce among them. */
  async function cancelAll() {
    const receipt = await flow.run(async ({ send }) => {
      const minNonce = await readContract(config, {
        address: market,
        abi: shareMarketAbi,
        functionName: 'minNonce',
        args: [account],
      });
      return send(
        {
          account,
          address: market,
          abi: shareMarketAbi,
          functionName: 'cancelUpTo',
          args: [
            cancelAllNonce(
              minNonce,
              offers.filter((offer) => CANCELLABLE.has(offer.status)),
            ),
          ],
        },
        t('trading.cancel.allTx'),
      );
    });
    if (receipt) onDone();
  }

  async function cancel(offer: OfferView) {
    const receipt = await flow.run(({ send }) => send(cancelOfferCall(market, account, offer), t('trading.cancel.tx')));
    if (receipt) onDone();
  }

  return (
    <section className="card" aria-labelledby="my-market-heading" data-testid="portfolio-market">
      <h2 id="my-market-heading">{t('trading.mine.title')}</h2>
      <h3>{t('trading.mine.offers')}</h3>
      <MyOffers offers={offers} usdDecimals={usdDecimals} busy={flow.busy} onCancel={(offer) => void cancel(offer)} />
      {offers.filter((offer) => CANCELLABLE.has(offer.status)).length > 1 && (
        <p>
          <button type="button" className="secondary" disabled={flow.busy} onClick={() => void cancelAll()}>
            {t('trading.cancel.all')}
          </button>{' '}
          <span className="muted">{t('trading.cancel.allHow')}</span>
        </p>
      )}
      <TxStatus state={flow.state} testId="my-offers-status" />
      <h3>{t('trading.mine.trades')}</h3>
      <TradeList trades={trades} usdDecimals={usdDecimals} account={account} testId="my-trades" />
    </section>
  );
}
