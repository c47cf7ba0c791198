import type { MetaFunction } from '@remix-run/node';
import { useTranslation } from 'react-i18next';

export const meta: MetaFunction = () => [{ title: 'Rackshare — analytics' }];

// The analytics queries live in the database being rebuilt (db/); this page is wired up when they land.
export function loader() {
  return null;
}

export default function Analytics() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('analytics.title')}</h1>
      <p className="empty" data-testid="analytics-empty">
        {t('analytics.soon')}
      </p>
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
