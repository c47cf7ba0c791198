/**
 * Filling an offer of the book in one transaction: the cost and the fee in force (protocol/market.ts's rules, the
 * market's `fee()`), the token's verdict on the shares' move (`canTransfer(seller, buyer, amount)`) and the dust rule
 * shown before anything is signed; then `fillWithPermits` with an EIP-2612 permit for what the taker gives, or approve
 * → `fill` where the wallet cannot sign typed data, or a bare `fill` when the allowance already covers it. The maker of
 * an offer sees Cancel instead (`cancel([offer])`).
 */
import { useRevalidator } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { erc20Abi, formatUnits } from 'viem';
import { useConfig, useConnection, useReadContract } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { shareMarketAbi, shareTokenAbi } from '#contracts';
import type { OfferView } from '#db/market/types';
import { errorNameOfSelector } from '#protocol/errors';
import { fillCost, fillFee, fillParties, leavesDustRemainder, noPermit, Side } from '#protocol/market';
import { refusalSentence } from '~/components/holdings/refusal';
import { TxStatus } from '~/components/TxStatus';
import { formatDateTime, formatShares, formatUsd, SHARE_DECIMALS, shortAddress } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import type { MarketRefs } from './OfferForm';
import { cancelOfferCall, fillableShown, offerOf, parseShareAmount, takerGives } from './offers';
import { isUnsupportedSigning, signPermit } from './permit';

