/**
 * The developer's page: the chain this dashboard reads (id, head), the deployed contracts, how far the indexer has
 * mirrored the chain, the stablecoin transfers it keeps and the wallet card (with the local chain's faucet). It was
 * the home page before the front door; it follows the chain every 2 seconds.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useBlockNumber } from 'wagmi';
import { useRefreshEvery } from '~/components/home/use-refresh-every';
import { WalletPanel } from '~/components/WalletPanel';
import { formatUsd, shortAddress } from '~/lib/format';
import { fromDataSources, headersFromLoader, SHARED_PAGE } from '~/lib/http.server';
import { useStablecoinDecimals } from '~/lib/units';
import { getOverview } from '~/models/overview.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Rackshare — network status' }];

export const headers = headersFromLoader;

export async function loader({ context }: LoaderFunctionArgs) {
  return data(await fromDataSources(() => getOverview(context)), SHARED_PAGE);
}

export default function Status() {
  const usdDecimals = useStablecoinDecimals();
  const data = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t, i18n } = useTranslation();
  const { data: liveBlock } = useBlockNumber({ watch: true });
  useRefreshEvery(2_000);
  const contracts = Object.entries(root?.contracts ?? {}).filter(([, address]) => address);

  return (
    <>
      <h1>{t('home.statusPage.title')}</h1>
      <p className="muted">{t('home.statusPage.intro')}</p>
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
          <dl data-testid="contracts">
            {contracts.map(([name, address]) => (
              <div key={name} className="contents">
                <dt>{name}</dt>
                <dd data-testid={`contract-${name}`}>{address}</dd>
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
