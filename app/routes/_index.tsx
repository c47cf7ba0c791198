import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRevalidator, useRouteLoaderData } from '@remix-run/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlockNumber } from 'wagmi';
import { Figure } from '~/components/Figure';
import { LazyChart } from '~/components/LazyChart';
import { WalletPanel } from '~/components/WalletPanel';
import { formatBps, formatInteger, formatUsd, shortAddress, windowLabel } from '~/lib/format';
import { fromDataSources, headersFromLoader, SHARED_PAGE } from '~/lib/http.server';
import { useStablecoinDecimals } from '~/lib/units';
import { networkOverview } from '~/models/market.server';
import { getOverview } from '~/models/overview.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Rackshare — overview' }];

export const headers = headersFromLoader;

export async function loader({ context }: LoaderFunctionArgs) {
  const [overview, network] = await fromDataSources(() =>
    Promise.all([getOverview(context), networkOverview(context)]),
  );
  return data({ ...overview, network }, SHARED_PAGE);
}

function useRefreshEvery(ms: number) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => state === 'idle' && revalidate(), ms);
    return () => clearInterval(timer);
  }, [ms, revalidate, state]);
}

export default function Overview() {
  const usdDecimals = useStablecoinDecimals();
  const data = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t, i18n } = useTranslation();
  const { data: liveBlock } = useBlockNumber({ watch: true });
  useRefreshEvery(2_000);
  const contracts = Object.entries(root?.contracts ?? {}).filter(([, address]) => address);
  const { network } = data;
  const locale = i18n.language;
  const days = network.series.map((point) => point.day);
  const window = t('figure.windowDays', {
    ...windowLabel({ days: network.windowDays, from: network.windowFrom, to: network.windowTo }),
  });

  return (
    <>
      <h1>{t('overview.title')}</h1>
      <dl className="figures" aria-label={t('overview.network')}>
        <div>
          <dt>{t('overview.gpusTokenized')}</dt>
          <dd>
            <Figure
              testId="figure-gpus"
              value={network.gpusTokenized}
              explain={{
                formula: t('figure.gpus'),
                source: { href: '/clusters?tokenized=yes', label: t('nav.market') },
              }}
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
              explain={{
                formula: t('figure.valueLocked'),
                source: { href: '/clusters?sort=sold', label: t('nav.market') },
              }}
            >
              {formatUsd(BigInt(network.valueLocked), usdDecimals, locale)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('overview.revenue30d')}</dt>
          <dd>
            <Figure
              testId="figure-revenue"
              value={network.revenue30d}
              explain={{
                formula: t('figure.revenue'),
                inputs: [{ label: t('figure.reports'), value: formatInteger(network.reports, locale) }],
                window,
                source: { href: '/analytics?range=30d', label: t('nav.analytics') },
              }}
            >
              {formatUsd(BigInt(network.revenue30d), usdDecimals, locale)}
            </Figure>
          </dd>
        </div>
        <div>
          <dt>{t('overview.utilization')}</dt>
          <dd>
            <Figure
              testId="figure-utilization"
              value={network.averageUtilizationBps}
              explain={{
                formula: t('figure.utilization'),
                inputs: [{ label: t('figure.reports'), value: formatInteger(network.reports, locale) }],
                window,
                source: { href: '/analytics?range=30d', label: t('nav.analytics') },
              }}
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
                  {
                    label: t('figure.deposits'),
                    value: formatUsd(BigInt(network.aprInputs.deposited), usdDecimals, locale),
                  },
                  {
                    label: `${t('figure.supply')} × ${t('figure.price')}`,
                    value: formatUsd(BigInt(network.aprInputs.supplyValue), usdDecimals, locale),
                  },
                ],
                window,
                source: { href: '/clusters?sort=apr', label: t('nav.market') },
              }}
            >
              {network.averageAprBps === null ? '—' : formatBps(network.averageAprBps, locale)}
            </Figure>
          </dd>
        </div>
      </dl>
      <div className="grid">
        <section className="card">
          <LazyChart
            testId="overview-utilization-chart"
            spec={{
              type: 'line',
              label: t('overview.utilizationChart'),
              labels: days,
              yTitle: '%',
              datasets: [
                {
                  label: t('overview.utilization'),
                  data: network.series.map((point) =>
                    point.utilizationBps === null ? null : point.utilizationBps / 100,
                  ),
                },
              ],
            }}
          />
        </section>
        <section className="card">
          <LazyChart
            testId="overview-revenue-chart"
            spec={{
              type: 'bar',
              label: t('overview.revenueChart'),
              labels: days,
              yTitle: 'USD',
              datasets: [
                {
                  label: t('analytics.reported'),
                  data: network.series.map((point) => Number(point.revenueReported) / 1e6),
                },
                {
                  label: t('analytics.deposited'),
                  data: network.series.map((point) => Number(point.revenueDeposited) / 1e6),
                },
              ],
            }}
          />
        </section>
      </div>
      <div className="grid">
        <section className="card" aria-labelledby="chain-heading">
          <h2 id="chain-heading">{t('overview.chain')}</h2>
          <dl>
            <dt>{t('overview.chainId')}</dt>
            <dd data-testid="chain-id">{root?.chain.id}</dd>
            <dt>{t('overview.latestBlock')}</dt>
            <dd data-testid="latest-block">{liveBlock?.toString() ?? data.head.number}</dd>
            <dt>{t('overview.indexedUpTo')}</dt>
            <dd data-testid="indexed-block">{data.indexedBlock ?? t('overview.notYet')}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="contracts-heading">
          <h2 id="contracts-heading">{t('overview.contracts')}</h2>
          <dl>
            {contracts.map(([name, address]) => (
              <div key={name} className="contents">
                <dt>{name}</dt>
                <dd>{address}</dd>
              </div>
            ))}
          </dl>
        </section>
        <WalletPanel />
        <section className="card" aria-labelledby="transfers-heading">
          <h2 id="transfers-heading">{t('overview.transfers')}</h2>
          <p>
            <span data-testid="transfer-count">{data.transferCount}</span> {t('overview.inDatabase')}
          </p>
          {data.recentTransfers.length === 0 ? (
            <p className="muted">{t('common.empty')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('overview.block')}</th>
                  <th scope="col">{t('overview.to')}</th>
                  <th scope="col">{t('overview.amount')}</th>
                </tr>
              </thead>
              <tbody data-testid="transfers">
                {data.recentTransfers.map((transfer) => (
                  <tr key={`${transfer.transactionHash}-${transfer.to}`}>
                    <td>{transfer.blockNumber}</td>
                    <td>{shortAddress(transfer.to)}</td>
                    <td className="num">{formatUsd(BigInt(transfer.value), usdDecimals, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
