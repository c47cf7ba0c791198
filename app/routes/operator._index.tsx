/**
 * /operator itself: hand-overs offered to the connected account (accepted here, then the cluster's console opens) and
 * registering a new cluster (the layout, operator.tsx, lists the clusters already operated).
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { getAddress, isAddress } from 'viem';
import { OfferedHandovers } from '~/components/operator/handover/OfferedHandovers';
import { useOperatorOutlet } from '~/components/operator/operator-outlet';
import { RegisterForm } from '~/components/operator/RegisterForm';
import { fromDataSources } from '~/lib/http.server';
import { handoversOfferedTo } from '~/models/handover.server';

/** The offers to the account the layout lists for (`?operator=`, set by the page once the wallet connects). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const asked = new URL(request.url).searchParams.get('operator');
  const account = asked && isAddress(asked) ? getAddress(asked) : null;
  const offers = account ? await fromDataSources(() => handoversOfferedTo(context, account)) : [];
  return { account, offers };
}

export default function OperatorHome() {
  const { account, clusters, rememberInventory, refresh } = useOperatorOutlet();
  const { account: askedFor, offers } = useLoaderData<typeof loader>();
  const listed = useMemo(() => clusters.map((cluster) => cluster.id), [clusters]);
  return (
    // One column of the layout's grid: the offers above the register form.
    <div className="plain-list">
      {askedFor === account && <OfferedHandovers offers={offers} account={account} listed={listed} refresh={refresh} />}
      <RegisterForm
        account={account}
        onRegistered={(clusterId, uuidText) => {
          rememberInventory(clusterId, uuidText);
          refresh();
        }}
      />
    </div>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
