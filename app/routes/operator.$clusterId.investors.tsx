/**
 * Investor management: allowlist, verification (one by one and CSV), freeze, pause, forced transfer, recovery (/operator/:clusterId/investors, a tab of the cluster console, operator.$clusterId.tsx).
 */
import { useTranslation } from 'react-i18next';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';

export default function OperatorInvestors() {
  const { cluster } = useOperatorClusterOutlet();
  const { t } = useTranslation();
  return (
    <p className="muted" data-testid="operator-investors">
      {t('operator.tabs.investors')} · {t('common.cluster', { id: cluster.id.toString() })}
    </p>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
