/**
 * What the operator owes (/operator/:clusterId/revenue, a tab of the cluster console, operator.$clusterId.tsx): revenue
 * reported by the oracle vs deposited since tokenization, per week, a one-click deposit of the outstanding amount, the
 * token's stream, and the revenue payers. Figures from the mirror and the token at the head block
 * (app/models/operator-revenue.server.ts); amounts stay bigint base units (single fetch carries them).
 */
import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { DepositForm } from '~/components/operator/DepositForm';
import { useOperatorClusterOutlet } from '~/components/operator/operator-outlet';
import { OwedRevenue } from '~/components/operator/revenue/OwedRevenue';
import { RevenuePayers } from '~/components/operator/revenue/RevenuePayers';
import { fromDataSources } from '~/lib/http.server';
import { clusterIdParam } from '~/lib/params';
import { operatorRevenueView } from '~/models/operator-revenue.server';

export async function loader({ params, context }: LoaderFunctionArgs) {
  const parsed = clusterIdParam.safeParse(params.clusterId);
  if (!parsed.success) throw data('Invalid cluster id.', { status: 400 });
  const view = await fromDataSources(() => operatorRevenueView(context, parsed.data));
  if (!view) return { revenue: null };
  const { owed, chain } = view;
  const horizons = new Map(chain.horizons.map((entry) => [entry.payer, entry.horizon]));
  return {
    revenue: {
      token: owed.token,
      owed: {
        now: view.now,
        reported: owed.reported,
        deposited: owed.deposited,
        outstanding: owed.outstanding,
        ahead: owed.ahead,
        mirroredBlock: owed.mirroredBlock,
        mirrorCurrent: view.mirrorCurrent,
        chainDeposited: chain.totalDeposited,
        weeks: owed.weeks,
        stream: chain.stream,
        paused: chain.pausedByOperator || chain.pausedByGovernance,
      },
      // The token's horizon wins over the mirror's: a payer revoked in a block the mirror has not reached is gone.
      payers: owed.payers.flatMap((payer) => {
        const horizon = horizons.get(payer.payer) ?? 0n;
        return horizon > 0n ? [{ payer: payer.payer, horizon, since: payer.since }] : [];
      }),
    },
  };
}

export default function OperatorRevenue() {
  const { account, cluster, refresh } = useOperatorClusterOutlet();
  const { revenue } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  if (!revenue || !cluster.token)
    return (
      <p className="muted" data-testid="operator-revenue">
        {t('console.notTokenized')}
      </p>
    );
  const owed = revenue.owed.outstanding;
  return (
    <div className="stack" data-testid="operator-revenue">
      <OwedRevenue owed={revenue.owed} />
      {owed === 0n && <p className="muted">{t('console.revenue.nothingOwed')}</p>}
      {/* Keyed by the amount: a new outstanding figure starts the form from it. */}
      <DepositForm
        key={owed.toString()}
        cluster={cluster}
        account={account}
        onDone={refresh}
        owed={revenue.owed.mirrorCurrent ? owed : undefined}
      />
      <RevenuePayers token={revenue.token} account={account} payers={revenue.payers} onDone={refresh} />
    </div>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
