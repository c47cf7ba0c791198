/**
 * The oracle committee and the report heartbeat, and the owner's four acts on them: add a signer (with the threshold
 * after), remove one (idem), set the threshold, set the heartbeat. The registry checks `2k > n` itself: a refused
 * threshold shows its reason from the simulation, before anything is scheduled.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getAddress, isAddress } from 'viem';
import { clusterRegistryAbi } from '#contracts';
import type { GovernanceView } from '~/models/governance.server';
import { ActAs } from './ActAs';
import { durationText } from './duration';
import { callSignature, type GovernanceCall } from './use-governance';

type Propose = (call: GovernanceCall, label: string) => Promise<void>;
type InvalidKey = 'governance.invalid.address' | 'governance.invalid.number';

const wholeNumber = (text: string) =>
  /^\d{1,12}$/.test(text.trim()) && BigInt(text.trim()) > 0n ? BigInt(text.trim()) : null;

export function CommitteePanel({
  view,
  propose,
  disabled,
}: {
  view: GovernanceView;
  propose: Propose;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { committee } = view;
  const registry = { address: view.registry, abi: clusterRegistryAbi } as const;
  const [signer, setSigner] = useState('');
  const [addThreshold, setAddThreshold] = useState(String(Number(committee.threshold) + 1));
  const [removed, setRemoved] = useState(committee.signers[0] ?? '');
  const [removeThreshold, setRemoveThreshold] = useState(committee.threshold);
  const [threshold, setThreshold] = useState(committee.threshold);
  const [heartbeat, setHeartbeat] = useState(committee.heartbeatSeconds);
  const [invalid, setInvalid] = useState<{ form: string; key: InvalidKey } | null>(null);
  const verb = view.timelock ? 'governance.labels.schedule' : 'governance.labels.send';

  function submit(form: string, build: () => GovernanceCall | InvalidKey) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const call = build();
      if (typeof call === 'string') {
        setInvalid({ form, key: call });
        return;
      }
      setInvalid(null);
      void propose(call, t(verb, { call: callSignature(call.functionName, call.args) }));
    };
  }
  const error = (form: string) =>
    invalid?.form === form ? (
      <p role="alert" className="error-text" data-testid={`governance-${form}-invalid`}>
        {t(invalid.key)}
      </p>
    ) : null;

  return (
    <section className="card" aria-labelledby="committee-heading" data-testid="governance-committee">
      <h2 id="committee-heading">{t('governance.committee.title')}</h2>
      <p data-testid="governance-threshold" data-value={committee.threshold}>
        {t('governance.committee.thresholdOf', { threshold: committee.threshold, count: committee.signers.length })}{' '}
        <span className="muted">{t('governance.committee.version', { version: committee.version })}</span>
      </p>
      <ul className="plain-list" aria-label={t('governance.committee.signers')} data-testid="governance-signers">
        {committee.signers.map((address) => (
          <li key={address}>
            <code>{address}</code>
          </li>
        ))}
      </ul>

      <ActAs view={view} effect={t('governance.committee.effect')} testId="governance-committee-acts">
        {(describedBy) => (
          <>
            <form
              onSubmit={submit('add', () => {
                const next = wholeNumber(addThreshold);
                if (!isAddress(signer.trim())) return 'governance.invalid.address';
                if (next === null) return 'governance.invalid.number';
                return { ...registry, functionName: 'addSigner', args: [getAddress(signer.trim()), next] };
              })}
            >
              <label>
                {t('governance.committee.signer')}
                <input
                  value={signer}
                  onChange={(event) => setSigner(event.target.value)}
                  data-testid="governance-add-signer"
                />
              </label>
              <label>
                {t('governance.committee.newThreshold')}
                <input
                  inputMode="numeric"
                  value={addThreshold}
                  onChange={(event) => setAddThreshold(event.target.value)}
                  data-testid="governance-add-threshold"
                />
              </label>
              <button type="submit" disabled={disabled} aria-describedby={describedBy}>
                {t('governance.committee.add')}
              </button>
              {error('add')}
            </form>
            <form
              onSubmit={submit('remove', () => {
                const next = wholeNumber(removeThreshold);
                if (!isAddress(removed)) return 'governance.invalid.address';
                if (next === null) return 'governance.invalid.number';
                return { ...registry, functionName: 'removeSigner', args: [getAddress(removed), next] };
              })}
            >
              <label>
                {t('governance.committee.signer')}
                <select
                  value={removed}
                  onChange={(event) => setRemoved(event.target.value)}
                  data-testid="governance-remove-signer"
                >
                  {committee.signers.map((address) => (
                    <option key={address} value={address}>
                      {address}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('governance.committee.newThreshold')}
                <input
                  inputMode="numeric"
                  value={removeThreshold}
                  onChange={(event) => setRemoveThreshold(event.target.value)}
                  data-testid="governance-remove-threshold"
                />
              </label>
              <button type="submit" disabled={disabled} aria-describedby={describedBy}>
                {t('governance.committee.remove')}
              </button>
              {error('remove')}
            </form>
            <form
              onSubmit={submit('threshold', () => {
                const next = wholeNumber(threshold);
                if (next === null) return 'governance.invalid.number';
                return { ...registry, functionName: 'setThreshold', args: [next] };
              })}
            >
              <label>
                {t('governance.committee.newThreshold')}
                <input
                  inputMode="numeric"
                  value={threshold}
                  onChange={(event) => setThreshold(event.target.value)}
                  data-testid="governance-threshold-input"
                />
              </label>
              <button
                type="submit"
                disabled={disabled}
                aria-describedby={describedBy}
                data-testid="governance-set-threshold"
              >
                {t('governance.committee.setThreshold')}
              </button>
              {error('threshold')}
            </form>
          </>
        )}
      </ActAs>

      <h3>{t('governance.heartbeat.title')}</h3>
      <p data-testid="governance-heartbeat" data-value={committee.heartbeatSeconds}>
        {t('governance.heartbeat.current', { duration: durationText(BigInt(committee.heartbeatSeconds)) })}
      </p>
      <ActAs view={view} effect={t('governance.heartbeat.effect')} testId="governance-heartbeat-act">
        {(describedBy) => (
          <form
            onSubmit={submit('heartbeat', () => {
              const next = wholeNumber(heartbeat);
              if (next === null) return 'governance.invalid.number';
              return { ...registry, functionName: 'setHeartbeat', args: [next] };
            })}
          >
            <label>
              {t('governance.heartbeat.seconds')}
              <input
                inputMode="numeric"
                value={heartbeat}
                onChange={(event) => setHeartbeat(event.target.value)}
                data-testid="governance-heartbeat-input"
              />
            </label>
            <button type="submit" disabled={disabled} aria-describedby={describedBy}>
              {t('governance.heartbeat.set')}
            </button>
            {error('heartbeat')}
          </form>
        )}
      </ActAs>
    </section>
  );
}
