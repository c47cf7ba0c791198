/** /operator itself: registering a new cluster (the layout, operator.tsx, lists the clusters already registered). */

import { useOperatorOutlet } from '~/components/operator/operator-outlet';
import { RegisterForm } from '~/components/operator/RegisterForm';

export default function RegisterCluster() {
  const { account, rememberInventory, refresh } = useOperatorOutlet();
  return (
    <RegisterForm
      account={account}
      onRegistered={(clusterId, uuidText) => {
        rememberInventory(clusterId, uuidText);
        refresh();
      }}
    />
  );
}

export { ErrorBoundary } from '~/components/RouteError';
