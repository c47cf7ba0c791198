/**
 * Where the operator's sale stands and its settlement (Offering.finalize): the phase from the chain, a countdown in
 * chain time, sold and raised against the soft cap, and "Finalize" only when the contract would take it, with what it
 * moves said before it is sent. Finalizing pays the proceeds to the operator in the same transaction (there is no
 * separate withdrawal); what arrived is read from the transaction's own Finalized event, then from the mirror.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, parseEventLogs } from 'viem';
import { offeringAbi, offeringConstants } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { formatShares, formatUsd } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import { useStablecoinDecimals } from '~/lib/units';
import type { OperatorSaleView, Settlement } from '~/models/operator-sale.server';
import { SaleCountdown, useChainClock } from './SaleCountdown';

/** What the Sale tab's loader reads (operatorSaleView): the panel shows these fields. */
export type SaleData = Pick<
  OperatorSaleView,
  'now' | 'offering' | 'phase' | 'terms' | 'supply' | 'sold' | 'raised' | 'paused' | 'moneyInEscrow' | 'finalize'
> & {
  settlement?: Pick<Settlement, 'succeeded' | 'proceeds' | 'sharesReturned' | 'revenueForwarded' | 'revenueEscrowed'>;
};

type Received = { proceeds: bigint; revenueForwarded: bigint; revenueEscrowed: bigint; sharesReturned: bigint };

const SHARE_UNIT = offeringConstants.SHARE_UNIT;

export function SalePanel({ sale, account, onDone }: { sale: SaleData; account: Address; onDone: () => void }) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const flow = useTransactionFlow();
  const now = useChainClock(sale.now);
  const [received, setReceived] = useState<Received | null>(null);
  const usd = (value: bigint) => formatUsd(value, usdDecimals, locale, usdDecimals);
  const shares = (value: bigint) => formatShares(value, locale);
  const failed = sale.phase === 'Failed' || sale.phase === 'Cancelled';
  const unsold = sale.supply - sale.sold;

  async function finalize() {
    const receipt = await flow.run(({ send }) =>
      send({ account, address: sale.offering, abi: offeringAbi, functionName: 'finalize' }, t('console.sale.finalize')),
    );
    if (!receipt) return;
    const [event] = parseEventLogs({ abi: offeringAbi, logs: receipt.logs, eventName: 'Finalized' });
    if (event) setReceived(event.args);
    onDone();
  }

  const finalizeText = {
    notStarted: t('console.sale.finalizeNotStarted'),
    belowSoftCap: t('console.sale.finalizeBelowSoftCap'),
    operatorEarly: t('console.sale.finalizeEarly', { proceeds: usd(sale.raised), unsold: shares(unsold) }),
    anyone:
      sale.phase === 'Failed'
        ? t('console.sale.finalizeFailed', { supply: shares(sale.supply) })
        : sale.phase === 'Cancelled'
          ? t('console.sale.finalizeCancelled')
          : t('console.sale.finalizeSucceeded', { proceeds: usd(sale.raised), unsold: shares(unsold) }),
    settled: null,
  }[sale.finalize];
  const settlement = sale.settlement;

  return (
    <section className="stack" aria-labelledby="sale-heading" data-testid="operator-sale">
      <h3 id="sale-heading">{t('console.sale.title')}</h3>
      <dl>
        <dt>{t('console.sale.phase')}</dt>
        <dd>
          <span className="badge" data-testid="sale-phase" data-phase={sale.phase}>
            {t(`phase.${sale.phase}`)}
          </span>
        </dd>
        <dt>{t('console.sale.sold')}</dt>
        <dd data-testid="sale-sold" data-value={sale.sold.toString()}>
          {t('console.sale.soldOf', { sold: shares(sale.sold), supply: shares(sale.supply) })}
        </dd>
        <dt>{t('console.sale.raised')}</dt>
        <dd data-testid="sale-raised" data-value={sale.raised.toString()}>
          {usd(sale.raised)}
        </dd>
        <dt>{t('console.sale.softCap')}</dt>
        <dd data-testid="sale-soft-cap" data-value={sale.terms.softCap.toString()}>
          {t('console.sale.softCapOf', {
            softCap: shares(sale.terms.softCap),
            cost: usd((sale.terms.softCap * sale.terms.pricePerShare) / SHARE_UNIT),
          })}{' '}
          · {sale.sold >= sale.terms.softCap ? t('console.sale.softCapMet') : t('console.sale.softCapNotMet')}
        </dd>
        <dt>{t('console.sale.perBuyerCap')}</dt>
        <dd data-testid="sale-buyer-cap">
          {sale.terms.perBuyerCap === 0n ? t('console.sale.noCap') : shares(sale.terms.perBuyerCap)}
        </dd>
        <dt>{t('console.sale.price')}</dt>
        <dd>{usd(sale.terms.pricePerShare)}</dd>
      </dl>
      <SaleCountdown now={now} start={sale.terms.start} end={sale.terms.end} />
      {sale.paused && sale.finalize !== 'settled' && <p className="error-text">{t('console.sale.paused')}</p>}
      {failed && (
        <p data-testid="sale-refunds-left" data-value={sale.moneyInEscrow.toString()}>
          {t('console.sale.refundsLeft')}: {usd(sale.moneyInEscrow)}
        </p>
      )}
      {finalizeText && (
        <p className="muted" data-testid="sale-finalize-what">
          {finalizeText}
        </p>
      )}
      {(sale.finalize === 'anyone' || sale.finalize === 'operatorEarly') && (
        <>
          {!failed && <p className="muted">{t('console.sale.noWithdrawal')}</p>}
          <button type="button" onClick={() => void finalize()} disabled={flow.busy} data-testid="sale-finalize">
            {t('console.sale.finalize')}
          </button>
        </>
      )}
      <TxStatus state={flow.state} testId="sale-finalize-status" />
      {received && (
        <p
          data-testid="sale-received"
          data-proceeds={received.proceeds.toString()}
          data-revenue={received.revenueForwarded.toString()}
        >
          {t('console.sale.received', {
            amount: usd(received.proceeds + received.revenueForwarded),
            proceeds: usd(received.proceeds),
            revenue: usd(received.revenueForwarded),
          })}{' '}
          {received.revenueEscrowed > 0n && t('console.sale.escrowed', { amount: usd(received.revenueEscrowed) })}
        </p>
      )}
      {sale.finalize === 'settled' && (
        <p data-testid="sale-settled">
          {!settlement
            ? t('console.sale.settledPending')
            : settlement.succeeded
              ? t('console.sale.settledSucceeded', {
                  proceeds: usd(settlement.proceeds),
                  revenue: usd(settlement.revenueForwarded),
                  shares: shares(settlement.sharesReturned),
                })
              : t('console.sale.settledFailed', {
                  revenue: usd(settlement.revenueForwarded),
                  shares: shares(settlement.sharesReturned),
                })}
        </p>
      )}
      {failed && <p className="muted">{t('console.sale.failedAfter')}</p>}
    </section>
  );
}
