/**
 * Hand-over (/operator/:clusterId/handover, a tab of the cluster console, operator.$clusterId.tsx): the pending
 * operator, offering the cluster to another account and cancelling the offer, through the wallet. The offered account
 * accepts on its own /operator page (operator._index.tsx).
 */

import { HandoverPanel } from '~/components/operator/handover/HandoverPanel';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';

export default function OperatorHandover() {
  const { account, cluster, refresh } = useOperatorClusterOutlet();
  return <HandoverPanel clusterId={cluster.id} account={account} onChanged={refresh} />;
}

export { ErrorBoundary } from '~/components/RouteError';
