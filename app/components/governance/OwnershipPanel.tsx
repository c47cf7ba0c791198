/**
 * Handing governance over (the registry is Ownable2Step): the pending owner the chain names, if any; the owner's act
 * that names one (transferOwnership, scheduled through the timelock like every other act), said in words first — the
 * new owner must accept, and until it does nothing changes; and Accept for the connected wallet when it is the
 * pending owner (its own direct call). A pending owner that is a contract (a new timelock, a multisig) accepts
 * through its own scheduling, which the page says instead of offering a button it could not use.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Address, isAddressEqual, zeroAddress } from 'viem';
import type { GovernanceView } from '~/models/governance.server';
import { ActAs } from './ActAs';
import { type OwnershipRefusal, ownershipCall } from './ownership';
import { callSignature, type GovernanceCall } from './use-governance';

export function OwnershipPanel({
  view,
  account,
  propose,
  disabled,
  busy,
  acceptOwnership,
}: {
  view: GovernanceView;
  account: Address | undefined;
  propose: (call: GovernanceCall, label: string) => Promise<void>;
  disabled: boolean;
  busy: boolean;
  acceptOwnership: (label: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<OwnershipRefusal | null>(null);
  const verb = view.timelock ? 'governance.labels.schedule' : 'governance.labels.send';
  const pending = view.pendingOwner;
  const isPending = Boolean(account && pending && isAddressEqual(account, pending.address));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const call = ownershipCall(view.registry, view.owner, pending?.address ?? null, text);
    if (typeof call === 'string') {
      setInvalid(call);
      return;
    }
    setInvalid(null);
    void propose(call, t(verb, { call: callSignature(call.functionName, call.args) }));
  }

  return (
    <section className="card" aria-labelledby="ownership-heading" data-testid="governance-ownership">
      <h2 id="ownership-heading">{t('governance.ownership.title')}</h2>
      <dl>
        <dt>{t('governance.ownership.pending')}</dt>
        {/* data-value: the registry's pendingOwner() as the chain answers it, address(0) for none. */}
        <dd data-testid="governance-pending-owner" data-value={pending?.address ?? zeroAddress}>
          {pending ? <code>{pending.address}</code> : t('governance.ownership.pendingNone')}
        </dd>
      </dl>
      {pending && (
        <p className="muted" data-testid="governance-pending-owner-how">
          {pending.isContract ? t('governance.ownership.pendingContract') : t('governance.ownership.pendingAccount')}
        </p>
      )}
      {isPending && !pending?.isContract && (
        <p>
          <button
            type="button"
            disabled={busy}
            data-testid="governance-accept-ownership"
            onClick={() => acceptOwnership(t('governance.labels.send', { call: callSignature('acceptOwnership') }))}
          >
            {t('governance.ownership.accept')}
          </button>{' '}
          <span className="muted">{t('governance.ownership.acceptEffect')}</span>
        </p>
      )}
      <ActAs view={view} effect={t('governance.ownership.effect')} testId="governance-ownership-act">
        {(describedBy) => (
          <form onSubmit={submit}>
            <label>
              {t('governance.ownership.newOwner')}
              <input
                value={text}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => setText(event.target.value)}
                aria-invalid={invalid !== null}
                data-testid="governance-new-owner-input"
              />
            </label>
            <button
              type="submit"
              disabled={disabled}
              aria-describedby={describedBy}
              data-testid="governance-transfer-ownership"
            >
              {t('governance.ownership.transfer')}
            </button>
            {invalid && (
              <p role="alert" className="error-text" data-testid="governance-ownership-invalid">
                {t(invalid)}
              </p>
            )}
          </form>
        )}
      </ActAs>
    </section>
  );
}
