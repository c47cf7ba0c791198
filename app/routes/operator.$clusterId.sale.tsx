/**
 * Sale settlement: the offering’s phase and countdown, finalize, withdraw proceeds, refunds explained (/operator/:clusterId/sale, a tab of the cluster console, operator.$clusterId.tsx).
 */
import { useTranslation } from 'react-i18next';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';

export default function OperatorSale() {
  const { cluster } = useOperatorClusterOutlet();
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid="operator-sale">
      {t('operator.tabs.sale')} · {t('common.cluster', { id: cluster.id.toString() })}
    </p>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
