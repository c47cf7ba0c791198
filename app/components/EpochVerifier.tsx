/**
 * "Verify in this browser": fetches the epoch's export (or reads a file the visitor picks) and checks every sample's
 * Merkle proof against the telemetry root the browser reads from the chain itself — the ReportSubmitted log through
 * the public RPC (app/lib/chain-report.ts), not the web server's mirror, which is only compared with it (review M2) —
 * with the oracle's own Merkle code (app/lib/verify-export.ts → protocol/telemetry-export.ts). The result is a table
 * per GPU (bounded, failing GPUs first) and, for a tampered file, the failing samples by index in the file.
 */
import { type ChangeEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import { usePublicClient } from 'wagmi';
import type { EpochExport, ExportVerdict } from '#protocol/telemetry-export';
import { type ExpectedRoot, expectedRootFromChain } from '~/lib/chain-report';
import { formatDateTime, formatInteger } from '~/lib/format';
import { fetchExport, MAX_EXPORT_MIB, readExportFile, verifyInSteps } from '~/lib/verify-export';

type State =
  | { kind: 'idle' }
  | { kind: 'running'; source: string; checked: number; total: number }
  | { kind: 'done'; source: string; verdict: ExportVerdict; rootFrom: ExpectedRoot }
  | { kind: 'error'; source: string; message: string };

const shortHash = (hash: string) => `${hash.slice(0, 10)}…${hash.slice(-6)}`;

export type EpochRef = {
  clusterId: string;
  epoch: string;
  /** The web server's root (its mirror of the log): compared with the chain's, used only when the RPC fails. */
  serverRoot: string;
  registry: Address;
  /** The registry's deployment block, where the log search starts. */
  fromBlock: string;
  /** The block the server's mirror says the report was mined in (a hint: see chain-report.ts). */
  hintBlock?: string;
};

export function EpochVerifier({ epochRef, exportHref }: { epochRef: EpochRef; exportHref: string }) {
  const { t, i18n } = useTranslation();
  const publicClient = usePublicClient();
  const locale = i18n.language;
  const [state, setState] = useState<State>({ kind: 'idle' });
  const running = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => running.current?.abort(), []);

  async function verify(source: string, load: (signal: AbortSignal) => Promise<EpochExport>) {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setState({ kind: 'running', source, checked: 0, total: 0 });
    try {
      const query = {
        registry: epochRef.registry,
        clusterId: BigInt(epochRef.clusterId),
        epoch: BigInt(epochRef.epoch),
        fromBlock: BigInt(epochRef.fromBlock),
        hintBlock: epochRef.hintBlock === undefined ? undefined : BigInt(epochRef.hintBlock),
      };
      const [exported, rootFrom] = await Promise.all([
        load(controller.signal),
        expectedRootFromChain(publicClient, query, epochRef.serverRoot),
      ]);
      const expected = {
        root: rootFrom.root,
        clusterId: epochRef.clusterId,
        epoch: epochRef.epoch,
        gpuCount: rootFrom.gpuCount,
      };
      const verdict = await verifyInSteps(exported, expected, {
        signal: controller.signal,
        onProgress: (checked, total) => setState({ kind: 'running', source, checked, total }),
      });
      if (!controller.signal.aborted) setState({ kind: 'done', source, verdict, rootFrom });
    } catch (error) {
      if (controller.signal.aborted) return;
      setState({ kind: 'error', source, message: (error as Error).message });
    }
  }

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) void verify(file.name, () => readExportFile(file));
  };

  return (
    <section className="card" aria-labelledby="verify-heading" data-testid="epoch-verifier">
      <h2 id="verify-heading">{t('epoch.verifyTitle')}</h2>
      <p className="muted">{t('epoch.verifyIntro', { mib: MAX_EXPORT_MIB })}</p>
      <p>
        <button
          type="button"
          data-testid="verify-run"
          disabled={state.kind === 'running'}
          onClick={() => void verify(t('epoch.verifySourceApi'), (signal) => fetchExport(exportHref, signal))}
        >
          {t('epoch.verifyRun')}
        </button>{' '}
        <label>
          {t('epoch.verifyFile')}{' '}
          <input type="file" accept="application/json,.json" data-testid="verify-file" onChange={onFile} />
        </label>
      </p>
      {state.kind === 'running' && (
        <p role="status" data-testid="verify-progress">
          {t('epoch.verifyProgress', {
            source: state.source,
            checked: formatInteger(state.checked, locale),
            total: formatInteger(state.total, locale),
          })}
        </p>
      )}
      {state.kind === 'error' && (
        <p role="alert" className="error-text" data-testid="verify-error">
          {state.source}: {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <Verdict source={state.source} verdict={state.verdict} rootFrom={state.rootFrom} locale={locale} />
      )}
    </section>
  );
}

