/**
 * Hardware: update the GPU list (commitment computed in the browser) and re-attest through the oracle (/operator/:clusterId/hardware, a tab of the cluster console, operator.$clusterId.tsx).
 */
import { useTranslation } from 'react-i18next';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';

export default function OperatorHardware() {
  const { cluster } = useOperatorClusterOutlet();
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid="operator-hardware">
      {t('operator.tabs.hardware')} · {t('common.cluster', { id: cluster.id.toString() })}
    </p>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
