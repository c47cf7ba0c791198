/**
 * Sale settlement (/operator/:clusterId/sale, a tab of the cluster console, operator.$clusterId.tsx): the offering's
 * phase and countdown, finalize (which pays the proceeds), and what a failed sale means, from the chain at the head
 * block and the mirror's record of the settlement (app/models/operator-sale.server.ts).
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';
import { SalePanel } from '~/components/operator/sale/SalePanel';
import { fromDataSources } from '~/lib/http.server';
import { clusterIdParam } from '~/lib/params';
import { operatorSaleView } from '~/models/operator-sale.server';

export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = clusterIdParam.safeParse(params.clusterId);
  if (!parsed.success) throw data('Invalid cluster id.', { status: 400 });
  const sale = await fromDataSources(() => operatorSaleView(context, parsed.data));
  return { sale: sale ?? null };
}

export default function OperatorSale() {
  const { account, refresh } = useOperatorClusterOutlet();
  const { sale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!sale)
    return (
      <p className="muted" data-testid="operator-sale">
        {t('console.notTokenized')}
      </p>
    );
  return <SalePanel sale={sale} account={account} onDone={refresh} />;
}

export { ErrorBoundary } from '~/components/RouteError';
