/**
 * Changing the guardian (`setGuardian`): an address, or none. It is an owner's act like the others (scheduled through
 * the timelock, or sent by an owner account), and the sentence before the button says what the new key may do — suspend
 * clusters and pause tokens at once, never lift either — and what naming none leaves to the owner.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAddress, isAddress } from 'viem';
import type { GovernanceView } from '~/models/governance.server';
import { ActAs } from './ActAs';
import { type GuardianRefusal, guardianCall } from './guardian';
import { callSignature, type GovernanceCall } from './use-governance';

export function GuardianForm({
  view,
  propose,
  disabled,
}: {
  view: GovernanceView;
  propose: (call: GovernanceCall, label: string) => Promise<void>;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [none, setNone] = useState(false);
  const [invalid, setInvalid] = useState<GuardianRefusal | null>(null);
  const verb = view.timelock ? 'governance.labels.schedule' : 'governance.labels.send';
  // What the change would do, said as the form stands (before any click): to whom the emergency key moves.
  const typed = isAddress(text.trim()) ? getAddress(text.trim()) : null;
  const change = none
    ? t('governance.guardian.toNone')
    : typed
      ? t('governance.guardian.toAccount', { account: typed })
      : '';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const call = guardianCall(view.registry, view.guardian, { text, none });
    if (typeof call === 'string') {
      setInvalid(call);
      return;
    }
    setInvalid(null);
    void propose(call, t(verb, { call: callSignature(call.functionName, call.args) }));
  }

  return (
    <ActAs view={view} effect={`${t('governance.guardian.effect')} ${change}`.trim()} testId="governance-guardian-act">
      {(describedBy) => (
        <form onSubmit={submit}>
          <label>
            {t('governance.guardian.newGuardian')}
            <input
              value={text}
              disabled={none}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setText(event.target.value)}
              aria-invalid={invalid === 'governance.invalid.address'}
              data-testid="governance-guardian-input"
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={none}
              onChange={(event) => setNone(event.target.checked)}
              data-testid="governance-guardian-none"
            />{' '}
            {t('governance.guardian.none')}
          </label>
          <button
            type="submit"
            disabled={disabled}
            aria-describedby={describedBy}
            data-testid="governance-set-guardian"
          >
            {t('governance.guardian.set')}
          </button>
          {invalid && (
            <p role="alert" className="error-text" data-testid="governance-guardian-invalid">
              {t(invalid)}
            </p>
          )}
        </form>
      )}
    </ActAs>
  );
}
