/**
 * Who governs the registry and what the connected wallet may do about it: the owner (a TimelockController with its
 * delay and role holders, or an account), the guardian with the owner's act that changes it, and in words why the
 * wallet's buttons are disabled.
 */
import { useTranslation } from 'react-i18next';
import { type Address, zeroAddress } from 'viem';
import type { GovernanceView } from '~/models/governance.server';
import { durationText } from './duration';
import { GuardianForm } from './GuardianForm';
import type { Authority, GovernanceCall } from './use-governance';

function Accounts({ accounts, testId }: { accounts: Address[]; testId: string }) {
  const { t } = useTranslation();
  if (accounts.length === 0) return <span data-testid={testId}>{t('governance.who.none')}</span>;
  return (
    <span data-testid={testId}>
      {accounts.map((account, index) => (
        <span key={account}>
          {index > 0 && ', '}
          <code>{account}</code>
        </span>
      ))}
    </span>
  );
}

export function WhoGoverns({
  view,
  account,
  authority,
  propose,
  disabled,
}: {
  view: GovernanceView;
  account: Address | undefined;
  authority: Authority;
  propose: (call: GovernanceCall, label: string) => Promise<void>;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const { timelock } = view;
  return (
    <section className="card" aria-labelledby="who-heading" data-testid="governance-who">
      <h2 id="who-heading">{t('governance.who.title')}</h2>
      <dl>
        <dt>{t('governance.who.owner')}</dt>
        <dd>
          <code data-testid="governance-owner">{view.owner}</code>
          <br />
          <span data-testid="governance-owner-kind" data-kind={timelock ? 'timelock' : 'account'}>
            {timelock
              ? t('governance.who.timelock', { delay: durationText(BigInt(timelock.delaySeconds)) })
              : t('governance.who.account')}
          </span>
        </dd>
        {timelock && (
          <>
            <dt>{t('governance.who.proposers')}</dt>
            <dd>
              <Accounts accounts={timelock.holders.PROPOSER_ROLE} testId="governance-proposers" />
            </dd>
            <dt>{t('governance.who.executors')}</dt>
            <dd>
              <Accounts accounts={timelock.holders.EXECUTOR_ROLE} testId="governance-executors" />
            </dd>
            <dt>{t('governance.who.cancellers')}</dt>
            <dd>
              <Accounts accounts={timelock.holders.CANCELLER_ROLE} testId="governance-cancellers" />
            </dd>
          </>
        )}
        <dt>{t('governance.who.guardian')}</dt>
        {/* data-value: the registry's guardian() as the chain answers it, address(0) for none. */}
        <dd data-testid="governance-guardian" data-value={view.guardian ?? zeroAddress}>
          {view.guardian ? (
            <>
              <code>{view.guardian}</code> ({t('governance.who.guardianRole')})
            </>
          ) : (
            t('governance.who.guardianNone')
          )}
        </dd>
      </dl>
      <h3>{t('governance.guardian.title')}</h3>
      <GuardianForm view={view} propose={propose} disabled={disabled} />
      {account && (
        <p data-testid="governance-authority" data-can-propose={authority.canPropose}>
          {authority.canPropose
            ? timelock
              ? t('governance.you.proposer')
              : t('governance.you.owner')
            : timelock
              ? t('governance.you.notProposer', { account })
              : t('governance.you.notOwner', { account, owner: view.owner })}
          {authority.isGuardian && <> {t('governance.you.guardian')}</>}
        </p>
      )}
    </section>
  );
}
