/**
 * The overview tab of an operator's cluster (/operator/:clusterId): the wallet flows that move it on (attest,
 * tokenize, deposit), its telemetry as the oracle committee sees it, and its off-chain note and documents (loaded and
 * written by the console layout, operator.$clusterId.tsx).
 */
import { useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DocumentsEditor } from '~/components/ClusterDocuments';
import { AttestPanel } from '~/components/operator/AttestPanel';
import { ClusterNoteEditor } from '~/components/operator/ClusterNoteEditor';
import { DepositForm } from '~/components/operator/DepositForm';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';
import { TelemetryPanel } from '~/components/operator/TelemetryPanel';
import { TokenizeForm } from '~/components/operator/TokenizeForm';
import type { loader as rootLoader } from '~/root';
import type { loader as consoleLoader } from './operator.$clusterId';

export default function OperatorClusterOverview() {
  const { account, signedIn, cluster, inventories, refresh } = useOperatorClusterOutlet();
  const saved = useRouteLoaderData<typeof consoleLoader>('routes/operator.$clusterId');
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t } = useTranslation();
  const id = cluster.id.toString();
  return (
    <>
      {cluster.token ? (
        <>
          <p data-testid="operator-cluster-token">{t('operator.tokenized', { symbol: cluster.token.symbol })}</p>
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
              initialUuids={inventories[id]}
              onDone={refresh}
            />
          )}
        </>
      )}
      {cluster.status !== 'Registered' && <TelemetryPanel clusterId={id} />}
      <ClusterNoteEditor clusterId={id} note={saved?.note ?? undefined} editable={signedIn} />
      <DocumentsEditor clusterId={id} documents={saved?.documents ?? []} editable={signedIn} />
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
