/**
 * The Hardware tab's content: the GPU list commitment the registry holds, a new list whose commitment is computed in
 * the browser (the same function the register form and the oracle nodes use) and sent with updateHardware, then the
 * re-attestation through the running oracle committee (AttestPanel) with the cluster's status as the registry gives it.
 */
import { useRouteLoaderData } from '@remix-run/react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address, Hex } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { clusterStatusName } from '#protocol/status-names';
import { MAX_INVENTORY_GPUS } from '#protocol/wire';
import { AttestPanel } from '~/components/operator/AttestPanel';
import { TxStatus } from '~/components/TxStatus';
import { useCommitment } from '~/lib/commitment';
import { formatDateTime, formatInteger } from '~/lib/format';
import { useTransactionFlow } from '~/lib/tx';
import type { loader as rootLoader } from '~/root';
import { useClusterInfo } from './use-cluster-info';

/** Longest accepted paste: MAX_INVENTORY_GPUS canonical UUIDs (40 characters) with their line breaks. */
const MAX_UUID_TEXT = MAX_INVENTORY_GPUS * 41;

export function HardwarePanel(props: {
  clusterId: bigint;
  account: Address;
  /** The UUID list last typed for this cluster in this browser tab (registration or an earlier update). */
  knownUuids?: string;
  rememberInventory: (clusterId: bigint, uuidText: string) => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const root = useRouteLoaderData<typeof rootLoader>('root');
  const flow = useTransactionFlow();
  const { registry, info, refetch } = useClusterInfo(props.clusterId);
  const [uuidText, setUuidText] = useState('');
  /**
   * The commitment an attestation form was opened for: it stays on screen once the registry shows the cluster
   * attested (the status is read every few seconds, and may turn before the form has its receipt) to show its outcome.
   */
  const [attestingRoot, setAttestingRoot] = useState<Hex>();
  const commitment = useCommitment(uuidText);
  const id = props.clusterId.toString();
  const tooMany = commitment.count > MAX_INVENTORY_GPUS;
  const unchanged = Boolean(info && commitment.root === info.hardwareRoot && commitment.count === info.gpuCount);
  const inputError = tooMany
    ? t('hardware.tooMany', { max: formatInteger(MAX_INVENTORY_GPUS, i18n.language) })
    : (commitment.error ?? (unchanged ? t('hardware.unchanged') : undefined));
  const canSend = Boolean(commitment.root && !inputError && info && !info.retired && registry);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!canSend || !registry || !commitment.root) return;
    const receipt = await flow.run(({ send }) =>
      send(
        {
          account: props.account,
          address: registry,
          abi: clusterRegistryAbi,
          functionName: 'updateHardware',
          args: [props.clusterId, commitment.root!, commitment.count],
        },
        t('hardware.submit'),
      ),
    );
    if (receipt) {
      // The attestation form below starts from the list just committed to.
      props.rememberInventory(props.clusterId, uuidText);
      await refetch();
      props.onChanged();
    }
  }

  const afterAttest = async () => {
    await refetch();
    props.onChanged();
  };

  const status = info ? clusterStatusName(info.status) : undefined;
  const attestable = (status === 'Registered' || status === 'Stale') && !info?.suspended && !info?.retired;
  useEffect(() => {
    if (attestable && info) setAttestingRoot(info.hardwareRoot);
  }, [attestable, info]);

  if (!info || !status) return <p className="muted">{t('hardware.loading')}</p>;
  const showAttest = attestable || attestingRoot === info.hardwareRoot;

  return (
    <div className="stack" data-testid="operator-hardware">
      <section aria-labelledby="hardware-current-heading">
        <h3 id="hardware-current-heading">{t('hardware.current')}</h3>
        <dl>
          <dt>{t('hardware.status')}</dt>
          <dd>
            <span className={`badge status-${status}`} data-testid="hardware-status" data-status={status}>
              {t(`status.${status}`)}
            </span>
          </dd>
          <dt>{t('hardware.gpuCount')}</dt>
          <dd data-testid="hardware-gpu-count">{info.gpuCount}</dd>
          <dt>{t('hardware.root')}</dt>
          <dd data-testid="hardware-root">{info.hardwareRoot}</dd>
          <dt>{t('hardware.attestedUntil')}</dt>
          <dd data-testid="hardware-attested-until">
            {info.attestedUntil === 0
              ? t('hardware.notAttested')
              : `${formatDateTime(info.attestedUntil, i18n.language)} UTC`}
          </dd>
        </dl>
      </section>

      {info.retired ? (
        <p className="muted">{t('hardware.retired')}</p>
      ) : (
        <section aria-labelledby="hardware-update-heading">
          <h3 id="hardware-update-heading">{t('hardware.update')}</h3>
          <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
            <label htmlFor={`hardware-uuids-${id}`}>{t('hardware.uuids')}</label>
            <textarea
              id={`hardware-uuids-${id}`}
              rows={5}
              spellCheck={false}
              maxLength={MAX_UUID_TEXT}
              value={uuidText}
              onChange={(event) => setUuidText(event.target.value)}
              aria-invalid={Boolean(inputError)}
              aria-describedby={`hardware-new-${id}`}
            />
            {inputError && <p className="error-text">{inputError}</p>}
            <dl id={`hardware-new-${id}`} aria-live="polite">
              <dt>{t('hardware.newCount')}</dt>
              <dd data-testid="hardware-new-count">{commitment.count}</dd>
              <dt>{t('hardware.newRoot')}</dt>
              <dd data-testid="hardware-new-root">{commitment.root ?? '—'}</dd>
            </dl>
            <p data-testid="hardware-effect">{info.suspended ? t('hardware.effectSuspended') : t('hardware.effect')}</p>
            <button type="submit" disabled={!canSend || flow.busy}>
              {t('hardware.submit')}
            </button>
          </form>
          <TxStatus state={flow.state} testId="hardware-update-status" />
        </section>
      )}

      <section aria-labelledby="hardware-attest-heading">
        <h3 id="hardware-attest-heading">{t('hardware.reattest')}</h3>
        {status === 'Attested' && <p data-testid="hardware-attested">{t('hardware.attested')}</p>}
        {showAttest && root ? (
          <>
            {attestable && <p className="muted">{t('hardware.reattestHint')}</p>}
            <AttestPanel
              // A new commitment is a new form: it starts again from the list last typed for this cluster.
              key={info.hardwareRoot}
              cluster={{ id: props.clusterId, gpuCount: info.gpuCount, hardwareRoot: info.hardwareRoot }}
              account={props.account}
              registry={root.contracts.clusterRegistry}
              chainId={root.chain.id}
              initialUuids={props.knownUuids}
              onDone={() => void afterAttest()}
            />
          </>
        ) : (
          status !== 'Attested' && <p className="muted">{t(`status.${status}`)}</p>
        )}
      </section>
    </div>
  );
}
