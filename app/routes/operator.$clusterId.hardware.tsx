/**
 * Hardware (/operator/:clusterId/hardware, a tab of the cluster console, operator.$clusterId.tsx): the GPU list
 * commitment the registry holds, updating it (commitment computed in the browser) and re-attesting through the
 * running oracle committee, with the cluster's status while it waits; and the cluster's listing document (metadata URI
 * and hash). Everything here is read from and written to the chain through the wallet; the tab has no loader or action.
 */

import { HardwarePanel } from '~/components/operator/hardware/HardwarePanel';
import { ListingDocumentPanel } from '~/components/operator/hardware/ListingDocumentPanel';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';

export default function OperatorHardware() {
  const { account, cluster, inventories, rememberInventory, refresh } = useOperatorClusterOutlet();
  return (
    <div className="stack">
      <HardwarePanel
        clusterId={cluster.id}
        account={account}
        knownUuids={inventories[cluster.id.toString()]}
        rememberInventory={rememberInventory}
        onChanged={refresh}
      />
      <ListingDocumentPanel clusterId={cluster.id} account={account} onChanged={refresh} />
    </div>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
