/**
 * What the operator owes: revenue reported vs deposited, outstanding per week, one-click deposit, revenue payers (/operator/:clusterId/revenue, a tab of the cluster console, operator.$clusterId.tsx).
 */
import { useTranslation } from 'react-i18next';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';

export default function OperatorRevenue() {
  const { cluster } = useOperatorClusterOutlet();
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid="operator-revenue">
      {t('operator.tabs.revenue')} · {t('common.cluster', { id: cluster.id.toString() })}
    </p>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
