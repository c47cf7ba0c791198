import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, type ShouldRevalidateFunction, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { epochLabel } from '#protocol/figures/epoch';
import { BuyPanel } from '~/components/BuyPanel';
import { DocumentList } from '~/components/ClusterDocuments';
import { Figure, FigureHow } from '~/components/Figure';
import { LazyChart } from '~/components/LazyChart';
import { InterventionHistory } from '~/components/operator/investors/InterventionHistory';
import { HoldersCard, OfferingCard } from '~/components/PassportInvestment';
import { PayoutReconciliation } from '~/components/PayoutReconciliation';
import { ClusterMarket } from '~/components/trading/ClusterMarket';
import { marketAction } from '~/components/trading/market-action.server';
import { fillableShown } from '~/components/trading/offers';
import { formatDateTime, formatInteger, formatRelative, formatUsd, shortAddress } from '~/lib/format';
import { fromDataSources, notFound, parseOr400, visitorT } from '~/lib/http.server';
import { clusterIdParam, safeHttpUrl, searchParamsObject } from '~/lib/params';
import { useStablecoinDecimals } from '~/lib/units';
import { getClusterPassport } from '~/models/clusters.server';
import { clusterDocumentList } from '~/models/documents.server';
import { clusterInterventionPage, parseHistoryCursor } from '~/models/interventions-history.server';
import { clusterNote } from '~/models/notes.server';
import { getOrderBook, getTrades } from '~/models/order-book.server';
import { clusterActivity, UTILIZATION_RANGES, utilizationSeries } from '~/models/passport.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Rackshare — cluster #${data.id}` : 'Rackshare — cluster' },
];

const passportQuery = z
  .object({
    util: z.enum(UTILIZATION_RANGES).default('day'),
    // The interventions' page (`<block>:<logIndex>`, InterventionHistory's `older`): older than that event.
    before: z.string().max(40).optional(),
  })
  .strict();

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { id } = await parseOr400(z.object({ id: clusterIdParam }), params, request);
  const { util, before } = await parseOr400(
    passportQuery,
    searchParamsObject(new URL(request.url).searchParams),
    request,
  );
  const passport = await fromDataSources(() => getClusterPassport(context, id));
  if (!passport) notFound((await visitorT(request))('errors.clusterMissing', { id: id.toString() }));
  const [activity, utilization, note, documents, interventions, book, trades] = await fromDataSources(() =>
    Promise.all([
      clusterActivity(context, id),
      utilizationSeries(context, id, util),
      clusterNote(context.db, context.chain.chainId, id),
      clusterDocumentList(context.db, context.chain.chainId, id),
      clusterInterventionPage(
        context.db,
        context.chain.chainId,
        id,
        passport.token ? { token: passport.token.address, offering: passport.token.offering } : undefined,
        { before: parseHistoryCursor(before) },
      ),
      // The secondary market trades tokenized clusters only.
      passport.token ? getOrderBook(context, id) : null,
      passport.token ? getTrades(context, id, { limit: RECENT_TRADES }) : [],
    ]),
  );
  return {
    ...passport,
    activity,
    utilization,
    util,
    note: note ?? null,
    documents,
    interventions,
    // Reached through `?before=` (a readable cursor): the history offers the way back to its newest page.
    interventionsPaged: parseHistoryCursor(before) !== undefined,
    // The page lists the best offers of each side to fill; the book may hold thousands (each with its signature),
    // which the levels already sum up: only those shown travel to the browser.
    book: book && { ...book, offers: fillableShown(book.offers) },
    trades,
  };
}

/** The market's trades shown on the page (the API pages through the rest). */
const RECENT_TRADES = 20;

/** The market's writes and the exit quote (./trading/market-action.server.ts): an offer to the relay, a quote. */
export async function action({ params, request, context }: ActionFunctionArgs) {
  return marketAction(params, request, context);
}

