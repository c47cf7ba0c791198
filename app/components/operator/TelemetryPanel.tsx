/**
 * A cluster's telemetry as the oracle committee sees it, refreshed every 10 seconds while the operator page is open:
 * per node, how fresh the newest accepted sample is and what was accepted; below, the most recent rejected batches
 * across nodes with each node's reason, so an IDC operator can fix its agent (clock skew, replayed sequence, an
 * unknown GPU, an implausible reading…). The rejection list is the operator's only (L-4): the nodes send it when the
 * app vouches that the signed-in wallet is the cluster's current operator; everyone else sees the counts.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorBodySchema, type TelemetryView } from '#protocol/wire';
import type { NodeOutcome } from '~/lib/attestation';
import { formatDateTime, formatInteger, formatRelative } from '~/lib/format';

const REFRESH_MS = 10_000;
const REJECTIONS_SHOWN = 10;

async function fetchTelemetry(clusterId: string): Promise<NodeOutcome<TelemetryView>[]> {
  const response = await fetch(`/operator/telemetry/${clusterId}`);
  const json = (await response.json()) as { nodes?: NodeOutcome<TelemetryView>[] };
  if (response.ok && json.nodes) return json.nodes;
  const refusal = errorBodySchema.safeParse(json);
  throw new Error(refusal.success ? refusal.data.error.message : `answered ${response.status}`);
}

export function TelemetryPanel({ clusterId }: { clusterId: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const telemetry = useQuery({
    queryKey: ['telemetry', clusterId],
    queryFn: () => fetchTelemetry(clusterId),
    refetchInterval: REFRESH_MS,
  });
  const now = Math.floor(Date.now() / 1000);
  const seconds = (ms: number) => Math.floor(ms / 1000);

  if (telemetry.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (telemetry.isError) return <p className="error-text">{t('telemetry.unavailable')}</p>;
  const nodes = telemetry.data;
  const rejections = nodes
    .flatMap((outcome) =>
      outcome.ok
        ? (outcome.data.recentRejections ?? []).map((rejection) => ({ ...rejection, node: outcome.node }))
        : [],
    )
    .sort((a, b) => b.at - a.at)
    .slice(0, REJECTIONS_SHOWN);
  const detail = nodes.some((outcome) => outcome.ok && outcome.data.view === 'operator');
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0);

  return (
    <div className="stack" data-testid={`telemetry-${clusterId}`}>
      <h3>{t('telemetry.title')}</h3>
      <ul className="plain-list">
        {nodes.map((outcome) => (
          <li key={outcome.node} data-testid={`telemetry-node-${outcome.node}`}>
            {t('attest.node', { node: outcome.node + 1 })}:{' '}
            {!outcome.ok
              ? outcome.code === 'unknown_cluster'
                ? t('telemetry.noInventory')
                : t('telemetry.nodeDown', { reason: outcome.message })
              : outcome.data.lastSampleAt === null
                ? t('telemetry.noSamples')
                : t('telemetry.fresh', {
                    when: formatRelative(seconds(outcome.data.lastSampleAt), now, locale),
                    batches: formatInteger(outcome.data.acceptedBatches, locale),
                    samples: formatInteger(outcome.data.acceptedSamples, locale),
                  })}
            {outcome.ok &&
              total(outcome.data.rejectedBatches) > 0 &&
              ` · ${t('telemetry.rejectedCount', { count: total(outcome.data.rejectedBatches) })}`}
            {outcome.ok &&
              total(outcome.data.unauthenticatedBatches) > 0 &&
              ` · ${t('telemetry.strangerCount', { count: total(outcome.data.unauthenticatedBatches) })}`}
          </li>
        ))}
      </ul>
      {!detail ? (
        <p className="muted" data-testid="telemetry-detail-hidden">
          {t('telemetry.detailHidden')}
        </p>
      ) : rejections.length === 0 ? (
        <p className="muted" data-testid="telemetry-no-rejections">
          {t('telemetry.noRejections')}
        </p>
      ) : (
        <div className="table-scroll">
          <table data-testid="telemetry-rejections">
            <caption>{t('telemetry.rejections')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('telemetry.when')}</th>
                <th scope="col">{t('telemetry.node')}</th>
                <th scope="col">{t('telemetry.reason')}</th>
                <th scope="col" className="num">
                  {t('telemetry.readings')}
                </th>
              </tr>
            </thead>
            <tbody>
              {rejections.map((rejection) => (
                <tr key={`${rejection.node}-${rejection.at}-${rejection.sequence}`} data-code={rejection.code}>
                  <td>{formatDateTime(seconds(rejection.at), locale)}</td>
                  <td>{rejection.node + 1}</td>
                  <td>
                    <code>{rejection.code}</code> {rejection.message}
                  </td>
                  <td className="num">{formatInteger(rejection.readings, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
