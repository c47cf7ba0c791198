import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useNavigate, useRevalidator, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAddress, isAddress, isAddressEqual } from 'viem';
import { useConnection } from 'wagmi';
import { DocumentsEditor } from '~/components/ClusterDocuments';
import { ConnectWallet } from '~/components/ConnectWallet';
import { AttestPanel } from '~/components/operator/AttestPanel';
import { ClusterNoteEditor } from '~/components/operator/ClusterNoteEditor';
import { DepositForm } from '~/components/operator/DepositForm';
import { RegisterForm } from '~/components/operator/RegisterForm';
import { SignInPanel } from '~/components/operator/SignInPanel';
import { TelemetryPanel } from '~/components/operator/TelemetryPanel';
import { TokenizeForm } from '~/components/operator/TokenizeForm';
import { formatInteger } from '~/lib/format';
import { fromDataSources } from '~/lib/http.server';
import { signedInAddress } from '~/lib/siwe-session.server';
import { listOperatorClusters } from '~/models/clusters.server';
import { clusterDocumentsByCluster } from '~/models/documents.server';
import { clusterNotesByCluster } from '~/models/notes.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Rackshare — operator' }];

/**
 * The list is the clusters of one operator, read from the mirror by its operator index: the connected wallet's (the
 * page puts it in `?operator=` once the wallet connects), else the signed-in address. No operator, no list.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const asked = new URL(request.url).searchParams.get('operator');
  const signedIn = await fromDataSources(() => signedInAddress(request, context));
  const operator = asked && isAddress(asked) ? getAddress(asked) : (signedIn ?? null);
  const clusters = operator ? await fromDataSources(() => listOperatorClusters(context, operator)) : [];
  const ids = clusters.map((cluster) => cluster.id);
  const [notes, documents] = await fromDataSources(() =>
    Promise.all([
      clusterNotesByCluster(context.db, context.chain.chainId, ids),
      clusterDocumentsByCluster(context.db, context.chain.chainId, ids),
    ]),
  );
  return { operator, clusters, notes, documents, signedIn: signedIn ?? null };
}

export default function Operator() {
  const { operator, clusters, notes, documents, signedIn } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const connection = useConnection();
  const revalidator = useRevalidator();
  const navigate = useNavigate();
  const account = connection.address;
  const listed = Boolean(account && operator && isAddressEqual(operator, account));
  // The loader lists one operator's clusters: ask for the connected wallet's when the page was loaded for another.
  useEffect(() => {
    if (account && !listed) navigate(`?operator=${account}`, { replace: true, preventScrollReset: true });
  }, [account, listed, navigate]);
  const mine = listed ? clusters.filter((cluster) => isAddressEqual(cluster.operator, account!)) : [];
  const refresh = () => revalidator.revalidate();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  // UUID lists typed into the registration form in this tab, by cluster id: the attestation form starts from them.
  const [inventories, setInventories] = useState<Record<string, string>>({});
  const signedInHere = Boolean(account && signedIn && isAddressEqual(signedIn, account));

  return (
    <>
      <h1>{t('operator.title')}</h1>
      <ConnectWallet />
      {!account ? (
        <p className="empty">{t('common.connectFirst')}</p>
      ) : (
        <div className="grid">
          <RegisterForm
            account={account}
            onRegistered={(clusterId, uuidText) => {
              setInventories((known) => ({ ...known, [clusterId.toString()]: uuidText }));
              refresh();
            }}
          />
          <section className="card" aria-labelledby="mine-heading">
            <h2 id="mine-heading">{t('operator.yourClusters')}</h2>
            <SignInPanel account={account} signedIn={signedInHere} onChange={refresh} />
            {mine.length === 0 ? (
              <p className="empty" data-testid="operator-empty">
                {t('operator.none')}
              </p>
            ) : (
              <ul className="plain-list">
                {mine.map((cluster) => (
                  <li key={cluster.id.toString()} data-testid={`operator-cluster-${cluster.id}`} className="subcard">
                    <p>
                      <Link to={`/clusters/${cluster.id}`}>{t('common.cluster', { id: cluster.id.toString() })}</Link> —{' '}
                      {cluster.gpuModel} × {formatInteger(cluster.gpuCount, i18n.language)} · {cluster.location}{' '}
                      <span className={`badge status-${cluster.status}`} data-testid="operator-cluster-status">
                        {t(`status.${cluster.status}`)}
                      </span>
                    </p>
                    {cluster.token ? (
                      <>
                        <p data-testid="operator-cluster-token">
                          {t('operator.tokenized', { symbol: cluster.token.symbol })}
                        </p>
                        <DepositForm cluster={cluster} account={account} onDone={refresh} />
                      </>
                    ) : cluster.status === 'Attested' ? (
                      <TokenizeForm cluster={cluster} account={account} onDone={refresh} />
                    ) : (
                      <>
                        <p className="muted">{t('operator.needsAttestation')}</p>
                        {(cluster.status === 'Registered' || cluster.status === 'Stale') && root && (
                          <AttestPanel
                            cluster={cluster}
                            account={account}
                            registry={root.contracts.clusterRegistry}
                            chainId={root.chain.id}
                            initialUuids={inventories[cluster.id.toString()]}
                            onDone={refresh}
                          />
                        )}
                      </>
                    )}
                    {cluster.status !== 'Registered' && <TelemetryPanel clusterId={cluster.id.toString()} />}
                    <ClusterNoteEditor
                      cluster={cluster}
                      note={notes[cluster.id.toString()]}
                      editable={signedInHere}
                      onSaved={refresh}
                    />
                    <DocumentsEditor
                      clusterId={cluster.id.toString()}
                      documents={documents[cluster.id.toString()] ?? []}
                      editable={signedInHere}
                      onChanged={refresh}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