/** An exit quote reads; it changes nothing the page shows, so the page is not reloaded after it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get('intent') === 'exit' ? false : defaultShouldRevalidate;

export default function ClusterPassport() {
  const usdDecimals = useStablecoinDecimals();
  const cluster = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const documentUrl = safeHttpUrl(cluster.metadataURI);
  const market = cluster.market;
  const marketAddress = root?.contracts.market;
  const { activity } = cluster;
  const chainSource = { href: `/clusters/${cluster.id}`, label: t('figure.chainRead', { block: cluster.block }) };

  return (
    <>
      <h1>
        {t('passport.title', { id: cluster.id.toString() })}{' '}
        <span className={`badge status-${cluster.status}`} data-testid="cluster-status" data-value={cluster.status}>
          {t(`status.${cluster.status}`)}
        </span>
      </h1>
      <div className="grid">
        <section className="card" aria-labelledby="specs-heading">
          <h2 id="specs-heading">{t('passport.specs')}</h2>
          <dl>
            <dt>{t('passport.model')}</dt>
            <dd data-testid="cluster-model">{cluster.gpuModel}</dd>
            <dt>{t('passport.gpus')}</dt>
            <dd>
              <Figure testId="figure-gpu-count" value={cluster.gpuCount}>
                {formatInteger(cluster.gpuCount, locale)}
              </Figure>
            </dd>
            <dt>{t('passport.location')}</dt>
            <dd>{cluster.location}</dd>
            <dt>{t('passport.operator')}</dt>
            <dd>{cluster.operator}</dd>
            <dt>{t('passport.registeredAt')}</dt>
            <dd>{formatDateTime(cluster.registeredAt, locale)} UTC</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="status-heading">
          <h2 id="status-heading">{t('passport.status')}</h2>
          <FigureHow
            testId="cluster-status"
            explain={{
              formula: t('figure.status'),
              inputs: [
                {
                  label: 'attestedAt',
                  value: cluster.attestedAt > 0n ? `${formatDateTime(cluster.attestedAt, locale)} UTC` : '—',
                },
                {
                  label: 'attestedUntil',
                  value: cluster.attestedUntil > 0n ? `${formatDateTime(cluster.attestedUntil, locale)} UTC` : '—',
                },
                { label: 'lastEpoch', value: cluster.lastEpoch > 0n ? epochLabel(cluster.lastEpoch) : '—' },
              ],
              source: chainSource,
            }}
          />
          <p data-testid="cluster-status-explained">{t(`statusExplained.${cluster.status}`)}</p>
          <p data-testid="attested-ago">
            {cluster.attestedAt > 0n
              ? t('passport.attested', { ago: formatRelative(cluster.attestedAt, cluster.now, locale) })
              : t('passport.notAttested')}
          </p>
          <dl>
            {cluster.attestedUntil > 0n && (
              <>
                <dt>{t('passport.validUntil')}</dt>
                <dd>{formatDateTime(cluster.attestedUntil, locale)} UTC</dd>
              </>
            )}
            <dt>{t('passport.lastReport')}</dt>
            <dd>
              {cluster.lastReportAt > 0n ? (
                <Figure
                  testId="figure-last-report"
                  value={cluster.lastEpoch}
                  href={`/analytics/epochs/${cluster.id}/${cluster.lastEpoch}`}
                >
                  {epochLabel(cluster.lastEpoch)} · {formatRelative(cluster.lastReportAt, cluster.now, locale)}
                </Figure>
              ) : (
                t('common.never')
              )}
            </dd>
          </dl>
          <h3>{t('passport.hardware')}</h3>
          <dl>
            <dt>{t('passport.hardwareRoot')}</dt>
            <dd data-testid="hardware-root">{cluster.hardwareRoot}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="documents-heading">
          <h2 id="documents-heading">{t('passport.documents')}</h2>
          {cluster.metadataURI ? (
            <dl>
              <dt>{t('passport.metadataUri')}</dt>
              <dd data-testid="passport-metadata-uri">
                {documentUrl ? (
                  <a href={documentUrl} rel="noreferrer noopener" target="_blank">
                    {cluster.metadataURI}
                  </a>
                ) : (
                  cluster.metadataURI
                )}
              </dd>
              <dt>{t('passport.metadataHash')}</dt>
              <dd data-testid="passport-metadata-hash">{cluster.metadataHash}</dd>
            </dl>
          ) : (
            <p className="muted">{t('passport.noDocuments')}</p>
          )}
          <h3>{t('documents.title')}</h3>
          <DocumentList documents={cluster.documents} />
          {cluster.note && (
            <>
              <h3>{t('operator.notes')}</h3>
              <p data-testid="cluster-note" style={{ whiteSpace: 'pre-wrap' }}>
                {cluster.note.body}
              </p>
            </>
          )}
        </section>
        <OfferingCard cluster={cluster} chainSource={chainSource} />
        {(cluster.interventions.entries.length > 0 || cluster.interventionsPaged) && (
          <section className="card" aria-labelledby="interventions-heading">
            <h2 id="interventions-heading">{t('investors.history.title')}</h2>
            <InterventionHistory
              entries={cluster.interventions.entries}
              older={cluster.interventions.older}
              paged={cluster.interventionsPaged}
            />
          </section>
        )}
        <section className="card" aria-labelledby="attestations-heading">
          <h2 id="attestations-heading">{t('passport.attestations')}</h2>
          {activity.attestations.length === 0 ? (
            <p className="muted">{t('common.empty')}</p>
          ) : (
            <ol className="stack" data-testid="attestation-history">
              {activity.attestations.map((entry) => (
                <li key={entry.transactionHash}>
                  <Link to={`/tx/${entry.transactionHash}`}>
                    {t('passport.attestedAgo', { ago: formatRelative(entry.attestedAt, cluster.now, locale) })}
                  </Link>{' '}
                  · {t('passport.signedBy', { signers: entry.signers.map(shortAddress).join(', ') })} ·{' '}
                  {t('passport.validUntil')} {formatDateTime(entry.validUntil, locale)} UTC
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="card">
          <nav aria-label={t('passport.utilizationRange')} className="wallet-line">
            {(['hour', 'day', 'week'] as const).map((range) => (
              <Link
                key={range}
                to={`?util=${range}`}
                preventScrollReset
                aria-current={cluster.util === range ? 'true' : undefined}
                data-testid={`util-${range}`}
              >
                {t(`passport.ranges.${range}`)}
              </Link>
            ))}
          </nav>
          <LazyChart
            testId="passport-utilization-chart"
            spec={{
              type: 'line',
              label: t('passport.utilizationChart'),
              labels: cluster.utilization.map((point) => point.bucket),
              yTitle: '%',
              datasets: [
                {
                  label: t('market.utilization'),
                  data: cluster.utilization.map((point) =>
                    point.utilizationBps === null ? null : point.utilizationBps / 100,
                  ),
                },
              ],
            }}
          />
        </section>
        <PayoutReconciliation
          days={activity.reconciliation}
          now={cluster.now}
          documentUrl={documentUrl ?? null}
          metadataHash={cluster.metadataHash}
        />
        <section className="card" aria-labelledby="sources-heading">
          <h2 id="sources-heading">{t('passport.sources')}</h2>
          <ul className="stack" data-testid="report-sources">
            {activity.reports.slice(0, 5).map((report) => (
              <li key={`${report.epoch}-${report.transactionHash}`}>
                <Link to={`/analytics/epochs/${report.clusterId}/${report.epoch}`}>
                  {t('passport.epochReport', { epoch: formatDateTime(Number(report.epoch), locale) })}
                </Link>{' '}
                — {formatUsd(BigInt(report.revenue), usdDecimals, locale)} ·{' '}
                <Link to={`/tx/${report.transactionHash}`}>{t('tx.view')}</Link>
              </li>
            ))}
            {activity.deposits.slice(0, 5).map((deposit) => (
              <li key={deposit.transactionHash}>
                {t('passport.depositOf', { amount: formatUsd(BigInt(deposit.amount), usdDecimals, locale) })} ·{' '}
                <Link to={`/tx/${deposit.transactionHash}`}>{t('tx.view')}</Link>
              </li>
            ))}
          </ul>
        </section>
        <HoldersCard cluster={cluster} />
        {cluster.token && cluster.book && root && marketAddress && (
          <ClusterMarket
            refs={{
              market: marketAddress,
              token: cluster.token.address,
              stablecoin: root.contracts.stablecoin,
              chainId: root.chain.id,
              clusterId: BigInt(cluster.id),
            }}
            book={cluster.book}
            trades={cluster.trades}
            usdDecimals={usdDecimals}
          />
        )}
        {cluster.token && market && root && (
          <BuyPanel
            offering={cluster.token.offering}
            token={cluster.token}
            stablecoin={root.contracts.stablecoin}
            open={market.phase === 'Open' && cluster.status === 'Attested'}
          />
        )}
      </div>
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
