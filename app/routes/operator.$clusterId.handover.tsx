/**
 * Hand-over: start, accept and cancel the two-step operator transfer (/operator/:clusterId/handover, a tab of the cluster console, operator.$clusterId.tsx).
 */
import { useTranslation } from 'react-i18next';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';

export default function OperatorHandover() {
  const { cluster } = useOperatorClusterOutlet();
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid="operator-handover">
      {t('operator.tabs.handover')} · {t('common.cluster', { id: cluster.id.toString() })}
    </p>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
