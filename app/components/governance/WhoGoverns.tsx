/**
 * Who governs the registry and what the connected wallet may do about it: the owner (a TimelockController with its
 * delay and role holders, or an account), the guardian, and in words why the wallet's buttons are disabled.
 */
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import type { GovernanceView } from '~/models/governance.server';
import { durationText } from './duration';
import type { Authority } from './use-governance';

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
}: {
  view: GovernanceView;
  account: Address | undefined;
  authority: Authority;
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
        <dd>
          {view.guardian ? (
            <>
              <code data-testid="governance-guardian">{view.guardian}</code> ({t('governance.who.guardianRole')})
            </>
          ) : (
            t('governance.who.guardianNone')
          )}
        </dd>
      </dl>
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