export function FillPanel({
  refs,
  offers,
  usdDecimals,
}: {
  refs: MarketRefs;
  offers: OfferView[];
  usdDecimals: number;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const config = useConfig();
  const account = useConnection().address;
  const revalidator = useRevalidator();
  const flow = useTransactionFlow();
  const [selected, setSelected] = useState<OfferView | null>(null);
  const [amountText, setAmountText] = useState('');
  const fee = useReadContract({ address: refs.market, abi: shareMarketAbi, functionName: 'fee' });
  const amount = parseShareAmount(amountText);
  const offer = selected ? offerOf(selected) : undefined;
  const parties = offer && account ? fillParties(offer, account) : undefined;
  const check = useReadContract({
    address: refs.token,
    abi: shareTokenAbi,
    functionName: 'canTransfer',
    args: parties && amount ? [parties.seller, parties.buyer, amount] : undefined,
    query: { enabled: Boolean(parties && amount) },
  });
  const blocked = check.data && !check.data[0] ? errorNameOfSelector(check.data[1]) : undefined;
  const tooMuch = selected && amount !== undefined && amount > selected.remaining;
  const cost = offer && amount && !tooMuch ? fillCost(offer, amount) : undefined;
  const feeAmount = cost !== undefined && fee.data ? fillFee(cost, fee.data[0]) : undefined;
  const dust = Boolean(offer && selected && amount && !tooMuch && leavesDustRemainder(offer, selected.filled, amount));
  const zeroCost = cost === 0n;

  async function fill() {
    if (!account || !selected || !offer || !amount || cost === undefined || blocked || dust || zeroCost) return;
    const taking = takerGives(offer, amount, refs);
    const signature = selected.signature;
    const receipt = await flow.run(async ({ send, setSigning }) => {
      const allowance = await readContract(config, {
        address: taking.asset,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [account, refs.market],
      });
      const fillArgs = [offer, signature, amount] as const;
      // The maker's relayed permit, when the offer came with one (the market applies it only if needed).
      const makerPermit = selected.makerPermit ?? noPermit;
      const fillCall = {
        account,
        address: refs.market,
        abi: shareMarketAbi,
        ...(selected.makerPermit
          ? ({ functionName: 'fillWithPermits', args: [...fillArgs, makerPermit, noPermit] } as const)
          : ({ functionName: 'fill', args: fillArgs } as const)),
      };
      if (allowance >= taking.need) return send(fillCall, t('trading.fill.tx'));
      try {
        setSigning(t('trading.fill.permit'));
        const permit = await signPermit(config, taking.asset, account, refs.market, taking.need);
        return await send(
          {
            account,
            address: refs.market,
            abi: shareMarketAbi,
            functionName: 'fillWithPermits',
            args: [...fillArgs, makerPermit, permit],
          },
          t('trading.fill.tx'),
        );
      } catch (error) {
        if (!isUnsupportedSigning(error)) throw error;
      }
      await send(
        {
          account,
          address: taking.asset,
          abi: erc20Abi,
          functionName: 'approve',
          args: [refs.market, taking.need],
        },
        t('trading.place.approve'),
      );
      return send(fillCall, t('trading.fill.tx'));
    });
    if (receipt) {
      setSelected(null);
      revalidator.revalidate();
    }
  }

  async function cancel(view: OfferView) {
    if (!account) return;
    const receipt = await flow.run(({ send }) =>
      send(cancelOfferCall(refs.market, account, view), t('trading.cancel.tx')),
    );
    if (receipt) revalidator.revalidate();
  }

  const shown = fillableShown(offers);
  return (
    <section className="card" aria-labelledby="fill-heading" data-testid="fill-panel">
      <h2 id="fill-heading">{t('trading.fill.title')}</h2>
      {shown.length === 0 ? (
        <p className="muted">{t('trading.fill.none')}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="fillable-offers">
            <thead>
              <tr>
                <th scope="col">{t('trading.fill.side')}</th>
                <th scope="col">{t('trading.book.price')}</th>
                <th scope="col">{t('trading.fill.remaining')}</th>
                <th scope="col">{t('trading.fill.maker')}</th>
                <th scope="col">{t('trading.fill.expires')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('trading.fill.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((view) => (
                <tr key={view.offerHash} data-testid="fillable-offer" data-hash={view.offerHash}>
                  <td>{t(`trading.sides.${view.side}`)}</td>
                  <td className="num" data-value={view.price.toString()}>
                    {formatUsd(view.price, usdDecimals, locale, 6)}
                  </td>
                  <td className="num" data-value={view.remaining.toString()}>
                    {formatShares(view.remaining, locale)}
                  </td>
                  <td>
                    <code title={view.maker}>{shortAddress(view.maker)}</code>
                  </td>
                  <td>{formatDateTime(view.expiry, locale)} UTC</td>
                  <td className="actions">
                    {account && view.maker.toLowerCase() === account.toLowerCase() ? (
                      <button
                        type="button"
                        className="secondary"
                        disabled={flow.busy}
                        onClick={() => void cancel(view)}
                      >
                        {t('trading.cancel.submit')}
                      </button>
                    ) : (
                      account && (
                        <button
                          type="button"
                          disabled={flow.busy}
                          onClick={() => {
                            setSelected(view);
                            setAmountText(formatUnits(view.remaining, SHARE_DECIMALS));
                            flow.reset();
                          }}
                        >
                          {t(view.side === 'sell' ? 'trading.fill.buy' : 'trading.fill.sell')}
                        </button>
                      )
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {selected && offer && (
        <form
          className="stack"
          data-testid="fill-form"
          onSubmit={(event) => {
            event.preventDefault();
            void fill();
          }}
        >
          <label htmlFor="fill-amount">{t('trading.fill.amount')}</label>
          <input
            id="fill-amount"
            inputMode="decimal"
            autoComplete="off"
            value={amountText}
            onChange={(event) => setAmountText(event.target.value)}
            aria-invalid={amount === undefined || Boolean(tooMuch)}
          />
          {tooMuch && <p className="error-text">{t('trading.fill.tooMuch')}</p>}
          {cost !== undefined && (
            <p data-testid="fill-cost" data-cost={cost.toString()} data-fee={feeAmount?.toString() ?? ''}>
              {offer.side === Side.Sell
                ? t('trading.fill.youPay', { cost: formatUsd(cost, usdDecimals, locale, 6) })
                : t('trading.fill.youReceive', {
                    amount: feeAmount === undefined ? '…' : formatUsd(cost - feeAmount, usdDecimals, locale, 6),
                  })}{' '}
              {feeAmount !== undefined && t('trading.fill.fee', { fee: formatUsd(feeAmount, usdDecimals, locale, 6) })}
            </p>
          )}
          {blocked && (
            <p className="error-text" role="alert" data-testid="fill-blocked" data-value={blocked}>
              {refusalSentence(i18n, blocked)}
            </p>
          )}
          {dust && <p className="error-text">{t('trading.fill.dust')}</p>}
          {zeroCost && <p className="error-text">{t('trading.fill.zeroCost')}</p>}
          <div className="toolbar">
            <button
              type="submit"
              disabled={flow.busy || cost === undefined || Boolean(blocked) || dust || zeroCost || check.isLoading}
            >
              {t('trading.fill.submit')}
            </button>
            <button type="button" className="secondary" onClick={() => setSelected(null)}>
              {t('trading.fill.close')}
            </button>
          </div>
        </form>
      )}
      <TxStatus state={flow.state} testId="fill-status" />
    </section>
  );
}
