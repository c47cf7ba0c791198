import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { useTranslation } from 'react-i18next';
import { epochLabel } from '#protocol/figures/epoch';
import { EpochVerifier } from '~/components/EpochVerifier';
import { formatBps, formatDateTime, formatUsd } from '~/lib/format';
import { fromDataSources, notFound, parseOr400, visitorT } from '~/lib/http.server';
import { epochParams } from '~/lib/params';
import { useStablecoinDecimals } from '~/lib/units';
import { epochExportSummary } from '~/models/epoch-exports.server';
import { OracleUnavailableError } from '~/models/oracle.server';
import { findReport } from '~/models/reports.server';
import type { loader as rootLoader } from '~/root';

export const meta: MetaFunction = () => [{ title: 'Rackshare — epoch samples' }];

/**
 * An epoch report and the export of its raw samples. The samples come from an oracle node: when none answers, the
 * page still shows the on-chain report, says so, and answers 503. The visitor can verify the export in the browser
 * (EpochVerifier): the browser reads the report's telemetryRoot from the chain itself (the ReportSubmitted log through
 * the public RPC); the root this loader reads from the mirror is only compared with it, and used — labelled as the
 * server's — when the RPC cannot be reached (review M2).
 */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const { clusterId, epoch } = await parseOr400(epochParams, params, request);
  const report = await fromDataSources(() => findReport(context, clusterId, epoch));
  if (!report)
    notFound(
      (await visitorT(request))('errors.reportMissing', { clusterId: clusterId.toString(), epoch: epochLabel(epoch) }),
    );
  try {
    // The counts only: the root is checked off the request thread, no proofs are built for this page (M-2).
    const { samples, gpus } = await epochExportSummary(context, report);
    return { report, oracle: { available: true as const, samples, gpus } };
  } catch (error) {
    if (!(error instanceof OracleUnavailableError)) throw error;
    return data({ report, oracle: { available: false as const, reason: error.shortMessage } }, { status: 503 });
  }
}

export default function EpochSamples() {
  const usdDecimals = useStablecoinDecimals();
  const { report, oracle } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const exportHref = `/api/v1/clusters/${report.clusterId}/epochs/${report.epoch}/samples`;
  return (
    <>
      <h1 data-epoch={report.epoch}>
        {t('epoch.title', { id: report.clusterId, epoch: epochLabel(BigInt(report.epoch)) })}
      </h1>
      <div className="grid">
        <section className="card" aria-labelledby="report-heading">
          <h2 id="report-heading">{t('epoch.report')}</h2>
          <dl>
            <dt>{t('epoch.ends')}</dt>
            <dd>{formatDateTime(Number(report.epoch), locale)} UTC</dd>
            <dt>{t('epoch.id')}</dt>
            <dd data-testid="epoch-id">{report.epoch}</dd>
            <dt>{t('epoch.utilization')}</dt>
            <dd data-testid="figure-epoch-utilization" data-value={report.utilizationBps}>
              {formatBps(report.utilizationBps, locale)}
            </dd>
            <dt>{t('analytics.reported')}</dt>
            <dd data-testid="figure-epoch-revenue" data-value={report.revenue}>
              {formatUsd(BigInt(report.revenue), usdDecimals, locale)}
            </dd>
            <dt>{t('epoch.root')}</dt>
            <dd data-testid="epoch-root">{report.telemetryRoot}</dd>
            <dt>{t('analytics.source')}</dt>
            <dd>
              <Link to={`/tx/${report.transactionHash}`}>{report.transactionHash}</Link>
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="samples-heading">
          <h2 id="samples-heading">{t('epoch.samples')}</h2>
          {oracle.available ? (
            <>
              <p data-testid="epoch-sample-count">
                {t('epoch.sampleCount', { samples: oracle.samples, gpus: oracle.gpus })}
              </p>
              <a href={exportHref} download data-testid="epoch-export">
                {t('epoch.download')}
              </a>
            </>
          ) : (
            <p role="alert" className="gap" data-testid="oracle-unreachable">
              {t('epoch.unreachable')} ({oracle.reason})
            </p>
          )}
          <p className="muted">{t('epoch.verifyHint')}</p>
          <pre>npm run verify-export -- --file export.json --rpc &lt;RPC_URL&gt;</pre>
        </section>
      </div>
      {root && (
        <EpochVerifier
          epochRef={{
            clusterId: String(report.clusterId),
            epoch: String(report.epoch),
            serverRoot: report.telemetryRoot,
            registry: root.contracts.clusterRegistry,
            fromBlock: String(root.deployBlock),
            hintBlock: String(report.blockNumber),
          }}
          exportHref={exportHref}
        />
      )}
    </>
  );
}

export { ErrorBoundary } from '~/components/RouteError';
