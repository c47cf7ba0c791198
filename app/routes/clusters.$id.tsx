import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { BuyPanel } from '~/components/BuyPanel';
import { formatDateTime, formatInteger, formatPercent, formatRelative, formatShares, formatUsd } from '~/lib/format';
import { fromDataSources, notFound, parseOr400 } from '~/lib/http.server';
import { clusterIdParam, safeHttpUrl } from '~/lib/params';
import { getClusterPassport } from '~/models/clusters.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Rackshare — cluster #${data.id}` : 'Rackshare — cluster' },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const { id } = parseOr400(z.object({ id: clusterIdParam }), params);
  const passport = await fromDataSources(() => getClusterPassport(context.chain, id));
  if (!passport) notFound(`Cluster #${id} does not exist.`);
  return passport;
}

/** Stream rate (base units per second scaled by 2**32) as base units per day, in integers. */
function perDay(ratePerSecond: bigint) {
  return (ratePerSecond * 86_400n) >> 32n;
}

export default function ClusterPassport() {
  const cluster = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const documentUrl = safeHttpUrl(cluster.metadataURI);
  const market = cluster.market;

  return (
    <>
      <h1>
        {t('passport.title', { id: cluster.id.toString() })}{' '}
        <span className={`badge status-${cluster.status}`} data-testid="cluster-status">
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
            <dd>{formatInteger(cluster.gpuCount, locale)}</dd>
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
              {cluster.lastReportAt > 0n
                ? `#${cluster.lastEpoch} · ${formatRelative(cluster.lastReportAt, cluster.now, locale)}`
                : t('common.never')}
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
              <dd>
                {documentUrl ? (
                  <a href={documentUrl} rel="noreferrer noopener" target="_blank">
                    {cluster.metadataURI}
                  </a>
                ) : (
                  cluster.metadataURI
                )}
              </dd>
              <dt>{t('passport.metadataHash')}</dt>
              <dd>{cluster.metadataHash}</dd>
            </dl>
          ) : (
            <p className="muted">{t('passport.noDocuments')}</p>
          )}
        </section>
        <section className="card" aria-labelledby="offering-heading">
          <h2 id="offering-heading">{t('passport.offering')}</h2>
          {!cluster.token || !market ? (
            <p className="muted" data-testid="not-tokenized">
              {t('passport.notTokenized')}
            </p>
          ) : (
            <>
              <dl>
                <dt>{t('passport.token')}</dt>
                <dd data-testid="token-name">
                  {cluster.token.symbol} — {cluster.token.name}
                </dd>
                <dt>{t('passport.phase')}</dt>
                <dd data-testid="offering-phase">{t(`phase.${market.phase}`)}</dd>
                <dt>{t('passport.price')}</dt>
                <dd>{formatUsd(market.terms.pricePerShare, locale, 6)}</dd>
                <dt>{t('passport.sold')}</dt>
                <dd data-testid="offering-sold">
                  {formatShares(market.sold, locale)} / {formatShares(market.totalSupply, locale)}
                </dd>
                <dt>{t('passport.raised')}</dt>
                <dd data-testid="offering-raised">{formatUsd(market.raised, locale)}</dd>
                <dt>{t('passport.softCap')}</dt>
                <dd>{formatShares(market.terms.softCap, locale)}</dd>
                <dt>{t('passport.perBuyerCap')}</dt>
                <dd>{market.terms.perBuyerCap === 0n ? '—' : formatShares(market.terms.perBuyerCap, locale)}</dd>
                <dt>{t('passport.window')}</dt>
                <dd>
                  {formatDateTime(market.terms.start, locale)} – {formatDateTime(market.terms.end, locale)} UTC
                </dd>
              </dl>
              <label htmlFor="offering-progress">
                {t('passport.progress')}: {formatPercent(market.sold, market.totalSupply, locale)}
              </label>
              <progress
                id="offering-progress"
                max={10_000}
                value={market.totalSupply === 0n ? 0 : Number((market.sold * 10_000n) / market.totalSupply)}
              />
              <h3>{t('passport.revenue')}</h3>
              <dl>
                <dt>{t('passport.totalDeposited')}</dt>
                <dd>{formatUsd(market.totalDeposited, locale)}</dd>
                <dt>{t('passport.revenue')}</dt>
                <dd>{formatUsd(market.streamedTotal, locale)}</dd>
                <dt>{t('passport.rate')}</dt>
                <dd>{t('passport.perDay', { amount: formatUsd(perDay(market.stream.ratePerSecond), locale) })}</dd>
                {market.stream.end > 0n && (
                  <>
                    <dt>{t('passport.streamEnds')}</dt>
                    <dd>{formatDateTime(market.stream.end, locale)} UTC</dd>
                  </>
                )}
              </dl>
            </>
          )}
        </section>
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
