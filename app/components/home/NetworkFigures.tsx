/**
 * The network's figures on the front door, each from the mirror (the market snapshot, the 30-day network rollups and
 * the lifetime totals) at the indexed block it names, with its "how is this computed" disclosure.
 */
import { useTranslation } from 'react-i18next';
import { Figure } from '~/components/Figure';
import { formatBps, formatInteger, formatUsd, windowLabel } from '~/lib/format';
import { useStablecoinDecimals } from '~/lib/units';
import type { networkOverview } from '~/models/market.server';
import type { FrontDoorMirror, networkSize } from '~/models/overview.server';

export type NetworkFiguresProps = {
  network: Awaited<ReturnType<typeof networkOverview>>;
  size: ReturnType<typeof networkSize>;
  mirror: Pick<FrontDoorMirror, 'indexedBlock' | 'totals'>;
};

export function NetworkFigures({ network, size, mirror }: NetworkFiguresProps) {
  const usdDecimals = useStablecoinDecimals();
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const usd = (value: string) => formatUsd(BigInt(value), usdDecimals, locale);
  const window = t('figure.windowDays', {
    ...windowLabel({ days: network.windowDays, from: network.windowFrom, to: network.windowTo }),
  });
  const reportsInput = [{ label: t('figure.reports'), value: formatInteger(network.reports, locale) }];
  const market = { href: '/clusters', label: t('nav.market') };
  const analytics = { href: '/analytics?range=30d', label: t('nav.analytics') };

  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{t('home.figures')}</h2>
      <dl className="figures" aria-labelledby="figures-heading">
        <div>
          <dt>{t('home.clustersAttested')}</dt>
          <dd>
            <Figure
              testId="figure-clusters-attested"
              value={size.clustersAttested}
              explain={{ formula: t('home.attestedFormula'), source: { ...market, href: '/clusters?status=attested' } }}
            >
              {formatInteger(size.clustersAttested, locale)}
            </Figure>{' '}
            <span className="muted" data-testid="figure-clusters" data-value={size.clusters}>
              {t('home.clustersOf', { count: size.clusters })}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('home.gpusAttested')}</dt>
          <dd>
            <Figure
              testId="figure-gpus-attested"
              value={size.gpusAttested}
              explain={{
                formula: t('home.gpusAttestedFormula'),
                source: { ...market, href: '/clusters?status=attested' },
              }}
            >
              {formatInteger(size.gpusAttested, locale)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('overview.gpusTokenized')}</dt>
          <dd>
            <Figure
              testId="figure-gpus"
              value={network.gpusTokenized}
              explain={{ formula: t('figure.gpus'), source: { ...market, href: '/clusters?tokenized=yes' } }}
            >
              {formatInteger(network.gpusTokenized, locale)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('overview.valueLocked')}</dt>
          <dd>
            <Figure
              testId="figure-tvl"
              value={network.valueLocked}
              explain={{ formula: t('figure.valueLocked'), source: { ...market, href: '/clusters?sort=sold' } }}
            >
              {usd(network.valueLocked)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('home.revenueReported')}</dt>
          <dd>
            <Figure
              testId="figure-revenue-total"
              value={mirror.totals.revenueReported}
              explain={{
                formula: t('home.reportedFormula'),
                inputs: [{ label: t('figure.reports'), value: formatInteger(mirror.totals.reports, locale) }],
                source: { href: '/analytics?range=365d', label: t('nav.analytics') },
              }}
            >
              {usd(mirror.totals.revenueReported)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('home.revenueDeposited')}</dt>
          <dd>
            <Figure
              testId="figure-deposited-total"
              value={mirror.totals.revenueDeposited}
              explain={{
                formula: t('home.depositedFormula'),
                inputs: [{ label: t('figure.deposits'), value: formatInteger(mirror.totals.deposits, locale) }],
                source: { href: '/analytics?range=365d', label: t('nav.analytics') },
              }}
            >
              {usd(mirror.totals.revenueDeposited)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('overview.revenue30d')}</dt>
          <dd>
            <Figure
              testId="figure-revenue"
              value={network.revenue30d}
              explain={{ formula: t('figure.revenue'), inputs: reportsInput, window, source: analytics }}
            >
              {usd(network.revenue30d)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('overview.utilization')}</dt>
          <dd>
            <Figure
              testId="figure-utilization"
              value={network.averageUtilizationBps}
              explain={{ formula: t('figure.utilization'), inputs: reportsInput, window, source: analytics }}
            >
              {network.averageUtilizationBps === null ? '—' : formatBps(network.averageUtilizationBps, locale)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('overview.apr')}</dt>
          <dd>
            <Figure
              testId="figure-apr"
              value={network.averageAprBps}
              explain={{
                formula: t('figure.networkApr'),
                inputs: [
                  { label: t('figure.deposits'), value: usd(network.aprInputs.deposited) },
                  { label: `${t('figure.supply')} × ${t('figure.price')}`, value: usd(network.aprInputs.supplyValue) },
                ],
                window,
                source: { ...market, href: '/clusters?sort=apr' },
              }}
            >
              {network.averageAprBps === null ? '—' : formatBps(network.averageAprBps, locale)}
            </Figure>
          </dd>
        </div>
      </dl>
      <p className="muted">
        {t('home.figuresAt')} <span data-testid="indexed-block">{mirror.indexedBlock ?? t('overview.notYet')}</span>
      </p>
    </section>
  );
}
