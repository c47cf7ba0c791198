/**
 * The governance console (/governance): who governs the registry and who is its guardian, the committee and
 * heartbeat, one cluster's lifecycle, token pause and sale, handing governance over (Ownable2Step), and the timelock's
 * operations (every pending one; ?operations=all when more than a page). Everything is read on the server from the chain
 * (app/models/governance.server.ts); every act is a wallet transaction (components/governance/use-governance.ts), and
 * the page reloads its data when one is mined.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useConnection } from 'wagmi';
import { z } from 'zod';
import { ConnectWallet } from '~/components/ConnectWallet';
import { ClusterPanel } from '~/components/governance/ClusterPanel';
import { CommitteePanel } from '~/components/governance/CommitteePanel';
import { OperationsPanel } from '~/components/governance/OperationsPanel';
import { OwnershipPanel } from '~/components/governance/OwnershipPanel';
import { useAuthority, useGovernanceActs } from '~/components/governance/use-governance';
import { WhoGoverns } from '~/components/governance/WhoGoverns';
import { TxStatus } from '~/components/TxStatus';
import { fromDataSources, parseOr400 } from '~/lib/http.server';
import { clusterIdParam, searchParamsObject } from '~/lib/params';
import { pageOfOperations, readClusterControls, readGovernance } from '~/models/governance.server';

export const meta: MetaFunction = () => [{ title: 'Rackshare — governance' }];

/**
 * ?cluster= picks the cluster to govern, an id as every route takes one: not digits is a 400, unknown is "missing".
 * ?operations=all lists every pending operation (by default the newest OPERATION_LIST_LIMIT, the rest counted).
 */
const querySchema = z.object({ cluster: clusterIdParam.optional(), operations: z.literal('all').optional() });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const query = await parseOr400(querySchema, searchParamsObject(new URL(request.url).searchParams), request);
  const [view, cluster] = await fromDataSources(() =>
    Promise.all([
      // The mirror names the cluster of a token or offering a scheduled call targets.
      readGovernance(context.chain, context.db),
      query.cluster === undefined ? Promise.resolve(null) : readClusterControls(context.chain, query.cluster),
    ]),
  );
  return {
    view: pageOfOperations(view, query.operations === 'all'),
    asked: query.cluster?.toString() ?? null,
    cluster,
  };
}

export default function Governance() {
  const { view, asked, cluster } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const account = useConnection().address;
  const authority = useAuthority(view, account);
  const { flow, propose, execute, cancel, acceptOwnership } = useGovernanceActs(view, account);
  const disabled = flow.busy || !authority.canPropose;
  return (
    <>
      <h1>{t('governance.title')}</h1>
      <p>{t('governance.intro')}</p>
      <ConnectWallet />
      {!account && <p className="empty">{t('common.connectFirst')}</p>}
      <TxStatus state={flow.state} testId="governance-status" />
      <div className="grid">
        <WhoGoverns view={view} account={account} authority={authority} propose={propose} disabled={disabled} />
        <CommitteePanel view={view} propose={propose} disabled={disabled} />
        <ClusterPanel
          view={view}
          asked={asked}
          cluster={cluster}
          authority={authority}
          busy={flow.busy}
          propose={propose}
        />
        <OwnershipPanel
          view={view}
          account={account}
          propose={propose}
          disabled={disabled}
          busy={flow.busy}
          acceptOwnership={acceptOwnership}
        />
      </div>
      {view.timelock && (
        <OperationsPanel view={view} authority={authority} busy={flow.busy} execute={execute} cancel={cancel} />
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
