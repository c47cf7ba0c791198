/**
 * The Hand-over tab's content: the registry's current and pending operator of the cluster, offering it to another
 * account (transferOperator) and withdrawing the offer (transferOperator to address(0)). The offered account accepts
 * from its own /operator page (OfferedHandovers).
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, getAddress, isAddress, isAddressEqual, zeroAddress } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import { TxStatus } from '~/components/TxStatus';
import { useTransactionFlow } from '~/lib/tx';
import { useClusterInfo } from '../hardware/use-cluster-info';

export function HandoverPanel(props: { clusterId: bigint; account: Address; onChanged: () => void }) {
  const { t } = useTranslation();
  const flow = useTransactionFlow();
  const { registry, info, refetch } = useClusterInfo(props.clusterId);
  const [typed, setTyped] = useState('');
  const [touched, setTouched] = useState(false);
  const id = props.clusterId.toString();
  const candidate = typed.trim();
  const addressError = !isAddress(candidate, { strict: false })
    ? t('handover.invalidAddress')
    : isAddressEqual(candidate, zeroAddress)
      ? t('handover.invalidAddress')
      : info && isAddressEqual(candidate, info.operator)
        ? t('handover.notSelf')
        : undefined;

  async function offer(to: Address) {
    if (!registry) return;
    const receipt = await flow.run(({ send }) =>
      send({
        account: props.account,
        address: registry,
        abi: clusterRegistryAbi,
        functionName: 'transferOperator',
        args: [props.clusterId, to],
      }),
    );
    if (receipt) {
      setTyped('');
      setTouched(false);
      await refetch();
      props.onChanged();
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setTouched(true);
    if (!addressError) void offer(getAddress(candidate));
  }

  if (!info) return null;
  const pending = isAddressEqual(info.pendingOperator, zeroAddress) ? undefined : info.pendingOperator;

  return (
    <div className="stack" data-testid="operator-handover">
      <p>{t('handover.intro')}</p>
      <dl>
        <dt>{t('handover.operator')}</dt>
        <dd data-testid="handover-operator">{info.operator}</dd>
        <dt>{t('handover.pending')}</dt>
        <dd data-testid="handover-pending" data-pending={pending ?? ''}>
          {pending ?? t('handover.nonePending')}
        </dd>
      </dl>
      {pending && (
        <div className="stack">
          <p>{t('handover.cancelEffect')}</p>
          <button type="button" disabled={flow.busy} onClick={() => void offer(zeroAddress)}>
            {t('handover.cancel')}
          </button>
        </div>
      )}
      <form className="stack" onSubmit={submit} noValidate>
        <label htmlFor={`handover-to-${id}`}>{t('handover.newOperator')}</label>
        <input
          id={`handover-to-${id}`}
          spellCheck={false}
          autoComplete="off"
          maxLength={42}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          aria-invalid={touched && Boolean(addressError)}
        />
        {touched && addressError && <p className="error-text">{addressError}</p>}
        <p data-testid="handover-effect">{t('handover.effect')}</p>
        <button type="submit" disabled={flow.busy}>
          {pending ? t('handover.replace') : t('handover.start')}
        </button>
      </form>
      <TxStatus state={flow.state} testId="handover-status" />
    </div>
  );
}
