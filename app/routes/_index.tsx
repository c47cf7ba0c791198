/**
 * The front door: what Rackshare is in one sentence, the network's figures, the best clusters by trailing APR, how a
 * share works and the latest reports and deposits. Everything comes from the mirror (the market snapshot shared
 * with /clusters and the JSON API, the rollups, the newest rows), so the page is the same for every visitor and
 * shared between them (SHARED_PAGE). The developer's view of the chain lives on /status.
 */
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { BestClusters } from '~/components/home/BestClusters';
import { HowAShareWorks } from '~/components/home/HowAShareWorks';
import { LatestActivity } from '~/components/home/LatestActivity';
import { NetworkFigures } from '~/components/home/NetworkFigures';
import { useRefreshEvery } from '~/components/home/use-refresh-every';
import { fromDataSources, headersFromLoader, SHARED_PAGE } from '~/lib/http.server';
import { cachedMarket, marketTableRows, networkOverview } from '~/models/market.server';
import { bestByApr, frontDoorMirror, networkSize } from '~/models/overview.server';
import { cachedRecentReports } from '~/models/reports.server';

export const meta: MetaFunction = () => [
  { title: 'Rackshare — GPU cluster revenue, shared by the second' },
  {
    name: 'description',
    content: 'Shares of attested GPU clusters whose rental revenue streams to holders every second.',
  },
];

export const headers = headersFromLoader;

/** How many of the newest reports the front door lists. */
const LATEST_REPORTS = 5;

export async function loader({ context }: LoaderFunctionArgs) {
  const [market, network, mirror, reports] = await fromDataSources(() =>
    Promise.all([
      cachedMarket(context.db, context.chain.chainId),
      networkOverview(context),
      frontDoorMirror(context),
      cachedRecentReports(context, LATEST_REPORTS),
    ]),
  );
  return data(
    {
      network,
      size: networkSize(market.rows),
      best: marketTableRows(bestByApr(market.rows)),
      mirror,
      reports,
      now: Math.floor(market.at.getTime() / 1000),
    },
    SHARED_PAGE,
  );
}

export default function FrontDoor() {
  const { network, size, best, mirror, reports, now } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  useRefreshEvery(5_000);
  return (
    <>
      <header>
        <h1>{t('home.heading')}</h1>
        <p data-testid="pitch">{t('home.pitch')}</p>
        <p>
          <Link to="/clusters?sort=apr">{t('home.browse')}</Link>
        </p>
      </header>
      <NetworkFigures network={network} size={size} mirror={mirror} />
      <div className="grid">
        <BestClusters rows={best} />
        <HowAShareWorks />
      </div>
      <LatestActivity reports={reports} deposits={mirror.deposits} now={now} />
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