function Verdict({
  source,
  verdict,
  rootFrom,
  locale,
}: {
  source: string;
  verdict: ExportVerdict;
  rootFrom: ExpectedRoot;
  locale: string;
}) {
  const { t } = useTranslation();
  // A root the server and the chain disagree on fails the check whatever the samples say.
  const problems = [...rootFrom.problems, ...verdict.problems];
  const ok = verdict.ok && problems.length === 0;
  const unlisted = verdict.gpuCount - verdict.gpus.length;
  return (
    <div data-testid="verify-result" data-ok={ok} data-root-source={rootFrom.source}>
      {rootFrom.unreachable !== undefined && (
        <p role="alert" className="gap" data-testid="verify-rpc-unreachable">
          {t('epoch.verifyRpcUnreachable', { reason: rootFrom.unreachable })}
        </p>
      )}
      <p role="status">
        <span className={`badge status-${ok ? 'attested' : 'stale'}`} data-testid="verify-status">
          {ok ? t('epoch.verifyOk') : t('epoch.verifyFailed')}
        </span>{' '}
        {t('epoch.verifySummary', { source })}{' '}
        <span data-testid="figure-verified-samples" data-value={verdict.verified}>
          {formatInteger(verdict.verified, locale)}
        </span>{' '}
        / <span data-testid="figure-export-samples">{formatInteger(verdict.samples, locale)}</span>{' '}
        {rootFrom.source === 'chain' ? t('epoch.verifyAgainst') : t('epoch.verifyAgainstServer')}{' '}
        <code data-testid="verify-root">{verdict.root}</code>
      </p>
      {problems.length > 0 && (
        <ul data-testid="verify-problems">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="table-scroll">
        <table data-testid="verify-gpus">
          <thead>
            <tr>
              <th>{t('epoch.verifyGpu')}</th>
              <th>{t('epoch.samples')}</th>
              <th>{t('epoch.verifyVerified')}</th>
              <th>{t('epoch.verifyFailedCount')}</th>
              <th>{t('epoch.verifyStatus')}</th>
            </tr>
          </thead>
          <tbody>
            {verdict.gpus.map((gpu) => (
              <tr key={gpu.uuidHash} data-testid="verify-gpu" data-gpu={gpu.uuidHash}>
                <td title={gpu.uuidHash}>
                  <code>{shortHash(gpu.uuidHash)}</code>
                </td>
                <td data-testid="verify-gpu-samples">{formatInteger(gpu.samples, locale)}</td>
                <td data-testid="verify-gpu-verified">{formatInteger(gpu.verified, locale)}</td>
                <td data-testid="verify-gpu-failed">{formatInteger(gpu.failed, locale)}</td>
                <td>
                  <span
                    className={`badge status-${gpu.failed === 0 ? 'attested' : 'stale'}`}
                    data-testid="verify-gpu-status"
                  >
                    {gpu.failed === 0 ? t('epoch.verifyOk') : t('epoch.verifyFailed')}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unlisted > 0 && (
        <p className="muted" data-testid="verify-gpus-more" data-value={unlisted}>
          {t('epoch.verifyMoreGpus', {
            more: formatInteger(unlisted, locale),
            listed: formatInteger(verdict.gpus.length, locale),
          })}
        </p>
      )}
      {verdict.failures.length > 0 && (
        <>
          <h3>{t('epoch.verifyFailures', { count: verdict.failed })}</h3>
          <ul data-testid="verify-failures">
            {verdict.failures.map((failure) => (
              <li key={failure.index} data-testid="verify-failure" data-index={failure.index}>
                {t('epoch.verifyFailure', {
                  index: failure.index,
                  gpu: shortHash(failure.uuidHash),
                  time: `${formatDateTime(Math.floor(Number(failure.timeMs) / 1000), locale)} UTC`,
                  timeMs: failure.timeMs,
                  utilization: failure.utilizationMilliPct,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
