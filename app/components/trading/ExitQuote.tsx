/**
 * A holder's exit quote (app/models/trading-portfolio.server.ts's getExitQuote, through the cluster route's action):
 * what selling N shares into the book's bids returns now after the fee, at what average price, and what those shares
 * earned since they were bought.
 */
import { useFetcher } from '@remix-run/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, formatUnits } from 'viem';
import type { ExitQuote } from '#db/market/types';
import { formatShares, formatUsd, SHARE_DECIMALS } from '~/lib/format';
import { parseShareAmount } from './offers';
import type { ExitAnswer } from './relay-answer';

/** The quote in words; every figure carries its base-unit value for the tests. */
export function ExitQuoteText({ quote, usdDecimals }: { quote: ExitQuote; usdDecimals: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const usd = (value: bigint) => formatUsd(value, usdDecimals, locale, 6);
  if (quote.fillable === 0n)
    return (
      <p className="muted" data-testid="exit-none">
        {t('trading.exit.noBids')}
      </p>
    );
  return (
    <dl data-testid="exit-quote">
      <dt>{t('trading.exit.returns', { shares: formatShares(quote.fillable, locale) })}</dt>
      <dd data-testid="exit-proceeds" data-value={quote.proceeds.toString()}>
        {usd(quote.proceeds)}{' '}
        <span className="muted" data-testid="exit-fee" data-value={quote.fee.toString()}>
          {t('trading.exit.afterFee', { fee: usd(quote.fee) })}
        </span>
      </dd>
      <dt>{t('trading.exit.averagePrice')}</dt>
      <dd data-testid="exit-average" data-value={quote.averagePrice?.toString() ?? ''}>
        {quote.averagePrice === null ? '—' : usd(quote.averagePrice)}{' '}
        <span className="muted">{t('trading.exit.levels', { count: quote.levelsUsed })}</span>
      </dd>
      <dt>{t('trading.exit.earned')}</dt>
      <dd data-testid="exit-earned" data-value={quote.earnedSinceBought?.toString() ?? ''}>
        {quote.earnedSinceBought === null ? '—' : usd(quote.earnedSinceBought)}
      </dd>
      {quote.fillable < quote.shares && (
        <dd className="muted" data-testid="exit-partial">
          {t('trading.exit.partial', {
            fillable: formatShares(quote.fillable, locale),
            shares: formatShares(quote.shares, locale),
          })}
        </dd>
      )}
    </dl>
  );
}

export function ExitQuotePanel({
  clusterId,
  holder,
  balance,
  usdDecimals,
}: {
  clusterId: bigint;
  holder: Address;
  balance: bigint;
  usdDecimals: number;
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<ExitAnswer>({ key: `exit-${clusterId}` });
  const [sharesText, setSharesText] = useState(formatUnits(balance, SHARE_DECIMALS));
  const shares = parseShareAmount(sharesText);
  const answer = fetcher.data;
  return (
    <section className="card" aria-labelledby="exit-heading" data-testid="exit-panel">
      <h2 id="exit-heading">{t('trading.exit.title')}</h2>
      <fetcher.Form method="post" className="stack" preventScrollReset>
        <input type="hidden" name="intent" value="exit" />
        <input type="hidden" name="holder" value={holder} />
        <label htmlFor="exit-shares">{t('trading.exit.shares')}</label>
        <input
          id="exit-shares"
          name="shares"
          inputMode="decimal"
          autoComplete="off"
          value={sharesText}
          onChange={(event) => setSharesText(event.target.value)}
          aria-invalid={shares === undefined}
        />
        <button type="submit" disabled={shares === undefined || fetcher.state !== 'idle'}>
          {t('trading.exit.submit')}
        </button>
      </fetcher.Form>
      {answer?.ok === true && <ExitQuoteText quote={answer.quote} usdDecimals={usdDecimals} />}
      {answer?.ok === false && (
        // The action's only refusal a visitor can reach here is an unreadable share count: said in their language.
        <p className="error-text" role="alert" data-testid="exit-refused" data-code={answer.error.code}>
          {t('trading.exit.refused', { code: answer.error.code })}
        </p>
      )}
    </section>
  );
}
