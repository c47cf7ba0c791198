import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Address } from 'viem';
import { type Connector, useDisconnect } from 'wagmi';
import { DEV_WALLET_ACCOUNTS, type DevRole, devWalletAccount } from '~/lib/dev-wallet';
import type { DevWalletProvider } from '~/lib/dev-wallet-provider';
import { formatAmount, formatUsd, shortAddress } from '~/lib/format';
import { useStablecoinDecimals } from '~/lib/units';
import { useDevWalletBalances } from './dev-wallet-balances';

const ROLES: readonly DevRole[] = ['investor', 'operator', 'governance', 'fresh'];

/**
 * The development wallet while connected: a badge and one sentence that its keys are public, the role switcher (every
 * account by role with its short address and balances) and Disconnect. Picking an account makes the wallet emit
 * `accountsChanged`, which wagmi follows like any wallet's switch; the choice is kept in localStorage.
 */
export function DevWalletMenu({ account, connector }: { account: Address; connector: Connector }) {
  const { t, i18n } = useTranslation();
  const selectId = useId();
  const decimals = useStablecoinDecimals();
  const disconnect = useDisconnect();
  const balances = useDevWalletBalances(account);
  const current = devWalletAccount(account);
  const mine = balances.data?.get(account);
  const eth = (value: bigint) => formatAmount(value, 18, i18n.language, { maximumFractionDigits: 4 });

  async function select(address: string) {
    const provider = (await connector.getProvider()) as DevWalletProvider;
    provider.selectAccount(address);
  }

  return (
    <div className="subcard" data-testid="dev-wallet">
      <p className="wallet-line">
        {connector.icon && <img src={connector.icon} alt="" width={20} height={20} />}
        <strong>{t('devWallet.title')}</strong>
        <span className="badge">{t('devWallet.badge')}</span>
      </p>
      <p className="muted">{t('devWallet.warning')}</p>
      <p className="wallet-line">
        <label htmlFor={selectId}>{t('devWallet.account')}</label>
        <select
          id={selectId}
          value={current?.address ?? account}
          onChange={(event) => void select(event.target.value)}
          data-testid="dev-wallet-account"
        >
          {ROLES.map((role) => (
            <optgroup key={role} label={t(`devWallet.roles.${role}`)}>
              {DEV_WALLET_ACCOUNTS.filter((candidate) => candidate.role === role).map((candidate) => {
                const balance = balances.data?.get(candidate.address);
                const common = { role: t(`devWallet.roles.${role}`), address: shortAddress(candidate.address) };
                return (
                  <option key={candidate.address} value={candidate.address}>
                    {balance
                      ? t('devWallet.option', {
                          ...common,
                          usd: formatUsd(balance.usd, decimals, i18n.language),
                          eth: eth(balance.eth),
                        })
                      : t('devWallet.optionLoading', common)}
                  </option>
                );
              })}
            </optgroup>
          ))}
        </select>
        <button type="button" className="secondary" onClick={() => disconnect.mutate({ connector })}>
          {t('common.disconnect')}
        </button>
      </p>
      <dl>
        <dt>{t('devWallet.role')}</dt>
        <dd data-testid="dev-wallet-role" data-role={current?.role}>
          {current ? t(`devWallet.roles.${current.role}`) : '—'}
        </dd>
        <dt>{t('common.account')}</dt>
        <dd>
          <code title={account} data-testid="dev-wallet-address">
            {shortAddress(account)}
          </code>
        </dd>
        <dt>{t('devWallet.balances')}</dt>
        <dd>
          <span data-testid="dev-wallet-usd" data-value={mine?.usd.toString()}>
            {mine ? formatUsd(mine.usd, decimals, i18n.language) : '…'}
          </span>
          {' · '}
          <span data-testid="dev-wallet-eth" data-value={mine?.eth.toString()}>
            {mine ? `${eth(mine.eth)} ETH` : '…'}
          </span>
        </dd>
      </dl>
    </div>
  );
}
