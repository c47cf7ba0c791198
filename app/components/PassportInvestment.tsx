/**
 * The passport's investment cards: the offering with its revenue stream, and the holders with value locked and
 * trailing APR. Every figure carries its raw value and explains itself (components/Figure.tsx); the numbers come from
 * protocol/ (stream rate, sold) or the models that call protocol/figures.
 */
import { useTranslation } from 'react-i18next';
import { soldBps } from '#protocol/figures/sold';
import { RATE_SCALE, streamRatePerDay } from '#protocol/stream';
import { Figure } from '~/components/Figure';
import {
  formatBps,
  formatDateTime,
  formatInteger,
  formatPercent,
  formatShares,
  formatUsd,
  shortAddress,
  windowLabel,
} from '~/lib/format';
import { useStablecoinDecimals } from '~/lib/units';
import type { ClusterPassport } from '~/models/clusters.server';
import type { clusterActivity } from '~/models/passport.server';

type PassportView = ClusterPassport & { activity: Awaited<ReturnType<typeof clusterActivity>> };
type Props = { cluster: PassportView; chainSource: { href: string; label: string } };

export function OfferingCard({ cluster, chainSource }: Props) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const market = cluster.market;
  const lastDeposit = cluster.activity.deposits[0];
  const ratePerDayNow = market ? streamRatePerDay(market.stream, cluster.now) : 0n;
  return (
    <section className="card" aria-labelledby="offering-heading">
      <h2 id="offering-heading">{t('passport.offering')}</h2>
      {!cluster.token || !market ? (
        <p className="muted" data-testid="not-tokenized">
          {t('passport.notTokenized')}
        </p>
      ) : (
        <>
          <dl>
            <dt>{t('passport.token')}</dt>
            <dd data-testid="token-name">
              {cluster.token.symbol} — {cluster.token.name}
            </dd>
            <dt>{t('passport.phase')}</dt>
            <dd data-testid="offering-phase" data-value={market.phase}>
              {t(`phase.${market.phase}`)}
              <p className="muted" data-testid="offering-phase-explained">
                {t(`phaseExplained.${market.phase}`)}
              </p>
            </dd>
            <dt>{t('passport.price')}</dt>
            <dd>
              <Figure testId="figure-price" value={market.terms.pricePerShare}>
                {formatUsd(market.terms.pricePerShare, usdDecimals, locale, 6)}
              </Figure>
            </dd>
            <dt>{t('passport.sold')}</dt>
            <dd>
              <Figure
                testId="offering-sold"
                value={market.sold}
                explain={{
                  formula: t('figure.sold'),
                  inputs: [
                    { label: 'sold', value: market.sold.toString() },
                    { label: 'totalSupply', value: market.totalSupply.toString() },
                  ],
                  source: chainSource,
                }}
              >
                {formatShares(market.sold, locale)} / {formatShares(market.totalSupply, locale)}
              </Figure>
            </dd>
            <dt>{t('passport.raised')}</dt>
            <dd>
              <Figure testId="offering-raised" value={market.raised}>
                {formatUsd(market.raised, usdDecimals, locale)}
              </Figure>
            </dd>
            <dt>{t('passport.softCap')}</dt>
            <dd>{formatShares(market.terms.softCap, locale)}</dd>
            <dt>{t('passport.perBuyerCap')}</dt>
            <dd>{market.terms.perBuyerCap === 0n ? '—' : formatShares(market.terms.perBuyerCap, locale)}</dd>
            <dt>{t('passport.window')}</dt>
            <dd>
              {formatDateTime(market.terms.start, locale)} – {formatDateTime(market.terms.end, locale)} UTC
            </dd>
          </dl>
          <label htmlFor="offering-progress">
            {t('passport.progress')}: {formatPercent(market.sold, market.totalSupply, locale)}
          </label>
          <progress id="offering-progress" max={10_000} value={soldBps(market.sold, market.totalSupply)} />
          <h3>{t('passport.revenue')}</h3>
          <dl>
            <dt>{t('passport.totalDeposited')}</dt>
            <dd>
              <Figure
                testId="figure-total-deposited"
                value={market.totalDeposited}
                explain={{
                  formula: t('figure.deposited'),
                  source: lastDeposit
                    ? {
                        href: `/tx/${lastDeposit.transactionHash}`,
                        label: t('passport.depositOf', {
                          amount: formatUsd(BigInt(lastDeposit.amount), usdDecimals, locale),
                        }),
                      }
                    : chainSource,
                }}
              >
                {formatUsd(market.totalDeposited, usdDecimals, locale)}
              </Figure>
            </dd>
            <dt>{t('passport.revenue')}</dt>
            <dd>
              <Figure
                testId="figure-streamed"
                value={market.streamedTotal}
                explain={{ formula: t('figure.streamed'), source: chainSource }}
              >
                {formatUsd(market.streamedTotal, usdDecimals, locale)}
              </Figure>
            </dd>
            <dt>{t('passport.rate')}</dt>
            <dd>
              <Figure
                testId="figure-stream-rate"
                value={ratePerDayNow}
                explain={{
                  formula: t('figure.rate'),
                  inputs: [
                    { label: 'ratePerSecond', value: market.stream.ratePerSecond.toString() },
                    { label: 'RATE_SCALE', value: RATE_SCALE.toString() },
                    { label: 'end', value: `${formatDateTime(market.stream.end, locale)} UTC` },
                  ],
                  source: chainSource,
                }}
              >
                {t('passport.perDay', { amount: formatUsd(ratePerDayNow, usdDecimals, locale) })}
              </Figure>
            </dd>
            {market.stream.end > 0n && (
              <>
                <dt>{t('passport.streamEnds')}</dt>
                <dd>{formatDateTime(market.stream.end, locale)} UTC</dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}

export function HoldersCard({ cluster }: Pick<Props, 'cluster'>) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const market = cluster.market;
  const { activity } = cluster;
  const lastDeposit = activity.deposits[0];
  if (!activity.investment) return null;
  return (
    <section className="card" aria-labelledby="holders-heading">
      <h2 id="holders-heading">{t('passport.holders')}</h2>
      <dl>
        <dt>{t('passport.holderCount')}</dt>
        <dd>
          <Figure testId="holder-count" value={activity.holders.count} explain={{ formula: t('figure.holders') }}>
            {formatInteger(activity.holders.count, locale)}
          </Figure>
        </dd>
        <dt>{t('overview.valueLocked')}</dt>
        <dd>
          <Figure
            testId="figure-value-locked"
            value={activity.investment.valueLocked}
            explain={{
              formula: t('figure.valueLocked'),
              inputs: [
                { label: 'sold', value: activity.investment.sharesSold },
                { label: t('figure.price'), value: activity.investment.pricePerShare },
              ],
            }}
          >
            {formatUsd(BigInt(activity.investment.valueLocked), usdDecimals, locale)}
          </Figure>
        </dd>
        <dt>{t('market.apr')}</dt>
        <dd>
          <Figure
            testId="figure-cluster-apr"
            value={activity.investment.trailingAprBps}
            explain={{
              formula: t('figure.apr'),
              inputs: [
                {
                  label: t('figure.deposits'),
                  value: formatUsd(BigInt(activity.investment.trailingRevenue), usdDecimals, locale),
                },
                { label: t('figure.supply'), value: formatShares(BigInt(activity.investment.supply), locale) },
                {
                  label: t('figure.price'),
                  value: formatUsd(BigInt(activity.investment.pricePerShare), usdDecimals, locale, 6),
                },
              ],
              window: t('figure.windowDays', {
                ...windowLabel({
                  days: activity.investment.trailingDays,
                  from: activity.investment.windowFrom,
                  to: activity.investment.windowTo,
                }),
              }),
              source: lastDeposit
                ? {
                    href: `/tx/${lastDeposit.transactionHash}`,
                    label: t('passport.depositOf', {
                      amount: formatUsd(BigInt(lastDeposit.amount), usdDecimals, locale),
                    }),
                  }
                : undefined,
            }}
          >
            {activity.investment.trailingAprBps === null ? '—' : formatBps(activity.investment.trailingAprBps, locale)}
          </Figure>
        </dd>
      </dl>
      {market && market.totalSupply > 0n && (
        <table data-testid="holders">
          <thead>
            <tr>
              <th scope="col">{t('common.account')}</th>
              <th scope="col">{t('portfolio.balance')}</th>
              <th scope="col">%</th>
            </tr>
          </thead>
          <tbody>
            {activity.holders.top.map((holder) => (
              <tr key={holder.account}>
                <td>{shortAddress(holder.account)}</td>
                <td className="num">{formatShares(BigInt(holder.balance), locale)}</td>
                <td className="num">{formatPercent(BigInt(holder.balance), market.totalSupply, locale)}</td>
              </tr>
            ))}
            {BigInt(activity.holders.othersBalance) > 0n && (
              <tr>
                <td>{t('passport.otherHolders')}</td>
                <td className="num">{formatShares(BigInt(activity.holders.othersBalance), locale)}</td>
                <td className="num">
                  {formatPercent(BigInt(activity.holders.othersBalance), market.totalSupply, locale)}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
