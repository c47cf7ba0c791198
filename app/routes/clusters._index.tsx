import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '~/lib/format';
import { fromDataSources } from '~/lib/http.server';
import { listClusters } from '~/models/clusters.server';

export const meta: MetaFunction = () => [{ title: 'Rackshare — market' }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { clusters: await fromDataSources(() => listClusters(context.chain)) };
}

export default function Market() {
  const { clusters } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t('market.title')}</h1>
      <p className="muted">{t('market.intro')}</p>
      {clusters.length === 0 ? (
        <p className="empty" data-testid="market-empty">
          {t('market.empty')}
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="cluster-table">
            <thead>
              <tr>
                <th scope="col">{t('market.id')}</th>
                <th scope="col">{t('market.model')}</th>
                <th scope="col">{t('market.gpus')}</th>
                <th scope="col">{t('market.location')}</th>
                <th scope="col">{t('market.status')}</th>
                <th scope="col">{t('market.token')}</th>
              </tr>
            </thead>
            <tbody>
              {clusters.map((cluster) => (
                <tr key={cluster.id.toString()} data-testid={`cluster-row-${cluster.id}`}>
                  <td>
                    <Link to={`/clusters/${cluster.id}`}>#{cluster.id.toString()}</Link>
                  </td>
                  <td>{cluster.gpuModel}</td>
                  <td className="num">{formatInteger(cluster.gpuCount, i18n.language)}</td>
                  <td>{cluster.location}</td>
                  <td>
                    <span className={`badge status-${cluster.status}`}>{t(`status.${cluster.status}`)}</span>
                  </td>
                  <td>
                    {cluster.token ? `${cluster.token.symbol} — ${cluster.token.name}` : t('market.notTokenized')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
